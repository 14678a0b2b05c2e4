"""Regression keywords: results against an approved baseline, and recording candidate baselines."""

from __future__ import annotations

from pathlib import Path

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.baseline_files import open_records, write_candidate
from ..core.comparator import ComparisonResult, compare_results
from ..core.records import (
    case_requests,
    csv_problems,
    field_values,
    group_by,
    listed,
    ndjson_records,
    set_case_ids,
    stored_transaction_ids,
)
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

    @keyword("Get Replayable Case Ids", tags=("Regression",))
    def get_replayable_case_ids(self, records: list, key: str = "caseId", inputs: str = "applicant") -> list:
        """Returns the ``key`` of every baseline case; fails naming every case whose inputs store a transactionId.

        | =Arguments= | =Description= |
        | ``records`` | The baseline cases (the ``records`` of an approved baseline). |
        | ``key`` | The field naming a case. |
        | ``inputs`` | The field holding the case's request inputs. |

        A case is replayed with a fresh transactionId on every run, so its stored inputs must not hold
        one. Every case needs ``key`` and ``inputs``. The failure names the offending cases (the first
        ``max_examples``) and how many there are.

        Example:
        | ${case_ids} = | Get Replayable Case Ids | ${baseline}[records] |
        | List Should Not Contain Duplicates | ${case_ids} |
        """
        try:
            case_ids = field_values(records, key)
            field_values(records, inputs)
        except ValueError as error:
            self.fail(f"Baseline cases: {error}")
        stored = stored_transaction_ids(records, key, inputs)
        if stored:
            self.fail(
                f"{len(stored)} of {len(records)} baseline cases store a transactionId in '{inputs}' "
                f"(cases must be replayable with fresh ids): {listed(stored, self.library.max_examples, ', ')}"
            )
        return case_ids

    @keyword("Group Records By Field", tags=("Regression",))
    def group_records_by_field(self, records: list, field: str = "segment") -> dict:
        """Returns ``{value: [records]}`` grouping ``records`` by ``field``; fails naming every record without it.

        | =Arguments= | =Description= |
        | ``records`` | A list of dictionaries (baseline cases, results). |
        | ``field`` | The field to group by. |

        Groups come in the order their first record appears, and records keep their order within a
        group. The groups hold the records themselves, not copies. The group sizes are logged.

        Example:
        | ${groups} = | Group Records By Field | ${baseline}[records] | segment |
        | FOR | ${segment} | ${cases} | IN | &{groups} |
        | | Log | ${segment}: ${{len($cases)}} cases |
        | END |
        """
        try:
            groups = group_by(records, field)
        except ValueError as error:
            self.fail(f"Grouping by {field}: {error}")
        self.info(f"{len(records)} records by {field}: " + ", ".join(f"{k} {len(v)}" for k, v in groups.items()))
        return groups

    @keyword("Build Case Score Requests", tags=("Regression",))
    def build_case_score_requests(
        self, records: list, prefix: str, key: str = "caseId", inputs: str = "applicant"
    ) -> list:
        """Returns a score request per case: a copy of its ``inputs`` with transactionId ``<prefix>-<key>``.

        | =Arguments= | =Description= |
        | ``records`` | The cases: dictionaries with ``key`` and ``inputs``. |
        | ``prefix`` | The transactionId prefix (a fresh one per scoring, from ``New Transaction Id``). |
        | ``key`` | The field naming a case; it ends the transactionId. |
        | ``inputs`` | The field holding the request inputs; the cases are not changed. |

        `Set Case Ids From Transaction Ids` reads the case back from the results.

        Example:
        | ${requests} = | Build Case Score Requests | ${baseline}[records] | ${prefix} |
        | Should Be Equal | ${requests}[0][transactionId] | ${prefix}-${baseline}[records][0][caseId] |
        """
        try:
            return case_requests(records, prefix, key, inputs)
        except ValueError as error:
            self.fail(f"Case score requests: {error}")

    @keyword("Set Case Ids From Transaction Ids", tags=("Regression",))
    def set_case_ids_from_transaction_ids(self, results: list, prefix: str, key: str = "caseId") -> list:
        """Sets ``key`` on each result from its transactionId ``<prefix>-<key>`` and returns the results.

        | =Arguments= | =Description= |
        | ``results`` | Score results of requests from `Build Case Score Requests`; they are changed in place. |
        | ``prefix`` | The prefix the requests were built with. |
        | ``key`` | The field to set. |

        Fails naming every result whose transactionId does not start with ``<prefix>-`` (the first
        ``max_examples``) and how many there are.

        Example:
        | ${results} = | Set Case Ids From Transaction Ids | ${results} | ${prefix} |
        | Results Should Match Baseline | ${results} | ${baseline}[records] | key=caseId |
        """
        problems = set_case_ids(results, prefix, key)
        if problems:
            self.fail(
                f"{len(problems)} of {len(results)} results were not requested with prefix {prefix}: "
                f"{listed(problems, self.library.max_examples)}"
            )
        return results

    @keyword("Parse NDJSON Records", tags=("Regression",))
    def parse_ndjson_records(self, text: str) -> list:
        """Returns the JSON objects of NDJSON text (one a line, blank lines skipped) as a list of dictionaries.

        Fails naming the first line that is not a JSON object.

        Example:
        | ${response} = | GET On Session | mock | /api/v1/batch-scoring/${batch_id}/results | headers=${ndjson} |
        | ${results} = | Parse NDJSON Records | ${response.text} |
        """
        try:
            return ndjson_records(text)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Batch CSV Should Carry Results", tags=("Regression", "Assertion"))
    def batch_csv_should_carry_results(self, csv: str, records: list, results: list, columns: list[str]) -> None:
        """Fails unless a batch's CSV stream has the header ``columns`` and one row per record carrying its result.

        | =Arguments= | =Description= |
        | ``csv`` | The CSV text of the batch results. |
        | ``records`` | The submitted records, in submission order. |
        | ``results`` | The JSON results of the batch, in the same order. |
        | ``columns`` | The contract's columns; they must include ``transactionId`` and ``reasonCodes``. |

        The header must be the columns joined with commas and there must be one data row per record.
        Each row must have one comma-separated cell per column, the transactionId of the record at its
        position and the reason codes of the JSON result joined with ``|`` (empty when none). Every
        differing row is counted; the failure names the first ``max_examples`` by CSV line. Compare the
        values field by field with `Results Should Match Baseline` on the saved CSV file.

        Example:
        | Batch CSV Should Carry Results | ${csv} | ${records} | ${results} | ${CSV_COLUMNS} |
        """
        problems = csv_problems(csv, records, results, columns)
        if problems:
            noun = "problem" if len(problems) == 1 else "problems"
            self.fail(
                f"The CSV results of {len(records)} records have {len(problems)} {noun}: "
                f"{listed(problems, self.library.max_examples)}"
            )
        self.info(f"The CSV stream carries all {len(records)} records in order")
