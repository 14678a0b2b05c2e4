"""Figures a run records for release gates: one log message per figure, machine-readable in output.xml.

A figure is logged at INFO as ``ScoreGate metric: {"kind": "psi", "value": 0.012, ...}``: the prefix,
then one JSON object with a ``kind``. Readers take the messages from Robot's result model
(``robot.api.ExecutionResult``) and pass their text to `parse_metric`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

METRIC_PREFIX = "ScoreGate metric: "


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def metric_message(kind: str, figures: Mapping[str, Any]) -> str:
    """The log message recording ``figures`` of ``kind`` (non-finite floats become null)."""
    if not kind:
        raise ValueError("a metric needs a kind, got an empty string")
    body = {"kind": kind, **{name: _finite(value) for name, value in figures.items()}}
    return METRIC_PREFIX + json.dumps(body, separators=(", ", ": "), default=str)


def parse_metric(message: str) -> dict[str, Any] | None:
    """The figures of a metric message, or None when ``message`` is not one."""
    if not isinstance(message, str) or not message.startswith(METRIC_PREFIX):
        return None
    try:
        figures = json.loads(message[len(METRIC_PREFIX) :])
    except ValueError:
        return None
    if not isinstance(figures, dict) or not isinstance(figures.get("kind"), str):
        return None
    return figures
