"""`python -m bench`: build the data, then measure pages, the reminder pipeline and letter drafts.

Environment: DATABASE_URL (a database with "bench" in its name; created when missing), REDIS_URL and
CELERY_BROKER_URL, with the Makefile's defaults. Options shorten a run while working on one part.
"""

from __future__ import annotations

import argparse
import os
import sys
import time


def parse_args(argv: list[str]):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--page-seconds", type=float, default=None, help="measured seconds per page and user")
    parser.add_argument("--reminders", type=int, default=None, help="reminders that come due at once")
    parser.add_argument("--worker-concurrency", type=int, default=None, help="Celery worker processes")
    parser.add_argument(
        "--reuse-data", action="store_true", help="skip `manage.py demo` (data from a previous run)"
    )
    parser.add_argument(
        "--only",
        choices=["pages", "pipeline", "drafts", "portability"],
        action="append",
        help="run only these parts",
    )
    return parser.parse_args(argv)


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    from bench import config, procs

    config.prepare_environment()
    procs.install_cleanup()
    chosen = {
        "page_seconds": args.page_seconds,
        "reminders": args.reminders,
        "worker_concurrency": args.worker_concurrency,
    }
    limits = config.Limits(**{name: value for name, value in chosen.items() if value})
    parts = set(args.only or ["pages", "pipeline", "drafts", "portability"])

    started = time.monotonic()
    step = _stepper(started)
    from bench import data

    step("database: create if missing, migrate")
    data.ensure_database()
    import django

    django.setup()
    from bench import drafts, feed, pages, pipeline, portability, report

    results: dict = {"machine": report.machine(), "limits": limits.__dict__}
    if args.reuse_data:
        results["build"] = {"build_seconds": 0.0, "reused": True}
    else:
        step("data: manage.py demo (100 users, one heavy)")
        results["build"] = data.build(limits)
    results["data"] = data.counts()

    if "pages" in parts:
        step("static files: collectstatic (whitenoise's manifest, as in production)")
        data.manage("collectstatic", "--no-input", "-v", "0")
        users = {
            "heavy": data.pages_for(config.HEAVY_EMAIL),
            "medium": data.pages_for(config.MEDIUM_EMAIL),
            "light": data.pages_for(config.LIGHT_EMAIL),
        }
        results["page_paths"] = {who: p.as_dict() for who, p in users.items()}
        step("pages: query counts (in-process)")
        queries = {who: pages.query_counts(p) for who, p in users.items()}
        step(
            f"pages: gunicorn, {limits.gunicorn_workers} sync workers, {limits.page_seconds:.0f} s per page and user"
        )
        measured = pages.measure(limits, users)
        results["pages"] = report.page_rows(measured["results"], queries)
        results["first_visit"] = measured["first_visit"]
        step("calendar feed: the heavy user's, built afresh (a cache miss)")
        results["feed"] = feed.measure(config.HEAVY_EMAIL)

    if "pipeline" in parts:
        sink = pipeline.Sink()
        try:
            ids = pipeline.choose_reminders(limits.reminders)
            step(
                f"pipeline: {len(ids)} reminders due at once; worker (concurrency {limits.worker_concurrency}) and beat"
            )
            results["pipeline"] = pipeline.run_pipeline(limits, sink, ids)
            step("bare loop: the same emails over one SMTP connection")
            results["bare_loop"] = pipeline.run_bare_loop(sink, ids)
        finally:
            sink.stop()

    if "drafts" in parts:
        step("drafts: compose and checklist on the heavy user's interviews")
        results["drafts"] = drafts.measure(config.HEAVY_EMAIL)

    if "portability" in parts:
        step(f"your data: a {portability.ROWS:,}-row LinkedIn import, twice; the heavy user's export")
        results["portability"] = portability.measure(config.HEAVY_EMAIL)

    results["total_seconds"] = round(time.monotonic() - started, 1)
    if parts == {"pages", "pipeline", "drafts", "portability"}:
        results["targets"] = report.targets(
            results["pages"],
            results["pipeline"],
            results["bare_loop"],
            results["drafts"],
            results["portability"],
            results["first_visit"],
        )
        report.write(results)
        print()
        print(report.table(results))
        print(f"\nWrote {config.RESULTS.relative_to(config.ROOT)}")
    else:
        import json

        partial = config.VAR / "partial-results.json"
        partial.write_text(json.dumps(results, indent=2, default=str) + "\n")
        print(json.dumps({k: v for k, v in results.items() if k != "machine"}, indent=2, default=str))
        print(f"\nA partial run: wrote {partial} (bench/results.json is written by whole runs only)")
    return 0


def _stepper(started: float):
    def step(text: str) -> None:
        print(f"[{time.monotonic() - started:6.1f}s] {text}", flush=True)

    return step


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    sys.exit(main(sys.argv[1:]))
