"""Contract validation keywords: OpenAPI schemas, scorecard business rules, error shape, SOAP XSD."""

from __future__ import annotations

from requests import Response
from robotlibcore import keyword

from ..base import LibraryComponent
from ..core.business_rules import ScorecardRules, as_datetime, check_score_response, parse_bands, parse_codes
from ..core.error_response import error_response_problems
from ..core.jsonschema_contract import OpenApiContract, load_openapi
from ..core.values import as_body
from ..core.xsd import load_schema, validate_xml

Body = dict | list | str | Response


def _transaction_id(payload: object, default: str = "response") -> str:
    return str(payload.get("transactionId", default)) if isinstance(payload, dict) else default


class ContractKeywords(LibraryComponent):
    @property
    def contract(self) -> OpenApiContract:
        if self.library.contract is None:
            self.fail("No OpenAPI contract loaded: call Load OpenAPI Contract first")
        return self.library.contract

    @keyword("Load OpenAPI Contract", tags=("Contract",))
    def load_openapi_contract(self, source: str, headers: dict | None = None) -> list[str]:
        """Loads the OpenAPI document that response bodies are validated against and returns its schema names.

        | =Arguments= | =Description= |
        | ``source`` | URL (``http(s)://.../openapi.json``) or path of a JSON or YAML OpenAPI document. |
        | ``headers`` | Optional HTTP headers for a URL (never logged). |

        Every ``$ref`` is resolved when a schema is used; the component schemas stay available
        by name for `Response Should Conform To Schema`. OpenAPI 3.0 ``nullable`` is understood.

        Example:
        | ${schemas} = | Load OpenAPI Contract | ${BASE_URL}/openapi.json |
        | Should Contain | ${schemas} | ScoreResponse |
        """
        self.library.contract = load_openapi(source, headers=headers)
        names = self.library.contract.schema_names
        self.info(f"Loaded OpenAPI {self.library.contract.document.get('openapi')} from {source}: {', '.join(names)}")
        return names

    @keyword("Response Should Conform To Schema", tags=("Contract", "Assertion"))
    def response_should_conform_to_schema(self, body: Body, schema_name: str = "ScoreResponse") -> None:
        """Fails unless ``body`` is valid against the component schema ``schema_name`` (JSON Schema 2020-12).

        | =Arguments= | =Description= |
        | ``body`` | The body: a dictionary, a JSON string or a ``requests`` response. |
        | ``schema_name`` | A schema under ``components/schemas`` of the loaded contract. |

        Every violation is collected, not only the first; the failure is one line like
        ``ScoreResponse: 2 violations: $.riskBand: missing; $.score: 'abc' is not of type 'integer'``
        and the violations are logged as a table.

        Example:
        | Load OpenAPI Contract | ${BASE_URL}/openapi.json |
        | ${response} = | POST On Session | mock | /api/v1/score | json=${applicant} |
        | Response Should Conform To Schema | ${response.json()} | ScoreResponse |
        | Response Should Conform To Schema | ${error_body} | ErrorResponse |
        """
        problem = self._schema_problem(as_body(body), schema_name)
        if problem:
            self.fail(problem)
        self.info(f"Body conforms to {schema_name}")

    def _schema_problem(self, payload: object, schema_name: str) -> str | None:
        """The one-line failure of ``payload`` against ``schema_name`` (violations logged as a table), or None."""
        try:
            violations = self.contract.violations(payload, schema_name)
        except KeyError as error:
            self.fail(str(error.args[0]))
        if not violations:
            return None
        self.log_table(("violation",), ([v] for v in violations), f"{schema_name} violations")
        noun = "violation" if len(violations) == 1 else "violations"
        return f"{schema_name}: {len(violations)} {noun}: {'; '.join(violations)}"

    def _rules_problem(self, payload: object, now: str | None = None, max_age_seconds: float = 300) -> str | None:
        """The one-line business-rule failure of a score response (violations logged as a table), or None."""
        problems = check_score_response(payload, self.library.rules, as_datetime(now), max_age_seconds)
        if not problems:
            return None
        where = payload.get("transactionId", "response") if isinstance(payload, dict) else "response"
        self.log_table(("violation",), ([p] for p in problems), f"Business-rule violations of {where}")
        noun = "violation" if len(problems) == 1 else "violations"
        return f"{where}: {len(problems)} business-rule {noun}: {'; '.join(problems)}"

    @keyword("Contract Violations Of Score Responses", tags=("Contract",))
    def contract_violations_of_score_responses(
        self, bodies: list, transaction_ids: list[str] | None = None, schema_name: str = "ScoreResponse"
    ) -> list[str]:
        """Returns the schema and business-rule failures of every score response, one entry per failure (empty when
        all conform).

        | =Arguments= | =Description= |
        | ``bodies`` | Score responses (dictionaries, JSON strings or ``requests`` responses). |
        | ``transaction_ids`` | The requests' ids, named before schema failures (default: each body's own). |
        | ``schema_name`` | The component schema of the loaded contract. |

        Each entry is the failure message of `Response Should Conform To Schema` (after ``<transactionId>: ``)
        or of `Score Response Should Obey Business Rules`; the violations are also logged as tables.

        Example:
        | ${problems} = | Contract Violations Of Score Responses | ${bodies} |
        | Should Be Empty | ${problems} |
        """
        ids = list(transaction_ids) if transaction_ids is not None else [None] * len(bodies)
        if len(ids) != len(bodies):
            self.fail(f"expected one transaction id per body: {len(bodies)} bodies, {len(ids)} ids")
        found = []
        for body, transaction_id in zip(bodies, ids, strict=True):
            payload = as_body(body)
            name = transaction_id if transaction_id is not None else _transaction_id(payload)
            schema = self._schema_problem(payload, schema_name)
            if schema:
                found.append(f"{name}: {schema}")
            rules = self._rules_problem(payload)
            if rules:
                found.append(rules)
        return found

    @keyword("Reason Code Descriptions Should Be", tags=("Contract", "Assertion"))
    def reason_code_descriptions_should_be(self, body: Body, **descriptions: str) -> None:
        """Fails unless every reason code of the score response carries its published description.

        ``descriptions`` maps each published code to its text; a code without an entry fails too. The
        failure names every wrong code: ``TX-1: R01 should read 'Monthly income too low ...', got '...'``.

        Example:
        | Reason Code Descriptions Should Be | ${body} | &{PUBLISHED_REASON_CODES} |
        """
        payload = as_body(body)
        where = _transaction_id(payload)
        reasons = payload.get("reasonCodes") if isinstance(payload, dict) else None
        if not isinstance(reasons, list):
            self.fail(f"{where}: expected reasonCodes as a list of {{code, description}}, got {reasons!r}")
        problems = []
        for reason in reasons:
            code = reason.get("code") if isinstance(reason, dict) else reason
            published = descriptions.get(str(code))
            actual = reason.get("description") if isinstance(reason, dict) else None
            if actual != published:
                problems.append(f"{where}: {code} should read '{published}', got '{actual}'")
        if problems:
            self.fail("; ".join(problems))

    @keyword("Set Scorecard Rules", tags=("Contract", "Configuration"))
    def set_scorecard_rules(
        self,
        approve_cutoff: int = 680,
        refer_cutoff: int = 600,
        bands: str = "A=760,B=720,C=680,D=600,E",
        reason_codes: str = "R01,R02,R03,R04,R05,R06,P01,P02",
        policy_codes: str = "P01,P02",
        max_reason_codes: int = 4,
        min_score: int = 300,
        max_score: int = 850,
        pd_tolerance: float = 1e-6,
    ) -> None:
        """Sets the rules `Score Response Should Obey Business Rules` checks; without arguments, the contract's.

        | =Arguments= | =Description= |
        | ``approve_cutoff`` | Lowest APPROVE score. |
        | ``refer_cutoff`` | Lowest REFER score; below it DECLINE. |
        | ``bands`` | Risk bands with their lowest score, highest first; the last has none. |
        | ``reason_codes`` | The published reason-code list. |
        | ``policy_codes`` | Codes of the hard policy rules (``policyRule`` values). |
        | ``max_reason_codes`` | Most codes a REFER or DECLINE may carry. |
        | ``min_score`` / ``max_score`` | The score range. |
        | ``pd_tolerance`` | Allowed distance of ``probabilityOfDefault`` from the contract's formula. |

        Every call sets all rules: arguments left out take the contract's values, so a call
        without arguments restores the contract's rules.

        Example:
        | Set Scorecard Rules | approve_cutoff=700 | refer_cutoff=620 |
        | Set Scorecard Rules | bands=A=780,B=740,C=700,D=620,E |
        | Set Scorecard Rules |
        """
        self.library.rules = ScorecardRules(
            approve_cutoff=approve_cutoff,
            refer_cutoff=refer_cutoff,
            bands=parse_bands(bands),
            reason_codes=parse_codes(reason_codes),
            policy_codes=parse_codes(policy_codes),
            max_reason_codes=max_reason_codes,
            min_score=min_score,
            max_score=max_score,
            pd_tolerance=pd_tolerance,
        )
        self.info(f"Scorecard rules: {self.library.rules}")

    @keyword("Score Response Should Obey Business Rules", tags=("Contract", "Assertion"))
    def score_response_should_obey_business_rules(
        self, body: Body, now: str | None = None, max_age_seconds: float = 300
    ) -> None:
        """Fails unless the score response obeys every scorecard rule; all violations are named at once.

        | =Arguments= | =Description= |
        | ``body`` | The score response: a dictionary, a JSON string or a ``requests`` response. |
        | ``now`` | The reference time (ISO 8601); default: the current UTC time. |
        | ``max_age_seconds`` | How far ``scoredAt`` may be from ``now``. |

        Checks (with the rules of `Set Scorecard Rules`):
        - ``score`` is an integer (not a boolean) in the score range;
        - ``decision`` follows the cutoffs, or is DECLINE when ``policyRule`` is set;
        - ``reasonCodes``: none on APPROVE; 1 to 4 on REFER and DECLINE; unique; all from the
          published list; the policy code first when ``policyRule`` is set, never without it;
        - ``riskBand`` matches the score;
        - ``probabilityOfDefault`` is in [0, 1] and within 1e-6 of
          ``round(1 / (1 + 30 * 2 ** ((score - 600) / 20)), 6)``;
        - ``scoredAt`` is UTC ISO 8601 ending in ``Z`` and within ``max_age_seconds`` of ``now``.

        Example:
        | ${body} = | Set Variable | ${response.json()} |
        | Score Response Should Obey Business Rules | ${body} |
        | Score Response Should Obey Business Rules | ${stored} | max_age_seconds=86400 |
        | Score Response Should Obey Business Rules | ${body} | now=2026-11-25T10:15:40Z |
        """
        payload = as_body(body)
        problem = self._rules_problem(payload, now, max_age_seconds)
        if problem:
            self.fail(problem)
        self.info(f"{_transaction_id(payload, 'response')} obeys the scorecard rules")

    @keyword("Error Response Should Name Fields", tags=("Contract", "Assertion"))
    def error_response_should_name_fields(self, body: Body, *fields: str, code: str | None = None) -> None:
        """Fails unless ``body`` has the contract's error shape and names every given field in ``details``.

        | =Arguments= | =Description= |
        | ``body`` | The error body: a dictionary, a JSON string or a ``requests`` response. |
        | ``*fields`` | Field paths (``age``, ``records[3].monthlyIncome``), optionally ``:issue``. |
        | ``code`` | The expected ``error.code`` (``VALIDATION_FAILED``, ...). |

        ``age:out_of_range`` requires a detail with field ``age`` and issue ``out_of_range``. The error shape:
        ``{"error": {"code", "message", "details": [{"field", "issue", "message"}], "correlationId"}}``.

        Example:
        | ${response} = | POST On Session | mock | /api/v1/score | json=${bad} | expected_status=422 |
        | Error Response Should Name Fields | ${response} | age | monthlyIncome | code=VALIDATION_FAILED |
        | Error Response Should Name Fields | ${response} | age:out_of_range |
        """
        problems = error_response_problems(as_body(body), fields, code)
        if problems:
            self.fail(f"Error response: {'; '.join(problems)}")
        self.info(f"Error response names {', '.join(fields) or 'no fields'}")

    @keyword("SOAP Body Should Conform To XSD", tags=("Contract", "SOAP", "Assertion"))
    def soap_body_should_conform_to_xsd(
        self, xml_text: str | bytes, xsd_source: str, element: str | None = None
    ) -> None:
        """Fails unless the SOAP body element is valid against the XSD; all violations in one line.

        | =Arguments= | =Description= |
        | ``xml_text`` | The SOAP envelope (or any XML document). DTDs and entities are refused. |
        | ``xsd_source`` | URL or path of the XSD, or of a WSDL holding the schema (``?wsdl``). |
        | ``element`` | Local name (or ``{namespace}name``) of the element to validate. |

        Without ``element`` the first child of the SOAP Body is validated, or the root of a plain document.

        Example:
        | ${response} = | POST On Session | mock | /soap/realtime-scoring | data=${envelope} | headers=${soap_headers} |
        | SOAP Body Should Conform To XSD | ${response.text} | ${BASE_URL}/soap/realtime-scoring?xsd=scoring.xsd |
        | SOAP Body Should Conform To XSD | ${response.text} | ${XSD} | element=ScoreApplicantResponse |
        """
        schema = self.library.xsd_cache.get(xsd_source)
        if schema is None:
            schema = self.library.xsd_cache[xsd_source] = load_schema(xsd_source)
        try:
            result = validate_xml(xml_text, schema, element)
        except LookupError as error:
            self.fail(str(error))
        if result.violations:
            self.log_table(("violation",), ([v] for v in result.violations), f"{result.element} XSD violations")
            noun = "violation" if len(result.violations) == 1 else "violations"
            self.fail(f"{result.element}: {len(result.violations)} XSD {noun}: {'; '.join(result.violations)}")
        self.info(f"{result.element} conforms to the XSD")
