"""Parity keywords: values of a field over many records, copies of applicants for another channel, outcome
coverage and stored values compared with what the API showed."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.http_checks import listed
from ..core.parity import channel_copies, coverage_problems, outcome_counts, stored_value_problems, values_of_field

MAX_LISTED = 10


class ParityKeywords(LibraryComponent):
    @keyword("Collect Field Values", tags=("Parity",))
    def collect_field_values(self, items: list, field: str) -> list:
        """Returns the value of ``field`` of every dictionary in ``items``, in order.

        Fails naming every item (by transactionId, else position) that has no ``field``.

        Example:
        | ${ids} = | Collect Field Values | ${results} | transactionId |
        """
        try:
            return values_of_field(items, field)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Applicant Copies For Channel", tags=("Parity",))
    def applicant_copies_for_channel(self, applicants: list[dict], suffix: str, model_code: str = "") -> list[dict]:
        """Returns a copy of each applicant with ``suffix`` appended to its transactionId (same scored fields).

        With ``model_code`` every copy names that model (``modelCode``); without it the copies keep the
        applicants' own ``modelCode``, if any.

        Example:
        | ${soap_applicants} = | Applicant Copies For Channel | ${applicants} | -S |
        | ${copies} = | Applicant Copies For Channel | ${applicants} | ${EMPTY} | model_code=credit_risk_v2 |
        """
        return channel_copies(applicants, suffix, model_code)

    @keyword("Responses Should Cover Outcomes", tags=("Parity", "Assertion"))
    def responses_should_cover_outcomes(
        self,
        bodies: list[dict],
        decisions: str | list[str] = "APPROVE,REFER,DECLINE",
        policy_rules: str | list[str] = "P01,P02",
    ) -> None:
        """Fails unless ``bodies`` hold every decision of ``decisions`` and every policy rule of ``policy_rules``.

        Keeps a comparison from passing on outcomes it never exercised. The failure names every missing
        outcome and what the bodies held, e.g.
        ``The 25 responses hold no REFER decision, no P02 policy decline (decisions: APPROVE 15, DECLINE 10; ...)``.

        Example:
        | Responses Should Cover Outcomes | ${rest_bodies} |
        | Responses Should Cover Outcomes | ${bodies} | decisions=APPROVE,DECLINE | policy_rules=${EMPTY} |
        """
        missing = coverage_problems(bodies, self.split_list(decisions), self.split_list(policy_rules))
        if missing:
            held = (
                f"decisions: {outcome_counts(bodies, 'decision')}; policy rules: {outcome_counts(bodies, 'policyRule')}"
            )
            self.fail(f"The {len(bodies)} responses hold {', '.join(missing)} ({held})")
        self.info(f"The {len(bodies)} responses cover every wanted outcome")

    @keyword("Stored Values Should Equal", tags=("Parity", "Assertion"))
    def stored_values_should_equal(
        self, where: str, stored: Mapping[str, Any], shown: Mapping[str, Any], **columns: str
    ) -> None:
        """Fails unless each stored ``column`` equals the ``field`` the API showed; names every differing column.

        | =Arguments= | =Description= |
        | ``where`` | The row, as failures name it: ``reviews[CASE-1]``. |
        | ``stored`` | The database row (a dictionary). |
        | ``shown`` | The API body (a dictionary). |
        | ``**columns`` | ``column=field`` pairs: the stored column and the API field it must equal. |

        Numbers compare by value (``712`` equals ``712.0``); None equals None only. The failure reads
        ``reviews[CASE-1].status: the API shows APPROVED, the database holds PENDING; ...``.

        Example:
        | Stored Values Should Equal | reviews[${id}] | ${row} | ${case} | status=status | batch_id=batchId |
        """
        if not columns:
            self.fail("Name at least one column=field pair to compare")
        problems = stored_value_problems(where, stored, shown, columns)
        if problems:
            self.fail(listed(problems, MAX_LISTED))
