"""The default target, written out: the embedded mock that ``suites/__init__.robot`` starts for the run.

Equivalent to running without ``-V``. Usage: ``robot -V variables/local.py suites``. The mock gets a random
per-run token and its own temporary SQLite database; ``MOCK_DEFECT`` activates a defect for the whole run.
"""

SCORING_BASE_URL = ""
SCORING_WSDL_URL = ""
SCORING_DB_PATH = ""
MOCK_DEFECT = ""
MODEL_CODE = "credit_risk_v1"
CHALLENGER_MODEL_CODE = "credit_risk_v2"
