"""Distribution drift and champion/challenger statistics: PSI, two-sample KS, decision rates, swap sets."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .baseline_files import open_records

if TYPE_CHECKING:
    import numpy as np

DECISION_ORDER = ("APPROVE", "REFER", "DECLINE")


@dataclass(frozen=True)
class PsiBin:
    label: str
    expected_count: int
    actual_count: int
    expected_share: float
    actual_share: float
    contribution: float


@dataclass(frozen=True)
class PsiResult:
    psi: float
    bins: list[PsiBin]
    edges: list[float]
    n_expected: int
    n_actual: int
    method: str

    @property
    def degrees_of_freedom(self) -> int:
        return max(len(self.bins) - 1, 1)

    def critical_value(self, confidence: float = 0.95) -> float:
        """PSI exceeded with probability ``1 - confidence`` under no drift: chi2(B-1) * (1/n + 1/m)."""
        from scipy import stats  # imported on use: it costs about a second at library import

        return float(stats.chi2.ppf(confidence, self.degrees_of_freedom)) * (1 / self.n_expected + 1 / self.n_actual)


def as_numbers(values: Any, field_name: str = "score") -> np.ndarray:
    """Floats from a list of numbers/strings, a list of result dicts (``field_name``), or a results file path."""
    import numpy as np  # imported on use, like scipy: a run without drift keywords never loads it

    if isinstance(values, str) or hasattr(values, "__fspath__"):
        values = [record.get(field_name) for record in open_records(values).records()]
    items = list(values)
    if items and isinstance(items[0], Mapping):
        items = [item.get(field_name) for item in items]
    array = np.asarray(items, dtype=float)
    if array.ndim != 1 or array.size == 0:
        raise ValueError(f"expected a non-empty list of {field_name} values, got {array.size} values")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{field_name} values must be finite numbers; {int(np.sum(~np.isfinite(array)))} are not")
    return array


def psi_edges(expected: np.ndarray, bins: int, method: str, edges: Sequence[float] | None) -> np.ndarray:
    """Inner cut points: bins are (-inf, e1), [e1, e2), ..., [ek, +inf)."""
    import numpy as np

    if edges is not None and len(edges) > 0:
        cuts = np.asarray(sorted(float(e) for e in edges))
    elif method == "quantile":
        cuts = np.quantile(expected, np.linspace(0, 1, bins + 1)[1:-1], method="linear")
    elif method == "fixed":
        cuts = np.linspace(expected.min(), expected.max(), bins + 1)[1:-1]
    else:
        raise ValueError(f"method must be quantile or fixed, got '{method}'")
    return np.unique(cuts)


def calculate_psi(
    expected: Any,
    actual: Any,
    bins: int = 10,
    method: str = "quantile",
    edges: Sequence[float] | None = None,
    floor: float = 0.0001,
) -> PsiResult:
    """PSI = sum((A_i - E_i) * ln(A_i / E_i)); shares below ``floor`` are raised to it (no renormalisation)."""
    import numpy as np

    if bins < 2 and not edges:
        raise ValueError(f"bins must be at least 2, got {bins}")
    e_values, a_values = as_numbers(expected), as_numbers(actual)
    cuts = psi_edges(e_values, bins, method, edges)
    e_counts = np.bincount(np.searchsorted(cuts, e_values, side="right"), minlength=cuts.size + 1)
    a_counts = np.bincount(np.searchsorted(cuts, a_values, side="right"), minlength=cuts.size + 1)
    e_share = np.maximum(e_counts / e_values.size, floor)
    a_share = np.maximum(a_counts / a_values.size, floor)
    parts = (a_share - e_share) * np.log(a_share / e_share)
    labels = _bin_labels(cuts)
    table = [
        PsiBin(labels[i], int(e_counts[i]), int(a_counts[i]), float(e_share[i]), float(a_share[i]), float(parts[i]))
        for i in range(cuts.size + 1)
    ]
    return PsiResult(float(parts.sum()), table, [float(c) for c in cuts], e_values.size, a_values.size, method)


def _bin_labels(cuts: np.ndarray) -> list[str]:
    bounds = ["-inf", *(f"{c:g}" for c in cuts), "+inf"]
    return [f"[{bounds[i]}, {bounds[i + 1]})" for i in range(len(bounds) - 1)]


@dataclass(frozen=True)
class KsResult:
    statistic: float
    p_value: float
    n_expected: int
    n_actual: int


def ks_test(expected: Any, actual: Any) -> KsResult:
    e_values, a_values = as_numbers(expected), as_numbers(actual)
    from scipy import stats

    result = stats.ks_2samp(e_values, a_values)
    return KsResult(float(result.statistic), float(result.pvalue), e_values.size, a_values.size)


@dataclass(frozen=True)
class RateShift:
    decision: str
    expected_count: int
    expected_total: int
    actual_count: int
    actual_total: int
    z: float
    p_value: float

    @property
    def expected_rate(self) -> float:
        return self.expected_count / self.expected_total

    @property
    def actual_rate(self) -> float:
        return self.actual_count / self.actual_total


def decision_counts(decisions: Any) -> Counter:
    """Counts from a ``{decision: count}`` mapping, a list of decisions, a list of result dicts, or a file."""
    if isinstance(decisions, Mapping) and "records" not in decisions:
        return Counter({str(k): int(v) for k, v in decisions.items()})
    if isinstance(decisions, str) or hasattr(decisions, "__fspath__"):
        return Counter(str(r.get("decision")) for r in open_records(decisions).records())
    items = list(decisions)
    return Counter(str(item.get("decision")) if isinstance(item, Mapping) else str(item) for item in items)


def two_proportion_test(x1: int, n1: int, x2: int, n2: int) -> tuple[float, float]:
    """Pooled two-proportion z test, two-sided; (z, p). No variation at all gives (0, 1)."""
    pooled = (x1 + x2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return 0.0, 1.0
    z = (x2 / n2 - x1 / n1) / math.sqrt(variance)
    from scipy import stats

    return z, float(2 * stats.norm.sf(abs(z)))


def decision_rate_shifts(expected: Any, actual: Any) -> list[RateShift]:
    e_counts, a_counts = decision_counts(expected), decision_counts(actual)
    n1, n2 = sum(e_counts.values()), sum(a_counts.values())
    if not n1 or not n2:
        raise ValueError(f"both samples need decisions: expected {n1}, actual {n2}")
    names = [d for d in DECISION_ORDER if d in e_counts or d in a_counts]
    names += sorted((set(e_counts) | set(a_counts)) - set(names))
    shifts = []
    for name in names:
        z, p = two_proportion_test(e_counts[name], n1, a_counts[name], n2)
        shifts.append(RateShift(name, e_counts[name], n1, a_counts[name], n2, z, p))
    return shifts


@dataclass
class SwapSet:
    table: dict[str, dict[str, int]]
    paired: int
    flips: int
    swap_ins: int
    swap_outs: int
    unpaired_champion: int
    unpaired_challenger: int
    examples: list[dict[str, str]] = field(default_factory=list)

    @property
    def flip_rate(self) -> float:
        return self.flips / self.paired if self.paired else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "paired": self.paired,
            "flips": self.flips,
            "flip_rate": self.flip_rate,
            "swap_ins": self.swap_ins,
            "swap_outs": self.swap_outs,
            "unpaired_champion": self.unpaired_champion,
            "unpaired_challenger": self.unpaired_challenger,
            "examples": list(self.examples),
        }


def build_swap_set(champion: Any, challenger: Any, key: str = "transactionId", max_examples: int = 10) -> SwapSet:
    """Champion decision (rows) by challenger decision (columns), paired on ``key``."""
    champion_decisions = _decisions_by_key(champion, key, "champion")
    table = {row: dict.fromkeys(DECISION_ORDER, 0) for row in DECISION_ORDER}
    paired = flips = swap_ins = swap_outs = unpaired_challenger = 0
    examples: list[dict[str, str]] = []
    for record in open_records(challenger, "challenger results").records():
        record_key = str(record.get(key))
        old = champion_decisions.pop(record_key, None)
        if old is None:
            unpaired_challenger += 1
            continue
        new = str(record.get("decision"))
        table.setdefault(old, {}).setdefault(new, 0)
        table[old][new] += 1
        paired += 1
        if old != new:
            flips += 1
            swap_ins += new == "APPROVE"
            swap_outs += old == "APPROVE"
            if len(examples) < max_examples:
                examples.append({"key": record_key, "champion": old, "challenger": new})
    return SwapSet(table, paired, flips, swap_ins, swap_outs, len(champion_decisions), unpaired_challenger, examples)


def _decisions_by_key(results: Any, key: str, description: str) -> dict[str, str]:
    decisions: dict[str, str] = {}
    for record in open_records(results, f"{description} results").records():
        record_key = str(record.get(key))
        if record_key in decisions:
            raise ValueError(f"{description} results: duplicate {key} {record_key}")
        decisions[record_key] = str(record.get("decision"))
    return decisions
