"""Pages: query counts in-process, then requests per second and latency through gunicorn.

gunicorn runs as in production (DEBUG off, sync workers, static files collected and served by
whitenoise from the manifest), bound to 127.0.0.1. The load comes from threads in this process, each
with its own connection, signed in through the real allauth login form. Every page of a user is
measured in two rounds, interleaved with the trivial view, so slow drift of the machine touches all alike.
"""

from __future__ import annotations

import http.client
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from bench import config, procs
from bench.data import UserPages
from bench.stats import summary_ms

ROUNDS = 2


# --- Query counts, in-process ---------------------------------------------------------------------------


def query_counts(pages: UserPages, renders: int = 15) -> dict[str, dict]:
    """Per page, in-process: the queries of a visit served from the page cache (a second visit), and the
    queries and median time of a visit that renders the page (the cache off, as after any change)."""
    import statistics
    import time

    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from followup.models import User

    client = Client()
    client.force_login(User.objects.get(email=pages.email))

    def visit(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code} in-process for {pages.email}")
        return len(captured.captured_queries)

    counts = {}
    for name, path in pages.paths().items():
        visit(path)
        served = visit(path)
        with override_settings(PAGE_CACHE=False):
            rendered = visit(path)
            times = []
            for _ in range(renders):
                began = time.perf_counter()
                client.get(path)
                times.append(time.perf_counter() - began)
        counts[name] = {
            "served": served,
            "rendered": rendered,
            "rendered_ms": round(statistics.median(times) * 1000, 1),
        }
    return counts


# --- gunicorn ---------------------------------------------------------------------------------------------


def start_gunicorn(limits: config.Limits):
    port = procs.free_port()
    proc, log = procs.start(
        "gunicorn",
        [
            config.PYTHON,
            "-m",
            "gunicorn",
            "followup.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(limits.gunicorn_workers),
            "--worker-class",
            "sync",
            "--error-logfile",
            "-",
        ],
        config.child_env(),
    )
    procs.wait_port(port, timeout=30, proc=proc, log=log)
    return proc, port


# --- A signed-in browser without the browser ---------------------------------------------------------------


class SignedIn:
    """Cookies of one user's session, got by posting the allauth login form as a browser would."""

    def __init__(self, port: int, email: str, password: str):
        self.port = port
        self.cookies: dict[str, str] = {}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        status, _headers, body = self._request(conn, "GET", "/accounts/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            raise RuntimeError(f"login page answered {status} without a CSRF token")
        form = urlencode(
            {"login": email, "password": password, "csrfmiddlewaretoken": token.group(1).decode()}
        )
        status, headers, _body = self._request(
            conn, "POST", "/accounts/login/", form, {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"signing in as {email} answered {status}, not a redirect with a session")
        conn.close()
        # Follow the redirect as a browser does: the page shows the "signed in" message once, and the
        # browser drops it; a client that sent it on every request would never be served a cached page.
        location = {k.lower(): v for k, v in headers}["location"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self._request(conn, "GET", location)
        conn.close()

    def _request(self, conn, method, path, body=None, headers=None):
        conn.request(method, path, body=body, headers={**self.headers(), **(headers or {})})
        response = conn.getresponse()
        data = response.read()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                cookie = rest.split(";", 1)[0]
                if cookie in ("", '""') or "max-age=0" in rest.lower():
                    self.cookies.pop(key.strip(), None)  # the server deleted it
                else:
                    self.cookies[key.strip()] = cookie
        if response.will_close:
            conn.close()
        return response.status, response.getheaders(), data

    def headers(self) -> dict[str, str]:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return {"Cookie": cookie} if cookie else {}


@dataclass
class Samples:
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    errors: int = 0
    bytes: int = 0

    def add(self, other: Samples) -> None:
        self.latencies.extend(other.latencies)
        self.seconds += other.seconds
        self.errors += other.errors
        self.bytes = max(self.bytes, other.bytes)

    def report(self) -> dict:
        count = len(self.latencies)
        return {
            "requests": count,
            "rps": round(count / self.seconds, 1) if self.seconds else 0.0,
            **summary_ms(self.latencies),
            "errors": self.errors,
            "response_bytes": self.bytes,
        }


def load(port: int, session: SignedIn, path: str, *, seconds: float, warmup: float, clients: int) -> Samples:
    """`clients` threads request `path` back to back for `seconds` (after `warmup`); every answer must be 200."""
    # As browsers and calendar apps ask; only the calendar feed answers compressed.
    headers = {**session.headers(), "Accept-Encoding": "gzip"}
    lock = threading.Lock()
    result = Samples()
    start = threading.Barrier(clients + 1)
    timing = {}

    def client():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        errors = 0
        size = 0
        start.wait()
        while True:
            now = time.perf_counter()
            if now >= timing["end"]:
                break
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            body = response.read()
            done = time.perf_counter()
            if response.will_close:
                conn.close()  # gunicorn's sync workers answer one request per connection
            if response.status != 200:
                errors += 1
            elif now >= timing["measure"]:
                mine.append(done - now)
                size = len(body)
        conn.close()
        with lock:
            result.latencies.extend(mine)
            result.errors += errors
            result.bytes = max(result.bytes, size)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    timing["measure"] = began + warmup
    timing["end"] = began + warmup + seconds
    start.wait()
    for thread in threads:
        thread.join(timeout=seconds + warmup + 60)
    # Requests that started before the end count; the measured window is the start of measuring to the last.
    result.seconds = max(time.perf_counter() - timing["measure"], 1e-9)
    return result


def measure(limits: config.Limits, users: dict[str, UserPages]) -> dict:
    """rps and latency of every page, for every user, through one gunicorn."""
    proc, port = start_gunicorn(limits)
    try:
        sessions = {who: SignedIn(port, pages.email, config.PASSWORD) for who, pages in users.items()}
        samples: dict[str, dict[str, Samples]] = {who: {} for who in users}
        per_round = limits.page_seconds / ROUNDS
        for _round in range(ROUNDS):
            for who, pages in users.items():
                for name, path in pages.paths().items():
                    measured = load(
                        port,
                        sessions[who],
                        path,
                        seconds=per_round,
                        warmup=limits.warmup_seconds,
                        clients=limits.clients,
                    )
                    samples[who].setdefault(name, Samples()).add(measured)
        return {
            "port": port,
            "first_visit": first_visit(port, sessions["heavy"]),
            "results": {
                who: {name: s.report() for name, s in by_page.items()} for who, by_page in samples.items()
            },
        }
    finally:
        procs.stop(proc)


# --- What a first visit moves -------------------------------------------------------------------------------


def first_visit(port: int, session: SignedIn, path: str = "/") -> dict:
    """Bytes on the wire for a first visit to `path` with an empty browser cache: the page, then every
    stylesheet and script it links, each asked for compressed (br, gzip) as a browser asks."""
    import gzip

    def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", url, headers={**session.headers(), "Accept-Encoding": "br, gzip"})
        response = conn.getresponse()
        body = response.read()
        conn.close()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
        return len(body), {k.lower(): v for k, v in response.getheaders()}, body

    size, headers, body = fetch(path)
    html = gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body
    parts = [{"url": path, "bytes": size, "encoding": headers.get("content-encoding", "none"), "cache": ""}]
    for url in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        size, headers, _body = fetch(url.decode())
        parts.append(
            {
                "url": url.decode(),
                "bytes": size,
                "encoding": headers.get("content-encoding", "none"),
                "cache": headers.get("cache-control", ""),
            }
        )
    return {"path": path, "total_bytes": sum(p["bytes"] for p in parts), "parts": parts}
