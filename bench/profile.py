"""`python -m bench.profile PATH [--user heavy|light] [-n N]`: where one page's time goes, in-process.

Requests the page N times through Django's test client (production settings, the benchmark database)
under pyinstrument and prints the call tree; `--render` turns the page cache off, to see where a
rendering's time goes rather than a cached visit's; `--html` also writes var/bench/profile-<page>.html. Run
after `make bench` (or `python -m bench --only pages`) has built the data.
"""

from __future__ import annotations

import argparse
import re
import sys


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("path", help="a path, e.g. / or /interviews/?page=40")
    parser.add_argument("--user", choices=["heavy", "medium", "light"], default="heavy")
    parser.add_argument("-n", type=int, default=50, help="requests profiled")
    parser.add_argument("--html", action="store_true")
    parser.add_argument(
        "--render", action="store_true", help="with the page cache off: the rendering a change leads to"
    )
    args = parser.parse_args(argv)

    from bench import config

    config.prepare_environment()
    import django

    django.setup()
    from django.test import Client, override_settings
    from pyinstrument import Profiler

    from followup.models import User

    email = {"heavy": config.HEAVY_EMAIL, "medium": config.MEDIUM_EMAIL, "light": config.LIGHT_EMAIL}[
        args.user
    ]
    if args.render:
        override_settings(PAGE_CACHE=False).enable()
    client = Client()
    client.force_login(User.objects.get(email=email))
    for _ in range(3):
        assert client.get(args.path).status_code == 200
    profiler = Profiler(interval=0.0005)
    profiler.start()
    for _ in range(args.n):
        client.get(args.path)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        name = re.sub(r"[^a-z0-9]+", "-", args.path.lower()).strip("-") or "home"
        out = config.VAR / f"profile-{name}-{args.user}.html"
        out.write_text(profiler.output_html())
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
