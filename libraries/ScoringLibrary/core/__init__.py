"""Pure Python checks behind ScoringLibrary: no Robot Framework imports below this package."""
