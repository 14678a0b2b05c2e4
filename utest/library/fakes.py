"""Stand-ins for ``requests`` responses in the library's unit tests."""

from __future__ import annotations

import json
from datetime import timedelta
from types import SimpleNamespace

from requests.structures import CaseInsensitiveDict

URL = "http://127.0.0.1:8089/api/v1/score"


class FakeResponse:
    """The attributes of a ``requests.Response`` the checks read."""

    def __init__(self, status=200, body=None, text=None, headers=None, method="POST", url=URL, elapsed_ms=5.0):
        self.status_code = status
        self.text = text if text is not None else json.dumps(body)
        self.headers = CaseInsensitiveDict({"Content-Type": "application/json", **(headers or {})})
        self.request = SimpleNamespace(method=method)
        self.url = url
        self.elapsed = timedelta(milliseconds=elapsed_ms)

    def json(self):
        return json.loads(self.text)
