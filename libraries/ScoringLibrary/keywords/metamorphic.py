"""Metamorphic keywords: monotonicity, invariance and dominance of the scoring model."""

from __future__ import annotations

from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.metamorphic import (
    OUTCOME_FIELDS,
    dominance_chain,
    dominance_problems,
    dominating_applicant,
    field_variants,
    invariance_variants,
    monotonic_variants,
    monotonicity_breaks,
    outcome_differences,
    pairwise_dominance_problems,
    repeat_variants,
    reversed_key_order,
)
from ..core.values import as_body


class MetamorphicKeywords(LibraryComponent):
    @keyword("Build Monotonic Variants", tags=("Metamorphic",))
    def build_monotonic_variants(self, applicant: dict, field: str, values: list) -> list[dict]:
        """Returns copies of the applicant differing only in ``field``, one per value, each with a fresh transactionId.

        | =Arguments= | =Description= |
        | ``applicant`` | The base request. |
        | ``field`` | The field to vary (``monthlyIncome``, ``existingDebt``, ...). |
        | ``values`` | The values, as numbers. |

        Transaction ids get the suffixes ``-M1``, ``-M2``, ... (shortened to stay within 64 characters).

        Example:
        | ${variants} = | Build Monotonic Variants | ${applicant} | monthlyIncome | ${{[1500, 4000, 12000]}} |
        """
        try:
            return monotonic_variants(applicant, field, values)
        except (KeyError, ValueError) as error:
            self.fail(str(error.args[0]))

    def _monotone(self, variants: list, responses: list, field: str, direction: int) -> None:
        try:
            breaks = monotonicity_breaks(variants, responses, field, direction)
        except (KeyError, ValueError) as error:
            self.fail(str(error.args[0]))
        bodies = [as_body(r) for r in responses]
        self.log_table(
            ("transactionId", field, "score", "decision"),
            (
                [v.get("transactionId"), v.get(field), b.get("score"), b.get("decision")]
                for v, b in zip(variants, bodies, strict=True)
            ),
            f"Scores by {field}",
        )
        if breaks:
            wanted = "non-decreasing" if direction > 0 else "non-increasing"
            self.fail(f"Scores are not {wanted} in {field}: {'; '.join(breaks)}")

    @keyword("Scores Should Be Non-Decreasing", tags=("Metamorphic", "Assertion"))
    def scores_should_be_non_decreasing(self, variants: list, responses: list, field: str) -> None:
        """Fails when a larger ``field`` value gets a lower score; names the pair (values, transaction ids, scores).

        | =Arguments= | =Description= |
        | ``variants`` | The requests from `Build Monotonic Variants`. |
        | ``responses`` | Their responses in the same order (dictionaries, JSON strings or ``requests`` responses). |
        | ``field`` | The varied field. |

        Variants are ordered by the field's value and each neighbouring pair is checked.

        Example:
        | ${variants} = | Build Monotonic Variants | ${applicant} | monthlyIncome | ${incomes} |
        | ${responses} = | Score Each Applicant | ${variants} |
        | Scores Should Be Non-Decreasing | ${variants} | ${responses} | monthlyIncome |
        """
        self._monotone(variants, responses, field, 1)

    @keyword("Scores Should Be Non-Increasing", tags=("Metamorphic", "Assertion"))
    def scores_should_be_non_increasing(self, variants: list, responses: list, field: str) -> None:
        """Fails when a larger ``field`` value gets a higher score; names the pair (values, transaction ids, scores).

        Arguments as in `Scores Should Be Non-Decreasing`.

        Example:
        | ${variants} = | Build Monotonic Variants | ${applicant} | existingDebt | ${{[0, 5000, 20000, 60000]}} |
        | ${responses} = | Score Each Applicant | ${variants} |
        | Scores Should Be Non-Increasing | ${variants} | ${responses} | existingDebt |
        """
        self._monotone(variants, responses, field, -1)

    @keyword("Build Invariance Variants", tags=("Metamorphic",))
    def build_invariance_variants(self, applicant: dict) -> list[dict]:
        """Returns variants of the applicant that must get the same outcome.

        One with only a new transactionId, one with a new applicantId, one per other channel and
        one with the keys in reverse order; each has a fresh transactionId (``-INV-...``) so none
        is an idempotent replay.

        Example:
        | ${variants} = | Build Invariance Variants | ${applicant} |
        | ${responses} = | Score Each Applicant | ${{[$applicant, *$variants]}} |
        | Outcomes Should Be Identical | ${responses} |
        """
        return invariance_variants(applicant)

    @keyword("Outcomes Should Be Identical", tags=("Metamorphic", "Assertion"))
    def outcomes_should_be_identical(self, responses: list, fields: str = ",".join(OUTCOME_FIELDS)) -> None:
        """Fails when any response differs from the first in one of ``fields``; names the response and the field.

        | =Arguments= | =Description= |
        | ``responses`` | Two or more responses (dictionaries, JSON strings or ``requests`` responses). |
        | ``fields`` | Comma-separated fields; reason codes compare as ordered code lists. |

        Example:
        | Outcomes Should Be Identical | ${responses} |
        | Outcomes Should Be Identical | ${responses} | fields=score,decision |
        """
        try:
            problems = outcome_differences(responses, self.split_list(fields))
        except ValueError as error:
            self.fail(str(error))
        if problems:
            self.fail(
                f"Outcomes differ in {len(problems)} place{'s' if len(problems) > 1 else ''}: {'; '.join(problems)}"
            )

    @keyword("Build Dominating Applicant", tags=("Metamorphic",))
    def build_dominating_applicant(self, applicant: dict) -> dict:
        """Returns an applicant at least as good on every monotone characteristic, with a fresh transactionId.

        Income up by 25% (at least 500), existing debt halved, requested amount down by 20%
        (at least 100), credit history 24 months longer (as far as the age allows); age,
        employment status and channel unchanged.

        Example:
        | ${better} = | Build Dominating Applicant | ${applicant} |
        """
        return dominating_applicant(applicant)

    @keyword("Dominance Should Hold", tags=("Metamorphic", "Assertion"))
    def dominance_should_hold(self, base_response: dict | str, dominating_response: dict | str) -> None:
        """Fails when the dominating applicant scores lower or gets a worse decision (an approved base stays approved).

        Decisions rank APPROVE > REFER > DECLINE.

        Example:
        | ${better} = | Build Dominating Applicant | ${applicant} |
        | ${base} = | POST On Session | mock | /api/v1/score | json=${applicant} |
        | ${dominating} = | POST On Session | mock | /api/v1/score | json=${better} |
        | Dominance Should Hold | ${base.json()} | ${dominating.json()} |
        """
        problems = dominance_problems(base_response, dominating_response)
        if problems:
            self.fail("Dominance broken: " + "; ".join(problems))

    @keyword("Build Dominating Applicants", tags=("Metamorphic",))
    def build_dominating_applicants(self, applicants: list[dict]) -> list[dict]:
        """Returns one dominating applicant per applicant, in order, as `Build Dominating Applicant` builds it.

        Example:
        | ${better} = | Build Dominating Applicants | ${applicants} |
        """
        try:
            return [dominating_applicant(applicant) for applicant in applicants]
        except (KeyError, TypeError, ValueError) as error:
            self.fail(f"Cannot build a dominating applicant: {error}")

    @keyword("Build Dominance Chain", tags=("Metamorphic",))
    def build_dominance_chain(self, applicant: dict, steps: int = 4) -> list[dict]:
        """Returns ``applicant`` followed by ``steps`` applicants, each dominating the one before it.

        Each step is built as by `Build Dominating Applicant`; transaction ids get ``-CHAIN1``, ``-CHAIN2``, ...

        Example:
        | ${chain} = | Build Dominance Chain | ${applicant} | steps=4 |
        | ${bodies} = | Score Variants Via REST | ${chain} |
        | Dominance Should Hold For Each Pair | ${bodies}[:-1] | ${bodies}[1:] |
        """
        try:
            return dominance_chain(applicant, steps)
        except (KeyError, TypeError, ValueError) as error:
            self.fail(f"Cannot build a dominance chain: {error}")

    @keyword("Dominance Should Hold For Each Pair", tags=("Metamorphic", "Assertion"))
    def dominance_should_hold_for_each_pair(self, base_responses: list, dominating_responses: list) -> None:
        """Fails when any dominating applicant scores lower or gets a worse decision than its base; names every pair.

        | =Arguments= | =Description= |
        | ``base_responses`` | The responses of the base applicants. |
        | ``dominating_responses`` | The responses of their dominating applicants, in the same order. |

        Each pair is checked as by `Dominance Should Hold`; the failure names every broken pair
        (``pair 2: dominating applicant TX-DOM scored 610, below 640 of TX``).

        Example:
        | Dominance Should Hold For Each Pair | ${base_bodies} | ${better_bodies} |
        """
        try:
            problems = pairwise_dominance_problems(base_responses, dominating_responses)
        except ValueError as error:
            self.fail(str(error))
        if problems:
            self.fail(f"Dominance broken ({len(base_responses)} pairs checked): {'; '.join(problems)}")
        self.info(f"Dominance holds for all {len(base_responses)} pairs")

    @keyword("Build Field Variants", tags=("Metamorphic",))
    def build_field_variants(self, applicant: dict, field: str, values: list) -> list[dict]:
        """Returns one copy of the applicant per value of ``field``, each with a fresh transactionId (``-F<n>``).

        Values are used as given (``<missing>`` removes the field, as in `Applicant With Field`).

        Example:
        | ${variants} = | Build Field Variants | ${applicant} | channel | ${{["web", "mobile", "broker"]}} |
        """
        return field_variants(applicant, field, values)

    @keyword("Build Repeat Variants", tags=("Metamorphic",))
    def build_repeat_variants(self, applicant: dict, times: int = 10) -> list[dict]:
        """Returns ``times`` copies of the applicant that differ only in their transactionIds (``-R1``, ``-R2``, ...).

        Example:
        | ${calls} = | Build Repeat Variants | ${applicant} | 10 |
        """
        return repeat_variants(applicant, times)

    @keyword("Applicant With Reversed Key Order", tags=("Metamorphic",))
    def applicant_with_reversed_key_order(self, applicant: dict) -> dict:
        """Returns a copy of the applicant with its keys in reverse order (same transactionId).

        Example:
        | ${reversed} = | Applicant With Reversed Key Order | ${applicant} |
        """
        return reversed_key_order(applicant)
