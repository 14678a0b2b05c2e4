"""OpenAPI contract loading and JSON Schema (Draft 2020-12) validation of bodies against its components."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .values import json_path

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

CONTRACT_URI = "urn:scoregate:openapi"
MAX_VIOLATION_CHARS = 200
_COMPONENT_REF = re.compile(r"^#/components/schemas/(.+)$")


@dataclass
class OpenApiContract:
    """A loaded OpenAPI document; component schemas are validated with every ``$ref`` resolved."""

    document: dict[str, Any]
    source: str
    _validators: dict[str, Draft202012Validator] = field(default_factory=dict, repr=False)

    @property
    def schema_names(self) -> list[str]:
        return sorted(self.document.get("components", {}).get("schemas", {}))

    def schema(self, name: str) -> dict[str, Any]:
        """The component schema ``name`` as published (``$ref`` kept)."""
        schemas = self.document.get("components", {}).get("schemas", {})
        if name not in schemas:
            raise KeyError(f"schema '{name}' is not in {self.source}; components: {', '.join(self.schema_names)}")
        return schemas[name]

    def resolved_schema(self, name: str) -> dict[str, Any]:
        """The component schema with every internal ``$ref`` inlined (recursive references stay as ``$ref``)."""
        return _inline(self.schema(name), self.document, ())

    def validator(self, name: str) -> Draft202012Validator:
        if name not in self._validators:
            from jsonschema import Draft202012Validator
            from referencing import Registry, Resource
            from referencing.jsonschema import DRAFT202012

            self.schema(name)
            registry = Registry().with_resource(CONTRACT_URI, Resource(self.document, DRAFT202012))
            root = {
                "$schema": "https://json-schema.org/draft/2020-12/schema",
                "$ref": f"{CONTRACT_URI}#/components/schemas/{name}",
            }
            self._validators[name] = Draft202012Validator(root, registry=registry)
        return self._validators[name]

    def violations(self, body: Any, name: str) -> list[str]:
        """Every violation of schema ``name`` by ``body``, as ``$.path: problem`` strings."""
        return schema_violations(self.validator(name), body)


def load_openapi(
    source: str | Path, timeout: float = 10.0, headers: Mapping[str, str] | None = None
) -> OpenApiContract:
    """Load an OpenAPI document from a URL or a file path (JSON, or YAML for ``.yaml``/``.yml``)."""
    text_source = str(source)
    if re.match(r"^https?://", text_source):
        import requests

        response = requests.get(text_source, timeout=timeout, headers=dict(headers or {}))
        response.raise_for_status()
        document = response.json()
    else:
        path = Path(text_source)
        raw = path.read_text(encoding="utf-8")
        if path.suffix.lower() in {".yaml", ".yml"}:
            import yaml

            document = yaml.safe_load(raw)
        else:
            document = json.loads(raw)
    if not isinstance(document, dict) or "openapi" not in document:
        raise ValueError(f"{text_source} is not an OpenAPI document (no 'openapi' field)")
    if str(document["openapi"]).startswith("3.0"):
        document = _nullable_to_type_lists(copy.deepcopy(document))
    return OpenApiContract(document, text_source)


def schema_violations(validator: Draft202012Validator, body: Any) -> list[str]:
    """Every violation, sorted by path, without duplicates."""
    found: dict[str, None] = {}
    for error in validator.iter_errors(body):
        for text in _describe(error):
            found.setdefault(_shorten(text), None)
    return sorted(found, key=_path_sort_key)


def _describe(error: ValidationError) -> Iterator[str]:
    path = json_path(error.absolute_path)
    if error.validator == "required" and isinstance(error.instance, Mapping):
        for name in error.validator_value:
            if name not in error.instance:
                yield f"{_child(path, name)}: missing"
    elif error.validator in {"additionalProperties", "unevaluatedProperties"} and isinstance(error.instance, Mapping):
        known = set(error.schema.get("properties", {}))
        patterns = [re.compile(p) for p in error.schema.get("patternProperties", {})]
        for name in error.instance:
            if name not in known and not any(p.search(name) for p in patterns):
                yield f"{_child(path, name)}: unexpected field"
    elif error.validator in {"anyOf", "oneOf"} and error.context:
        from jsonschema.exceptions import best_match

        best = best_match(error.context)
        yield f"{json_path(best.absolute_path)}: {best.message}"
    else:
        yield f"{path}: {error.message}"


def _child(path: str, name: str) -> str:
    return f"{path}.{name}"


def _shorten(text: str) -> str:
    return text if len(text) <= MAX_VIOLATION_CHARS else text[: MAX_VIOLATION_CHARS - 3] + "..."


def _path_sort_key(text: str) -> tuple[str, str]:
    path, _, problem = text.partition(": ")
    return path, problem


def _inline(node: Any, document: dict[str, Any], seen: tuple[str, ...]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            if ref in seen:
                return dict(node)
            target = _pointer(document, ref)
            merged = {**_inline(target, document, (*seen, ref)), **{k: v for k, v in node.items() if k != "$ref"}}
            return merged
        return {key: _inline(value, document, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [_inline(item, document, seen) for item in node]
    return node


def _pointer(document: dict[str, Any], ref: str) -> Any:
    node: Any = document
    for raw in ref[2:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, list):
            node = node[int(part)]
        elif isinstance(node, dict) and part in node:
            node = node[part]
        else:
            raise KeyError(f"unresolvable $ref {ref}")
    return node


def _nullable_to_type_lists(node: Any) -> Any:
    """OpenAPI 3.0 ``nullable: true`` expressed as JSON Schema (``type: [t, "null"]``)."""
    if isinstance(node, dict):
        converted = {k: _nullable_to_type_lists(v) for k, v in node.items() if k != "nullable"}
        if node.get("nullable") is True:
            kind = converted.get("type")
            if isinstance(kind, str):
                converted["type"] = [kind, "null"]
            if "enum" in converted and None not in converted["enum"]:
                converted["enum"] = [*converted["enum"], None]
        return converted
    if isinstance(node, list):
        return [_nullable_to_type_lists(item) for item in node]
    return node
