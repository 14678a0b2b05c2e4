"""Requests the load scenarios send and the checks on what comes back, for the ScoreGate locustfiles.

Standalone on purpose (standard library only, no relative imports): the locustfiles run in their own
Locust process and import this module by path, without loading ScoringLibrary or Robot Framework.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Mapping
from typing import Any
from xml.sax.saxutils import escape

SCORE_PATH = "/api/v1/score"
SOAP_PATH = "/soap/realtime-scoring"
BATCH_PATH = "/api/v1/batch-scoring"
SOAP_NAMESPACE = "http://scoregate.example.com/scoring/v1"
SOAP_ENVELOPE_NAMESPACE = "http://schemas.xmlsoap.org/soap/envelope/"
SOAP_ACTION = f"{SOAP_NAMESPACE}/ScoreApplicant"
SOAP_HEADERS = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{SOAP_ACTION}"', "Accept": "text/xml"}
DECISIONS = frozenset({"APPROVE", "REFER", "DECLINE"})
EMPLOYMENT_STATUSES = ("full_time", "part_time", "self_employed", "retired", "student", "unemployed")
CHANNELS = ("web", "mobile", "branch", "broker", "partner_api")
MONTHLY_INCOMES = (0, 1_200, 2_400, 3_800, 5_200, 7_500, 11_000, 18_000)
FIELD_ORDER = (
    "transactionId",
    "applicantId",
    "age",
    "monthlyIncome",
    "employmentStatus",
    "requestedAmount",
    "existingDebt",
    "creditHistoryMonths",
    "channel",
    "modelCode",
)
_SOAP_SCORE = re.compile(r"<(?:\w+:)?score>\s*(\d+)\s*</(?:\w+:)?score>")
_SOAP_DECISION = re.compile(r"<(?:\w+:)?decision>\s*(\w+)\s*</(?:\w+:)?decision>")
_SOAP_FAULT = re.compile(r"<(?:\w+:)?Fault[\s>]")
_SOAP_FAULT_CODE = re.compile(r"<faultcode>\s*([^<]*?)\s*</faultcode>")


def new_run_tag() -> str:
    """Eight upper-case hex characters, unique per Locust process: keeps transactionIds apart across workers."""
    return secrets.token_hex(4).upper()


def score_request(index: int, tag: str) -> dict[str, Any]:
    """A synthetic realtime request, different for each ``index``, covering APPROVE, REFER and DECLINE.

    ``transactionId`` is ``LD<tag>-<index>``, ``applicantId`` ``SYN-LD<tag><index>`` (synthetic only).
    """
    income = MONTHLY_INCOMES[index % len(MONTHLY_INCOMES)]
    age = 19 + (index * 7) % 62
    return {
        "transactionId": f"LD{tag}-{index:09d}",
        "applicantId": f"SYN-LD{tag}{index:09d}",
        "age": age,
        "monthlyIncome": income,
        "employmentStatus": EMPLOYMENT_STATUSES[(index // 3) % len(EMPLOYMENT_STATUSES)],
        "requestedAmount": 1_000 + (index * 997) % 60_000,
        "existingDebt": (index * 613) % 40_000,
        "creditHistoryMonths": min((age - 18) * 12, (index * 11) % 300),
        "channel": CHANNELS[index % len(CHANNELS)],
    }


def batch_body(first_index: int, size: int, tag: str) -> dict[str, list[dict[str, Any]]]:
    """A batch submission of ``size`` requests numbered from ``first_index``."""
    if size < 1:
        raise ValueError(f"batch size must be at least 1, got {size}")
    return {"records": [score_request(first_index + offset, tag) for offset in range(size)]}


def soap_envelope(request: Mapping[str, Any]) -> bytes:
    """The SOAP 1.1 ScoreApplicantRequest envelope of ``request``, elements in the contract's order."""
    fields = "".join(f"<s:{name}>{escape(str(request[name]))}</s:{name}>" for name in FIELD_ORDER if name in request)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soap:Envelope xmlns:soap="{SOAP_ENVELOPE_NAMESPACE}" xmlns:s="{SOAP_NAMESPACE}">'
        f"<soap:Body><s:ScoreApplicantRequest>{fields}</s:ScoreApplicantRequest></soap:Body></soap:Envelope>"
    ).encode()


def _json_object(text: str) -> dict[str, Any] | None:
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _error_code(text: str) -> str:
    body = _json_object(text) or {}
    error = body.get("error")
    return f" {error.get('code')}" if isinstance(error, dict) and error.get("code") else ""


def rest_score_problem(status: int, text: str, transaction_id: str) -> str | None:
    """Why a REST scoring response is a failure (None when it is a valid decision for ``transaction_id``)."""
    if status != 200:
        return f"POST {SCORE_PATH}: expected 200, got {status}{_error_code(text)}"
    body = _json_object(text)
    if body is None:
        return f"POST {SCORE_PATH}: expected a JSON object, got {text[:40]!r}"
    score = body.get("score")
    if not isinstance(score, int) or isinstance(score, bool) or not 300 <= score <= 850:
        return f"POST {SCORE_PATH}: expected an integer score in 300..850, got {score!r}"
    if body.get("decision") not in DECISIONS:
        return f"POST {SCORE_PATH}: expected decision APPROVE, REFER or DECLINE, got {body.get('decision')!r}"
    if body.get("transactionId") != transaction_id:
        return f"POST {SCORE_PATH}: expected transactionId {transaction_id}, got {body.get('transactionId')!r}"
    return None


def soap_score_problem(status: int, text: str) -> str | None:
    """Why a SOAP ScoreApplicant response is a failure (None for a response with a score and a decision)."""
    if _SOAP_FAULT.search(text):
        code = _SOAP_FAULT_CODE.search(text)
        return f"ScoreApplicant: expected a response, got a SOAP Fault {code.group(1) if code else ''} (HTTP {status})"
    if status != 200:
        return f"ScoreApplicant: expected HTTP 200, got {status}"
    score = _SOAP_SCORE.search(text)
    if score is None or not 300 <= int(score.group(1)) <= 850:
        return f"ScoreApplicant: expected a <score> in 300..850, got {score.group(1) if score else 'none'}"
    decision = _SOAP_DECISION.search(text)
    if decision is None or decision.group(1) not in DECISIONS:
        found = decision.group(1) if decision else "none"
        return f"ScoreApplicant: expected a <decision> APPROVE, REFER or DECLINE, got {found}"
    return None


def batch_submit_problem(status: int, text: str) -> tuple[str | None, str | None]:
    """``(batchId, None)`` for an accepted batch (202 with a batchId), else ``(None, problem)``."""
    if status != 202:
        return None, f"POST {BATCH_PATH}: expected 202, got {status}{_error_code(text)}"
    body = _json_object(text) or {}
    batch_id = body.get("batchId")
    if not isinstance(batch_id, str) or not batch_id:
        return None, f"POST {BATCH_PATH}: expected a batchId in the 202 body, got {batch_id!r}"
    return batch_id, None


def batch_status_of(status: int, text: str) -> tuple[str | None, str | None]:
    """``(status, None)`` from a batch status response, or ``(None, problem)``."""
    if status != 200:
        return None, f"GET {BATCH_PATH}/{{batchId}}: expected 200, got {status}{_error_code(text)}"
    state = (_json_object(text) or {}).get("status")
    if state not in ("PENDING", "RUNNING", "COMPLETED", "FAILED"):
        return None, f"GET {BATCH_PATH}/{{batchId}}: expected a status PENDING..FAILED, got {state!r}"
    return state, None


def batch_results_problem(status: int, text: str, expected_records: int, page_size: int) -> str | None:
    """Why the first results page of a COMPLETED batch is wrong (None when it holds what was submitted)."""
    where = f"GET {BATCH_PATH}/{{batchId}}/results"
    if status != 200:
        return f"{where}: expected 200, got {status}{_error_code(text)}"
    body = _json_object(text) or {}
    total = body.get("totalRecords")
    if total != expected_records:
        return f"{where}: expected totalRecords {expected_records}, got {total!r}"
    results = body.get("results")
    expected_on_page = min(expected_records, page_size)
    count = len(results) if isinstance(results, list) else None
    if count != expected_on_page:
        return f"{where}: expected {expected_on_page} results on page 1, got {count!r}"
    return None
