"""Points-based scorecards loaded from ``mock/models/*.yaml`` and the registry of published models.

Scoring follows the contract: derived ratios, points, clamp, policy rules, cutoffs, risk band,
probability of default and adverse-action reason codes. Scoring defects (see ``mock.defects``)
change the outcome only when their name is passed in ``defects``.
"""

from __future__ import annotations

import math
import random
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

MODELS_DIR = Path(__file__).resolve().parent / "models"

CHARACTERISTICS: tuple[str, ...] = (
    "age",
    "monthlyIncome",
    "debtToIncome",
    "employmentStatus",
    "creditHistoryMonths",
    "loanToIncome",
)
"""The six scored characteristics, in the order the scorecard evaluates them."""

EMPLOYMENT_STATUSES: tuple[str, ...] = ("full_time", "part_time", "self_employed", "retired", "student", "unemployed")
SENIOR_AGE = 62
POLICY_RULE_KINDS = ("zero_income", "amount_above_income_months")
MAX_REASON_CODES = 4

SEGMENT_DRIFT_STATUS = "self_employed"
SEGMENT_DRIFT_POINTS = 35
MOVED_APPROVE_CUTOFF = 660
NON_MONOTONIC_INCOME_BIN_MIN = 6000
NON_MONOTONIC_INCOME_POINTS = 30
SENIOR_PENALTY_POINTS = 10
JITTER_OFFSETS = (-3, -2, -1, 1, 2, 3)

_JITTER = random.SystemRandom()
_HAS_LIBYAML = hasattr(yaml, "CSafeLoader")
_TOP_LEVEL_KEYS = frozenset(
    {
        "modelCode",
        "modelVersion",
        "champion",
        "basePoints",
        "scoreRange",
        "cutoffs",
        "riskBands",
        "probabilityOfDefault",
        "policyRules",
        "reasonCodes",
        "characteristics",
    }
)


@dataclass(frozen=True)
class ScoreOutcome:
    """The result of scoring one request with one model."""

    model_code: str
    model_version: str
    score: int
    decision: str
    risk_band: str
    probability_of_default: float
    reason_codes: tuple[tuple[str, str], ...]
    policy_rule: str | None

    @property
    def codes(self) -> tuple[str, ...]:
        """The reason codes alone, in order."""
        return tuple(code for code, _ in self.reason_codes)

    def reason_code_list(self) -> list[dict[str, str]]:
        """The reason codes as the contract's JSON items ``{"code", "description"}``."""
        return [{"code": code, "description": description} for code, description in self.reason_codes]


@dataclass(frozen=True)
class Bin:
    """A numeric bin ``[min, max)``; ``max`` None for the last, open-ended bin."""

    min: float
    max: float | None
    points: int


@dataclass(frozen=True)
class Characteristic:
    """One scored characteristic: numeric bins or categorical points, and its reason code."""

    name: str
    reason_code: str
    bins: tuple[Bin, ...] = ()
    categories: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def best_points(self) -> int:
        return max(self.categories.values()) if self.categories else max(b.points for b in self.bins)


@dataclass(frozen=True)
class PolicyRule:
    """A hard rule that declines before the cutoffs."""

    code: str
    rule: str
    months: int | None = None


@dataclass(frozen=True)
class _Tables:
    """Lookup tables of one points variant (the published points or a defect's altered points)."""

    edges: tuple[tuple[float, ...], ...]
    points: tuple[Any, ...]
    best: tuple[int, ...]
    reasons: tuple[str, ...]


class ModelFileError(ValueError):
    """A model file that breaks the scorecard rules."""


class Scorecard:
    """One loaded, validated scorecard.

    ``data`` is the parsed model file; ``source`` names it in error messages. Every points variant
    a scoring defect needs is built here, so a broken model fails at load, never while scoring.
    """

    def __init__(self, data: Mapping[str, Any], source: str = "<memory>") -> None:
        _validate_model(data, source)
        self.source = source
        self.code: str = data["modelCode"]
        self.version: str = str(data["modelVersion"])
        self.champion: bool = data["champion"]
        self.base_points: int = data["basePoints"]
        self.score_min: int = data["scoreRange"]["min"]
        self.score_max: int = data["scoreRange"]["max"]
        self.cutoffs: Mapping[str, int] = MappingProxyType(dict(data["cutoffs"]))
        self.risk_bands: tuple[tuple[str, int], ...] = tuple((b["band"], b["min"]) for b in data["riskBands"])
        self.reason_descriptions: Mapping[str, str] = MappingProxyType(dict(data["reasonCodes"]))
        self.policy_rules: tuple[PolicyRule, ...] = tuple(
            PolicyRule(r["code"], r["rule"], r.get("months")) for r in data["policyRules"]
        )
        by_name = {c.name: c for c in (_characteristic(raw) for raw in data["characteristics"])}
        self.characteristics: tuple[Characteristic, ...] = tuple(by_name[name] for name in CHARACTERISTICS)
        pd = data["probabilityOfDefault"]
        self._pd_params = (pd["baseScore"], pd["baseOdds"], pd["pointsToDoubleOdds"])
        scores = range(self.score_min, self.score_max + 1)
        self._pd_table = tuple(self.probability_of_default(s) for s in scores)
        self._band_table = tuple(self.risk_band(s) for s in scores)
        self._pairs = {code: (code, text) for code, text in self.reason_descriptions.items()}
        self._variants = {
            (income, senior): self._tables(income, senior, source)
            for income in (False, True)
            for senior in (False, True)
        }

    def __repr__(self) -> str:
        return f"Scorecard({self.code!r}, version={self.version!r}, champion={self.champion})"

    @classmethod
    def from_file(cls, path: Path) -> Scorecard:
        """Load and validate one model file; ValueError naming the file on any problem."""
        try:
            data = parse_yaml(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as error:
            raise ModelFileError(f"{path}: not valid YAML: {error}") from error
        return cls(data, str(path))

    def probability_of_default(self, score: int) -> float:
        """``1 / (1 + odds)`` with ``odds = baseOdds * 2 ** ((score - baseScore) / pointsToDoubleOdds)``, 6 places."""
        base_score, base_odds, pdo = self._pd_params
        odds = base_odds * 2 ** ((score - base_score) / pdo)
        return round(1 / (1 + odds), 6)

    def risk_band(self, score: int) -> str:
        """The band of the highest band minimum the score reaches."""
        for band, minimum in self.risk_bands:
            if score >= minimum:
                return band
        return self.risk_bands[-1][0]

    def _tables(self, income_defect: bool, senior_defect: bool, source: str) -> _Tables:
        edges: list[tuple[float, ...]] = []
        points: list[Any] = []
        for characteristic in self.characteristics:
            if characteristic.categories:
                edges.append(())
                points.append(dict(characteristic.categories))
                continue
            values = [b.points for b in characteristic.bins]
            if income_defect and characteristic.name == "monthlyIncome":
                values[_bin_index(characteristic, NON_MONOTONIC_INCOME_BIN_MIN, source)] = NON_MONOTONIC_INCOME_POINTS
            if senior_defect and characteristic.name == "age":
                values[_bin_index(characteristic, SENIOR_AGE, source)] = SENIOR_PENALTY_POINTS
            edges.append(tuple(b.min for b in characteristic.bins[1:]))
            points.append(tuple(values))
        best = tuple(max(p.values()) if isinstance(p, dict) else max(p) for p in points)
        reasons = tuple(c.reason_code for c in self.characteristics)
        return _Tables(tuple(edges), tuple(points), best, reasons)

    def _variant(self, defects: frozenset[str]) -> _Tables:
        return self._variants[("non-monotonic-income" in defects, "senior-age-penalty" in defects)]

    def explain(self, request: Mapping[str, Any], defects: frozenset[str] = frozenset()) -> dict[str, int]:
        """The points of each characteristic for ``request``, by characteristic name."""
        points = self._points(request, self._variant(defects))
        return dict(zip(CHARACTERISTICS, points, strict=True))

    @staticmethod
    def _points(request: Mapping[str, Any], tables: _Tables) -> tuple[int, ...]:
        income = request["monthlyIncome"]
        if income == 0:
            debt_ratio = loan_ratio = math.inf
        else:
            yearly = 12 * income
            debt_ratio = request["existingDebt"] / yearly
            loan_ratio = request["requestedAmount"] / yearly
        edges = tables.edges
        points = tables.points
        return (
            points[0][bisect_right(edges[0], request["age"])],
            points[1][bisect_right(edges[1], income)],
            points[2][bisect_right(edges[2], debt_ratio)],
            points[3][request["employmentStatus"]],
            points[4][bisect_right(edges[4], request["creditHistoryMonths"])],
            points[5][bisect_right(edges[5], loan_ratio)],
        )

    def _policy_rule(self, request: Mapping[str, Any]) -> str | None:
        income = request["monthlyIncome"]
        for rule in self.policy_rules:
            if rule.rule == "zero_income":
                if income == 0:
                    return rule.code
            elif rule.rule == "amount_above_income_months" and request["requestedAmount"] > rule.months * income:
                return rule.code
        return None

    def _raw_score(self, request: Mapping[str, Any], points: tuple[int, ...], defects: frozenset[str]) -> int:
        raw = self.base_points + sum(points)
        if defects:
            if "segment-score-drift" in defects and request["employmentStatus"] == SEGMENT_DRIFT_STATUS:
                raw += SEGMENT_DRIFT_POINTS
            if "score-jitter" in defects:
                raw += _JITTER.choice(JITTER_OFFSETS)
        return raw

    def _reasons(
        self, points: tuple[int, ...], tables: _Tables, policy: str | None, limit: int
    ) -> tuple[tuple[str, str], ...]:
        shortfalls = sorted(
            (points[i] - best, code)
            for i, (best, code) in enumerate(zip(tables.best, tables.reasons, strict=True))
            if best > points[i]
        )
        pairs = self._pairs
        codes = [pairs[policy]] if policy is not None else []
        codes.extend(pairs[code] for _, code in shortfalls[: limit - len(codes)])
        return tuple(codes)

    def score(self, request: Mapping[str, Any], defects: frozenset[str] = frozenset()) -> ScoreOutcome:
        """Score one validated realtime request (the contract's request fields)."""
        tables = self._variant(defects)
        points = self._points(request, tables)
        raw = self._raw_score(request, points, defects)
        score = self.score_min if raw < self.score_min else min(raw, self.score_max)
        policy = self._policy_rule(request)
        approve = MOVED_APPROVE_CUTOFF if "moved-cutoff" in defects else self.cutoffs["approve"]
        if policy is not None:
            decision = "DECLINE"
        elif score >= approve:
            decision = "APPROVE"
        elif score >= self.cutoffs["refer"]:
            decision = "REFER"
        else:
            decision = "DECLINE"
        if decision == "APPROVE" or (decision == "DECLINE" and "decline-without-reasons" in defects):
            reasons: tuple[tuple[str, str], ...] = ()
        else:
            limit = len(CHARACTERISTICS) + 1 if "too-many-reason-codes" in defects else MAX_REASON_CODES
            reasons = self._reasons(points, tables, policy, limit)
        index = score - self.score_min
        return ScoreOutcome(
            self.code,
            self.version,
            score,
            decision,
            self._band_table[index],
            self._pd_table[index],
            reasons,
            policy,
        )

    def score_many(
        self, requests: Iterable[Mapping[str, Any]], defects: frozenset[str] = frozenset()
    ) -> list[ScoreOutcome]:
        """Score many validated requests, in order."""
        score = self.score
        return [score(request, defects) for request in requests]


class ModelRegistry:
    """Every published scorecard, by model code, with exactly one champion."""

    def __init__(self, scorecards: Iterable[Scorecard]) -> None:
        self._by_code: dict[str, Scorecard] = {}
        for scorecard in sorted(scorecards, key=lambda s: s.code):
            if scorecard.code in self._by_code:
                raise ModelFileError(
                    f"{scorecard.source}: modelCode {scorecard.code!r} is already defined by "
                    f"{self._by_code[scorecard.code].source}"
                )
            self._by_code[scorecard.code] = scorecard
        champions = [s for s in self._by_code.values() if s.champion]
        if len(champions) != 1:
            found = ", ".join(s.code for s in champions) or "none"
            raise ModelFileError(f"expected exactly 1 champion model, found {len(champions)}: {found}")
        self.champion: Scorecard = champions[0]

    @classmethod
    def load(cls, directory: Path | None = None) -> ModelRegistry:
        """Load every ``*.yaml`` model of ``directory`` (default ``mock/models``)."""
        folder = Path(directory) if directory is not None else MODELS_DIR
        files = sorted(folder.glob("*.yaml"))
        if not files:
            raise ModelFileError(f"{folder}: no model files (*.yaml) found")
        return cls(Scorecard.from_file(path) for path in files)

    def get(self, model_code: str | None) -> Scorecard:
        """The named scorecard, the champion for None; KeyError for an unknown code."""
        if model_code is None:
            return self.champion
        try:
            return self._by_code[model_code]
        except KeyError:
            raise KeyError(f"unknown modelCode {model_code!r}; expected one of: {', '.join(self._by_code)}") from None

    def codes(self) -> list[str]:
        """Every model code, sorted."""
        return list(self._by_code)

    def __iter__(self) -> Iterator[Scorecard]:
        return iter(self._by_code.values())

    def __len__(self) -> int:
        return len(self._by_code)

    def __contains__(self, model_code: object) -> bool:
        return model_code in self._by_code


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load`` through libyaml when it is installed; a document libyaml rejects is parsed again by
    the pure-Python loader, so the error (with its source excerpt) is the one ``yaml.safe_load`` raises."""
    if _HAS_LIBYAML:
        try:
            return yaml.load(text, Loader=yaml.CSafeLoader)
        except yaml.YAMLError:
            pass
    return yaml.safe_load(text)


def _characteristic(raw: Mapping[str, Any]) -> Characteristic:
    if "categories" in raw:
        return Characteristic(raw["name"], raw["reasonCode"], categories=MappingProxyType(dict(raw["categories"])))
    bins = tuple(Bin(b["min"], b.get("max"), b["points"]) for b in raw["bins"])
    return Characteristic(raw["name"], raw["reasonCode"], bins=bins)


def _bin_index(characteristic: Characteristic, minimum: float, source: str) -> int:
    for index, item in enumerate(characteristic.bins):
        if item.min == minimum:
            return index
    raise ModelFileError(f"{source}: characteristic {characteristic.name} has no bin starting at {minimum}")


def _fail(source: str, where: str, problem: str) -> ModelFileError:
    return ModelFileError(f"{source}: {where}: {problem}")


def _is_int(value: Any) -> bool:
    return type(value) is int


def _is_number(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _require_mapping(value: Any, source: str, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(source, where, f"expected a mapping, got {type(value).__name__}")
    return value


def _require_list(value: Any, source: str, where: str) -> list[Any]:
    if not isinstance(value, list) or not value:
        raise _fail(source, where, f"expected a non-empty list, got {type(value).__name__}")
    return value


def _require_int(value: Any, source: str, where: str) -> int:
    if not _is_int(value):
        raise _fail(source, where, f"expected an integer, got {type(value).__name__} {value!r}")
    return value


def _validate_model(data: Any, source: str) -> None:
    """Raise ModelFileError naming the file and the first rule the model breaks."""
    data = _require_mapping(data, source, "model file")
    missing = sorted(_TOP_LEVEL_KEYS - set(data))
    unknown = sorted(str(key) for key in set(data) - _TOP_LEVEL_KEYS)
    if missing:
        raise _fail(source, "model file", f"missing keys: {', '.join(missing)}")
    if unknown:
        raise _fail(
            source, "model file", f"unknown keys: {', '.join(unknown)}; expected only {sorted(_TOP_LEVEL_KEYS)}"
        )
    if not isinstance(data["modelCode"], str) or not data["modelCode"]:
        raise _fail(source, "modelCode", "expected a non-empty string")
    if not isinstance(data["modelVersion"], str):
        raise _fail(source, "modelVersion", f"expected a quoted string, got {data['modelVersion']!r}")
    if not isinstance(data["champion"], bool):
        raise _fail(source, "champion", f"expected true or false, got {data['champion']!r}")
    _require_int(data["basePoints"], source, "basePoints")
    _validate_scale(data, source)
    reason_codes = _validate_reason_codes(data["reasonCodes"], source)
    _validate_policy_rules(data["policyRules"], reason_codes, source)
    _validate_characteristics(data["characteristics"], reason_codes, source)
    best_total = data["basePoints"] + sum(_characteristic(raw).best_points for raw in data["characteristics"])
    if best_total < data["cutoffs"]["approve"]:
        raise _fail(source, "basePoints", f"the best applicant scores {best_total}, below the approve cutoff")


def _validate_scale(data: Mapping[str, Any], source: str) -> None:
    score_range = _require_mapping(data["scoreRange"], source, "scoreRange")
    low = _require_int(score_range.get("min"), source, "scoreRange.min")
    high = _require_int(score_range.get("max"), source, "scoreRange.max")
    if low >= high:
        raise _fail(source, "scoreRange", f"min {low} must be below max {high}")
    cutoffs = _require_mapping(data["cutoffs"], source, "cutoffs")
    approve = _require_int(cutoffs.get("approve"), source, "cutoffs.approve")
    refer = _require_int(cutoffs.get("refer"), source, "cutoffs.refer")
    if not low < refer < approve <= high:
        raise _fail(
            source, "cutoffs", f"expected {low} < refer < approve <= {high}, got refer {refer}, approve {approve}"
        )
    bands = _require_list(data["riskBands"], source, "riskBands")
    previous = None
    for index, band in enumerate(bands):
        band = _require_mapping(band, source, f"riskBands[{index}]")
        minimum = _require_int(band.get("min"), source, f"riskBands[{index}].min")
        if not isinstance(band.get("band"), str) or (previous is not None and minimum >= previous):
            raise _fail(source, f"riskBands[{index}]", "expected a band name and minimums in descending order")
        previous = minimum
    if previous != low:
        raise _fail(source, "riskBands", f"the last band must start at scoreRange.min {low}, got {previous}")
    pd = _require_mapping(data["probabilityOfDefault"], source, "probabilityOfDefault")
    for key in ("baseScore", "baseOdds", "pointsToDoubleOdds"):
        if not _is_number(pd.get(key)) or (key != "baseScore" and pd[key] <= 0):
            raise _fail(source, f"probabilityOfDefault.{key}", f"expected a positive number, got {pd.get(key)!r}")


def _validate_reason_codes(raw: Any, source: str) -> Mapping[str, str]:
    codes = _require_mapping(raw, source, "reasonCodes")
    for code, text in codes.items():
        if not isinstance(code, str) or not isinstance(text, str) or not text:
            raise _fail(source, f"reasonCodes.{code}", "expected a code with a non-empty description")
    return codes


def _validate_policy_rules(raw: Any, reason_codes: Mapping[str, str], source: str) -> None:
    if not isinstance(raw, list):
        raise _fail(source, "policyRules", f"expected a list, got {type(raw).__name__}")
    for index, rule in enumerate(raw):
        where = f"policyRules[{index}]"
        rule = _require_mapping(rule, source, where)
        if rule.get("code") not in reason_codes:
            raise _fail(source, where, f"code {rule.get('code')!r} has no entry in reasonCodes")
        if rule.get("rule") not in POLICY_RULE_KINDS:
            raise _fail(source, where, f"rule must be one of {', '.join(POLICY_RULE_KINDS)}, got {rule.get('rule')!r}")
        if rule["rule"] == "amount_above_income_months":
            months = _require_int(rule.get("months"), source, f"{where}.months")
            if months <= 0:
                raise _fail(source, f"{where}.months", f"expected a positive number of months, got {months}")


def _validate_characteristics(raw: Any, reason_codes: Mapping[str, str], source: str) -> None:
    items = _require_list(raw, source, "characteristics")
    names = [item.get("name") if isinstance(item, Mapping) else None for item in items]
    if sorted(map(str, names)) != sorted(CHARACTERISTICS):
        raise _fail(source, "characteristics", f"expected each of {', '.join(CHARACTERISTICS)} once, got {names}")
    used: dict[str, str] = {}
    for item in items:
        where = f"characteristics.{item['name']}"
        code = item.get("reasonCode")
        if code not in reason_codes:
            raise _fail(source, where, f"reasonCode {code!r} missing or not listed in reasonCodes")
        if code in used:
            raise _fail(source, where, f"reasonCode {code} is already used by {used[code]}")
        used[code] = item["name"]
        if item["name"] == "employmentStatus":
            _validate_categories(item.get("categories"), source, where)
        else:
            _validate_bins(item.get("bins"), source, where)
    age = _characteristic(next(item for item in items if item["name"] == "age"))
    _validate_senior_rule(age, source)


def _validate_categories(raw: Any, source: str, where: str) -> None:
    categories = _require_mapping(raw, source, f"{where}.categories")
    if sorted(map(str, categories)) != sorted(EMPLOYMENT_STATUSES):
        raise _fail(source, f"{where}.categories", f"expected exactly {', '.join(EMPLOYMENT_STATUSES)}")
    for name, points in categories.items():
        _require_int(points, source, f"{where}.categories.{name}")


def _validate_bins(raw: Any, source: str, where: str) -> None:
    bins = _require_list(raw, source, f"{where}.bins")
    for index, item in enumerate(bins):
        _require_mapping(item, source, f"{where}.bins[{index}]")
    for index, item in enumerate(bins):
        here = f"{where}.bins[{index}]"
        _require_int(item.get("points"), source, f"{here}.points")
        if not _is_number(item.get("min")):
            raise _fail(source, f"{here}.min", f"expected a number, got {item.get('min')!r}")
        last = index == len(bins) - 1
        if last:
            if item.get("max") is not None:
                raise _fail(source, here, "the last bin must be open-ended (no max)")
            continue
        if not _is_number(item.get("max")) or item["max"] <= item["min"]:
            raise _fail(source, f"{here}.max", f"expected a number above min {item['min']}, got {item.get('max')!r}")
        if bins[index + 1].get("min") != item["max"]:
            raise _fail(
                source,
                f"{where}.bins[{index + 1}].min",
                f"bins must be contiguous: expected {item['max']} (previous max), got {bins[index + 1].get('min')!r}",
            )


def _validate_senior_rule(age: Characteristic, source: str) -> None:
    """Reg B 1002.6(b)(2): the 62+ bins carry at least as many points as any younger bin."""
    if not any(b.min == SENIOR_AGE for b in age.bins):
        raise _fail(source, "characteristics.age", f"expected a bin starting at {SENIOR_AGE} (the senior age bin)")
    younger = max((b.points for b in age.bins if b.min < SENIOR_AGE), default=None)
    for item in age.bins:
        if item.min >= SENIOR_AGE and younger is not None and item.points < younger:
            raise _fail(
                source,
                "characteristics.age",
                f"the bin from {item.min} has {item.points} points, fewer than the {younger} of a younger bin "
                f"(ages {SENIOR_AGE}+ must score at least as much as any younger age)",
            )
