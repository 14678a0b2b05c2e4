"""Real ``python -m mock`` processes for these tests: ``start_mock(*args, token=..., admin_token=...)``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from utest.security.live_mock import MockStarter


@pytest.fixture(scope="module")
def start_mock(tmp_path_factory: pytest.TempPathFactory) -> Iterator[MockStarter]:
    """Start mocks on free ports, each with its own database and stderr log; all are SIGTERMed after the module."""
    starter = MockStarter(tmp_path_factory.mktemp("mocks"))
    yield starter
    starter.stop_all()
