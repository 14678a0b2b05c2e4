"""ScoringLibrary: Robot Framework keywords for testing credit-scoring and decision services."""

from __future__ import annotations

from typing import Any

from robotlibcore import DynamicCore

from .core.business_rules import ScorecardRules
from .core.secret_masking import SecretMaskingListener
from .keywords import (
    ContractKeywords,
    DriftKeywords,
    LatencyKeywords,
    MetamorphicKeywords,
    ParityKeywords,
    PrivacyKeywords,
    RegressionKeywords,
    RestKeywords,
    SoapKeywords,
    SyntheticDataKeywords,
)
from .keywords.concurrency import ConcurrencyKeywords
from .keywords.load import LoadKeywords
from .keywords.session import SessionKeywords

__version__ = "0.1.0"


class ScoringLibrary(DynamicCore):
    """Keywords for testing credit-scoring and decision services: contracts, regressions, drift, data, privacy, latency.

    ScoringLibrary checks what a scoring service answers against its published contract and
    scorecard, compares results with approved baselines, measures drift between score
    populations and champion/challenger decisions, builds synthetic applicants and
    metamorphic variants, guards test artefacts against personal data, and checks latency
    percentiles. The checking keywords send no requests: call the service with RequestsLibrary
    or SudsLibrary (sessions from `Create Scoring Session` and `Create Scoring SOAP Client`) and
    pass the bodies here. The keywords that work through many requests at once send them on those
    sessions (see `Requests on sessions`).

    %TOC%

    = Importing =

    Import the library by path in a suite's Settings section, so no installation is needed:
    | Library    ${CURDIR}/../libraries/ScoringLibrary/

    or, to keep and log up to 25 differing records:
    | Library    ${CURDIR}/../libraries/ScoringLibrary/    max_examples=25

    | =Argument= | =Description= |
    | ``max_examples`` | How many differing records comparisons and swap sets keep and log (default 10). |

    The library scope is GLOBAL: the loaded contract, scorecard rules, scorecard spec and
    latency collections are shared by all suites of a run.

    = Contract validation =

    `Load OpenAPI Contract` reads ``/openapi.json`` (or a file); `Response Should Conform To Schema`
    validates a body against a component schema with JSON Schema Draft 2020-12 and names every
    violation by its JSON path (``$.score``, ``$.reasonCodes[1].code``).

    `Score Response Should Obey Business Rules` checks what a schema cannot: the decision follows
    the cutoffs (or a policy rule), reason codes fit the decision (none on APPROVE, 1 to 4 unique
    published codes on REFER and DECLINE, the policy code first), the risk band fits the score,
    the probability of default follows the contract's formula, and ``scoredAt`` is a recent UTC
    timestamp. `Set Scorecard Rules` changes the cutoffs, bands and code list it uses.

    `Error Response Should Name Fields` checks the contract's error shape and the fields named in
    ``details``; `SOAP Body Should Conform To XSD` validates SOAP bodies against the published XSD.

    = Regression comparison =

    `Compare Results With Baseline` and `Results Should Match Baseline` pair records on
    ``transactionId`` (or ``key=``) and compare ``score``, ``decision``, ``riskBand``,
    ``probabilityOfDefault`` and ``reasonCodes``. Both sides may be lists of dictionaries or
    paths of JSON, CSV or NDJSON files: files are streamed, so a million records never pass
    through Robot variables or the log. Reason codes are read from ``[{"code": "R01"}, ...]``,
    ``["R01", ...]`` or ``"R01|R02"`` and compared as ordered lists.

    A record counts as ``matched`` (all equal), ``within_tolerance`` (numeric differences all
    within tolerance) or failing: ``beyond_tolerance`` (a numeric difference beyond tolerance,
    or another field such as ``riskBand`` changed), ``decision_flips``, ``reason_code_changes``.
    Records only in the baseline are ``missing``, records only in the results ``unexpected``.

    `Record Baseline` writes results as a candidate baseline and never overwrites an approved
    one: when the baseline exists, the candidate goes to ``<stem>.candidate<ext>`` beside it.

    = Tolerances =

    A tolerance is ``field=abs:T`` or ``field=rel:T``:
    | =Spec= | =Passes when= | =Use for= |
    | ``score=abs:0`` | ``abs(actual - expected) <= 0`` | integer points |
    | ``probabilityOfDefault=abs:0.000001`` | ``abs(actual - expected) <= 0.000001`` | probabilities near 0 |
    | ``monthlyIncome=rel:0.01`` | ``abs(actual - expected) <= 0.01 * abs(expected)`` | money |

    The relative rule is asymmetric: the baseline value is the reference, as in
    ``numpy.isclose`` (not the symmetric ``math.isclose``). A tolerance above zero absorbs
    binary floating-point error, so ``0.001018`` against ``0.001017`` passes ``abs:0.000001``.
    Without a spec, ``score`` and ``probabilityOfDefault`` must be numerically equal
    (``712`` equals ``712.0``). ``decision`` and ``reasonCodes`` are always exact and take no
    tolerance.

    = Drift and champion/challenger =

    `Calculate PSI` and `PSI Should Be Below` measure the Population Stability Index between a
    reference and a current score sample. Small samples produce large PSI by chance, so
    `PSI Should Be Below` fails only above both the threshold and the chi-square critical value
    for the sample sizes. `Two Sample KS Should Not Reject` runs the Kolmogorov-Smirnov test and
    `Decision Rates Should Not Shift` a two-proportion z test per decision.

    `Build Swap Set` crosses champion and challenger decisions into a 3x3 table with swap-ins
    (DECLINE or REFER to APPROVE) and swap-outs (APPROVE to REFER or DECLINE);
    `Swap Set Flip Rate Should Be At Most` bounds a new model's changes and
    `Swap Set Should Have No Flips` guards a refactor. `Log Score Distributions` draws both
    histograms as an SVG chart in the log.

    = Synthetic data =

    `Generate Synthetic Applicants` builds reproducible requests per segment (the same seed
    gives the same data). `Boundary Values For Field` and `Invalid Values For Field` list the
    values for boundary-value and invalid-class tests; `Applicant With Field` and
    `Applicant Without Field` make the modified copies. All identifiers are synthetic
    (``SYN-...``).

    = Scorecard oracle =

    `Load Scorecard Spec` reads a published scorecard YAML; `Expected Score For Applicant`,
    `Expected Outcome For Applicant` and `Score Response Should Match Scorecard` compute the
    expected result independently of the service. `Applicants Around Cutoff` searches the bins
    for applicants that land just below, at and just above a cutoff.

    = Metamorphic testing =

    Relations that hold for any correct scorecard, without knowing the expected scores:
    monotonicity (`Build Monotonic Variants`, `Scores Should Be Non-Decreasing`,
    `Scores Should Be Non-Increasing`), invariance to ids, channel and field order
    (`Build Invariance Variants`, `Outcomes Should Be Identical`) and dominance
    (`Build Dominating Applicant`, `Dominance Should Hold`).

    = Privacy guard =

    `Text Should Not Contain PII`, `File Should Not Contain PII`, `Directory Should Not Contain PII`,
    `Database Should Not Contain PII` and `Robot Outputs Should Not Contain PII` look for:
    | =Kind= | =Detected when= | =Synthetic-safe= |
    | SSN | ``ddd-dd-dddd`` | area 000, 666 or 900-999, group 00, serial 0000 |
    | card number | 13-19 digits, one run or groups of 4 (4-6-5), first digit 2-6, Luhn valid | Luhn-invalid |
    | phone number | ``+`` and 8-15 digits; ``(415) 555-2671``, ``415-555-2671``; ``020 7946 0958`` | |
    | e-mail | any address | example.com, example.org, example.net and their subdomains |
    | IBAN | known country code, check digits, the country's length, mod 97 = 1 | invalid check digits |
    | secret | exact value given as argument (also HTML-escaped) | |

    Secrets may be given as strings or as Robot ``Secret`` values (``${TOKEN: Secret}``); prefer
    ``Secret`` values, since Robot records keyword arguments in output.xml and shows a ``Secret``
    there only as ``<secret>``.
    Failures and logs name the kind and the place (``file:line``, ``table.column rowid N``,
    ``log.html:12 strings[40]``) and never the value. Files are scanned line by line.

    = Latency =

    `Start Latency Collection`, `Record Latency` and `Record Response Latency` collect response
    times per named collection; `Latency Statistics` and `Latency Percentile Should Be Below`
    use nearest-rank percentiles (always a measured value, never interpolated).

    = Requests on sessions =

    These keywords send a whole list of requests, one after the other, on an open RequestsLibrary
    session (with its token, timeout and logging) or through the current SudsLibrary client, and
    check every answer:
    | =Keyword= | =Sends= |
    | `Score Applicants One By One` | ``POST /api/v1/score`` per applicant, each must answer 200 |
    | `Score Applicants With SOAP Client` | the SOAP operation per applicant, through the SudsLibrary client |
    | `Decisions API Should Return Responses` | ``GET /api/v1/decisions/{id}`` per response; names every difference |
    | `Replays Should Return Stored Responses` | each applicant again over REST or SOAP; names every difference |
    | `Record Latencies Of Session Requests` | a burst of requests, recording each latency (stops early on a lost SLO) |

    Failures name the request (method and URL or transactionId), the expected and the actual value.
    Checks over many items name every failing item in one message (the first 10; the log has all).

    = Load tests =

    `Run Load Test` runs headless Locust in a separate process (scenarios ``realtime_rest``,
    ``realtime_soap`` and ``batch``; shapes ``sustained``, ``spike`` and ``step``) and returns requests,
    failures, error ratio, throughput and p50/p95/p99/max latency, overall and per endpoint, with a chart
    of latency and throughput over time in the log. `Run Distributed Load Test` adds a master and worker
    processes; `Read Load Test Result` reads the CSV of a run made elsewhere. `Load Test SLO Should Be Met`
    names every missed objective with the measured value and the limit.

    = Failures and logs =

    A failing keyword raises one line naming every problem with expected and actual values and
    where (JSON path, record id, file and line). Details go to the log as HTML tables. Large
    datasets and secrets are never logged.
    """

    ROBOT_LIBRARY_SCOPE = "GLOBAL"
    ROBOT_LIBRARY_VERSION = __version__
    ROBOT_LIBRARY_DOC_FORMAT = "ROBOT"

    def __init__(self, max_examples: int = 10) -> None:
        self.max_examples = max_examples
        self.contract: Any = None
        self.rules = ScorecardRules()
        self.scorecard: Any = None
        self.latencies: dict[str, Any] = {}
        self.xsd_cache: dict[str, Any] = {}
        self.ROBOT_LIBRARY_LISTENER = SecretMaskingListener()
        super().__init__(
            [
                ContractKeywords(self),
                RegressionKeywords(self),
                DriftKeywords(self),
                SyntheticDataKeywords(self),
                MetamorphicKeywords(self),
                PrivacyKeywords(self),
                LatencyKeywords(self),
                SoapKeywords(self),
                RestKeywords(self),
                ParityKeywords(self),
                SessionKeywords(self),
                ConcurrencyKeywords(self),
                LoadKeywords(self),
            ]
        )
