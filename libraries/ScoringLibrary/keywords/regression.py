"""Regression keywords: results against an approved baseline, and recording candidate baselines."""

from __future__ import annotations

from pathlib import Path

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.baseline_files import open_records, write_candidate
from ..core.comparator import ComparisonResult, compare_results
from ..core.run_metrics import metric_message

SUMMARY_FIELDS = (
    "total",
    "actual_records",
    "compared",
    "matched",
    "within_tolerance",
    "beyond_tolerance",
    "decision_flips",
    "reason_code_changes",
    "missing",
    "unexpected",
    "duplicates",
)
METRIC_FIELDS = (*SUMMARY_FIELDS, "unkeyed", "failed", "passed", "key")


class RegressionKeywords(LibraryComponent):
    def _compare(
        self,
        actual: list | str,
        baseline: list | str,
        tolerances: tuple[str, ...],
        key: str,
        fields: str | None,
        keyword_name: str,
    ) -> ComparisonResult:
        try:
            result = compare_results(
                actual,
                baseline,
                tolerances,
                key=key,
                fields=self.split_list(fields) or None,
                max_examples=self.library.max_examples,
            )
        except (ValueError, FileNotFoundError, TypeError) as error:
            self.fail(str(error))
        self._log(result)
        self._record(result, keyword_name)
        return result

    def _record(self, result: ComparisonResult, keyword_name: str) -> None:
        """Log the comparison's figures as a ``ScoreGate metric`` message (kind ``regression``)."""
        summary = result.as_dict()
        figures = {name: summary[name] for name in METRIC_FIELDS}
        figures["tolerances"] = summary["tolerances"]
        figures["keyword"] = keyword_name
        figures["check"] = keyword_name == "Results Should Match Baseline"
        self.info(metric_message("regression", figures))

    def _log(self, result: ComparisonResult) -> None:
        summary = result.as_dict()
        rows = [(name, summary[name]) for name in SUMMARY_FIELDS]
        rows.append(("tolerances", ", ".join(f"{k}={v}" for k, v in summary["tolerances"].items()) or "exact"))
        rows.append(("compared fields", ", ".join(summary["fields"])))
        if summary["decision_flip_counts"]:
            rows.append(("decision flips", ", ".join(f"{k}: {v}" for k, v in summary["decision_flip_counts"].items())))
        self.log_summary(rows, "Comparison with the baseline")
        if result.examples:
            self.log_table(
                ("key", "field", "kind", "expected", "actual", "rule"),
                ([d.key, d.field, d.kind, d.expected, d.actual, d.rule] for d in result.examples),
                f"First {len(result.examples)} differences",
            )
        for label, ids in (("missing", result.missing_ids), ("unexpected", result.unexpected_ids)):
            if ids:
                self.info(f"First {label} records: {', '.join(ids)}")

    @keyword("Compare Results With Baseline", tags=("Regression",))
    def compare_results_with_baseline(
        self,
        actual: list | str,
        baseline: list | str,
        *tolerances: str,
        key: str = "transactionId",
        fields: str | None = None,
    ) -> dict:
        """Compares results with a baseline record by record and returns the summary; never fails on differences.

        | =Arguments= | =Description= |
        | ``actual`` | The results: a list of dictionaries, or the path of a JSON, CSV or NDJSON file. |
        | ``baseline`` | The baseline, in the same forms. |
        | ``*tolerances`` | ``field=abs:T`` or ``field=rel:T`` per numeric field (see `Tolerances`). |
        | ``key`` | The field pairing records (``transactionId``). |
        | ``fields`` | Comma-separated fields to compare instead of the default ones. |

        A JSON baseline is a list of records or ``{"model", "approvedBy", "records": [...]}``. By default
        the fields ``score, decision, riskBand, probabilityOfDefault, reasonCodes`` that the baseline
        has are compared, plus every field named in a tolerance.

        The returned dictionary has ``total`` (baseline records), ``actual_records``, ``compared``,
        ``matched``, ``within_tolerance``, ``beyond_tolerance``, ``decision_flips``,
        ``reason_code_changes``, ``missing``, ``unexpected``, ``duplicates``, ``failed``, ``passed``,
        ``decision_flip_counts`` (like ``APPROVE->DECLINE: 3``), the first ``missing_ids`` /
        ``unexpected_ids`` and ``examples`` (the first differences, with expected and actual values).
        The summary and the examples are logged as tables; the records themselves never are,
        so pass file paths for large result sets. The counts are also logged as one
        ``ScoreGate metric: {"kind": "regression", ...}`` message that release gates read from output.xml.

        Example:
        | ${summary} = | Compare Results With Baseline | ${results} | ${BASELINE} | probabilityOfDefault=abs:0.000001 |
        | Should Be Equal As Integers | ${summary}[decision_flips] | 0 |
        | ${summary} = | Compare Results With Baseline | ${OUTPUT_DIR}/batch.csv | ${BASELINE_CSV} | score=abs:1 |
        """
        return self._compare(actual, baseline, tolerances, key, fields, "Compare Results With Baseline").as_dict()

    @keyword("Results Should Match Baseline", tags=("Regression", "Assertion"))
    def results_should_match_baseline(
        self,
        actual: list | str,
        baseline: list | str,
        *tolerances: str,
        key: str = "transactionId",
        fields: str | None = None,
    ) -> dict:
        """Fails on any difference beyond tolerance, decision flip, reason-code change, missing or unexpected record.

        Arguments as in `Compare Results With Baseline`; returns the same summary when it passes.
        Differences within tolerance pass. The counts are logged as a ``ScoreGate metric`` message as in
        `Compare Results With Baseline`, with ``"check": true``. The failure names the counts and the first records
        with expected and actual values, like
        ``Results differ from the baseline: 1 decision flip, 1 missing (baseline 250 records, actual 249,
        compared 249): TX-7 decision expected APPROVE actual REFER; missing TX-9``.

        Example:
        | Results Should Match Baseline | ${results} | ${BASELINE} | probabilityOfDefault=abs:0.000001 |
        | Results Should Match Baseline | ${OUTPUT_DIR}/results.ndjson | ${BASELINE_CSV} | key=transactionId |
        """
        result = self._compare(actual, baseline, tolerances, key, fields, "Results Should Match Baseline")
        if not result.passed:
            self.fail(result.failure_message())
        self.info(f"{result.compared} records match the baseline ({result.within_tolerance} within tolerance)")
        return result.as_dict()

    @keyword("Record Baseline", tags=("Regression",))
    def record_baseline(self, results: list | str, path: str, approved_by: str | None = None) -> str:
        """Writes results as a candidate baseline and returns the written path; never overwrites an approved baseline.

        | =Arguments= | =Description= |
        | ``results`` | A list of result dictionaries, or a JSON, CSV or NDJSON file of them. |
        | ``path`` | Where the baseline lives; the format follows the extension (``.json``, ``.csv``, ``.ndjson``). |
        | ``approved_by`` | Stored as ``approvedBy`` in a JSON baseline (the reviewer who will approve it). |

        When ``path`` is free the file is written there; when a baseline already exists there,
        the results go to ``<stem>.candidate<ext>`` next to it, for a reviewer to compare and
        promote. An existing candidate file is replaced. ``scoredAt`` and ``correlationId``
        are left out (they change on every run); reason codes are stored as plain codes.
        A JSON baseline is ``{"model", "status": "candidate", "approvedBy", "recordedAt", "records"}``.

        Example:
        | ${written} = | Record Baseline | ${results} | ${CURDIR}/baselines/credit_risk_v1.json |
        | Log | Review ${written} and rename it over the approved baseline |
        | ${written} = | Record Baseline | ${OUTPUT_DIR}/batch.csv | ${BASELINE_CSV} | approved_by=qa-lead |
        """
        source = open_records(results, "results")
        written = write_candidate(source.records(), Path(path), approved_by)
        if written != Path(path):
            self.info(f"{path} exists: the results were written to {written} as a candidate")
        self.info(f"Recorded candidate baseline {written}")
        return str(written)
