"""ScoreGate mock scoring platform: published scorecards, request validation and injectable defects."""
