"""coalition_registry: who signed which open letter, from which country.

>>> import coalition_registry as cr
>>> reg = cr.load("registry_data")
>>> reg.organisations.lookup("Canadian Center for Child Protection").hq_country
'CA'
"""

from ._version import __version__
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
from .export import Export, export
from .load import Limits
from .model import (
    Claim,
    Coalition,
    Group,
    Letter,
    Membership,
    Organisation,
    Person,
    Recipient,
    RegistryInfo,
    Signature,
    Source,
)
from .problems import CODES, Location, Problem, RegistryError, Severity
from .query import (
    country_of,
    letters_signed_by,
    organisations,
    signatories,
    signatures,
)
from .reconcile import Reconciliation, reconcile
from .registry import Collection, Registry, load
from .suppress import suppress
from .validate import Report, validate


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
    "Membership",
    "Organisation",
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
    "__version__",
    "country_of",
    "coverage",
    "export",
    "letters_signed_by",
    "load",
    "organisations",
    "people",
    "reconcile",
    "signatories",
    "signatory_table",
    "signatures",
    "suppress",
    "validate",
]
