"""An external scoring service as the target: copy this file per environment and adapt the values.

Usage: ``SCORING_API_TOKEN=... robot -V variables/external_example.py suites``. Each value can also come from
the environment variable of the same name. The API token is read from ``SCORING_API_TOKEN`` only, never from
a file or the command line, so it stays out of shell history and of the results (it is masked in every log).
An admin token, when the service protects ``/__admin``, comes from ``SCORING_ADMIN_TOKEN``.

``SCORING_DB_PATH`` names a readable copy or replica of the service's SQLite database; leave it empty and
the database checks are skipped with a reason.
"""

import os

SCORING_BASE_URL = os.environ.get("SCORING_BASE_URL", "https://scoring.test.example.com")
SCORING_WSDL_URL = os.environ.get("SCORING_WSDL_URL", f"{SCORING_BASE_URL}/soap/realtime-scoring?wsdl")
SCORING_DB_PATH = os.environ.get("SCORING_DB_PATH", "")
MODEL_CODE = os.environ.get("SCORING_MODEL_CODE", "credit_risk_v1")
CHALLENGER_MODEL_CODE = os.environ.get("SCORING_CHALLENGER_MODEL_CODE", "credit_risk_v2")
REQUEST_TIMEOUT = os.environ.get("SCORING_REQUEST_TIMEOUT", "10")
