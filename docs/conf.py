"""Sphinx configuration: MyST Markdown pages, the furo theme, and the
local extension (``_ext/registry_docs.py``) that generates the field
tables, the problem-code table and the command-line reference from the
code.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html``.
"""

from __future__ import annotations

import sys

from pathlib import Path


HERE = Path(__file__).parent
sys.path.insert(0, str(HERE / "_ext"))

from coalition_registry import __version__  # noqa: E402


project = "coalition_registry"
author = "coalition_registry contributors"
copyright = "coalition_registry contributors"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "registry_docs",
]

# Markdown pages only; _ext holds the local extension, not pages.
source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]

# ```{directive} fences and ::: fences; headings get GitHub-style anchors,
# so links such as errors.md#unknown-country work on GitHub and here.
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
# Quotes and dashes stay as written: "--letter" and "'---'" are not prose.
smartquotes = False

# Docstrings are Google style (Args:, Returns:, Attributes:).
napoleon_google_docstring = True
napoleon_numpy_docstring = False
# Attributes: sections as :ivar: fields, so that they do not clash with
# the attributes autodoc documents on the same class.
napoleon_use_ivar = True
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True}

# No network at build time: no intersphinx, no remote images.
nitpicky = False

html_theme = "furo"
html_title = f"coalition_registry {release}"
html_static_path: list[str] = []
