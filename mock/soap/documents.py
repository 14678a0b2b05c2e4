"""The published WSDL and XSD, and the schema compiled once for validation."""

from __future__ import annotations

import functools
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

from mock.soap.names import ENDPOINT_PATH, XSD_NAME

_HERE = Path(__file__).resolve().parent
WSDL_PATH = _HERE / "scoring.wsdl"
XSD_PATH = _HERE / XSD_NAME

_WSDL_TEXT = WSDL_PATH.read_text(encoding="utf-8")
XSD_BYTES = XSD_PATH.read_bytes()

_ADDRESS_IN_FILE = f'location="http://scoring-mock.invalid{ENDPOINT_PATH}"'
_SCHEMA_LOCATION_IN_FILE = f'schemaLocation="{XSD_NAME}"'


def _compile_schema() -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    return etree.XMLSchema(etree.fromstring(XSD_BYTES, parser, base_url=str(XSD_PATH)))


SCHEMA: etree.XMLSchema = _compile_schema()
"""ScoreApplicantRequest / ScoreApplicantResponse / fault detail schema (lxml, compiled at import)."""


@functools.lru_cache(maxsize=64)
def render_wsdl(base_url: str) -> bytes:
    """The WSDL with ``soap:address`` and the XSD import pointing at ``base_url`` (``http://host:port``)."""
    if _ADDRESS_IN_FILE not in _WSDL_TEXT or _SCHEMA_LOCATION_IN_FILE not in _WSDL_TEXT:
        raise RuntimeError(f"{WSDL_PATH} lost its address or schema import; expected {_ADDRESS_IN_FILE}")
    root = escape(base_url.rstrip("/"), {'"': "&quot;"})
    text = _WSDL_TEXT.replace(_ADDRESS_IN_FILE, f'location="{root}{ENDPOINT_PATH}"').replace(
        _SCHEMA_LOCATION_IN_FILE, f'schemaLocation="{root}{ENDPOINT_PATH}?xsd={XSD_NAME}"'
    )
    return text.encode("utf-8")
