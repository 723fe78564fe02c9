"""The parts of the documentation that are generated from the code, so that
they cannot drift from it, and the checks that fail the build when a page
leaves something out.

The field table of each record class (``Letter``, ``Organisation``,
``Source``, ``RegistryInfo``...), between ``<!-- field-table CLASS -->``
and ``<!-- end field-table -->``, is written afresh from the attrs metadata
the validator itself reads as the page is read (see :mod:`field_tables`,
which also keeps the page's own copy, shown on GitHub, up to date).

Directives, written in the MyST pages as ```` ```{name} ```` fences:

- ``problem-codes``: the table of every problem code, from ``CODES``;
- ``cli-reference``: a section for every command, with its usage and every
  option, from ``coalition_registry.cli.parser()``.

Checks, each of which stops the build with an :class:`ExtensionError`:

- every problem code in ``CODES`` has a section of its own, titled with the
  code, in ``errors.md``; every section after "All codes" is a code;
- every record class has a field table;
- every public name in ``coalition_registry.__all__`` is documented.

The pages that use the directives are read again on every build, so a
change in the code shows even in an incremental build.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import textwrap

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from docutils import nodes
from docutils.statemachine import StringList
from field_tables import RECORD_CLASSES, render
from field_tables import table as _table
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

import coalition_registry

from coalition_registry import cli
from coalition_registry.problems import CODES


if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


#: The page that documents every problem code.
ERRORS_PAGE = "errors"
#: The heading after which every section of that page is a code.
ALL_CODES = "All codes"

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!&"})


_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")


def escape(text: str) -> str:
    """*text* as literal Markdown: no character in it is markup."""
    return text.translate(_MARKDOWN_SPECIAL)


def prose(text: str) -> str:
    """Help text as Markdown: what is in backticks (single or double) is
    code, options such as ``--letter`` become code, the rest is literal.
    """
    parts = text.replace("``", "`").split("`")
    return "".join(
        f"`{part}`"
        if i % 2
        else _OPTION.sub(lambda m: f"`{m.group(1)}`", escape(part))
        for i, part in enumerate(parts)
    )


# -- problem codes ------------------------------------------------------


def codes_table() -> str:
    """Every problem code, linked to its section, as a Markdown table."""
    rows = [
        [f"[{name}](#{name})", str(code.severity), escape(code.title)]
        for name, code in CODES.items()
    ]
    return _table(["code", "severity", "what it means"], rows)


# -- the command line ---------------------------------------------------


@contextlib.contextmanager
def _plain_terminal() -> Iterator[None]:
    """Lay argparse's text out as with no terminal: 80 columns, no colour."""
    wanted = {"COLUMNS": "80", "NO_COLOR": "1", "PYTHON_COLORS": "0"}
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _subcommands(
    parser: argparse.ArgumentParser,
) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """``(name, help, parser)`` of each sub-command, in ``--help`` order."""
    out = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            out.extend(
                (name, helps.get(name, ""), sub)
                for name, sub in action.choices.items()
            )
    return out


def _expand(action: argparse.Action, prog: str) -> str:
    text = action.help or ""
    if "%" in text:
        params = {**vars(action), "prog": prog}
        if action.choices is not None:
            params["choices"] = ", ".join(map(str, action.choices))
        text = text % params
    return text


def _argument(action: argparse.Action) -> str:
    """How the argument is written, such as ``--letter ID``."""
    metavar = action.metavar
    if metavar is None and action.choices is not None:
        metavar = action.dest.upper()
    if not action.option_strings:
        name = str(metavar or action.dest)
        if action.nargs in ("?", "*"):
            name = f"[{name}]" if action.nargs == "?" else f"[{name} ...]"
        elif action.nargs == "+":
            name = f"{name} [{name} ...]"
        return f"`{name}`"
    takes_value = action.nargs != 0
    return ", ".join(
        f"`{o} {metavar or action.dest.upper()}`" if takes_value else f"`{o}`"
        for o in action.option_strings
    )


def _arguments(parser: argparse.ArgumentParser) -> list[list[str]]:
    rows = []
    for action in parser._actions:
        if (
            isinstance(
                action,
                (argparse._HelpAction, argparse._SubParsersAction),
            )
            or action.help == argparse.SUPPRESS
        ):
            continue
        values = (
            ", ".join(f"`{c}`" for c in action.choices)
            if action.choices is not None
            else ""
        )
        rows.append(
            [_argument(action), prose(_expand(action, parser.prog)), values]
        )
    return rows


def _description(text: str | None) -> str:
    paragraphs = textwrap.dedent(text or "").strip().split("\n\n")
    return "\n\n".join(prose(" ".join(p.split())) for p in paragraphs)


def cli_reference(parser: argparse.ArgumentParser) -> str:
    """Every command and option of *parser*, as Markdown sections."""
    with _plain_terminal():
        out = [
            f"## {parser.prog}",
            "",
            _description(parser.description),
            "",
            "```text",
            parser.format_usage().strip(),
            "```",
            "",
            _table(["option", "what it does", "values"], _arguments(parser)),
            "",
            "Commands:",
            "",
        ]
        commands = _subcommands(parser)
        out.extend(
            f"- [`{name}`](#{parser.prog}-{name}): {prose(helptext)}"
            for name, helptext, _ in commands
        )
        for _, helptext, sub in commands:
            out += [
                "",
                f"## {sub.prog}",
                "",
                f"*{prose(helptext[:1].upper() + helptext[1:])}.*",
                "",
                _description(sub.description),
                "",
                "```text",
                sub.format_usage().strip(),
                "```",
                "",
                _table(
                    ["argument", "what it does", "values"], _arguments(sub)
                ),
            ]
    return "\n".join(out) + "\n"


# -- directives ---------------------------------------------------------


def _generated(env: BuildEnvironment) -> set[str]:
    """The pages that hold generated content (read again on every build)."""
    if not hasattr(env, "registry_docs_generated"):
        env.registry_docs_generated = set()  # type: ignore[attr-defined]
    return env.registry_docs_generated  # type: ignore[attr-defined,no-any-return]


def _tables(env: BuildEnvironment) -> dict[str, set[str]]:
    """The record classes with a field table, by page."""
    if not hasattr(env, "registry_docs_tables"):
        env.registry_docs_tables = {}  # type: ignore[attr-defined]
    return env.registry_docs_tables  # type: ignore[attr-defined,no-any-return]


def _sections(env: BuildEnvironment) -> dict[str, list[str]]:
    """The section titles of the errors page, in order."""
    if not hasattr(env, "registry_docs_sections"):
        env.registry_docs_sections = {}  # type: ignore[attr-defined]
    return env.registry_docs_sections  # type: ignore[attr-defined,no-any-return]


class _Markdown(SphinxDirective):
    """A directive whose output is Markdown generated from the code."""

    has_content = False
    headings = False

    def markdown(self) -> str:
        """The Markdown to render in place of the directive."""
        raise NotImplementedError

    def run(self) -> list[nodes.Node]:
        _generated(self.env).add(self.env.docname)
        text = self.markdown()
        holder = nodes.container()
        self.state.nested_parse(
            StringList(text.splitlines(), source=f"<{self.name}>"),
            self.content_offset,
            holder,
            match_titles=self.headings,
        )
        return list(holder.children)


class ProblemCodes(_Markdown):
    """``problem-codes``: every problem code, its severity and meaning."""

    def markdown(self) -> str:
        """The table of codes."""
        return codes_table()


class CliReference(_Markdown):
    """``cli-reference``: every command and option, from the parser.

    Put it last on its page: its sections follow the page's own.
    """

    headings = True

    def markdown(self) -> str:
        """The reference of every command."""
        return cli_reference(cli.parser())


# -- checks ----------------------------------------------------------------


def _title(section: nodes.section) -> str:
    return section[0].astext() if section.children else ""


def _fresh_tables(app: Sphinx, docname: str, source: list[str]) -> None:
    """Write a page's field tables afresh from the code as it is read (see
    :mod:`field_tables`), whatever its own copy says.
    """
    try:
        source[0], names = render(source[0])
    except ValueError as e:
        raise ExtensionError(f"{docname}.md: {e}") from None
    if names:
        _tables(app.env)[docname] = set(names)
        _generated(app.env).add(docname)


def _read(app: Sphinx, doctree: nodes.document) -> None:
    """Remember the errors page's section titles."""
    env = app.env
    if env.docname != ERRORS_PAGE:
        return
    _sections(env)[env.docname] = [
        _title(s) for s in doctree.findall(nodes.section)
    ]
    _generated(env).add(env.docname)


def _purge(_: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _generated(env).discard(docname)
    _tables(env).pop(docname, None)
    _sections(env).pop(docname, None)


def _merge(
    _: Sphinx,
    env: BuildEnvironment,
    docnames: set[str],
    other: BuildEnvironment,
) -> None:
    _generated(env).update(_generated(other) & docnames)
    for name in docnames:
        if name in _tables(other):
            _tables(env)[name] = _tables(other)[name]
        if name in _sections(other):
            _sections(env)[name] = _sections(other)[name]


def _outdated(
    _: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    """Pages generated from the code are always read again."""
    return sorted(_generated(env) - removed - added - changed)


def missing_codes(titles: list[str]) -> tuple[list[str], list[str]]:
    """The codes without a section, and the code sections without a code."""
    missing = [c for c in CODES if c not in titles]
    after = (
        titles[titles.index(ALL_CODES) + 1 :] if ALL_CODES in titles else []
    )
    unknown = [t for t in after if t not in CODES]
    return missing, unknown


def _check(_: Sphinx, env: BuildEnvironment) -> None:
    """Stop the build when a generated reference is incomplete."""
    problems = []
    titles = _sections(env).get(ERRORS_PAGE)
    if titles is None:
        problems.append(f"there is no {ERRORS_PAGE}.md page")
    else:
        missing, unknown = missing_codes(titles)
        problems.extend(
            f"problem code {c!r} has no '## {c}' section in {ERRORS_PAGE}.md"
            for c in missing
        )
        problems.extend(
            f"{ERRORS_PAGE}.md has a section {t!r} after '{ALL_CODES}', "
            "but CODES has no such code"
            for t in unknown
        )
    tabled = set().union(*_tables(env).values())
    problems.extend(
        f"record class {name} has no <!-- field-table {name} --> table"
        for name in RECORD_CLASSES
        if name not in tabled
    )
    documented = env.get_domain("py").objects  # type: ignore[attr-defined]
    problems.extend(
        f"coalition_registry.{name} is public but not documented (api.md)"
        for name in coalition_registry.__all__
        if not name.startswith("_")
        and f"coalition_registry.{name}" not in documented
    )
    if problems:
        raise ExtensionError(
            "the documentation is incomplete:\n- " + "\n- ".join(problems)
        )


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives and the checks."""
    app.connect("source-read", _fresh_tables)
    app.add_directive("problem-codes", ProblemCodes)
    app.add_directive("cli-reference", CliReference)
    app.connect("doctree-read", _read)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated)
    app.connect("env-check-consistency", _check)
    return {
        "version": coalition_registry.__version__,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
        "env_version": 1,
    }
