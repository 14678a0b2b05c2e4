"""Keyword components of ScoringLibrary, one per area."""

from .contract import ContractKeywords
from .drift import DriftKeywords
from .latency import LatencyKeywords
from .metamorphic import MetamorphicKeywords
from .parity import ParityKeywords
from .privacy import PrivacyKeywords
from .regression import RegressionKeywords
from .rest import RestKeywords
from .soap import SoapKeywords
from .synthetic import SyntheticDataKeywords

__all__ = [
    "ContractKeywords",
    "DriftKeywords",
    "LatencyKeywords",
    "MetamorphicKeywords",
    "ParityKeywords",
    "PrivacyKeywords",
    "RegressionKeywords",
    "RestKeywords",
    "SoapKeywords",
    "SyntheticDataKeywords",
]
