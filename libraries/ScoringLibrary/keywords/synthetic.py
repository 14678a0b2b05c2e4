"""Synthetic data keywords: applicants per segment, boundary and invalid values, the scorecard oracle."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from requests import Response
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.boundaries import boundary_values, invalid_values, with_field, without_field
from ..core.business_rules import as_datetime, refusals_stating, violations_by_response
from ..core.records import listed
from ..core.scorecard import ScorecardSpec, applicants_around_cutoff, expected_refusals, load_scorecard
from ..core.synthetic import age_grid, generate_applicants
from ..core.values import as_body, reason_code_list

DEFAULT_SPEC = Path(__file__).resolve().parents[3] / "mock" / "models" / "credit_risk_v1.yaml"


class SyntheticDataKeywords(LibraryComponent):
    @property
    def spec(self) -> ScorecardSpec:
        if self.library.scorecard is None:
            if not DEFAULT_SPEC.is_file():
                self.fail(f"No scorecard loaded and no default at {DEFAULT_SPEC}: call Load Scorecard Spec first")
            self.library.scorecard = load_scorecard(DEFAULT_SPEC)
        return self.library.scorecard

    @keyword("Generate Synthetic Applicants", tags=("Synthetic data",))
    def generate_synthetic_applicants(
        self, count: int = 10, segment: str = "prime", seed: int = 1, id_prefix: str = "TX"
    ) -> list[dict]:
        """Returns ``count`` synthetic score requests of a segment; the same seed always gives the same data.

        | =Arguments= | =Description= |
        | ``count`` | How many applicants. |
        | ``segment`` | The population segment (below). |
        | ``seed`` | Seed of the generator. |
        | ``id_prefix`` | Prefix of the transaction ids: ``<id_prefix>-<segment>-<n>`` (``TX-near-prime-000001``). |

        Segments: ``prime``, ``near_prime``, ``thin_file``, ``high_dti``, ``senior``, ``young``,
        ``self_employed`` and ``mixed`` (a random segment per applicant).

        Every request has the contract's fields in the contract's order, values within the
        contract's ranges and typical for the segment, ``applicantId`` ``SYN-...`` and a channel
        varying over ``web``, ``mobile``, ``branch``, ``broker``, ``partner_api``. The platform
        treats a reused transaction id with a different payload as a conflict, so use a
        different ``id_prefix`` for each seed within one database.

        Example:
        | ${applicants} = | Generate Synthetic Applicants | 50 | segment=thin_file | seed=7 |
        | ${mixed} = | Generate Synthetic Applicants | 1000 | segment=mixed | seed=${SEED} | id_prefix=BATCH${SEED} |
        """
        try:
            return generate_applicants(count, segment, seed, id_prefix)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Boundary Values For Field", tags=("Synthetic data",))
    def boundary_values_for_field(self, field: str) -> list[dict]:
        """Returns the boundary values of a request field as ``{"value", "valid", "label"}`` dictionaries.

        | =Arguments= | =Description= |
        | ``field`` | A numeric request field, ``transactionId`` or ``applicantId``. |

        Ranges: ``age`` 18..100 (integer), ``monthlyIncome`` 0..1,000,000, ``requestedAmount``
        100..1,000,000, ``existingDebt`` 0..10,000,000, ``creditHistoryMonths`` 0..960 (integer);
        for ``transactionId`` (8..64) and ``applicantId`` (6..24 after ``SYN-``) the length.

        Labels ``min-1``, ``min``, ``min+1``, ``max-1``, ``max``, ``max+1``; number fields also get
        ``min-0.01``, ``min+0.01``, ``max-0.01``, ``max+0.01``. ``valid`` says whether the
        contract accepts the value.

        Example:
        | ${cases} = | Boundary Values For Field | age |
        | FOR | ${case} | IN | @{cases} |
        | | ${request} = | Applicant With Field | ${applicant} | age | ${case}[value] |
        | END |
        """
        try:
            return boundary_values(field)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Invalid Values For Field", tags=("Synthetic data",))
    def invalid_values_for_field(self, field: str) -> list[dict]:
        """Returns invalid values of a request field as ``{"value", "label", "issue"}`` dictionaries.

        | =Arguments= | =Description= |
        | ``field`` | A numeric field, ``employmentStatus``, ``channel``, ``modelCode`` or an id field. |

        Numeric fields: numeric string, text, null, boolean, NaN, Infinity, negative, far above the
        maximum, and for integer fields a fractional and a whole float (``30.0``); string fields:
        number, null, boolean, empty, wrong case or format. Every list ends with the ``missing``
        case, whose value is the marker ``<missing>`` that `Applicant With Field` turns into
        removing the field. ``issue`` is the contract's validation issue expected for the value
        (``wrong_type``, ``not_finite``, ``out_of_range``, ``invalid_enum``, ``invalid_format``, ``missing``).

        Example:
        | ${cases} = | Invalid Values For Field | monthlyIncome |
        | FOR | ${case} | IN | @{cases} |
        | | ${request} = | Applicant With Field | ${applicant} | monthlyIncome | ${case}[value] |
        | END |
        """
        try:
            return invalid_values(field)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Applicant With Field", tags=("Synthetic data",))
    def applicant_with_field(self, applicant: dict, field: str, value: Any) -> dict:
        """Returns a copy of the applicant with ``field`` set to ``value`` (the marker ``<missing>`` removes it).

        | =Arguments= | =Description= |
        | ``applicant`` | A request dictionary; it is not changed. |
        | ``field`` | The field to set. |
        | ``value`` | Any value, kept as given (use ``${30}`` for a number, ``${None}`` for null). |

        Example:
        | ${older} = | Applicant With Field | ${applicant} | age | ${70} |
        | ${no_income} = | Applicant With Field | ${applicant} | monthlyIncome | ${0} |
        """
        return with_field(applicant, field, value)

    @keyword("Applicant Without Field", tags=("Synthetic data",))
    def applicant_without_field(self, applicant: dict, field: str) -> dict:
        """Returns a copy of the applicant without ``field``; fails if the applicant has no such field.

        Example:
        | ${request} = | Applicant Without Field | ${applicant} | employmentStatus |
        """
        try:
            return without_field(applicant, field)
        except KeyError as error:
            self.fail(str(error.args[0]))

    @keyword("Load Scorecard Spec", tags=("Scorecard",))
    def load_scorecard_spec(self, path: str) -> dict:
        """Loads a published scorecard YAML as the oracle of the scorecard keywords and returns its summary.

        | =Arguments= | =Description= |
        | ``path`` | The YAML file, like ``mock/models/credit_risk_v1.yaml``. |

        The YAML keys: ``modelCode``, ``modelVersion``, ``basePoints``, ``scoreRange``, ``cutoffs``,
        ``riskBands``, ``probabilityOfDefault``, ``policyRules`` and ``characteristics`` with ``bins``
        (``min``, ``max``, ``points``) or ``categories``.

        Without this keyword the oracle uses ``mock/models/credit_risk_v1.yaml`` of the repository.

        Example:
        | ${spec} = | Load Scorecard Spec | ${ROOT}/mock/models/credit_risk_v2.yaml |
        | Should Be Equal | ${spec}[modelVersion] | 2.0.0 |
        """
        try:
            spec = load_scorecard(path)
        except (OSError, ValueError, KeyError) as error:
            self.fail(f"Scorecard {path}: {error}")
        self.library.scorecard = spec
        return {
            "modelCode": spec.model_code,
            "modelVersion": spec.model_version,
            "champion": spec.champion,
            "basePoints": spec.base_points,
            "approveCutoff": spec.rules.approve_cutoff,
            "referCutoff": spec.rules.refer_cutoff,
            "characteristics": [c.name for c in spec.characteristics],
        }

    @keyword("Expected Score For Applicant", tags=("Scorecard",))
    def expected_score_for_applicant(self, applicant: dict) -> int:
        """Returns the score the published scorecard gives the applicant, computed independently of the service.

        Example:
        | ${expected} = | Expected Score For Applicant | ${applicant} |
        | Should Be Equal As Integers | ${response.json()}[score] | ${expected} |
        """
        return self._evaluate(applicant)["score"]

    @keyword("Expected Outcome For Applicant", tags=("Scorecard",))
    def expected_outcome_for_applicant(self, applicant: dict) -> dict:
        """Returns the outcome the published scorecard gives the applicant.

        Keys: ``score``, ``decision``, ``riskBand``, ``probabilityOfDefault``, ``reasonCodes``
        (codes in order), ``policyRule`` and ``points`` (per characteristic).

        Example:
        | ${expected} = | Expected Outcome For Applicant | ${applicant} |
        | Should Be Equal | ${response.json()}[decision] | ${expected}[decision] |
        """
        return self._evaluate(applicant)

    def _evaluate(self, applicant: dict) -> dict:
        try:
            return self.spec.evaluate(applicant).as_dict()
        except (KeyError, ValueError, TypeError) as error:
            self.fail(
                f"Cannot score {applicant.get('transactionId', 'applicant')} with {self.spec.model_code}: {error}"
            )

    @keyword("Score Response Should Match Scorecard", tags=("Scorecard", "Assertion"))
    def score_response_should_match_scorecard(self, applicant: dict, response: dict | str | Response) -> None:
        """Fails unless score, decision, risk band, PD, reason codes (in order) and policy rule equal the oracle's.

        | =Arguments= | =Description= |
        | ``applicant`` | The request that was scored. |
        | ``response`` | The score response (dictionary, JSON string or ``requests`` response). |

        Example:
        | ${response} = | POST On Session | mock | /api/v1/score | json=${applicant} |
        | Score Response Should Match Scorecard | ${applicant} | ${response} |
        """
        body = as_body(response)
        expected = self._evaluate(applicant)
        problems = []
        for field in ("score", "decision", "riskBand", "probabilityOfDefault", "policyRule"):
            if body.get(field) != expected[field]:
                problems.append(f"{field} expected {expected[field]!r} got {body.get(field)!r}")
        try:
            codes = reason_code_list(body.get("reasonCodes"))
        except ValueError as error:
            codes = [f"unreadable: {error}"]
        if codes != expected["reasonCodes"]:
            problems.append(
                f"reasonCodes expected {'|'.join(expected['reasonCodes']) or 'none'} got {'|'.join(codes) or 'none'}"
            )
        if problems:
            where = applicant.get("transactionId", "applicant")
            self.fail(f"{where} differs from {self.spec.model_code} {self.spec.model_version}: {'; '.join(problems)}")

    @keyword("Applicants Around Cutoff", tags=("Scorecard", "Synthetic data"))
    def applicants_around_cutoff(
        self, cutoff: int = 680, seed: int = 1, id_prefix: str = "TX", per_score: int = 1
    ) -> list[dict]:
        """Returns applicants whose expected scores sit just below, at and just above a cutoff.

        | =Arguments= | =Description= |
        | ``cutoff`` | The cutoff score (680 approve, 600 refer). |
        | ``seed`` | Seed of the search. |
        | ``id_prefix`` | Prefix of the transaction ids. |
        | ``per_score`` | Applicants per target score. |

        Each item is ``{"applicant", "expectedScore", "expectedDecision", "label"}`` with ``label``
        ``below``, ``at`` or ``above``. The targets are the closest scores the scorecard can give:
        ``cutoff - 1``, ``cutoff`` and ``cutoff + 1`` when reachable; with the published points
        (multiples of 5 on a base of 350) that is 675, 680 and 685. No policy rule applies to them.

        Example:
        | ${cases} = | Applicants Around Cutoff | cutoff=680 | seed=3 |
        | FOR | ${case} | IN | @{cases} |
        | | ${response} = | POST On Session | mock | /api/v1/score | json=${case}[applicant] |
        | | Should Be Equal | ${response.json()}[decision] | ${case}[expectedDecision] |
        | END |
        """
        try:
            return applicants_around_cutoff(self.spec, cutoff, seed, id_prefix, per_score)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Age Grid Applicants", tags=("Synthetic data",))
    def age_grid_applicants(self, profiles: dict, prefix: str, youngest: int = 18, oldest: int = 100) -> list[dict]:
        """Returns every profile at every age ``youngest..oldest``, otherwise unchanged, with transactionIds.

        | =Arguments= | =Description= |
        | ``profiles`` | ``{name: applicant}``; the applicants are not changed. |
        | ``prefix`` | The transactionId prefix: ids are ``<prefix>-<name>-<age>``. |
        | ``youngest`` / ``oldest`` | The ages, both included. |

        The applicants come profile by profile, each in age order, with the profile's field order.

        Example:
        | ${applicants} = | Age Grid Applicants | ${profiles} | ${prefix} |
        | Should Be Equal | ${applicants}[0][transactionId] | ${prefix}-reference-18 |
        """
        try:
            return age_grid(profiles, prefix, youngest, oldest)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Expected Refusals For Applicants", tags=("Scorecard",))
    def expected_refusals_for_applicants(self, applicants: list) -> list[dict]:
        """Returns the scorecard's outcome, with the applicant's transactionId, for each applicant it does not approve.

        Each outcome has the keys of `Expected Outcome For Applicant` plus ``transactionId``; approved
        applicants are left out. Compare them with the service's results by transactionId.

        Example:
        | ${refusals} = | Expected Refusals For Applicants | ${requests} |
        | Results Should Match Baseline | ${results} | ${refusals} | fields=reasonCodes |
        """
        try:
            return expected_refusals(self.spec, applicants)
        except ValueError as error:
            self.fail(str(error))

    @keyword("Every Score Response Should Obey Business Rules", tags=("Contract", "Assertion"))
    def every_score_response_should_obey_business_rules(
        self, responses: list, now: str | None = None, max_age_seconds: float = 300
    ) -> None:
        """Fails unless every score response obeys the scorecard rules; names each breaking response and its violations.

        | =Arguments= | =Description= |
        | ``responses`` | Score response dictionaries (batch results, REST bodies). |
        | ``now`` | The reference time (ISO 8601); default: the current UTC time. |
        | ``max_age_seconds`` | How far ``scoredAt`` may be from ``now``. |

        Each response is checked as by `Score Response Should Obey Business Rules`. Every breaking
        response is counted and logged in a table; the failure names the first ``max_examples`` with
        their violations, like ``2 of 432 score responses break the business rules: TX-7: reasonCodes:
        expected 1..4 on DECLINE, got 0 (none) | TX-9: ...``.

        Example:
        | Every Score Response Should Obey Business Rules | ${results} |
        | Every Score Response Should Obey Business Rules | ${stored} | max_age_seconds=86400 |
        """
        violations = violations_by_response(responses, self.library.rules, as_datetime(now), max_age_seconds)
        if not violations:
            self.info(f"All {len(responses)} score responses obey the scorecard rules")
            return
        self.log_table(
            ("response", "violations"),
            ([where, "; ".join(problems)] for where, problems in violations),
            f"Business-rule violations of {len(violations)} responses",
        )
        named = [f"{where}: {'; '.join(problems)}" for where, problems in violations]
        self.fail(
            f"{len(violations)} of {len(responses)} score responses break the business rules: "
            f"{listed(named, self.library.max_examples, ' | ')}"
        )

    @keyword("Refusals Should Not State Reason", tags=("Scorecard", "Assertion"))
    def refusals_should_not_state_reason(self, responses: list, code: str, context: str = "") -> int:
        """Fails when a REFER or DECLINE among ``responses`` states ``code``; returns how many refusals were checked.

        | =Arguments= | =Description= |
        | ``responses`` | Score response dictionaries. |
        | ``code`` | The reason code no refusal may state. |
        | ``context`` | Text that starts the failure message (what the responses are). |

        Approvals are skipped. The failure counts every offending refusal and names the first
        ``max_examples`` by transactionId with their codes. Assert the returned count when the check
        needs refusals to mean anything.

        Example:
        | ${refusals} = | Refusals Should Not State Reason | ${seniors} | R06 | context=credit_risk_v1 at 62+ |
        | Should Be True | ${refusals} > 0 |
        """
        refusals, stating = refusals_stating(responses, code)
        self.info(f"{refusals} of {len(responses)} responses are refusals; {len(stating)} state {code}")
        if stating:
            where = f"{context}: " if context else ""
            self.fail(
                f"{where}{len(stating)} of {refusals} refusals state {code} as a reason: "
                f"{listed(stating, self.library.max_examples, ', ')}"
            )
        return refusals
