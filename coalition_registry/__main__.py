"""``python -m coalition_registry``."""

from .cli import main


raise SystemExit(main())
