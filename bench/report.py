"""The machine, the targets, the terminal table and bench/results.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess

from bench import config

PAGE_RATIO_MAX = 3.0  # a heavy user's page against the trivial view
HEAVY_LIGHT_MAX = 1.5  # a heavy user's page against the same page for a light user
HEAVY_MEDIUM_MAX = 1.2  # 2,000 interviews against 200, the same rows shown: cost does not grow with history
QUERY_SLACK = 1  # a light user may differ by one query (an "any interviews at all?" check on empty lists)
FIRST_VISIT_MAX_KB = 150  # the dashboard and what it links, compressed, with an empty browser cache
PIPELINE_SHARE_MIN = 0.8  # pipeline emails/s against the bare loop's
LATENESS_P99_MAX = 75.0  # seconds
DRAFTS_MIN = 1000  # compose + checklist per second


def machine() -> dict:
    def first(path: str, key: str) -> str:
        try:
            with open(path) as f:
                for line in f:
                    if line.startswith(key):
                        return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return ""

    import django
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute("SHOW server_version")
        postgres = cur.fetchone()[0]
    try:
        import redis

        redis_version = redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")["redis_version"]
    except Exception:  # noqa: BLE001 (only a label in the report)
        redis_version = "unknown"
    mem_kb = first("/proc/meminfo", "MemTotal").split()[0] if first("/proc/meminfo", "MemTotal") else "0"
    gunicorn = subprocess.run(
        [config.PYTHON, "-m", "gunicorn", "--version"], capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "cpu_model": first("/proc/cpuinfo", "model name") or platform.processor(),
        "ram_gib": round(int(mem_kb) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgresql": postgres,
        "redis": redis_version,
        "django": django.get_version(),
        "gunicorn": gunicorn.replace("gunicorn (version ", "").rstrip(")"),
        "kernel": platform.release(),
    }


def page_rows(pages: dict, queries: dict) -> list[dict]:
    """One row per page: heavy and light rps and latency, ratios and query counts."""
    rows = []
    heavy, medium, light = pages["heavy"], pages["medium"], pages["light"]
    for name in heavy:
        h, me, li = heavy[name], medium[name], light[name]
        rows.append(
            {
                "page": name,
                "heavy": h,
                "medium": me,
                "light": li,
                "heavy_vs_trivial": round(h["p50_ms"] / heavy["trivial"]["p50_ms"], 2),
                "light_vs_trivial": round(li["p50_ms"] / light["trivial"]["p50_ms"], 2),
                "heavy_vs_light": round(h["p50_ms"] / li["p50_ms"], 2),
                "heavy_vs_medium": round(h["p50_ms"] / me["p50_ms"], 2),
                "queries_heavy": queries["heavy"][name]["served"],
                "queries_medium": queries["medium"][name]["served"],
                "queries_light": queries["light"][name]["served"],
                "rendered_queries_heavy": queries["heavy"][name]["rendered"],
                "rendered_queries_medium": queries["medium"][name]["rendered"],
                "rendered_queries_light": queries["light"][name]["rendered"],
                "rendered_ms_heavy": queries["heavy"][name]["rendered_ms"],
                "rendered_ms_medium": queries["medium"][name]["rendered_ms"],
            }
        )
    return rows


def targets(
    rows: list[dict], pipeline: dict, bare: dict, drafts: dict, portability: dict, first_visit: dict
) -> dict:
    pages = [r for r in rows if r["page"] != "trivial"]
    share = pipeline["emails_per_second"] / bare["emails_per_second"] if bare["emails_per_second"] else 0.0
    checks = {
        f"every page ≤ {PAGE_RATIO_MAX}× trivial (heavy user)": all(
            r["heavy_vs_trivial"] <= PAGE_RATIO_MAX for r in pages
        ),
        f"every page ≤ {HEAVY_LIGHT_MAX}× the light user's": all(
            r["heavy_vs_light"] <= HEAVY_LIGHT_MAX for r in pages
        ),
        f"every page ≤ {HEAVY_MEDIUM_MAX}× the 200-interview user's": all(
            r["heavy_vs_medium"] <= HEAVY_MEDIUM_MAX for r in pages
        ),
        "query counts do not grow with data (served and rendered)": all(
            r[f"{kind}_heavy"] <= r[f"{kind}_light"] + QUERY_SLACK
            and r[f"{kind}_heavy"] <= r[f"{kind}_medium"] + QUERY_SLACK
            for r in rows
            for kind in ("queries", "rendered_queries")
        ),
        f"first visit to the dashboard ≤ {FIRST_VISIT_MAX_KB} KB on the wire": first_visit["total_bytes"]
        <= FIRST_VISIT_MAX_KB * 1000,
        f"pipeline ≥ {PIPELINE_SHARE_MIN}× bare loop": share >= PIPELINE_SHARE_MIN,
        f"lateness p99 < {LATENESS_P99_MAX:.0f} s": pipeline["lateness_p99_s"] < LATENESS_P99_MAX
        and pipeline["sent"] == pipeline["reminders"],
        f"compose + checklist > {DRAFTS_MIN} drafts/s": drafts["compose_and_check_per_second"] > DRAFTS_MIN,
        "20,000-row LinkedIn import < 60 s, and nothing the second time": portability["first"]["total_s"] < 60
        and portability["again"]["created"] == 0,
    }
    return {"pipeline_vs_bare": round(share, 2), "met": checks, "all_met": all(checks.values())}


def table(results: dict) -> str:
    out = []
    m = results["machine"]
    out.append(
        f"Followup benchmark · {m['date']} · {m['cpus']} × {m['cpu_model']} · {m['ram_gib']} GiB · "
        f"Python {m['python']} · PostgreSQL {m['postgresql']}"
    )
    d = results["data"]
    h = d["heavy"]
    out.append(
        f"Data: {d['users']} users; heavy user {h['interviews']} interviews, {h['contacts']} contacts, "
        f"{h['letters']} letters, {h['reminders']} reminders (built in {results['build']['build_seconds']} s)"
    )
    out.append("")
    header = (
        f"{'page':<15} {'heavy rps':>9} {'p50':>7} {'p95':>7} {'p99':>7} {'×triv':>6} "
        f"{'200 p50':>7} {'×200':>5} {'light rps':>9} {'p50':>7} {'×light':>6} {'queries h/200/l':>15} "
        f"{'render h/200':>12} {'q rendered':>10}"
    )
    out.append(header)
    out.append("-" * len(header))
    for r in results["pages"]:
        hv, md, lt = r["heavy"], r["medium"], r["light"]
        out.append(
            f"{r['page']:<15} {hv['rps']:>9.1f} {hv['p50_ms']:>7.1f} {hv['p95_ms']:>7.1f} {hv['p99_ms']:>7.1f} "
            f"{r['heavy_vs_trivial']:>6.2f} {md['p50_ms']:>7.1f} {r['heavy_vs_medium']:>5.2f} "
            f"{lt['rps']:>9.1f} {lt['p50_ms']:>7.1f} {r['heavy_vs_light']:>6.2f} "
            f"{r['queries_heavy']:>5}/{r['queries_medium']}/{r['queries_light']:<5} "
            f"{r['rendered_ms_heavy']:>6.1f}/{r['rendered_ms_medium']:<5.1f} "
            f"{r['rendered_queries_heavy']:>3}/{r['rendered_queries_medium']}/{r['rendered_queries_light']}"
        )
    out.append(
        "(latency in ms; ×triv = p50 against the trivial view, ×200 = heavy p50 against the 200-interview "
        "user's, ×light = heavy p50 against light p50; pages come from the page cache while nothing they show "
        "has changed: 'render' is the in-process median of rendering the page with the cache off, as on the "
        "first visit after a change, and 'q rendered' its queries)"
    )
    if "first_visit" in results:
        v = results["first_visit"]
        out.append(
            f"First visit to the dashboard (heavy user, empty cache): {v['total_bytes'] / 1000:.0f} KB on the wire = "
            + ", ".join(
                f"{p['url'].rsplit('/', 1)[-1] or p['url']} {p['bytes'] / 1000:.1f} KB ({p['encoding']})"
                for p in v["parts"]
            )
        )
    if "feed" in results:
        f = results["feed"]
        out.append(
            f"Calendar feed built afresh (heavy user, {f['events']} events, {f['bytes']:,} bytes): "
            f"{f['total_ms']} ms = reads {f['read_ms']} ms ({f['queries']} queries) + iCalendar {f['write_ms']} ms"
        )
    out.append("")
    p, b = results["pipeline"], results["bare_loop"]
    out.append(
        f"Reminder pipeline: {p['sent']}/{p['reminders']} sent in {p['drain_seconds']} s = "
        f"{p['emails_per_second']} emails/s; lateness p50 {p['lateness_p50_s']} s, p99 {p['lateness_p99_s']} s; "
        f"reclaimed {p['reclaimed_rows']}, duplicates {p['sink_duplicate_message_ids']}"
    )
    out.append(
        f"Bare loop (one SMTP connection): {b['emails']} in {b['send_seconds']} s = {b['emails_per_second']} "
        f"emails/s (rendering them took {b['render_seconds']} s apart)"
    )
    out.append(f"Pipeline / bare loop: {results['targets']['pipeline_vs_bare']}")
    c = results["drafts"]
    out.append(
        f"Drafts: {c['compose_and_check_per_second']}/s compose + checklist, {c['compose_per_second']}/s compose "
        f"alone ({c['drafts']} drafts)"
    )
    y = results["portability"]
    first, again = y["first"], y["again"]
    out.append(
        f"Contact import: {y['rows']:,} LinkedIn rows ({y['megabytes']} MB) in {first['total_s']} s "
        f"(upload {first['upload_s']}, preview {first['preview_s']}, import {first['import_s']}); "
        f"the same file again {again['total_s']} s, {again['created']} created"
    )
    out.append(f"Export of the heavy user: {y['export']['seconds']} s, {y['export']['megabytes']} MB zip")
    out.append("")
    for name, ok in results["targets"]["met"].items():
        out.append(f"  [{'met' if ok else 'MISSED'}] {name}")
    out.append(f"Whole run: {results['total_seconds']:.0f} s")
    return "\n".join(out)


def write(results: dict) -> None:
    config.RESULTS.write_text(json.dumps(results, indent=2, default=str) + "\n")
