"""`python -m bench [--only creates,inbox,memory,shell,lighthouse,sync,dashboard] [--quick]`:
run the benchmarks, print figures.

Results also go to bench/out/results.json and bench/out/results.md (a table for the README).
"""

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
import traceback

from bench import (
    api_creates,
    dashboard,
    evidence,  # Evidence (#9)
    inbox_latency,
    lighthouse,
    memory,
    photo_pipeline,
    photo_sync,
    polling,
    reminders,
    shell_weight,
    sync_outbox,
)
from bench.harness import OUT, BenchError, Context, Figure, shell_version

BENCHMARKS = [
    api_creates,
    inbox_latency,
    memory,
    shell_weight,
    lighthouse,
    sync_outbox,
    reminders,
    dashboard,  # #10: the docent's dashboard
    polling,  # conversations (#10)
    evidence,  # Evidence (#9)
    photo_pipeline,  # Photos (#9)
    photo_sync,  # Photos (#9)
]


def parse_args(argv):
    names = ",".join(m.NAME for m in BENCHMARKS)
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default=names, help=f"comma-separated subset of {names}")
    parser.add_argument("--students", type=int, default=20_000, help="the large institution")
    parser.add_argument("--small", type=int, default=1_000, help="the small institution")
    parser.add_argument("--duration", type=float, default=6, help="seconds per measured run")
    parser.add_argument("--warmup", type=float, default=2, help="seconds of warm-up per server")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds per comparison")
    parser.add_argument("--rebuild", action="store_true", help="seed the databases again")
    parser.add_argument(
        "--no-idempotency-key",
        action="store_true",
        help="send creates without the Idempotency-Key header the outbox sends",
    )
    parser.add_argument("--max-minutes", type=float, default=15, help="deadline for the run")
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 2,000 vs 200 students, 2 s runs, 1 round"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.students, args.small, args.duration, args.warmup, args.rounds = 2000, 200, 2, 1, 1
    args.duration = int(args.duration)
    args.warmup = max(1, int(args.warmup))
    unknown = set(args.only.split(",")) - {m.NAME for m in BENCHMARKS}
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(sorted(unknown))}")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    selected = [m for m in BENCHMARKS if m.NAME in args.only.split(",")]
    ctx = Context(args)
    results, failed = [], False
    load = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load > 0.5:
        print(
            f"Note: load average {load:.1f} on {cpus} CPUs before the run: other work is "
            "running, so the figures are noisier than usual.",
            flush=True,
        )
    args.load_before = round(load, 2)
    print(
        f"Stagewijs benchmarks: {args.students:,} vs {args.small:,} students, "
        f"{args.duration} s runs x {args.rounds} rounds",
        flush=True,
    )
    try:
        for module in selected:
            print(f"\n[{module.NAME}] {module.TITLE}", flush=True)
            started = time.monotonic()
            front_end = getattr(module, "FRONT_END", False)
            version = shell_version() if front_end else None
            try:
                figures = module.run(ctx)
            except (BenchError, OSError) as error:
                failed = True
                figures = [Figure(module.TITLE, None, note=f"FAILED: {error}")]
                traceback.print_exc()
            if front_end and shell_version() != version:
                # The server computes the shell version once per worker: files edited during the
                # run give workers different versions, and phones reinstall the shell.
                warning = "the app's front-end files changed during this benchmark"
                print(f"  WARNING: {warning}: figures may mix two versions", flush=True)
                for figure in figures:
                    figure.note = f"[{warning}] {figure.note}".strip()
            for figure in figures:
                print("  " + figure.line(), flush=True)
            results.append((module, figures, time.monotonic() - started))
    finally:
        ctx.close()
    report(args, results, time.monotonic() - ctx.started)
    return 1 if failed else 0


def report(args, results, seconds):
    print("\n" + "=" * 100)
    print("Stagewijs benchmark results")
    print("=" * 100)
    for _, figures, _ in results:
        for figure in figures:
            print(figure.line())
    print(f"(whole run {seconds / 60:.1f} min; details in {OUT}/results.json)")
    stamp = dt.datetime.now().isoformat(timespec="seconds")
    machine = f"{platform.node()} ({platform.machine()}, Python {platform.python_version()})"
    data = {
        "when": stamp,
        "machine": machine,
        "settings": vars(args),
        "benchmarks": {m.NAME: [f.__dict__ for f in figures] for m, figures, _ in results},
    }
    (OUT / "results.json").write_text(json.dumps(data, indent=1, default=str))
    lines = [
        f"Benchmark ({stamp}, {args.students:,} vs {args.small:,} students, "
        f"{args.duration} s x {args.rounds} rounds):",
        "",
        "| figure | value | target | |",
        "|---|---|---|---|",
    ]
    for _, figures, _ in results:
        for f in figures:
            value = "-" if f.value is None else f"{f.value:,.2f} {f.unit}".strip()
            verdict = {True: "met", False: "missed", None: ""}[f.ok]
            lines.append(f"| {f.name} | {value} | {f.target} | {verdict} |")
    (OUT / "results.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
