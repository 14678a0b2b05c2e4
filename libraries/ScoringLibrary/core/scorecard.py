"""An independent oracle for the published scorecards (``mock/models/*.yaml``) and cutoff-targeted applicants."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .business_rules import ScorecardRules

DERIVED = {"debtToIncome": "existingDebt", "loanToIncome": "requestedAmount"}
DEFAULT_POLICY_RULES = (
    {"code": "P01", "rule": "zero_income"},
    {"code": "P02", "rule": "amount_above_income_months", "months": 60},
)
DECISION_RANK = {"DECLINE": 0, "REFER": 1, "APPROVE": 2}


@dataclass(frozen=True)
class Bin:
    minimum: float
    maximum: float
    points: int

    def holds(self, value: float) -> bool:
        return self.minimum <= value and (value < self.maximum or math.isinf(self.maximum))

    @property
    def label(self) -> str:
        upper = "" if math.isinf(self.maximum) else f"{self.maximum:g}"
        return f"[{self.minimum:g}, {upper})" if upper else f"{self.minimum:g}+"


@dataclass(frozen=True)
class Characteristic:
    name: str
    reason_code: str
    bins: tuple[Bin, ...] = ()
    categories: Mapping[str, int] = field(default_factory=dict)

    @property
    def best_points(self) -> int:
        return max([b.points for b in self.bins] or list(self.categories.values()))

    def points_for(self, value: Any) -> int:
        if self.categories:
            if value not in self.categories:
                raise ValueError(f"{self.name}: {value!r} is not a category ({', '.join(self.categories)})")
            return self.categories[value]
        for candidate in self.bins:
            if candidate.holds(value):
                return candidate.points
        raise ValueError(f"{self.name}: {value!r} is below the first bin {self.bins[0].label}")


@dataclass(frozen=True)
class Outcome:
    score: int
    decision: str
    risk_band: str
    probability_of_default: float
    reason_codes: list[str]
    policy_rule: str | None
    points: dict[str, int]

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "decision": self.decision,
            "riskBand": self.risk_band,
            "probabilityOfDefault": self.probability_of_default,
            "reasonCodes": list(self.reason_codes),
            "policyRule": self.policy_rule,
            "points": dict(self.points),
        }


@dataclass(frozen=True)
class ScorecardSpec:
    model_code: str
    model_version: str
    champion: bool
    base_points: int
    characteristics: tuple[Characteristic, ...]
    rules: ScorecardRules
    policy_rules: tuple[Mapping[str, Any], ...]
    source: str

    def characteristic_values(self, applicant: Mapping[str, Any]) -> dict[str, Any]:
        income = float(applicant["monthlyIncome"])
        values: dict[str, Any] = {}
        for characteristic in self.characteristics:
            name = characteristic.name
            if name in DERIVED:
                values[name] = float(applicant[DERIVED[name]]) / (12 * income) if income > 0 else math.inf
            else:
                values[name] = applicant[name]
        return values

    def points(self, applicant: Mapping[str, Any]) -> dict[str, int]:
        values = self.characteristic_values(applicant)
        return {c.name: c.points_for(values[c.name]) for c in self.characteristics}

    def score(self, applicant: Mapping[str, Any]) -> int:
        total = self.base_points + sum(self.points(applicant).values())
        return int(min(self.rules.max_score, max(self.rules.min_score, total)))

    def policy_rule(self, applicant: Mapping[str, Any]) -> str | None:
        income = float(applicant["monthlyIncome"])
        for rule in self.policy_rules:
            kind = rule.get("rule")
            if kind == "zero_income" and income == 0:
                return str(rule["code"])
            if kind == "amount_above_income_months" and float(applicant["requestedAmount"]) > rule["months"] * income:
                return str(rule["code"])
        return None

    def evaluate(self, applicant: Mapping[str, Any]) -> Outcome:
        """Score, decision, band, PD and reason codes as the contract defines them."""
        points = self.points(applicant)
        score = self.score(applicant)
        policy = self.policy_rule(applicant)
        decision = "DECLINE" if policy else self.rules.decision_for(score)
        return Outcome(
            score,
            decision,
            self.rules.band_for(score),
            self.rules.probability_of_default(score),
            self._reason_codes(points, decision, policy),
            policy,
            points,
        )

    def _reason_codes(self, points: Mapping[str, int], decision: str, policy: str | None) -> list[str]:
        if decision == "APPROVE":
            return []
        shortfalls = [(c.best_points - points[c.name], c.reason_code) for c in self.characteristics]
        ranked = [code for gap, code in sorted(shortfalls, key=lambda item: (-item[0], item[1])) if gap > 0]
        codes = ([policy] if policy else []) + ranked
        return codes[: self.rules.max_reason_codes]


def expected_refusals(spec: ScorecardSpec, applicants: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The outcome (`Outcome.as_dict` plus ``transactionId``) of every applicant the scorecard does not approve.

    Raises ValueError naming the applicant that cannot be scored.
    """
    refusals = []
    for applicant in applicants:
        try:
            outcome = spec.evaluate(applicant).as_dict()
        except (KeyError, ValueError, TypeError) as error:
            where = applicant.get("transactionId", "applicant")
            raise ValueError(f"Cannot score {where} with {spec.model_code}: {error}") from None
        if outcome["decision"] != "APPROVE":
            outcome["transactionId"] = applicant.get("transactionId")
            refusals.append(outcome)
    return refusals


def load_scorecard(path: str | Path) -> ScorecardSpec:
    """Read a published scorecard YAML (modelCode, basePoints, cutoffs, characteristics, ...)."""
    source = Path(path)
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    if not isinstance(document, Mapping):
        raise ValueError(f"{source}: expected a mapping at the top level")
    missing = [k for k in ("modelCode", "basePoints", "cutoffs", "characteristics") if k not in document]
    if missing:
        raise ValueError(f"{source}: missing {', '.join(missing)}")
    characteristics = tuple(_characteristic(item, source) for item in document["characteristics"])
    return ScorecardSpec(
        model_code=str(document["modelCode"]),
        model_version=str(document.get("modelVersion", "")),
        champion=bool(document.get("champion", False)),
        base_points=int(document["basePoints"]),
        characteristics=characteristics,
        rules=_rules(document),
        policy_rules=tuple(document.get("policyRules") or DEFAULT_POLICY_RULES),
        source=str(source),
    )


def _characteristic(item: Mapping[str, Any], source: Path) -> Characteristic:
    name = item.get("name")
    if "categories" in item:
        return Characteristic(name, item["reasonCode"], categories=dict(item["categories"]))
    bins = tuple(
        Bin(float(b["min"]), float(b["max"]) if b.get("max") is not None else math.inf, int(b["points"]))
        for b in item.get("bins", [])
    )
    if not bins:
        raise ValueError(f"{source}: characteristic {name} has neither bins nor categories")
    return Characteristic(name, item["reasonCode"], bins=bins)


def _rules(document: Mapping[str, Any]) -> ScorecardRules:
    rules = ScorecardRules(
        approve_cutoff=int(document["cutoffs"]["approve"]), refer_cutoff=int(document["cutoffs"]["refer"])
    )
    score_range = document.get("scoreRange") or {}
    changes: dict[str, Any] = {"min_score": score_range.get("min"), "max_score": score_range.get("max")}
    bands = document.get("riskBands")
    if bands:
        ordered = sorted(bands, key=lambda b: -float(b["min"]))
        changes["bands"] = (*((b["band"], float(b["min"])) for b in ordered[:-1]), (ordered[-1]["band"], -math.inf))
    pd = document.get("probabilityOfDefault") or {}
    changes.update(
        pd_base_score=pd.get("baseScore"),
        pd_base_odds=pd.get("baseOdds"),
        pd_points_to_double_odds=pd.get("pointsToDoubleOdds"),
    )
    codes = document.get("reasonCodes")
    if codes:
        changes["reason_codes"] = tuple(codes)
    return rules.updated(**changes)


# Applicants built to land on chosen scores.

NUMERIC_SPANS = {"age": (18, 100), "creditHistoryMonths": (0, 960)}
OPEN_WIDTH = {"age": 20, "creditHistoryMonths": 120, "monthlyIncome": 5000, "debtToIncome": 0.5, "loanToIncome": 2.0}


def _options(spec: ScorecardSpec) -> list[list[tuple[int, Any]]]:
    """Per characteristic: (points, bin or category) options."""
    options = []
    for characteristic in spec.characteristics:
        if characteristic.categories:
            options.append([(p, value) for value, p in characteristic.categories.items()])
        else:
            options.append([(b.points, b) for b in characteristic.bins])
    return options


def _plausible(spec: ScorecardSpec, combo: tuple[tuple[int, Any], ...]) -> bool:
    chosen = {c.name: option for c, (_, option) in zip(spec.characteristics, combo, strict=True)}
    age, history, status = chosen.get("age"), chosen.get("creditHistoryMonths"), chosen.get("employmentStatus")
    if isinstance(age, Bin) and isinstance(history, Bin) and history.minimum > (min(age.maximum, 100) - 1 - 18) * 12:
        return False
    if isinstance(age, Bin) and status == "retired" and age.maximum <= 55:
        return False
    return not (isinstance(age, Bin) and status == "student" and age.minimum >= 36)


def _inside(rng: random.Random, chosen: Bin, name: str, integer: bool) -> float:
    low = chosen.minimum
    high = chosen.maximum if not math.isinf(chosen.maximum) else low + OPEN_WIDTH.get(name, max(low, 1.0))
    if integer:
        first, last = math.ceil(low), math.ceil(high) - 1
        if name in NUMERIC_SPANS:
            last = min(last, NUMERIC_SPANS[name][1])
        return rng.randint(first, max(first, last))
    width = high - low
    return rng.uniform(low + 0.2 * width, high - 0.2 * width)


def build_applicant(spec: ScorecardSpec, combo: tuple[tuple[int, Any], ...], rng: random.Random) -> dict[str, Any]:
    """A request whose characteristics fall in the combination's bins (income above zero, no policy rule)."""
    chosen = {c.name: option for c, (_, option) in zip(spec.characteristics, combo, strict=True)}
    applicant: dict[str, Any] = {}
    income_bin = chosen["monthlyIncome"]
    income = _inside(rng, income_bin, "monthlyIncome", False)
    income = round(max(income, 300.0), 2)
    applicant["age"] = int(_inside(rng, chosen["age"], "age", True))
    applicant["monthlyIncome"] = income
    applicant["employmentStatus"] = chosen["employmentStatus"]
    applicant["requestedAmount"] = round(
        max(100.0, _inside(rng, chosen["loanToIncome"], "loanToIncome", False) * 12 * income)
    )
    applicant["existingDebt"] = round(_inside(rng, chosen["debtToIncome"], "debtToIncome", False) * 12 * income, 2)
    history_bin: Bin = chosen["creditHistoryMonths"]
    cap = max(0, (applicant["age"] - 18) * 12)
    history = int(_inside(rng, history_bin, "creditHistoryMonths", True))
    applicant["creditHistoryMonths"] = min(history, max(cap, int(history_bin.minimum)))
    return applicant


def reachable_scores(spec: ScorecardSpec) -> dict[int, list[tuple[tuple[int, Any], ...]]]:
    """Every score the scorecard can give (before policy rules), with the bin combinations giving it."""
    by_score: dict[int, list[tuple[tuple[int, Any], ...]]] = {}
    for combo in itertools.product(*_options(spec)):
        if _plausible(spec, combo):
            total = spec.base_points + sum(points for points, _ in combo)
            score = int(min(spec.rules.max_score, max(spec.rules.min_score, total)))
            by_score.setdefault(score, []).append(combo)
    return by_score


def cutoff_targets(scores: list[int], cutoff: int) -> list[tuple[str, int]]:
    """The reachable scores just below, at (or next above) and just above the cutoff."""
    below = [s for s in scores if s < cutoff]
    at_or_above = [s for s in scores if s >= cutoff]
    if not below or len(at_or_above) < 2:
        raise ValueError(f"the scorecard cannot reach scores on both sides of {cutoff}")
    at = min(at_or_above)
    return [("below", max(below)), ("at", at), ("above", min(s for s in at_or_above if s > at))]


def applicants_around_cutoff(
    spec: ScorecardSpec, cutoff: int = 680, seed: int = 1, id_prefix: str = "TX", per_score: int = 1
) -> list[dict[str, Any]]:
    """Applicants whose expected scores are the closest reachable below, at and above ``cutoff``."""
    rng = random.Random(f"cutoff:{cutoff}:{seed}")
    by_score = reachable_scores(spec)
    cases = []
    for label, target in cutoff_targets(sorted(by_score), cutoff):
        for number in range(1, per_score + 1):
            applicant = _applicant_for(spec, by_score[target], target, rng)
            request = {
                "transactionId": f"{id_prefix}-cut{cutoff}-{label}-{seed}-{number}",
                "applicantId": f"SYN-CUT{cutoff}{label[:2].upper()}{abs(int(seed)) % 100000}N{number}",
                **applicant,
                "channel": "web",
            }
            outcome = spec.evaluate(request)
            cases.append(
                {
                    "applicant": request,
                    "expectedScore": outcome.score,
                    "expectedDecision": outcome.decision,
                    "label": label,
                }
            )
    return cases


def _applicant_for(spec: ScorecardSpec, combos: list, target: int, rng: random.Random) -> dict[str, Any]:
    for _ in range(200):
        applicant = build_applicant(spec, rng.choice(combos), rng)
        if spec.score(applicant) == target and spec.policy_rule(applicant) is None:
            return applicant
    raise ValueError(f"no applicant found for score {target} of {spec.model_code}")
