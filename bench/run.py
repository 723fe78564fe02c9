"""Run the performance targets side by side with their baselines and print a
Markdown table of medians, spreads and ratios.

Absolute times are not stable on shared machines, so every target is a
ratio measured in the same run: each pair of commands is run alternately,
``--repeat`` times, after one warm-up run of each.

Usage::

    python bench/run.py                      # 100,000 signatories
    python bench/run.py --signatories 10000  # quicker
    python bench/run.py --scale              # also 1,000,000 (slow, ~5 GB)

Needs PyYAML with libyaml for the baseline (``pip install -e '.[bench]'``).
"""

from __future__ import annotations

import argparse
import compileall
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Final, NamedTuple


HERE = Path(__file__).resolve().parent
PYYAML_LOAD = """
import os, sys, yaml
n = 0
for folder, dirs, names in os.walk(sys.argv[1]):
    dirs.sort()
    for name in sorted(names):
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as f:
                yaml.load(f, Loader=yaml.CSafeLoader)
            n += 1
print(n, "files")
"""
# The least a cache keyed by content can do: read and digest every file.
READ_AND_DIGEST = """
import hashlib, os, sys
for folder, dirs, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as f:
                hashlib.blake2b(f.read(), digest_size=16).digest()
"""
# Less than any warm run can do: start Python, import what validates the
# changed file, and look at every file's size and times (no cache that
# trusted them could do less to find the file that changed).
IMPORT_AND_STAT = """
import os, sys
import coalition_registry.cache, coalition_registry.validation
for folder, dirs, names in os.walk(sys.argv[1]):
    for name in names:
        if name.endswith((".yaml", ".yml")):
            os.stat(os.path.join(folder, name))
"""


class Run(NamedTuple):
    """One process: its wall time and peak memory."""

    seconds: float
    max_rss_mib: float


def run(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run *command* to completion; its wall time and peak resident set."""
    start = time.perf_counter()
    environ = {**os.environ, **(env or {})}
    if not env or "COALITION_REGISTRY_CACHE" not in env:
        environ.pop("COALITION_REGISTRY_CACHE", None)  # cold means cold
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=environ,
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in {0, 1}:
        msg = f"{' '.join(command)} failed"
        raise RuntimeError(msg)
    return Run(seconds, usage.ru_maxrss / 1024)


def alternate(
    a: Sequence[str],
    b: Sequence[str],
    repeat: int,
    env_a: dict[str, str] | None = None,
) -> tuple[list[Run], list[Run]]:
    """Run *a* and *b* alternately, after one warm-up each."""
    run(a, env_a)
    run(b)
    runs_a, runs_b = [], []
    for _ in range(repeat):
        runs_a.append(run(a, env_a))
        runs_b.append(run(b))
    return runs_a, runs_b


def median(runs: list[Run]) -> float:
    """The median wall time."""
    return statistics.median(r.seconds for r in runs)


def spread(runs: list[Run]) -> str:
    """Smallest and largest wall time."""
    times = [r.seconds for r in runs]
    return f"{min(times):.2f}–{max(times):.2f}"


def tree_bytes(root: Path) -> int:
    """Bytes of YAML under *root*."""
    return sum(
        (Path(d) / n).stat().st_size
        for d, _, names in os.walk(root)
        for n in names
        if n.endswith(".yaml")
    )


def read_through(root: Path) -> None:
    """Read every YAML file under *root* once, so that the first timed run
    finds them in the page cache, as the runs after a warm-up do.
    """
    for d, _, names in os.walk(root):
        for n in names:
            if n.endswith(".yaml"):
                (Path(d) / n).read_bytes()


def compile_package() -> None:
    """Compile the package's modules to bytecode, as installing it does.

    An editable install leaves that to the first run, and a machine with
    ``PYTHONDONTWRITEBYTECODE`` set (as some containers are) would compile
    every module again in every timed run: 0.08 s each, which no user who
    installed the package pays.
    """
    spec = importlib.util.find_spec("coalition_registry")
    if spec is None or spec.origin is None:
        sys.exit(
            "coalition_registry is not installed: pip install -e '.[bench]'"
        )
    compileall.compile_dir(Path(spec.origin).parent, quiet=1)


def generate(n: int, layout: str, out: Path) -> None:
    """Write a registry with *n* signatories in *layout* (once)."""
    if (out / "registry.yaml").exists():
        return
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--signatories", str(n),
         "--layout", layout, "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
    )  # fmt: skip


def validate_cmd(root: Path) -> list[str]:
    """The command a user runs."""
    return [sys.executable, "-m", "coalition_registry", "validate", str(root)]


#: The edits timed on a warm cache, in turn, each on the one before: what
#: each changes, for the table.
EDITS: Final = (
    "a value no check across records reads (a source's date)",
    "a value checked across records (a person's country)",
    "a comment",
)


def edited(current: bytes, i: int) -> tuple[bytes, bytes, bytes]:
    """The :data:`EDITS` of a person's file as it is (*current*) for run
    *i*, each made on the one before: the comment of the run before taken
    off and the day a source was read changed (another for each run), then
    the person's country changed, then a comment added, which leaves what
    the file yields as it was.
    """
    bare = re.sub(rb"# checked again, run \d+\n", b"", current)
    dated = re.sub(
        rb"accessed: \d{4}-\d\d-\d\d",
        f"accessed: 2025-01-{i + 1:02d}".encode(),
        bare,
        count=1,
    )
    country = next(
        c for c in (b"FR", b"DE", b"ES") if b'country: "' + c not in bare
    )
    moved = re.sub(
        rb'country: "[A-Z]{2}"', b'country: "' + country + b'"', dated, count=1
    )
    if dated in (bare, moved):
        msg = "the file to edit has no accessed: date or no country"
        raise RuntimeError(msg)
    return dated, moved, moved + f"# checked again, run {i}\n".encode()


def _edits(
    changed: Path, i: int, with_cache: dict[str, str], root: Path
) -> list[Run]:
    """Validation with the cache after each of :data:`EDITS` of *changed*
    for run *i*.
    """
    runs = []
    for text in edited(changed.read_bytes(), i):
        changed.write_bytes(text)
        runs.append(run(validate_cmd(root), with_cache))
    return runs


def warm(work: Path, repeat: int) -> tuple[list[Run], ...]:
    """Cold validation of a 10,000-file registry, warm validation with the
    cache after each of :data:`EDITS` of one file, a bare script that only
    reads and digests every file, and one that imports the validator and
    stats every file, in turn (after a warm-up each).
    """
    root = work / "many-4600"  # 10,144 files
    generate(4600, "many", root)
    cache = work / "cache"
    shutil.rmtree(cache, ignore_errors=True)
    with_cache = {"COALITION_REGISTRY_CACHE": str(cache)}
    changed = min((root / "people").rglob("*.yaml"))
    original = changed.read_bytes()
    cold: list[Run] = []
    edits: list[list[Run]] = [[] for _ in EDITS]
    floor: list[Run] = []
    least: list[Run] = []
    try:
        run(validate_cmd(root), with_cache)
        for i in range(repeat + 1):
            cold.append(run(validate_cmd(root)))
            for runs, one in zip(
                edits, _edits(changed, i, with_cache, root), strict=True
            ):
                runs.append(one)
            floor.append(
                run([sys.executable, "-c", READ_AND_DIGEST, str(root)])
            )
            least.append(
                run([sys.executable, "-c", IMPORT_AND_STAT, str(root)])
            )
    finally:
        changed.write_bytes(original)
    return cold[1:], *(runs[1:] for runs in edits), floor[1:], least[1:]


def cached(root: Path, work: Path, repeat: int) -> tuple[list[Run], ...]:
    """On a large registry: cold validation, the first validation with a
    cache (which writes it), and validation with the cache after each of
    :data:`EDITS` of one file, in turn (after a warm-up each).
    """
    cache = work / "cache-large"
    with_cache = {"COALITION_REGISTRY_CACHE": str(cache)}
    changed = min((root / "people").rglob("*.yaml"))
    original = changed.read_bytes()
    cold: list[Run] = []
    writing: list[Run] = []
    edits: list[list[Run]] = [[] for _ in EDITS]
    try:
        for i in range(repeat + 1):
            cold.append(run(validate_cmd(root)))
            shutil.rmtree(cache, ignore_errors=True)
            writing.append(run(validate_cmd(root), with_cache))
            for runs, one in zip(
                edits, _edits(changed, i, with_cache, root), strict=True
            ):
                runs.append(one)
    finally:
        changed.write_bytes(original)
        shutil.rmtree(cache, ignore_errors=True)
    return cold[1:], writing[1:], *(runs[1:] for runs in edits)


def formatting(work: Path, repeat: int) -> tuple[list[Run], list[Run]]:
    """``fmt --check`` and cold validation of the 10,000-file registry
    (canonical, as contributors keep it), alternating.
    """
    root = work / "many-4600"
    generate(4600, "many", root)
    check = [sys.executable, "-m", "coalition_registry", "fmt", "--check"]
    return alternate([*check, str(root)], validate_cmd(root), repeat)


def import_time(module: str) -> float:
    """Median cumulative import time of *module*, in ms (``-X importtime``)."""
    times = []
    for _ in range(7):
        done = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", f"import {module}"],
            capture_output=True,
            text=True,
            check=True,
        )
        last = done.stderr.strip().splitlines()[-1]
        times.append(int(re.split(r"\s*\|\s*", last)[1]) / 1000)
    return statistics.median(times)


def aggregation(n: int) -> tuple[float, float]:
    """Coverage of n signatures against a bare Counter of n codes (seconds)."""
    import coalition_registry as cr

    codes = ["GB", "NO", "CA", "TH", "NL", "AU", "BE", "GR", "US", "FR"]
    orgs = [
        cr.Organisation(id=f"o{i}", name=f"O{i}", hq_country=codes[i % 10])
        for i in range(n // 10)
    ]
    people = [
        cr.Person(
            id=f"p{i}",
            disclosure="public",
            name=f"P {i}",
            country=codes[i % 7],
        )
        for i in range(n - n // 10)
    ]
    letter = cr.Letter(id="l", title="L")
    ids = [o.id for o in orgs] + [x.id for x in people]
    signatures = [
        cr.Signature(id=f"l--{i}", letter="l", signatory=i, role="expert")
        for i in ids
    ]
    registry = cr.Registry([letter, *orgs, *people, *signatures])
    flat = [codes[i % 10] for i in range(n)]

    def best(f: Callable[[], object]) -> float:
        out = []
        for _ in range(5):
            t = time.perf_counter()
            f()
            out.append(time.perf_counter() - t)
        return min(out)

    return best(lambda: cr.coverage(registry, "l")), best(
        lambda: Counter(flat)
    )


def warm_rows(work: Path, repeat: int) -> list[tuple[str, str, str, str, str]]:
    """The rows of the table for warm validation of 10,144 files."""
    rows: list[tuple[str, str, str, str, str]] = []
    cold, *edits, floor, least = warm(work, repeat)
    for what, hot in zip(EDITS, edits, strict=True):
        rows.append((
            f"warm validate after {what} changed in one file (10,144 files) vs cold",
            f"{median(hot):.2f} s ({spread(hot)})",
            f"{median(cold):.2f} s ({spread(cold)})",
            f"{median(hot) / median(cold):.2f}×",
            "≤ 0.10×",
        ))  # fmt: skip
    rows.append((
        "(for scale) a bare script that reads and digests the same files vs cold",
        f"{median(floor):.2f} s ({spread(floor)})",
        f"{median(cold):.2f} s",
        f"{median(floor) / median(cold):.2f}×",
        "",
    ))  # fmt: skip
    rows.append((
        "(for scale) starting Python, importing the validator and a stat of every file vs cold",
        f"{median(least):.2f} s ({spread(least)})",
        f"{median(cold):.2f} s",
        f"{median(least) / median(cold):.2f}×",
        "",
    ))  # fmt: skip
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmarks and print the table."""
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--signatories", type=int, default=100_000)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "cr-bench"
    )
    p.add_argument(
        "--scale", action="store_true", help="also 1,000,000 signatories"
    )
    p.add_argument(
        "--warm-only",
        action="store_true",
        help="only the rows of warm validation (10,144 files; 2 minutes)",
    )
    args = p.parse_args(argv)
    compile_package()
    if args.warm_only:
        _table(warm_rows(args.work, args.repeat), args.repeat)
        return 0
    n = args.signatories
    pyyaml = [sys.executable, "-c", PYYAML_LOAD]
    rows: list[tuple[str, str, str, str, str]] = []
    cold_runs: dict[str, list[Run]] = {}
    print(f"# Benchmarks, {n:,} signatories", file=sys.stderr)
    for layout in ("many", "few"):
        root = args.work / f"{layout}-{n}"
        generate(n, layout, root)
        ours, theirs = alternate(
            validate_cmd(root), [*pyyaml, str(root)], args.repeat
        )
        cold_runs[layout] = ours
        ratio = median(ours) / median(theirs)
        rows.append((
            f"cold validate, {layout} files",
            f"{median(ours):.2f} s ({spread(ours)})",
            f"{median(theirs):.2f} s ({spread(theirs)})",
            f"{ratio:.2f}×",
            "≤ 0.50×",
        ))  # fmt: skip
        one, two = alternate(
            validate_cmd(root), validate_cmd(root), args.repeat,
            env_a={"COALITION_REGISTRY_WORKERS": "1"},
        )  # fmt: skip
        rows.append((
            f"both cores, {layout} files (all cores vs one)",
            f"{median(two):.2f} s",
            f"{median(one):.2f} s",
            f"{median(two) / median(one):.2f}×",
            "< 1×",
        ))  # fmt: skip
        size = tree_bytes(root) / 2**20
        peak = max(r.max_rss_mib for r in ours)
        rows.append((
            f"peak memory, {layout} files",
            f"{peak:.0f} MiB",
            f"{size:.0f} MiB of YAML",
            f"{peak / size:.1f}×",
            "≤ 20×",
        ))  # fmt: skip
    if args.scale:
        big = args.work / "few-1000000"
        generate(1_000_000, "few", big)
        # At N, the cold runs of the few-files row above: the same command
        # on the same registry, and a median, not one run.
        read_through(big)  # a warm-up run would take as long as a run
        large = [run(validate_cmd(big)) for _ in range(args.repeat)]
        per_large = median(large) / 1_000_000
        per_small = median(cold_runs["few"]) / n
        rows.append((
            "1M: time per signatory vs at N",
            f"{per_large * 1e6:.1f} µs",
            f"{per_small * 1e6:.1f} µs",
            f"{per_large / per_small:.2f}×",
            "≤ 1.2×",
        ))  # fmt: skip
        size = tree_bytes(big) / 2**20
        rows.append((
            "1M: peak memory",
            f"{max(r.max_rss_mib for r in large):.0f} MiB",
            f"{size:.0f} MiB of YAML",
            f"{max(r.max_rss_mib for r in large) / size:.1f}×",
            "≤ 20×",
        ))  # fmt: skip
    many = args.work / f"many-{n}"
    cold, writing, *edits = cached(many, args.work, args.repeat)
    files = sum(1 for _ in many.rglob("*.yaml"))
    rows.append((
        f"first validate with a cache, which writes it ({files:,} files) vs cold",
        f"{median(writing):.2f} s ({spread(writing)})",
        f"{median(cold):.2f} s ({spread(cold)})",
        f"{median(writing) / median(cold):.2f}×",
        "",
    ))  # fmt: skip
    for what, hot in zip(EDITS, edits, strict=True):
        rows.append((
            f"warm validate after {what} changed in one file ({files:,} files) vs cold",
            f"{median(hot):.2f} s ({spread(hot)})",
            f"{median(cold):.2f} s",
            f"{median(hot) / median(cold):.2f}×",
            "",
        ))  # fmt: skip
    rows.extend(warm_rows(args.work, args.repeat))
    check, cold = formatting(args.work, args.repeat)
    rows.append((
        "fmt --check of a canonical registry (10,144 files) vs validate",
        f"{median(check):.2f} s ({spread(check)})",
        f"{median(cold):.2f} s ({spread(cold)})",
        f"{median(check) / median(cold):.2f}×",
        "",
    ))  # fmt: skip
    ours_ms, attrs_ms = import_time("coalition_registry"), import_time("attrs")
    rows.append((
        "import coalition_registry vs import attrs",
        f"{ours_ms:.1f} ms",
        f"{attrs_ms:.1f} ms",
        f"{ours_ms / attrs_ms:.2f}×",
        "≤ 1.5×",
    ))  # fmt: skip
    cov, counter = aggregation(1_000_000)
    rows.append((
        "coverage of 1M signatures vs Counter of 1M codes",
        f"{cov:.2f} s",
        f"{counter:.3f} s",
        f"{cov / counter:.1f}×",
        "≤ 10×",
    ))  # fmt: skip
    _table(rows, args.repeat)
    return 0


def _table(rows: list[tuple[str, str, str, str, str]], repeat: int) -> None:
    print(
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; medians of {repeat} alternating runs after a warm-up.\n"
    )
    print("| target | ours | baseline | ratio | goal |")
    print("|---|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    raise SystemExit(main())
