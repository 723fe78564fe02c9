"""``python -m coalition_registry``."""

from .cli import console


console()
