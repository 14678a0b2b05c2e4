"""Keywords that open authenticated connections to the scoring target without exposing the API token.

The token travels as a Robot Framework ``Secret``; it is registered with the secret-masking listener before
any connection is made, and it is put on the HTTP session / SOAP client from Python, never through a
keyword argument or variable that Robot Framework would log in clear.
"""

from __future__ import annotations

import os
import secrets
import time
from typing import Any

import requests
from robot.api.deco import keyword
from robot.api.types import Secret
from robot.libraries.BuiltIn import BuiltIn

from ..base import LibraryComponent
from ..core.secret_masking import REGISTRY

DEFAULT_TIMEOUT_SECONDS = 10.0
JSON_HEADERS = {"Accept": "application/json"}


def bearer_headers(token: Secret | None) -> dict[str, str]:
    """``{"Authorization": "Bearer <token>"}``, or an empty dict when there is no token or it is empty."""
    if token is None or not token.value:
        return {}
    return {"Authorization": f"Bearer {token.value}"}


def new_run_id(now: float | None = None, pid: int | None = None, suffix: str | None = None) -> str:
    """A run id unique per run and per process: ``R<yymmdd>T<HHMMSS>P<pid>X<4 hex>``, 26 characters at most.

    Letters separate the digit groups, so no run of digits looks like a card or account number to a
    personal-data scanner reading the transactionIds in logs and databases.
    """
    stamp = time.strftime("%y%m%dT%H%M%S", time.gmtime(time.time() if now is None else now))
    process = os.getpid() if pid is None else pid
    tail = secrets.token_hex(2) if suffix is None else suffix
    return f"R{stamp}P{process % 1_000_000}X{tail}"


def _secret_value(token: Secret | None) -> str:
    return "" if token is None else token.value


class SessionKeywords(LibraryComponent):
    """Open REST sessions and SOAP clients on the scoring target and generate per-run identifiers."""

    @keyword("Generate Scoring Token")
    def generate_scoring_token(self, length: int = 32) -> Secret:
        """Return a new random API token as a ``Secret``, already registered for masking.

        Used to protect a locally started mock with a per-run token.

        Example:
        | ${token} = | Generate Scoring Token |
        """
        if length < 16:
            raise ValueError(f"token length must be at least 16 bytes, got {length}")
        token = Secret(secrets.token_urlsafe(length))
        REGISTRY.register(token.value)
        return token

    @keyword("Register Secret")
    def register_secret(self, secret: Secret) -> None:
        """Mask every later occurrence of ``secret`` in log messages and result messages.

        Secrets handed to `Create Scoring Session` and `Create Scoring SOAP Client` are registered
        automatically; use this for any other credential a suite brings in.

        Example:
        | VAR | ${admin token: Secret} | %{SCORING_ADMIN_TOKEN=} |
        | Register Secret | ${admin token} |
        """
        REGISTRY.register(_secret_value(secret))

    @keyword("Generate Run Id")
    def generate_run_id(self) -> str:
        """Return an id unique to this run and this process, used as the prefix of every transactionId.

        Example:
        | ${run id} = | Generate Run Id | # R261125T101530P4242X9f3c |
        """
        return new_run_id()

    @keyword("Create Scoring Session")
    def create_scoring_session(
        self,
        alias: str,
        base_url: str,
        token: Secret | None = None,
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
        max_retries: int = 0,
        backoff_factor: float = 0.1,
        retry_status_list: list[int] | None = None,
        retry_method_list: list[str] | None = None,
    ) -> None:
        """Create a RequestsLibrary session ``alias`` on ``base_url`` that sends ``Authorization: Bearer <token>``.

        An empty or missing ``token`` creates a session without the header. ``max_retries`` is 0 by default so
        tests see every failure the target produces; a resilience test may ask for retries
        (``retry_method_list`` must then name POST for scoring calls to be retried).

        Example:
        | Create Scoring Session | scoring | ${BASE_URL} | ${API_TOKEN} |
        | Create Scoring Session | retrying | ${BASE_URL} | ${API_TOKEN} | max_retries=3 |
        | ... | retry_status_list=[503] | retry_method_list=["POST"] |
        """
        REGISTRY.register(_secret_value(token))
        requests_library = BuiltIn().get_library_instance("RequestsLibrary")
        options: dict[str, Any] = {
            "headers": dict(JSON_HEADERS),
            "timeout": timeout,
            "max_retries": max_retries,
            "backoff_factor": backoff_factor,
            "retry_status_list": retry_status_list or [],
        }
        if retry_method_list is not None:
            options["retry_method_list"] = [method.upper() for method in retry_method_list]
        session = requests_library.create_session(alias, base_url.rstrip("/"), **options)
        session.headers.update(bearer_headers(token))
        self.info(f"Session '{alias}' on {base_url} {'with' if bearer_headers(token) else 'without'} a bearer token.")

    @keyword("Create Scoring SOAP Client")
    def create_scoring_soap_client(
        self,
        wsdl_url: str,
        token: Secret | None = None,
        alias: str = "scoring-soap",
        timeout: str = "10 seconds",
    ) -> int:
        """Load the WSDL at ``wsdl_url`` into a SudsLibrary client that sends ``Authorization: Bearer <token>``.

        The client becomes the current SudsLibrary client; returns its index. An empty token sends no header.

        Example:
        | Create Scoring SOAP Client | ${WSDL_URL} | ${API_TOKEN} |
        | ${response} = | Call Soap Method | ScoreApplicant | @{arguments} |
        """
        REGISTRY.register(_secret_value(token))
        suds_library = BuiltIn().get_library_instance("SudsLibrary")
        index = suds_library.create_soap_client(wsdl_url, alias, timeout=timeout)
        client = suds_library._client()
        client.set_options(headers=bearer_headers(token))
        return index

    @keyword("Send Request With Raw Header")
    def send_request_with_raw_header(
        self,
        method: str,
        path: str,
        name: str,
        value: str,
        alias: str = "scoring",
        timeout: float = DEFAULT_TIMEOUT_SECONDS,
    ) -> requests.Response:
        """Send ``method`` ``path`` on session ``alias`` with header ``name`` set to ``value`` unchecked.

        HTTP clients refuse header values holding CR or LF; this keyword sets the value after that check, so
        a test can send an obsolete line folding (``CR LF`` followed by a space) and see what the target does
        with it. Other headers (the bearer token) come from the session. Returns the response, any status.

        Example:
        | ${response} = | Send Request With Raw Header | GET | /health | X-Correlation-ID | SYN-1\\r\\n injected |
        """
        requests_library = BuiltIn().get_library_instance("RequestsLibrary")
        session = requests_library._cache.get_connection(alias)
        url = f"{session.url.rstrip('/')}/{path.lstrip('/')}"
        prepared = session.prepare_request(requests.Request(method.upper(), url))
        prepared.headers[name] = value
        response = session.send(prepared, timeout=timeout, allow_redirects=False)
        self.info(f"{method.upper()} {url} with raw header {name}: {value!r} -> {response.status_code}")
        return response
