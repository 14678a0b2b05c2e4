"""Deterministic synthetic applicants per segment, within the contract's ranges."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

from .boundaries import ENUMS

CHANNELS = ENUMS["channel"]
SEGMENT_CODES = {
    "prime": "PR",
    "near_prime": "NP",
    "thin_file": "TF",
    "high_dti": "HD",
    "senior": "SR",
    "young": "YG",
    "self_employed": "SE",
}
SEGMENTS = (*SEGMENT_CODES, "mixed")


def _money(value: float) -> float:
    return round(value, 2)


def _history(rng: random.Random, age: int, low: int, high: int) -> int:
    cap = max(0, (age - 18) * 12)
    return rng.randint(min(low, cap), min(high, cap))


def _loan(rng: random.Random, income: float, low: float, high: float) -> float:
    return float(max(100, min(1_000_000, round(income * 12 * rng.uniform(low, high), -1))))


def _debt(rng: random.Random, income: float, low: float, high: float) -> float:
    return _money(min(10_000_000, income * 12 * rng.uniform(low, high)))


def _pick(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _profile(
    rng: random.Random,
    age: tuple[int, int],
    income: tuple[float, float],
    status: dict[str, int],
    history: tuple[int, int],
    dti: tuple[float, float],
    lti: tuple[float, float],
) -> dict[str, Any]:
    years = rng.randint(*age)
    monthly = _money(rng.uniform(*income))
    return {
        "age": years,
        "monthlyIncome": monthly,
        "employmentStatus": _pick(rng, status),
        "requestedAmount": _loan(rng, monthly, *lti),
        "existingDebt": _debt(rng, monthly, *dti),
        "creditHistoryMonths": _history(rng, years, *history),
    }


def _prime(rng: random.Random) -> dict[str, Any]:
    values = _profile(
        rng, (30, 64), (4500, 12000), {"full_time": 85, "self_employed": 15}, (72, 360), (0, 0.15), (0.05, 0.3)
    )
    if values["age"] >= 58 and rng.random() < 0.3:
        values["employmentStatus"] = "retired"
    return values


def _near_prime(rng: random.Random) -> dict[str, Any]:
    status = {"full_time": 60, "part_time": 20, "self_employed": 20}
    return _profile(rng, (24, 60), (2200, 5000), status, (12, 120), (0.15, 0.45), (0.1, 0.6))


def _thin_file(rng: random.Random) -> dict[str, Any]:
    status = {"full_time": 50, "part_time": 30, "student": 20}
    return _profile(rng, (18, 30), (1200, 3500), status, (0, 11), (0, 0.15), (0.05, 0.4))


def _high_dti(rng: random.Random) -> dict[str, Any]:
    status = {"full_time": 60, "part_time": 25, "self_employed": 15}
    return _profile(rng, (25, 60), (2000, 6000), status, (24, 240), (0.45, 1.2), (0.1, 0.8))


def _senior(rng: random.Random) -> dict[str, Any]:
    status = {"retired": 85, "part_time": 10, "self_employed": 5}
    return _profile(rng, (62, 90), (1200, 5000), status, (120, 600), (0, 0.3), (0.02, 0.3))


def _young(rng: random.Random) -> dict[str, Any]:
    status = {"student": 35, "part_time": 35, "full_time": 25, "unemployed": 5}
    return _profile(rng, (18, 24), (800, 3000), status, (0, 72), (0, 0.3), (0.05, 0.6))


def _self_employed(rng: random.Random) -> dict[str, Any]:
    values = _profile(rng, (25, 65), (1500, 20000), {"self_employed": 1}, (24, 360), (0, 0.5), (0.05, 0.8))
    values["monthlyIncome"] = _money(min(1_000_000, values["monthlyIncome"] * rng.lognormvariate(0, 0.3)))
    return values


PROFILES: dict[str, Callable[[random.Random], dict[str, Any]]] = {
    "prime": _prime,
    "near_prime": _near_prime,
    "thin_file": _thin_file,
    "high_dti": _high_dti,
    "senior": _senior,
    "young": _young,
    "self_employed": _self_employed,
}


def generate_applicants(count: int = 10, segment: str = "prime", seed: int = 1, id_prefix: str = "TX") -> list[dict]:
    """``count`` score requests of ``segment``; the same seed always gives the same applicants."""
    if segment not in SEGMENTS:
        raise ValueError(f"unknown segment '{segment}'; segments: {', '.join(SEGMENTS)}")
    if count < 0:
        raise ValueError(f"count must be >= 0, got {count}")
    rng = random.Random(f"{segment}:{seed}")
    seed_code = f"{abs(int(seed)):X}"[-8:]
    applicants = []
    for number in range(1, count + 1):
        chosen = rng.choice(list(PROFILES)) if segment == "mixed" else segment
        values = PROFILES[chosen](rng)
        code = SEGMENT_CODES[chosen]
        applicants.append(
            {
                "transactionId": f"{id_prefix}-{segment.replace('_', '-')}-{number:06d}",
                "applicantId": f"SYN-{code}{seed_code}N{number:06d}",
                **values,
                "channel": CHANNELS[(number - 1 + rng.randrange(len(CHANNELS))) % len(CHANNELS)],
            }
        )
    return applicants


def age_grid(
    profiles: Mapping[str, Mapping[str, Any]], prefix: str, youngest: int = 18, oldest: int = 100
) -> list[dict[str, Any]]:
    """Each profile at every age ``youngest..oldest``, otherwise unchanged, as ``<prefix>-<profile>-<age>``.

    Profiles in their order, each in age order; the copies keep the profile's field order.
    """
    if youngest > oldest:
        raise ValueError(f"youngest age {youngest} is above the oldest {oldest}")
    return [
        {**profile, "age": age, "transactionId": f"{prefix}-{name}-{age}"}
        for name, profile in profiles.items()
        for age in range(youngest, oldest + 1)
    ]
