"""
Hostile input: whatever a stranger's pull request puts in the registry, the
validator finishes, runs no code, changes no file, and either accepts the
data (where YAML 1.2 and the schema say it is valid) or reports a problem
with file, line and column.  Never a traceback, never a hang.

- The committed corpus, tests/data/hostile/ (see its README.md): one small
  file per case, with what validate must say about it beside it.
- What a checkout cannot carry, made here: symbolic links, a FIFO,
  unreadable files and folders, file names with control characters or
  bytes that are not UTF-8.
- The large cases, generated in a temporary folder and validated in a
  subprocess with a generous timeout, whose peak memory is measured: a
  50 MB scalar, a million keys, nesting 100,000 levels deep, alias bombs.
- The limits and the command line options that set them.
- A structured fuzz test: random valid registries, randomly corrupted.

No test asserts a speed: timeouts only turn a hang into a failure.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import warnings

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import attrs
import pytest

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coalition_registry as cr

from coalition_registry import formats, parsing
from coalition_registry.cli import run
from coalition_registry.dump import dump
from coalition_registry.parsing import DEFAULT_LIMITS, MAX_DEPTH
from coalition_registry.problems import CODES
from coalition_registry.schema import SLUG
from conftest import SHIPPED
from strategies import registries


HOSTILE = Path(__file__).parent / "data" / "hostile"
CASES = sorted(p.stem for p in HOSTILE.glob("*.yaml"))
#: Where each case's bytes are written, inside a copy of registry_data.
TARGET = "organisations/example-charity.yaml"
SHOWN = f"registry_data/{TARGET}"
POSIX = sys.platform != "win32"
LINUX = sys.platform == "linux"

#: A problem line of the text format, with or without a position.
PROBLEM = re.compile(
    r"^(?P<path>registry_data\S*?)(?::(?P<line>\d+):(?P<column>\d+))?: "
    r"(?P<severity>error|warning) (?P<code>[a-z][a-z0-9-]*): "
    r"(?P<message>.+)$"
)
# Counts group their thousands ("100,003 error(s)").
_COUNT = r"\d{1,3}(?:,\d{3})*"
SUMMARY = re.compile(
    rf"^(valid|invalid): {_COUNT} file\(s\), {_COUNT} record\(s\), "
    rf"{_COUNT} error\(s\), {_COUNT} warning\(s\)$"
)
#: An expected line that leaves the code or the message open.
LOOSE = re.compile(
    r"^registry_data\S*?:\d+:\d+: ((error|warning) ([a-z-]+: )?)?\.\.\.$"
)
#: Characters no line of output may hold raw: they redraw a terminal or
#: forge lines (C0 and C1 controls, DEL).
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


# -- running the validator -------------------------------------------------


@contextlib.contextmanager
def deadline(seconds: int) -> Iterator[None]:
    """Fail, rather than hang, when the body runs over *seconds* (in Python
    code; a subprocess with a timeout bounds the rest).
    """
    if not POSIX or threading.current_thread() is not threading.main_thread():
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s: a hang")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def cli(*argv: str) -> tuple[int, str, str]:
    """Run the command line in-process, as text (CI may set another
    default format), bounded by a deadline.
    """
    if argv[:1] == ("validate",) and "--format" not in argv:
        argv = ("validate", "--format", "text", *argv[1:])
    out, err = io.StringIO(), io.StringIO()
    with deadline(120):
        code = run(list(argv), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def check_output(code: int, out: str, err: str) -> list[str]:
    """What every validation must look like: no traceback, nothing on
    stderr, problem lines then a summary, exit 1 exactly when there is an
    error.  Returns the problem lines.
    """
    assert "Traceback" not in out + err
    assert err == ""
    lines = out.splitlines()
    assert lines, "validate printed nothing"
    assert SUMMARY.match(lines[-1]), lines[-1]
    problems = lines[:-1]
    # Past 20 problems, a line counts them by code.
    tallied = bool(problems) and problems[-1].startswith("by code: ")
    if tallied:
        problems.pop()
    assert tallied == (len(problems) > 20)
    severities = set()
    for line in problems:
        match = PROBLEM.match(line)
        assert match, line
        severities.add(match["severity"])
    assert code == (1 if "error" in severities else 0)
    return problems


def matches(expected: str, actual: str) -> bool:
    """An expected line is exact, or a prefix when it ends in ``...``."""
    if expected.endswith("..."):
        return actual.startswith(expected[:-3])
    return actual == expected


def record(report: cr.Report, record_id: str) -> Any:
    (found,) = (
        r
        for r in report.registry_records
        if getattr(r, "id", None) == record_id
    )
    return found


# -- the committed corpus --------------------------------------------------


def expected_of(case: str) -> list[str]:
    path = HOSTILE / f"{case}.expected"
    return path.read_text(encoding="utf-8").splitlines()


@pytest.mark.parametrize("case", CASES)
def test_case(case: str, shipped_copy: Path) -> None:
    expected = expected_of(case)
    raw = (HOSTILE / f"{case}.yaml").read_bytes()
    (shipped_copy / TARGET).write_bytes(raw)

    problems = check_output(*cli("validate", "registry_data"))

    if expected[0] == "accepted":
        assert problems == []
        report = cr.validate("registry_data")
        accepted = record(report, "example-charity")
        for line in expected[1:]:
            field, _, value = line.partition(": ")
            assert (field, value) == (field, repr(getattr(accepted, field)))
        return
    assert len(problems) == len(expected), "\n".join(problems)
    for want, got in zip(expected, problems, strict=True):
        assert matches(want, got), f"expected {want!r}\n     got {got!r}"
    for line in problems:
        match = PROBLEM.match(line)
        assert match is not None
        if match["path"] == SHOWN:
            assert match["line"], f"no position: {line}"


def test_corpus_is_well_formed() -> None:
    names = {p.name for p in HOSTILE.iterdir()}
    stems = {n.rsplit(".", 1)[0] for n in names if n != "README.md"}
    for stem in stems:
        assert {f"{stem}.yaml", f"{stem}.expected"} <= names, stem
    assert names == {"README.md"} | {
        f"{s}.{x}" for s in stems for x in ("yaml", "expected")
    }
    for case in CASES:
        expected = expected_of(case)
        assert expected, f"{case}.expected is empty"
        if expected[0] == "accepted":
            for line in expected[1:]:
                assert re.fullmatch(r"[a-z_]+: \S.*", line), line
            continue
        for line in expected:
            match = PROBLEM.match(line.removesuffix("..."))
            assert match or LOOSE.match(line), f"{case}: {line!r}"
            if match and match["code"] in CODES:
                assert match["severity"] == CODES[match["code"]].severity.value


def test_corpus_files_are_plain() -> None:
    for path in HOSTILE.iterdir():
        assert not path.is_symlink(), path
        assert path.is_file(), path
        assert not os.access(path, os.X_OK) or not POSIX, path


def test_corpus_covers_the_issue() -> None:
    """The kinds of input the issue names each have cases."""
    for prefix in (
        "syntax-", "duplicate-key-", "tag-python-", "tag-include",
        "alias-billion-laughs", "encoding-utf16-", "encoding-overlong",
        "char-nul-", "accept-bom", "accept-crlf", "accept-lone-cr",
        "syntax-tab-", "shape-only-", "shape-list-", "shape-number",
        "shape-several-documents", "merge-key-", "confusable-cyrillic-",
        "bidi-rlo-", "accept-country-no", "accept-identifier-leading-zeros",
        "accept-yes-and-sexagesimal",
    ):  # fmt: skip
        assert any(c.startswith(prefix) for c in CASES), prefix
    assert len([c for c in CASES if c.startswith("syntax-")]) >= 30


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("barnard\u043es", id="cyrillic-o"),
        pytest.param("\u0412\u0430rnardos", id="cyrillic-ve-a"),
        pytest.param("\u0391\u0392\u0393", id="greek"),
        pytest.param("\u6148\u5584", id="cjk"),
        pytest.param("example\u202e-charity", id="right-to-left-override"),
        pytest.param("Caf\u00e9 \u00dcnion", id="accents"),
    ],
)
def test_invalid_id_suggests_a_valid_id(
    written: str, shipped_copy: Path
) -> None:
    """The id that invalid-id suggests must itself be valid: a suggestion
    that keeps a look-alike letter (Cyrillic o in barnardos) invites the
    contributor to copy it.
    """
    (shipped_copy / TARGET).write_text(
        ORG.replace("id: example-charity", f"id: {json.dumps(written)}"),
        encoding="utf-8",
    )

    problems = check_output(*cli("validate", "registry_data"))

    (line,) = [p for p in problems if " invalid-id: " in p]
    suggested = re.search(r"; for example '(.*)'$", line)
    if suggested is not None:
        assert SLUG.match(suggested[1]), line


# -- nothing changes, nothing runs -------------------------------------------


def snapshot(root: Path) -> dict[str, tuple[int, int, int, str]]:
    """Every entry below *root*: mode, size, modification time and, for a
    regular file, a hash of its bytes.  Links are not followed.
    """
    out = {}
    for folder, dirs, names in os.walk(root):
        for name in [*dirs, *names]:
            path = os.path.join(folder, name)
            st = os.lstat(path)
            digest = ""
            if stat.S_ISREG(st.st_mode):
                with open(path, "rb") as f:
                    digest = hashlib.sha256(f.read()).hexdigest()
            out[os.path.relpath(path, root)] = (
                st.st_mode,
                st.st_size,
                st.st_mtime_ns,
                digest,
            )
    return out


def payloads(marker: Path) -> dict[str, str]:
    """YAML that would create *marker* if a loader constructed its tags."""
    m = json.dumps(str(marker))
    apply = "!!python/object/apply:builtins.open"
    return {
        "value": f"notes: {apply} [{m}, w]\n",
        "item": f"aliases:\n  - {apply} [{m}, w]\n",
        "document": f"--- {apply} [{m}, w]\n",
        "complex-key": f"? {apply} [{m}, w]\n: x\n",
        "nested": (
            "notes: !!python/object/apply:pathlib.Path.touch "
            f"[!!python/object/apply:pathlib.Path [{m}]]\n"
        ),
        "handle": (
            "%TAG !py! tag:yaml.org,2002:python/object/apply:\n---\n"
            f"notes: !py!builtins.open [{m}, w]\n"
        ),
        "verbatim": (
            "notes: !<tag:yaml.org,2002:python/object/apply:builtins.open> "
            f"[{m}, w]\n"
        ),
        "merge": f"<<: {apply} [{m}, w]\n",
        "anchored": f"a: &a {apply} [{m}, w]\nb: *a\n",
        "new": f"notes: !!python/object/new:pathlib.Path [{m}]\n",
    }


def test_payloads_are_live(tmp_path: Path) -> None:
    """The payloads below are real: a loader that constructs tags (ruamel's
    unsafe one) creates the marker with each.  Guards the test after it.
    """
    from ruamel.yaml import YAML

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            unsafe = YAML(typ="unsafe", pure=True)
        except Exception as e:  # noqa: BLE001 - gone in a later ruamel
            pytest.skip(f"no unsafe loader to compare with: {e}")
        for name, text in payloads(tmp_path / "marker").items():
            if name in {"new", "merge"}:
                continue  # a Path object, a scalar to merge: no file
            marker = tmp_path / "marker"
            data = unsafe.load(text)
            for value in _values(data):
                if isinstance(value, io.IOBase):
                    value.close()
            assert marker.exists(), name
            marker.unlink()


def _values(data: Any) -> Iterator[Any]:
    yield data
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _values(k)
            yield from _values(v)
    elif isinstance(data, list):
        for v in data:
            yield from _values(v)


def test_validation_changes_nothing_and_runs_nothing(
    shipped_copy: Path, tmp_path: Path
) -> None:
    """Every case of the corpus and every tag payload at once, in every
    output format: afterwards every file and folder is as it was, nothing
    was created, and no tag was constructed.
    """
    organisations = shipped_copy / "organisations"
    for case in CASES:
        raw = (HOSTILE / f"{case}.yaml").read_bytes()
        (organisations / f"{case}.yaml").write_bytes(raw)
    markers = tmp_path / "markers"
    markers.mkdir()
    for name, text in payloads(markers / "marker").items():
        (organisations / f"payload-{name}.yaml").write_text(
            "id: payload\nname: Payload\n" + text
            if not text.startswith(("%", "---"))
            else text,
            encoding="utf-8",
        )
    (shipped_copy / "registry.yaml").write_text(
        (SHIPPED / "registry.yaml").read_text(encoding="utf-8")
        + "notes: !!python/object/apply:builtins.open "
        f"[{json.dumps(str(markers / 'registry'))}, w]\n",
        encoding="utf-8",
    )
    before = snapshot(tmp_path)

    for fmt in ("text", "json", "github", "sarif"):
        code, out, err = cli("validate", "--format", fmt, "registry_data")
        assert (code, err) == (1, "")
        assert "Traceback" not in out
    report = cr.validate("registry_data")

    assert snapshot(tmp_path) == before
    assert list(markers.iterdir()) == []
    forbidden = [
        p for p in report.problems if p.code in {"forbidden-tag", "merge-key"}
    ]
    shown = {p.location.path for p in forbidden}
    for name in payloads(markers / "marker"):
        if name != "complex-key":  # a key that is not text: wrong-shape
            assert f"registry_data/organisations/payload-{name}.yaml" in shown
    assert "registry_data/registry.yaml" in shown


# -- what a checkout cannot carry: links, FIFOs, permissions, names ----------

ORG = (
    "id: example-charity\nname: Example Charity\n"
    'sources:\n  - url: "https://example.org/about"\n'
)


def symlink(link: Path, target: Path | str) -> None:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError) as e:  # pragma: no cover - Windows
        pytest.skip(f"cannot create a symbolic link: {e}")


OUTSIDE = (
    "registry_data/organisations/{name}: error outside-registry: this "
    "symbolic link points outside the registry folder; replace it by the "
    "file itself"
)
BROKEN = (
    "registry_data/organisations/{name}: error file-unreadable: this "
    "symbolic link is broken or loops; replace it by the file"
)


def _absolute_outside(root: Path) -> Path:
    return (root.parent / "outside.yaml").resolve()


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        pytest.param(
            {"x.yaml": "/etc/passwd"}, [OUTSIDE], id="absolute-system-file"
        ),
        pytest.param({"x.yaml": "/dev/zero"}, [OUTSIDE], id="device"),
        pytest.param(
            {"x.yaml": "../people/../../outside.yaml"},
            [OUTSIDE],
            id="dot-dot-through-the-registry",
        ),
        pytest.param(
            {"x.yaml": "y.yaml", "y.yaml": "../../outside.yaml"},
            [OUTSIDE, OUTSIDE],
            id="chain-that-leaves",
        ),
        pytest.param({"x.yaml": "x.yaml"}, [BROKEN], id="loop-to-itself"),
        pytest.param(
            {"x.yaml": "y.yaml", "y.yaml": "x.yaml"},
            [BROKEN, BROKEN],
            id="loop-of-two",
        ),
        pytest.param({"x.yaml": "nowhere.yaml"}, [BROKEN], id="dangling"),
        pytest.param(
            {"x.yaml": "../registry.yaml"},
            [
                (
                    "registry_data/organisations/{name}: error outside-registry: "
                    "this symbolic link points to the registry's registry.yaml, "
                    "which is no record; delete the link"
                )
            ],
            id="to-the-registry-file",
        ),
    ],
)
def test_symbolic_link(
    links: dict[str, str], expected: list[str], shipped_copy: Path
) -> None:
    (shipped_copy.parent / "outside.yaml").write_text(ORG, encoding="utf-8")
    for name, target in links.items():
        symlink(shipped_copy / "organisations" / name, target)

    problems = check_output(*cli("validate", "registry_data"))

    assert problems == [
        line.format(name=name)
        for line, name in zip(expected, sorted(links), strict=True)
    ]


def test_registry_file_that_is_a_link_outside(shipped_copy: Path) -> None:
    """registry.yaml is in the pull request too: a link from it to a file
    outside the registry must not be followed (it would read, and quote
    back, a file the author chose).
    """
    secret = shipped_copy.parent / "secret.yaml"
    secret.write_text("secret_token: ghp_0123456789\n", encoding="utf-8")
    (shipped_copy / "registry.yaml").unlink()
    symlink(shipped_copy / "registry.yaml", "../secret.yaml")

    code, out, err = cli("validate", "registry_data")
    problems = check_output(code, out, err)

    assert "secret_token" not in out
    assert (
        "registry_data/registry.yaml: error outside-registry: this symbolic "
        "link points outside the registry folder; replace it by the file "
        "itself"
    ) in problems


def _validate_in_subprocess(
    cwd: Path,
    *options: str,
    timeout: float,
    fmt: str = "text",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    command = [
        sys.executable,
        "-m",
        "coalition_registry",
        "validate",
        "--format",
        fmt,
        *options,
        "registry_data",
    ]
    return subprocess.run(  # noqa: S603 - our own command
        command,
        cwd=cwd,
        capture_output=True,
        timeout=timeout,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_does_not_hang(shipped_copy: Path) -> None:
    """A FIFO named like a record file: opening it waits for a writer that
    never comes.  Git cannot carry one, but a local registry can hold one;
    the validator must report it, not wait for ever.
    """
    os.mkfifo(shipped_copy / "organisations" / "fifo.yaml")
    try:
        done = _validate_in_subprocess(shipped_copy.parent, timeout=20)
    except subprocess.TimeoutExpired:
        pytest.fail("validate hung on a FIFO in organisations/")
    out = done.stdout.decode()
    assert b"Traceback" not in done.stderr
    assert done.returncode == 1
    assert re.search(
        r"^registry_data/organisations/fifo\.yaml: error file-unreadable: ",
        out,
        re.MULTILINE,
    ), out


def _refuse(
    monkeypatch: pytest.MonkeyPatch, target: Path, error: OSError
) -> None:
    """Make opening or listing *target* fail with *error*: tests run as
    root, which reads whatever the mode says.
    """
    real_open, real_os_open, real_scandir = open, os.open, os.scandir
    refused = target.resolve()

    def refuse_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, Path)) and Path(file).resolve() == refused:
            raise error
        return real_open(file, *args, **kwargs)

    def refuse_os_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(file, (str, Path)) and Path(file).resolve() == refused:
            raise error
        return real_os_open(file, *args, **kwargs)

    def refuse_scandir(path: Any = ".") -> Any:
        if isinstance(path, (str, Path)) and Path(path).resolve() == refused:
            raise error
        return real_scandir(path)

    monkeypatch.setattr("builtins.open", refuse_open)
    monkeypatch.setattr(os, "open", refuse_os_open)
    monkeypatch.setattr(os, "scandir", refuse_scandir)


@pytest.mark.parametrize(
    ("relative", "error", "expected"),
    [
        pytest.param(
            "organisations/nspcc.yaml",
            PermissionError(13, "Permission denied"),
            "registry_data/organisations/nspcc.yaml: error file-unreadable: "
            "the file cannot be read (permission denied); check its "
            "permissions",
            id="file-permission",
        ),
        pytest.param(
            "organisations/nspcc.yaml",
            OSError(5, "Input/output error"),
            "registry_data/organisations/nspcc.yaml: error file-unreadable: "
            "the file cannot be read (input/output error); check its "
            "permissions",
            id="file-io-error",
        ),
        pytest.param(
            "people",
            PermissionError(13, "Permission denied"),
            "registry_data/people: error file-unreadable: the folder "
            "cannot be read (permission denied); check its permissions",
            id="folder-permission",
        ),
    ],
)
def test_unreadable(
    relative: str,
    error: OSError,
    expected: str,
    shipped_copy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _refuse(monkeypatch, shipped_copy / relative, error)

    problems = check_output(*cli("validate", "registry_data"))

    assert expected in problems
    assert "Traceback" not in "\n".join(problems)


LETTER = "letters/survivors-letter-2023.yaml"


@pytest.mark.parametrize("why", ["too-large", "unreadable", "folder"])
def test_refused_file_does_not_cascade(
    why: str, shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file that is refused whole is one problem: the records that refer
    to the record it holds must not fail too (as they do not when the file
    is refused for a YAML error).
    """
    letter = shipped_copy / LETTER
    size = letter.stat().st_size
    options: tuple[str, ...] = ()
    if why == "too-large":
        assert size == max(p.stat().st_size for p in shipped_copy.rglob("*"))
        options = ("--max-file-bytes", str(size - 1))
        expected = (
            f"registry_data/{LETTER}: error file-too-large: the file has "
            f"{size:,} bytes, more than the limit of {size - 1:,} (limit "
            "max_file_bytes)"
        )
    elif why == "unreadable":
        _refuse(monkeypatch, letter, PermissionError(13, "Permission denied"))
        expected = (
            f"registry_data/{LETTER}: error file-unreadable: the file cannot "
            "be read (permission denied); check its permissions"
        )
    else:
        # Every signature names an organisation in it, and the letter
        # names its publisher and recipients.
        _refuse(
            monkeypatch,
            shipped_copy / "organisations",
            PermissionError(13, "Permission denied"),
        )
        expected = (
            "registry_data/organisations: error file-unreadable: the folder "
            "cannot be read (permission denied); check its permissions"
        )

    problems = check_output(*cli("validate", *options, "registry_data"))

    assert problems == [expected]


def test_unreadable_folder_hides_no_private_reference(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reference kept private to a record that may be in a folder that
    cannot be read is not reported either: signatures of people who are
    not public, the registry's most common, each had an unknown-reference.
    """
    signatures = shipped_copy / "signatures" / "survivors-letter-2023"
    (signatures / "survivors-letter-2023--person-7k2m9x.yaml").write_text(
        "id: survivors-letter-2023--person-7k2m9x\n"
        "letter: survivors-letter-2023\n"
        "signatory: person-7k2m9x\n"
        "role: survivor\n"
        "private: [signatory]\n",
        encoding="utf-8",
    )
    (shipped_copy / "people" / "person-7k2m9x.yaml").write_text(
        "id: person-7k2m9x\ndisclosure: anonymous\ncountry: GB\n",
        encoding="utf-8",
    )
    _refuse(
        monkeypatch,
        shipped_copy / "people",
        PermissionError(13, "Permission denied"),
    )

    problems = check_output(*cli("validate", "registry_data"))

    assert [p for p in problems if "unknown-reference" in p] == []
    assert (
        "registry_data/people: error file-unreadable: the folder cannot be "
        "read (permission denied); check its permissions"
    ) in problems


def test_unreadable_registry_file(
    shipped_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _refuse(
        monkeypatch,
        shipped_copy / "registry.yaml",
        PermissionError(13, "Permission denied"),
    )

    problems = check_output(*cli("validate", "registry_data"))

    assert problems[:1] == [
        (
            "registry_data/registry.yaml: error file-unreadable: the file "
            "cannot be read (permission denied); check its permissions"
        )
    ]


def test_folder_named_like_a_record_file(shipped_copy: Path) -> None:
    folder = shipped_copy / "organisations" / "folder.yaml"
    folder.mkdir()
    (folder / "example-charity.yaml").write_text(ORG, encoding="utf-8")
    check_output(*cli("validate", "registry_data"))


@pytest.mark.parametrize(
    "name",
    [
        pytest.param("x\n::error file=a::forged.yaml", id="newline"),
        pytest.param("x\r\x1b[2Kforged.yaml", id="carriage-return-escape"),
        pytest.param("\x1b]0;title\x07x.yaml", id="terminal-title"),
    ],
)
def test_file_name_cannot_forge_output(name: str, shipped_copy: Path) -> None:
    """A file name is the pull request author's text: printed raw, a
    newline in it forges a line of output (``::error`` is a GitHub Actions
    workflow command), and escape sequences redraw the terminal.
    """
    try:
        (shipped_copy / "organisations" / name).write_text(
            ORG, encoding="utf-8"
        )
    except OSError as e:  # pragma: no cover - a file system refusing it
        pytest.skip(f"cannot create the file: {e}")

    report = cr.validate("registry_data")
    for fmt in ("text", "github"):
        code, out, err = cli("validate", "--format", fmt, "registry_data")
        assert (code, err) == (1, "")
        # One line a problem, then the summary; no raw control character.
        lines = out.splitlines()
        assert len(lines) == len(report.problems) + 1, out
        assert [line for line in lines if CONTROL.search(line)] == []


@pytest.mark.skipif(
    sys.platform != "linux", reason="file names of any bytes: Linux"
)
@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_file_name_not_utf8(fmt: str, shipped_copy: Path) -> None:
    """Git stores file names as bytes: a name that is not UTF-8 must not
    crash the output, whatever the locale's encoding of stdout.
    """
    folder = os.fsencode(shipped_copy / "organisations")
    with open(folder + b"/caf\xe9.yaml", "wb") as f:
        f.write(ORG.encode())

    done = _validate_in_subprocess(
        shipped_copy.parent,
        timeout=120,
        fmt=fmt,
        env={"PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"},
    )

    assert b"Traceback" not in done.stderr, done.stderr.decode(
        errors="replace"
    )
    assert done.returncode == 1
    text = done.stdout.decode("utf-8")  # strict: the output is UTF-8
    if fmt in {"json", "sarif"}:
        json.loads(text)


# -- the large cases, generated ----------------------------------------------

HEAD = (
    b"id: example-charity\nname: Example Charity\n"
    b'sources:\n  - url: "https://example.org/about"\n'
)
MIB = 1024 * 1024


def _laughs(levels: int) -> bytes:
    lines = [b"lol:", b"  a0: &a0 [" + b", ".join([b"lol"] * 10) + b"]"]
    lines += [
        b"  a%d: &a%d [" % (i, i) + b", ".join([b"*a%d" % (i - 1)] * 10) + b"]"
        for i in range(1, levels)
    ]
    return HEAD + b"\n".join(lines) + b"\n"


@attrs.frozen
class Big:
    """A generated case: its bytes, the exit code, how many problems, and
    the first problem lines (the path left out).
    """

    make: Callable[[], bytes]
    code: int
    problems: int
    first: tuple[str, ...] = ()


TOO_DEEP = (
    "error too-deep: the data is nested more than 32 levels deep (limit "
    "max_depth)"
)
VALUES_PASSED = (
    ":5:3999983: error limit-exceeded: the file holds up to 4,194,315 "
    "values, more than the limit of 4,000,000 (limit max_values), which "
    "it passes here; split it into smaller files"
)
UNKNOWN_FIELD_ADVICE = (
    "; an organisation has the fields id, name, aliases, kind, hq_country, "
    "registered_country, scope, website, identifiers, sources, notes, "
    "private: write what this says in notes, or remove it"
)
NEVER_CLOSED = (
    ":200006:8: error yaml-syntax: a value that starts with '{' is read as "
    "a mapping up to its closing '}', and this one is never closed (the "
    "mapping runs on to the end of the file); if it is text, put the whole "
    "value in double quotes (\"...\"), or else close the mapping with '}'"
)
SECOND_COLON = (
    ":7:6: error yaml-syntax: this value holds ': ', which starts a new "
    'field in YAML; put the whole value in double quotes ("...")'
)
NO_COMMA = (
    ":5:14: error yaml-syntax: the list that opens with '[' at line 5, "
    "column 10 goes on here without a ',' between its items or a ']' to "
    'close it; if the value is text, put the whole value in double quotes ("'
    '...")'
)
BIG: dict[str, Big] = {
    "scalar-50mb": Big(
        lambda: HEAD + b"notes: " + b"a" * (50 * MIB) + b"\n", 0, 0
    ),
    "scalar-50mb-quoted-folded": Big(
        lambda: HEAD + b'notes: "' + b"word " * (10 * MIB) + b'"\n', 0, 0
    ),
    "keys-1m": Big(
        lambda: (
            HEAD
            + b"identifiers:\n"
            + b"".join(b"  k%d: v\n" % i for i in range(1_000_000))
        ),
        0,
        0,
    ),
    # Each unknown field is a problem, with a did-you-mean search: 100,000
    # of them, not a million, to keep the suite's time reasonable.
    # Twenty unknown fields one by one, then one line for the rest.
    "keys-100k-unknown": Big(
        lambda: HEAD + b"".join(b"k%d: v\n" % i for i in range(100_000)),
        1,
        21,
        (
            ":5:1: error unknown-field: unknown field 'k0' in an organisation"
            + UNKNOWN_FIELD_ADVICE,
            ":6:1: error unknown-field: unknown field 'k1' in an organisation"
            + UNKNOWN_FIELD_ADVICE,
        ),
    ),
    "nesting-100k-flow": Big(
        lambda: HEAD + b"aliases: " + b"[" * 100_000 + b"]" * 100_000 + b"\n",
        1,
        1,
        (f":5:41: {TOO_DEEP}",),
    ),
    "nesting-100k-flow-unclosed": Big(
        lambda: HEAD + b"notes: " + b"{a: " * 100_000 + b"\n", 1, 1
    ),
    "nesting-10k-block": Big(
        lambda: (
            HEAD
            + b"notes:\n"
            + b"".join(b" " * (i + 1) + b"k:\n" for i in range(10_000))
        ),
        1,
        1,
        (f":37:33: {TOO_DEEP}",),
    ),
    "nesting-100k-sequence-entries": Big(
        lambda: HEAD + b"aliases:\n  " + b"- " * 100_000 + b"x\n",
        1,
        1,
        (f":6:65: {TOO_DEEP}",),
    ),
    # Nested lists, 2 bytes a value: the values limit stops them before
    # they are parsed (they took 1.5 GB when only commas were counted).
    "values-nested-flow-4mib": Big(
        lambda: (
            HEAD
            + b"aliases: ["
            + b",".join([b"[" * 29 + b"a" + b"]" * 29] * (4 * MIB // 60))
            + b"]\n"
        ),
        1,
        1,
        (VALUES_PASSED,),
    ),
    # A syntax error is explained from the text around it: each of these
    # took time in the square of the file's size (minutes, not seconds).
    # The '{' never closed, after a list of 200,000 mappings: the text was
    # split into lines again for each of them.
    "syntax-unclosed-after-200k-flow-mappings": Big(
        lambda: (
            HEAD + b"aliases:\n" + b"  - {a: b}\n" * 200_000 + b"notes: {\n"
        ),
        1,
        1,
        (NEVER_CLOSED,),
    ),
    # A line of 500,000 "- " in a text, above the error: each "- " was
    # tried as the start of a key ("- - - key: 'x'").
    "syntax-after-a-line-of-500k-dashes": Big(
        lambda: HEAD + b"notes: |\n  " + b"- " * 500_000 + b"\nbad: x: y\n",
        1,
        1,
        (SECOND_COLON,),
    ),
    # 700,000 quoted items with text after each: the rest of the line was
    # copied for each.
    "syntax-700k-quoted-items-with-text-after": Big(
        lambda: HEAD + b"aliases: [" + b'"" x, ' * 700_000 + b"]\n",
        1,
        1,
        (NO_COMMA,),
    ),
    # Spaces after a key and no value: the fast reader tried them at every
    # split of the run, in time that grew with its square (found by
    # fuzzing: 70 KB took a minute).
    "spaces-16mib-after-a-key": Big(
        lambda: HEAD + b"kind:" + b" " * (16 * MIB) + b"\nscope: national\n",
        0,
        0,
    ),
    # A country of two words far apart: each blank between them was tried
    # as the start of a list's separator ("GB, IE"), in time that grew with
    # the square of their number (found by fuzzing: 10,000 took 10 s).
    "country-100k-blanks-inside": Big(
        lambda: HEAD + "hq_country: a{}b\n".format("\xa0" * 100_000).encode(),
        1,
        1,
    ),
    "billion-laughs-10": Big(lambda: _laughs(10), 1, 101),
    "billion-laughs-30": Big(lambda: _laughs(30), 1, 321),
    "aliases-100k": Big(
        lambda: (
            HEAD + b"a: &a x\nb: [" + b", ".join([b"*a"] * 100_000) + b"]\n"
        ),
        1,
        100_003,
    ),
}
#: Peak memory of each large case, for the report (MiB).
PEAK_MIB: dict[str, float] = {}


#: Runs the validator, then writes its peak memory where the parent says.
#: The peak is the high-water mark of its own address space (VmHWM), reset
#: by exec, and that of the workers it forked: the rusage of the process
#: itself would include the test process's memory at the fork.
MEASURED = """
import os, resource, sys
from coalition_registry.cli import main
try:
    code = main(sys.argv[1:])
finally:
    with open("/proc/self/status") as f:
        hwm = [l for l in f if l.startswith("VmHWM:")][0].split()[1]
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(os.environ["PEAK_FILE"], "w") as f:
        f.write(f"{max(int(hwm), children)}")
sys.exit(code)
"""


def run_measured(
    cwd: Path, out: Path, timeout: float, *options: str
) -> tuple[int, float, str]:
    """Validate in a subprocess; return its exit code, its peak resident
    memory in MiB (with its workers'), and its stderr.
    """
    peak_file = out.with_suffix(".peak")
    command = [
        sys.executable,
        "-c",
        MEASURED,
        "validate",
        "--format",
        "text",
        *options,
        "registry_data",
    ]
    env = {**os.environ, "PEAK_FILE": str(peak_file)}
    with out.open("wb") as stdout, tempfile.TemporaryFile() as stderr:
        try:
            done = subprocess.run(  # noqa: S603 - our own command
                command,
                cwd=cwd,
                stdout=stdout,
                stderr=stderr,
                env=env,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"still running after {timeout} s: a hang")
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    peak = int(peak_file.read_text(encoding="ascii")) / 1024
    return done.returncode, peak, errors


@pytest.mark.skipif(not LINUX, reason="/proc measures memory: Linux")
@pytest.mark.parametrize("name", list(BIG))
def test_large_case(
    name: str,
    shipped_copy: Path,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    case = BIG[name]
    (shipped_copy / TARGET).write_bytes(case.make())
    out = tmp_path / "out.txt"

    code, peak, errors = run_measured(tmp_path, out, 300)

    PEAK_MIB[name] = peak
    record_property("peak_rss_mib", round(peak))
    sys.stderr.write(f"\n{name}: peak {peak:.0f} MiB\n")
    assert "Traceback" not in errors, errors
    assert code == case.code
    count = 0
    first: list[str] = []
    last = before = ""
    with out.open(encoding="utf-8") as f:
        for line in f:
            count += 1
            if len(first) < len(case.first):
                first.append(line.rstrip("\n"))
            before, last = last, line
    assert SUMMARY.match(last.rstrip("\n")), last
    tallied = before.startswith("by code: ")
    assert tallied == (case.problems > 20)
    assert count - 1 - tallied == case.problems
    assert first == [SHOWN + line for line in case.first]
    assert peak < 2048, f"{name}: peak memory {peak:.0f} MiB"


@pytest.mark.skipif(not LINUX, reason="/proc measures memory: Linux")
def test_memory_at_the_default_limits_is_bounded(
    shipped_copy: Path,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
) -> None:
    """The default limits must bound memory, not only time.  The densest
    YAML there is, a flow list of one-letter items, costs some 200 bytes of
    memory per byte of input, so size alone does not bound it: the number
    of values does (max_values).  A file just under that limit validates
    in under 2 GiB; one above it is refused before it is parsed.
    """
    # Each item costs two in the count: a "," can also bring an empty value.
    items = DEFAULT_LIMITS.max_values // 2 - 100
    raw = HEAD + b"aliases: [" + b",".join([b"a"] * items) + b"]\n"
    assert len(raw) <= DEFAULT_LIMITS.max_file_bytes
    (shipped_copy / TARGET).write_bytes(raw)

    code, peak, errors = run_measured(tmp_path, tmp_path / "out.txt", 300)

    record_property("peak_rss_mib", round(peak))
    sys.stderr.write(f"\n{items:,} list items: peak {peak:.0f} MiB\n")
    assert "Traceback" not in errors, errors
    assert code in {0, 1}
    assert peak < 2048, f"peak memory {peak:.0f} MiB"

    raw = HEAD + b"aliases: [" + b",".join([b"a"] * (items + 200)) + b"]\n"
    (shipped_copy / TARGET).write_bytes(raw)
    code, peak_over, errors = run_measured(tmp_path, tmp_path / "out.txt", 300)
    output = (tmp_path / "out.txt").read_text()
    assert 1 == code
    assert "(limit max_values)" in output
    assert peak_over < peak


def test_running_out_of_memory_is_not_a_syntax_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """When the parser runs out of memory, the problem must say so, not
    send the contributor looking for a YAML mistake that is not there.
    """

    class Exhausted:
        def __init__(self, stream: str) -> None:
            self.stream = stream

        def get_event(self) -> None:
            raise MemoryError

        def get_single_node(self) -> None:
            raise MemoryError

        def dispose(self) -> None:
            pass

    monkeypatch.setattr(parsing, "_parser", lambda: Exhausted)

    doc = parsing.parse(b"id: x\nname: [a, b]\n", "f.yaml")

    assert doc.problems, "running out of memory must be a problem"
    assert [p.code for p in doc.problems if p.code == "yaml-syntax"] == []


# -- checks across records, on hostile names -------------------------------

SIGNED = "survivors-letter-2023"
SOURCE = 'sources:\n  - url: "https://example.org/about"\n'


def _write_person(root: Path, person_id: str, name: str) -> None:
    """A public person of *name*, who signed the shipped letter."""
    (root / "people" / f"{person_id}.yaml").write_text(
        f"id: {person_id}\ndisclosure: public\nname: {name}\n" + SOURCE,
        encoding="utf-8",
    )
    (root / "signatures" / SIGNED / f"{SIGNED}--{person_id}.yaml").write_text(
        f"id: {SIGNED}--{person_id}\nletter: {SIGNED}\n"
        f"signatory: {person_id}\nrole: expert\n" + SOURCE,
        encoding="utf-8",
    )


def test_a_name_after_two_million_titles(shipped_copy: Path) -> None:
    """People's names are compared without titles ("Dr Jane Example" is
    "Jane Example"): a name after two million of them was cut one title at
    a time, in time that grew with the square of their number.
    """
    _write_person(shipped_copy, "dr-jane-example", "Dr " * 2_000_000 + "Jane")
    _write_person(shipped_copy, "jane-example", "Jane")

    problems = check_output(*cli("validate", "registry_data"))

    assert [p.split(": ")[1] for p in problems] == [
        "warning title-in-name",
        "warning possible-duplicate",
    ]
    assert problems[1].startswith("registry_data/people/jane-example.yaml:")


@pytest.mark.parametrize("apart", ["country in a long name", "numbers"])
def test_organisations_sharing_many_aliases(
    apart: str, shipped_copy: Path
) -> None:
    """Two organisations that share 40,000 aliases and are told apart: they
    were compared again for each alias, reading each one's country again
    from its long name, or every registry number again (minutes).
    """
    aliases = "aliases:\n" + "".join(f"  - a{i}\n" for i in range(40_000))
    if apart == "numbers":
        numbers = "".join(f'  s{i}: "{i}"\n' for i in range(40_000))
        one = f'name: X\nidentifiers:\n{numbers}  zz: "1"\n'
        other = f'name: Y\nidentifiers:\n{numbers}  zz: "2"\n'
    else:
        # No country but in brackets, of 200,000 accented letters: never
        # one, but each was folded again to find out.
        long_name = "X (" + "\u00e9" * 200_000 + ")"
        one = f'name: "{long_name}"\nwebsite: "https://one.example.org"\n'
        other = 'name: "Y"\nwebsite: "https://two.example.org"\n'
    for name, fields in (("org-one", one), ("org-two", other)):
        (shipped_copy / "organisations" / f"{name}.yaml").write_text(
            f"id: {name}\n{fields}{aliases}" + SOURCE, encoding="utf-8"
        )

    problems = check_output(*cli("validate", "registry_data"))

    # Not alike by their names; but numbers shared are one warning.
    assert [p.split(": ")[1] for p in problems] == (
        ["warning possible-duplicate"] if apart == "numbers" else []
    )
    assert all("number '1' is also" in p for p in problems)


def test_organisations_sharing_one_registry_number(shipped_copy: Path) -> None:
    """A registry number pasted into every organisation of a large registry:
    each is compared once with the first that has it, not with every
    other (pairs, in time that grows with the square of their number).
    """
    count = 20_000
    (shipped_copy / "organisations" / "many.yaml").write_text(
        "".join(
            f"- id: example-{i}\n  name: Example {i}\n"
            f'  identifiers: {{GB-CHC: "1234567", wikidata: "Q{i + 1}"}}\n'
            '  sources:\n    - url: "https://example.org/about"\n'
            for i in range(count)
        ),
        encoding="utf-8",
    )

    problems = check_output(*cli("validate", "registry_data"))

    assert len(problems) == count - 1
    assert all(
        "possible-duplicate" in p and "of 'example-0' (at" in p
        for p in problems
    )


def test_organisations_sharing_many_registry_numbers(
    shipped_copy: Path,
) -> None:
    """Two organisations sharing 40,000 registry numbers are one pair: one
    warning, not one for each number.
    """
    numbers = "".join(f'  s{i}: "{i + 1}"\n' for i in range(40_000))
    for name in ("org-one", "org-two"):
        (shipped_copy / "organisations" / f"{name}.yaml").write_text(
            f"id: {name}\nname: {name}\nidentifiers:\n{numbers}" + SOURCE,
            encoding="utf-8",
        )

    (problem,) = check_output(*cli("validate", "registry_data"))

    assert problem.startswith(
        "registry_data/organisations/org-two.yaml:4:7: warning "
        "possible-duplicate: this organisation's s0 number '1' is also the "
        "s0 number of 'org-one' (at registry_data/organisations/"
        "org-one.yaml:4:7)"
    )


# -- limits: defaults, the command line options, the problems -----------------


def test_limit_defaults_are_documented() -> None:
    page = (Path(__file__).parent.parent / "docs" / "limits.md").read_text(
        encoding="utf-8"
    )
    for field in attrs.fields(cr.Limits):
        default = getattr(DEFAULT_LIMITS, field.name)
        option = "--" + field.name.replace("_", "-")
        assert f"`{field.name}`" in page
        assert f"`{option} N`" in page
        assert f"{default:,}" in page


def test_cli_defaults_are_the_library_defaults() -> None:
    from coalition_registry.cli import parser

    args = parser().parse_args(["validate"])
    # An option for every limit, whose default is the library's.
    fields = [f.name for f in attrs.fields(cr.Limits)]
    given = cr.Limits(**{name: getattr(args, name) for name in fields})
    assert given == DEFAULT_LIMITS


def test_max_file_bytes_option(shipped_copy: Path) -> None:
    limit = max(p.stat().st_size for p in shipped_copy.rglob("*.yaml"))
    (shipped_copy / TARGET).write_text(ORG + "notes: " + "x" * limit + "\n")
    size = (shipped_copy / TARGET).stat().st_size

    problems = check_output(
        *cli("validate", "--max-file-bytes", str(limit), "registry_data")
    )

    assert problems == [
        (
            f"{SHOWN}: error file-too-large: the file has {size:,} bytes, more "
            f"than the limit of {limit:,} (limit max_file_bytes)"
        )
    ]


def test_max_depth_option(shipped_copy: Path) -> None:
    (shipped_copy / TARGET).write_text(ORG + "notes: [[[x]]]\n")

    problems = check_output(
        *cli("validate", "--max-depth", "3", "registry_data")
    )

    assert (
        f"{SHOWN}:5:10: error too-deep: the data is nested more than 3 "
        "levels deep (limit max_depth)"
    ) in problems
    assert all("(limit max_depth)" in p for p in problems)


@pytest.mark.parametrize("style", ["flow", "block"])
def test_the_deepest_max_depth_is_read_safely(
    shipped_copy: Path, style: str
) -> None:
    """At the deepest limit allowed, a file nested that deep is read and
    checked (the recursion a raised limit let in was taken for a syntax
    error, and further down crashed the process), and one deeper stops at
    the limit.
    """
    depth = MAX_DEPTH - 1
    for nested, problem in ((depth, "wrong-shape"), (depth + 50, "too-deep")):
        if style == "flow":
            notes = "notes: " + "[" * nested + "]" * nested
        else:
            notes = "notes:\n" + "".join(
                "  " * i + "  -\n" for i in range(nested)
            )
        (shipped_copy / TARGET).write_text(ORG + notes + "\n")
        problems = check_output(
            *cli(
                "validate",
                "--max-depth",
                str(MAX_DEPTH),
                "registry_data",
            )
        )
        assert [problem] == [
            PROBLEM.fullmatch(p)["code"]  # type: ignore[index]
            for p in problems
        ]


def test_a_max_depth_deeper_than_can_be_read_is_refused() -> None:
    code, out, err = cli(
        "validate", "--max-depth", str(MAX_DEPTH + 1), "registry_data"
    )
    assert (2, "") == (code, out)
    assert f"--max-depth: a limit is at most {MAX_DEPTH}" in err
    with pytest.raises(ValueError, match=f"at most {MAX_DEPTH}"):
        cr.Limits(max_depth=MAX_DEPTH + 1)


@pytest.mark.parametrize(
    "limit", ["max_file_bytes", "max_depth", "max_values", "max_records"]
)
@pytest.mark.parametrize("value", [0, -1, True, 2.5])
def test_a_limit_is_a_whole_number_of_at_least_one(
    limit: str, value: object
) -> None:
    with pytest.raises(ValueError, match=f"{limit} is a whole number"):
        cr.Limits(**{limit: value})  # type: ignore[arg-type]


def test_max_records_option(shipped_copy: Path) -> None:
    problems = check_output(
        *cli("validate", "--max-records", "5", "registry_data")
    )

    assert len(problems) == 1
    assert problems[0].endswith(
        "error limit-exceeded: the registry holds more than 5 records "
        "(limit max_records); reading stopped here"
    )


def test_max_values_option(shipped_copy: Path) -> None:
    # The shipped files hold a few hundred values at most.
    items = ", ".join(f"Example {i}" for i in range(1000))
    (shipped_copy / TARGET).write_text(f"{ORG}aliases: [{items}]\n")

    problems = check_output(
        *cli("validate", "--max-values", "500", "registry_data")
    )

    assert len(problems) == 1
    # Where the limit is passed: the 1000 items are on line 5.
    assert re.match(rf"{SHOWN}:5:\d+: error limit-exceeded: ", problems[0])
    assert "(limit max_values)" in problems[0]


#: Shapes with many values and few commas, colons or line feeds, which a
#: count of those alone let through, parsed whole however large.
FEW_SEPARATORS = {
    "nested-flow-lists": "extra: ["
    + ",".join(["[" * 29 + "a" + "]" * 29] * 40)
    + "]\n",
    "flow-mapping-keys": "extra: {"
    + ",".join(f"k{i}" for i in range(600))
    + "}\n",
    "lists-on-one-line": "extra:\n" + "  - - - - - - - - - - a\n" * 100,
    "explicit-keys": "extra:\n" + "".join(f"  ? k{i}\n" for i in range(600)),
}


@pytest.mark.parametrize(
    "body", list(FEW_SEPARATORS.values()), ids=list(FEW_SEPARATORS)
)
def test_max_values_counts_what_makes_values(
    body: str, shipped_copy: Path
) -> None:
    (shipped_copy / TARGET).write_text(ORG + body)

    problems = check_output(
        *cli("validate", "--max-values", "1000", "registry_data")
    )

    assert len(problems) == 1
    assert re.match(rf"{SHOWN}:\d+:\d+: error limit-exceeded: ", problems[0])
    assert "(limit max_values)" in problems[0]


def test_max_values_counts_lone_cr_as_line_breaks(shipped_copy: Path) -> None:
    """An old Mac file, whose lines end with CR alone, counts as the same
    file with LF.
    """
    said = []
    for newline in (b"\r", b"\n"):
        (shipped_copy / TARGET).write_bytes(
            b"".join([b"- a" + newline] * 3000)
        )
        said.append(
            check_output(
                *cli("validate", "--max-values", "1000", "registry_data")
            )
        )
    assert said[0] == said[1]
    (problem,) = said[0]
    assert problem.startswith(f"{SHOWN}:333:4: error limit-exceeded: ")


@pytest.mark.parametrize("value", ["0", "-1", "ten", "1.5", ""])
@pytest.mark.parametrize(
    "option",
    ["--" + f.name.replace("_", "-") for f in attrs.fields(cr.Limits)],
)
def test_limit_options_refuse_nonsense(
    option: str, value: str, shipped_copy: Path
) -> None:
    code, out, err = cli("validate", option, value, "registry_data")
    assert (code, out) == (2, "")
    assert option in err
    assert "Traceback" not in err


def test_alias_expansion_limit_is_zero(shipped_copy: Path) -> None:
    """Aliases are refused, never expanded: a bomb costs nothing."""
    (shipped_copy / TARGET).write_bytes(_laughs(60))
    with deadline(60):
        report = cr.validate("registry_data")
    assert {p.code for p in report.problems} == {
        "anchor-alias",
        "unknown-field",
    }


# -- random registries, randomly corrupted -----------------------------------

TOKENS = [
    "\t", "'", '"', ":", ": ", "- ", "[", "]", "{", "}", "\n", "\r",
    "\r\n", "#", ",", "? ", "|", ">", "\\", "&a ", "*a", "<<: ",
    "!!python/object/apply:os.system ['x'] ", "!include ", "---\n",
    "...\n", "%YAML 1.2\n", "\x00", "\ufeff", "\u202e", "\u2028", "\x85",
    "\U0001f600", "  ", "~", "null", "NO", "0123",
]  # fmt: skip

corruptions = st.one_of(
    st.tuples(st.just("truncate"), st.floats(0, 1)),
    st.tuples(st.just("flip"), st.floats(0, 1), st.integers(1, 255)),
    st.tuples(st.just("insert"), st.floats(0, 1), st.sampled_from(TOKENS)),
    st.tuples(st.just("insert-byte"), st.floats(0, 1), st.integers(0, 255)),
    st.tuples(st.just("duplicate-line"), st.floats(0, 1)),
    st.tuples(st.just("delete-line"), st.floats(0, 1)),
    st.tuples(st.just("swap-lines"), st.floats(0, 1), st.floats(0, 1)),
    st.tuples(st.just("tab-indent"), st.floats(0, 1)),
    st.tuples(st.just("line-endings"), st.sampled_from(["\r\n", "\r"])),
    st.tuples(st.just("bom")),
    st.tuples(st.just("utf-16")),
    st.tuples(st.just("latin-1")),
)


def corrupt(raw: bytes, how: tuple[Any, ...]) -> bytes:
    """Apply one corruption to a file's bytes."""
    kind = how[0]
    fraction = how[1] if len(how) > 1 and isinstance(how[1], float) else 0.0
    at = int(fraction * len(raw))
    lines = raw.split(b"\n")
    line = int(fraction * (len(lines) - 1))
    if kind == "truncate":
        return raw[:at]
    if kind == "flip":
        if at >= len(raw):
            return raw
        return raw[:at] + bytes([raw[at] ^ how[2]]) + raw[at + 1 :]
    if kind == "insert":
        return raw[:at] + str(how[2]).encode() + raw[at:]
    if kind == "insert-byte":
        return raw[:at] + bytes([how[2]]) + raw[at:]
    if kind == "duplicate-line":
        return b"\n".join(
            [*lines[: line + 1], lines[line], *lines[line + 1 :]]
        )
    if kind == "delete-line":
        return b"\n".join(lines[:line] + lines[line + 1 :])
    if kind == "swap-lines":
        other = int(how[2] * (len(lines) - 1))
        lines[line], lines[other] = lines[other], lines[line]
        return b"\n".join(lines)
    if kind == "tab-indent":
        lines[line] = re.sub(rb"^ +", b"\t", lines[line])
        return b"\n".join(lines)
    if kind == "line-endings":
        return raw.replace(b"\n", how[1].encode())
    if kind == "bom":
        return b"\xef\xbb\xbf" + raw
    if kind == "utf-16":
        return raw.decode("utf-8", "replace").encode("utf-16")
    assert kind == "latin-1"
    return raw.decode("utf-8", "replace").encode("latin-1", "replace")


#: Line breaks as libyaml counts them.
BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def lines_of(raw: bytes) -> list[str]:
    """A file's lines as positions count them (a BOM is not a column)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return [""]
    return BREAK.split(raw.decode("utf-8-sig", errors="replace"))


def write_registry(root: Path, records: list[Any]) -> list[Path]:
    root.mkdir()
    shutil.copyfile(SHIPPED / "registry.yaml", root / "registry.yaml")
    written = [root / "registry.yaml"]
    for item in records:
        path = root / type(item).folder / f"{item.id}.yaml"
        path.parent.mkdir(exist_ok=True)
        path.write_text(dump(item), encoding="utf-8")
        written.append(path)
    return written


@settings(
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(
    registries(),
    st.data(),
    st.lists(corruptions, min_size=1, max_size=4),
)
def test_corrupted_registry_gives_a_positioned_report(
    records: list[Any], data: st.DataObject, how: list[tuple[Any, ...]]
) -> None:
    """Whatever the corruption, validate returns a report, raises nothing,
    changes nothing, and every position it gives lies inside its file.
    """
    with tempfile.TemporaryDirectory() as base:
        root = Path(base) / "registry_data"
        written = write_registry(root, records)
        victim = data.draw(st.sampled_from(written), label="file corrupted")
        raw = victim.read_bytes()
        for one in how:
            raw = corrupt(raw, one)
        victim.write_bytes(raw)
        before = snapshot(root)

        with deadline(60):
            report = cr.validate(root)

        assert isinstance(report, cr.Report)
        assert snapshot(root) == before
        for problem in report.problems:
            assert problem.code in CODES
            loc = problem.location
            if not loc.line:
                continue
            path = Path(loc.path).resolve()
            assert path.is_file(), problem
            lines = lines_of(path.read_bytes())
            assert 1 <= loc.line <= len(lines) + 1, problem
            if loc.line <= len(lines):
                assert 1 <= loc.column <= len(lines[loc.line - 1]) + 1, problem
        for fmt in formats.FORMATS:
            formats.write_report(report, fmt, io.StringIO(), {})


def test_corruptions_change_the_bytes() -> None:
    raw = HEAD
    assert corrupt(raw, ("truncate", 0.5)) == raw[: len(raw) // 2]
    assert corrupt(raw, ("bom",)).startswith(b"\xef\xbb\xbf")
    assert corrupt(raw, ("utf-16",)).startswith(b"\xff\xfe")
    assert corrupt(raw, ("tab-indent", 1.0)) == raw
    assert b"\t-" in corrupt(raw, ("tab-indent", 0.75))
