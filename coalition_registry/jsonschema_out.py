"""JSON Schemas (Draft 2020-12) for the registry's files, generated from the
record classes, for editors: completion, descriptions on hover, and
errors underlined while typing.

Each record class's YAML fields (:func:`~coalition_registry.schema.yaml_fields`)
become the properties of one object schema, each field type giving its own
fragment (:meth:`~coalition_registry.schema.FieldType.json_schema`), so the
schemas cannot drift from the checks.  Parts written inside records (a
source, a claim...) become ``$defs``.

A schema sees what an editor's YAML 1.2 parser sees: ``104`` is a number,
``true`` a boolean, and an unquoted ``2023-09-18`` the text of a date.  It
checks the shape of one file; what needs the whole registry (that an id
exists, that a signature is not repeated) or the rules between fields
(an anonymous person has no name) is left to ``coalition-registry
validate``, which stays the authority.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re

from collections.abc import Iterator
from typing import Any, Final

import attrs

from ._version import __version__
from .model import KINDS, PARTS, RegistryInfo
from .schema import yaml_fields


__all__ = [
    "DIALECT",
    "REGISTRY_KIND",
    "all_schemas",
    "kind_schema",
    "record_schema",
    "schema_kinds",
]

#: The JSON Schema dialect of every generated schema.
DIALECT: Final = "https://json-schema.org/draft/2020-12/schema"

#: The name under which the schema of ``registry.yaml`` is generated.
REGISTRY_KIND: Final = "registry"

_REF: Final = re.compile(r"^#/\$defs/(\w+)$")


def schema_kinds() -> dict[str, type[Any]]:
    """The record class of each schema, by name: every record kind, then
    ``registry`` for ``registry.yaml``.
    """
    return {**KINDS, REGISTRY_KIND: RegistryInfo}


def _summary(cls: type[Any]) -> str:
    doc = inspect.getdoc(cls) or ""
    return " ".join(doc.split("\n\n", 1)[0].split())


def _example(text: str) -> Any:
    """An example value as a YAML 1.2 editor reads it, in JSON terms."""
    if not text:
        return None
    # A fresh safe, pure-Python loader: YAML 1.2, as editors parse it.
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        value = YAML(typ="safe", pure=True).load(text)
    except YAMLError:  # pragma: no cover - every example is valid YAML
        return None
    return _jsonable(value)


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def _default(attribute: attrs.Attribute[Any]) -> Any:
    default = attribute.default
    if isinstance(default, (str, bool, int)):
        return default
    return None


def record_schema(cls: type[Any]) -> dict[str, Any]:
    """The object schema of one record class (no ``$defs``: parts are
    referred to as ``#/$defs/<ClassName>``).

    Every field is a property, described by its documentation, with its
    default and its example when it has them; required fields are
    required, and no other property is allowed.  ``private`` may only list
    the fields this kind allows to be private.
    """
    fields = yaml_fields(cls)
    attributes = {a.name: a for a in attrs.fields(cls)}
    properties: dict[str, Any] = {}
    for name, spec in fields.items():
        if name == "private":
            hideable = [n for n, s in fields.items() if s.private_ok]
            prop: dict[str, Any] = {
                "type": "array",
                "items": {"type": "string", "enum": hideable},
            }
        else:
            prop = dict(spec.type.json_schema())
        if not spec.required:
            # An empty value (``country:``), ``~`` or ``null`` means the
            # field is left out, for the validator: an editor must not
            # underline it.
            prop = {"anyOf": [prop, {"type": "null"}]}
        if spec.doc:
            prop["description"] = spec.doc
        default = _default(attributes[name])
        if default is not None:
            prop["default"] = default
        example = _example(spec.example)
        if example is not None:
            prop["examples"] = [example]
        properties[name] = prop
    schema: dict[str, Any] = {
        "title": cls.__name__,
        "description": _summary(cls),
        "type": "object",
        "properties": properties,
    }
    required = [n for n, s in fields.items() if s.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    return schema


def _refs(fragment: Any) -> Iterator[str]:
    """The names of the ``$defs`` a schema fragment refers to."""
    if isinstance(fragment, dict):
        ref = fragment.get("$ref")
        if isinstance(ref, str):
            match = _REF.match(ref)
            if match is not None:
                yield match.group(1)
        for value in fragment.values():
            yield from _refs(value)
    elif isinstance(fragment, list):
        for value in fragment:
            yield from _refs(value)


def _defs(cls: type[Any]) -> dict[str, Any]:
    """*cls*'s schema and those of every part it refers to, by class name."""
    known = {c.__name__: c for c in (*KINDS.values(), *PARTS, RegistryInfo)}
    defs: dict[str, Any] = {}
    todo = [cls.__name__]
    while todo:
        name = todo.pop(0)
        if name in defs:
            continue
        defs[name] = record_schema(known[name])
        todo.extend(_refs(defs[name]))
    return defs


def kind_schema(kind: str) -> dict[str, Any]:
    """The complete schema of one kind of file.

    A record file holds one record or a list of them, so the schema of a
    record kind accepts either; ``registry.yaml`` holds one mapping.

    Raises:
        KeyError: *kind* is not a name from :func:`schema_kinds`.
    """
    cls = schema_kinds()[kind]
    one = {"$ref": f"#/$defs/{cls.__name__}"}
    shape: dict[str, Any] = (
        one
        if kind == REGISTRY_KIND
        # An empty list is an empty file for the validator.
        else {"anyOf": [one, {"type": "array", "items": one, "minItems": 1}]}
    )
    where = (
        "The registry's registry.yaml."
        if kind == REGISTRY_KIND
        else f"Files in the {cls.folder}/ folder."
    )
    return {
        "$schema": DIALECT,
        "title": f"coalition-registry {kind}",
        "description": f"{_summary(cls)} {where}",
        "$comment": f"Generated by coalition-registry {__version__} "
        "(coalition-registry schema); do not edit by hand.",
        **shape,
        "$defs": _defs(cls),
    }


def all_schemas() -> dict[str, dict[str, Any]]:
    """Every kind's schema, by kind (see :func:`schema_kinds`)."""
    return {kind: kind_schema(kind) for kind in schema_kinds()}
