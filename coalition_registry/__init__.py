"""coalition_registry: who signed which open letter, from which country.

>>> import coalition_registry as cr
>>> reg = cr.load("registry_data")
>>> reg.organisations.lookup("Canadian Center for Child Protection").hq_country
'CA'

The names below are imported from their modules on first use, so that
``import coalition_registry`` costs almost nothing (a command line that only
prints its version, or a tool that only needs one function, does not load
the whole library, nor pycountry's databases, nor ruamel.yaml).
"""

from __future__ import annotations

from ._version import __version__


# typing is not imported at run time: importing this package must stay cheap.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Final

    from .aggregate import (
        Cell,
        Coverage,
        CoverageRow,
        Row,
        Table,
        coverage,
        people,
        signatory_table,
    )
    from .exports import Export, export
    from .model import (
        Claim,
        Coalition,
        Group,
        Letter,
        Membership,
        Organisation,
        PartialDate,
        Person,
        Recipient,
        RegistryInfo,
        Signature,
        Source,
    )
    from .parsing import Limits
    from .problems import CODES, Location, Problem, RegistryError, Severity
    from .query import (
        MemberSigning,
        coalition_members,
        coalitions_of,
        cosigners,
        country_of,
        letters_signed_by,
        members_signing,
        organisations,
        overlap,
        signatories,
        signatures,
    )
    from .reconciliation import Reconciliation, reconcile
    from .registry import Collection, Registry, UnknownLetterError, load
    from .suppression import published, suppress
    from .validation import Report, validate


_WHERE: Final[dict[str, str]] = {
    "CODES": "problems",
    "Cell": "aggregate",
    "Claim": "model",
    "Coalition": "model",
    "Collection": "registry",
    "Coverage": "aggregate",
    "CoverageRow": "aggregate",
    "Export": "exports",
    "Group": "model",
    "Letter": "model",
    "Limits": "parsing",
    "Location": "problems",
    "MemberSigning": "query",
    "Membership": "model",
    "Organisation": "model",
    "PartialDate": "model",
    "Person": "model",
    "Problem": "problems",
    "Recipient": "model",
    "Reconciliation": "reconciliation",
    "Registry": "registry",
    "UnknownLetterError": "registry",
    "RegistryError": "problems",
    "RegistryInfo": "model",
    "Report": "validation",
    "Row": "aggregate",
    "Severity": "problems",
    "Signature": "model",
    "Source": "model",
    "Table": "aggregate",
    "coalition_members": "query",
    "coalitions_of": "query",
    "cosigners": "query",
    "country_of": "query",
    "coverage": "aggregate",
    "export": "exports",
    "letters_signed_by": "query",
    "members_signing": "query",
    "load": "registry",
    "organisations": "query",
    "overlap": "query",
    "people": "aggregate",
    "published": "suppression",
    "reconcile": "reconciliation",
    "signatories": "query",
    "signatory_table": "aggregate",
    "signatures": "query",
    "suppress": "suppression",
    "validate": "validation",
}


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "CODES",
    "Cell",
    "Claim",
    "Coalition",
    "Collection",
    "Coverage",
    "CoverageRow",
    "Export",
    "Group",
    "Letter",
    "Limits",
    "Location",
    "MemberSigning",
    "Membership",
    "Organisation",
    "PartialDate",
    "Person",
    "Problem",
    "Recipient",
    "Reconciliation",
    "Registry",
    "RegistryError",
    "RegistryInfo",
    "Report",
    "Row",
    "Severity",
    "Signature",
    "Source",
    "Table",
    "UnknownLetterError",
    "__version__",
    "coalition_members",
    "coalitions_of",
    "cosigners",
    "country_of",
    "coverage",
    "export",
    "letters_signed_by",
    "load",
    "members_signing",
    "organisations",
    "overlap",
    "people",
    "published",
    "reconcile",
    "signatories",
    "signatory_table",
    "signatures",
    "suppress",
    "validate",
]
