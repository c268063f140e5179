"""Runs the benchmarks and writes their figures into bench/README.md.

    python -m bench.run                 # every bench/bench_*.py module but the long ones
    python -m bench.run scale --rt      # a long one (RUN_BY_DEFAULT = False): 100,000 files
    python -m bench.run midi tokenize   # only these topics
    python -m bench.run --generated 2000 --no-readme
    python -m bench.run data --only split --rt   # cases whose name holds "split", real-time
    python -m bench.run train --rt --single-run --only "2000 generated"  # one run per side
    python -m bench.run multivoc --rt --rounds 5 --only MuMIDI   # median of 5 alternating rounds

Only the rows measured are rewritten in bench/README.md; the others stay, each with the time and
load average it was taken at. `--rt` runs each side under SCHED_FIFO (`chrt -f 10`, needs root):
on a machine shared with other work it measures as if idle.

Ratios are peer time / our time (above 1: we are faster) and our peak memory / the peer's.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from bench import rounds, write_dirs
from bench.harness import ROOT, measure_side, run_side_in_subprocess

SHARED = ROOT.parent / "shared" / "corpus"
GENERATED = ROOT / "build" / "bench-corpus"
README = ROOT / "bench" / "README.md"
START, END = "<!-- figures:start -->", "<!-- figures:end -->"


def corpus(num_generated: int) -> dict[str, list[Path]]:
    """The shared corpus's MIDI files and `num_generated` files of our seeded generator."""
    shared = sorted(p for d in ("one_track", "multitrack") for p in (SHARED / d).glob("*.mid"))
    target = GENERATED / str(num_generated)
    generator = ROOT / "scripts" / "generate_corpus.py"
    if num_generated and generator.exists() and not (target / ".complete").exists():
        subprocess.run(
            [
                sys.executable,
                str(generator),
                "--out",
                str(target),
                "--num",
                str(num_generated),
                "--seed",
                "0",
            ],
            check=True,
            env={"PYTHONPATH": str(ROOT / "python")},
        )
        (target / ".complete").write_text("ok")
    generated = sorted(target.glob("**/*.mid")) if target.exists() else []
    return {"shared": shared, "generated": generated}


def machine() -> str:
    """One line describing the machine the figures were taken on."""
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    return f"{cpu}, {os.cpu_count()} cores, {mem} GiB, Python {platform.python_version()}"


def fmt_rate(side: dict) -> str:
    if "error" in side:
        return "error: " + " ".join(side["error"])
    rate = side["work"] / side["seconds"] if side["seconds"] > 0 else float("inf")
    return f"{side['seconds'] * 1000:.1f} ms ({rate:,.1f} {side['unit']}/s)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("topics", nargs="*", help="bench_<topic> modules to run (default: all)")
    parser.add_argument("--generated", type=int, default=2000, help="generated files (0: none)")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite bench/README.md")
    parser.add_argument("--repeat", type=int, help="timed runs per side (default: each case's)")
    parser.add_argument("--only", action="append", help="cases whose name contains this")
    parser.add_argument("--rt", action="store_true", help="run each side under chrt -f 10")
    parser.add_argument(
        "--single-run",
        action="store_true",
        help="one run per side giving time and peak (after a warm-up on the case's slice)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="fresh-process runs per side, alternating the sides; the row gives the median",
    )
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.worker:  # one side of one case, in its own process
        module, index, side = args.worker
        # The driver's --generated, so that the worker builds the same case list.
        generated = int(os.environ.get("MIDITOK_BENCH_GENERATED", args.generated))
        cases = importlib.import_module(f"bench.bench_{module}").cases(corpus(generated))
        print(json.dumps(measure_side(cases[int(index)], side)))
        return 0

    if args.repeat:
        os.environ["MIDITOK_BENCH_REPEAT"] = str(args.repeat)
    if args.single_run:
        os.environ["MIDITOK_BENCH_SINGLE_RUN"] = "1"
    topics = args.topics or default_topics()
    files = corpus(args.generated)
    print(f"corpus: {len(files['shared'])} shared files, {len(files['generated'])} generated")
    rows = []
    for topic in topics:
        cases = importlib.import_module(f"bench.bench_{topic}").cases(files)
        for i, case in enumerate(cases):
            if args.only and not any(o in case.name for o in args.only):
                continue
            env = {**case.env, "MIDITOK_BENCH_GENERATED": str(args.generated)}
            taken = taken_at()

            def side(which: str, topic=topic, i=i, env=env) -> dict:
                with write_dirs.fresh_file_system():
                    return run_side_in_subprocess(topic, i, which, env, args.rt)

            ours, theirs, spread = rounds.measure_rounds(args.rounds, side, case.theirs is not None)
            once = case.single_run or args.single_run
            how = (", rt" if args.rt else "") + (", 1 run" if once else "")
            row = format_row(case, ours, theirs, taken + how + (f", {spread}" if spread else ""))
            rows.append(row)
            print(row, flush=True)
            cold = first_pass_line(ours, theirs)
            if cold:
                print(cold, flush=True)

    if not args.no_readme:
        write_readme(rows, machine())
    return 0


def default_topics() -> list[str]:
    """Every bench_<topic> module but those that set RUN_BY_DEFAULT = False (run when named)."""
    topics = sorted(p.stem[6:] for p in (ROOT / "bench").glob("bench_*.py"))
    return [
        t
        for t in topics
        if getattr(importlib.import_module(f"bench.bench_{t}"), "RUN_BY_DEFAULT", True)
    ]


def taken_at() -> str:
    """The UTC time and the 1-minute load average, for the row's last column."""
    load = os.getloadavg()[0]
    return f"{datetime.now(timezone.utc).strftime('%m-%d %H:%M')}, load {load:.1f}"


def format_row(case, ours: dict, theirs: dict | None, taken: str) -> str:
    speed = mem = "n/a"
    if theirs and "error" not in ours and "error" not in theirs:
        speed = f"{theirs['seconds'] / ours['seconds']:.1f}x"
        if theirs["peak_bytes"] > 0:
            mem = f"{ours['peak_bytes'] / theirs['peak_bytes']:.2f}"
    peer = fmt_rate(theirs) if theirs else "-"
    ours_mb = ours.get("peak_bytes", 0) / 2**20
    theirs_mb = (theirs or {}).get("peak_bytes", 0) / 2**20
    return (
        f"| {case.name} | {case.peer} | {fmt_rate(ours)} | {peer} | **{speed}** | "
        f"{ours_mb:.1f} / {theirs_mb:.1f} MiB ({mem}) | {taken} |"
    )


def first_pass_line(ours: dict, theirs: dict | None) -> str | None:
    """The cold first pass of each side (a fresh process's first run, the warm-up: imports,
    lazy initialisation, allocators' first touch), printed under the row; None without it."""
    if "first_seconds" not in ours or not theirs or "first_seconds" not in theirs:
        return None
    a, b = ours["first_seconds"], theirs["first_seconds"]
    return f"  first pass (cold): {a * 1000:.1f} ms vs {b * 1000:.1f} ms ({b / a:.1f}x)"


def write_readme(rows: list[str], machine_line: str) -> None:
    """Replaces the rows measured (same case name) in the figures block, keeps the others."""
    text = README.read_text() if README.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    head, _, rest = text.partition(START)
    block, _, tail = rest.partition(END)
    table = {}
    for line in block.splitlines():
        name = _case_name(line)
        if name and name != "case" and not set(name) <= {"-", " "}:
            table[name] = line
    for row in rows:
        table[_case_name(row)] = row
    lines = [
        START,
        f"Machine: {machine_line}. Each row gives the time (UTC) and load average it was taken at;",
        '"rt": each side ran under SCHED_FIFO (`--rt`), as on an idle machine.',
        "",
        "| case | peer | ours | peer's | speed-up | peak memory ours / peer's (ratio) | taken |",
        "| --- | --- | --- | --- | --- | --- | --- |",
        *table.values(),
        END,
    ]
    README.write_text(head + "\n".join(lines) + tail)
    print(f"figures written to {README.relative_to(ROOT)}")


def _case_name(line: str) -> str | None:
    """The first cell of a markdown table row, None for other lines."""
    if not line.startswith("| "):
        return None
    return line[2:].split(" | ", 1)[0]


if __name__ == "__main__":
    raise SystemExit(main())
