"""Samples of the Prometheus text exposition format (``GET /metrics``)."""

from __future__ import annotations

import re
from collections.abc import Mapping


def sample_has_labels(sample: str, labels: Mapping[str, str]) -> bool:
    """True when the sample line carries every ``label="value"`` pair; a value ending in ``*`` is a prefix."""
    for label, value in labels.items():
        text = str(value)
        wanted = f'{label}="{text[:-1]}' if text.endswith("*") else f'{label}="{text}"'
        if wanted not in sample:
            return False
    return True


def metric_samples(text: str, name: str) -> list[str]:
    """The sample lines of metric ``name`` (``name value`` or ``name{labels} value``)."""
    pattern = re.compile(rf"^{name}(\{{.*\}})?\s+\S+$")
    return [line for line in text.splitlines() if pattern.search(line)]


def sum_samples(text: str, name: str, labels: Mapping[str, str]) -> float:
    """The sum of the values of ``name``'s samples whose labels include every ``labels`` pair (0.0 for none)."""
    total = 0.0
    for sample in metric_samples(text, name):
        if sample_has_labels(sample, labels):
            total += float(sample.rsplit(" ", 1)[-1])
    return total
