"""coalition_registry: who signed which open letter, from which country.

>>> import coalition_registry as cr
>>> reg = cr.load("registry_data")
>>> reg.organisations.lookup("Canadian Center for Child Protection").hq_country
'CA'
"""

from ._version import __version__
from .aggregate import Coverage, CoverageRow, coverage
from .load import Limits
from .model import (
    Claim,
    Group,
    Letter,
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
from .registry import Collection, Registry, load
from .validate import Report, validate


__all__ = [
    "CODES",
    "Claim",
    "Collection",
    "Coverage",
    "CoverageRow",
    "Group",
    "Letter",
    "Limits",
    "Location",
    "Organisation",
    "Person",
    "Problem",
    "Recipient",
    "Registry",
    "RegistryError",
    "RegistryInfo",
    "Report",
    "Severity",
    "Signature",
    "Source",
    "__version__",
    "country_of",
    "coverage",
    "letters_signed_by",
    "load",
    "organisations",
    "signatories",
    "signatures",
    "validate",
]
