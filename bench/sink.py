"""A local SMTP sink in its own process: accepts every message and counts it, and repeated Message-IDs.

Run as `python -m bench.sink`: it prints `ready <port>`, then answers each `stats` line on stdin with a
JSON line ({"received": n, "duplicates": n}) and exits at end of input. Its own process keeps its work
off the benchmark's GIL, so the pipeline and the bare loop both meet the same, undisturbed server.
"""

from __future__ import annotations

import json
import re
import sys

from aiosmtpd.controller import Controller

MESSAGE_ID = re.compile(rb"^Message-ID:\s*(\S+)", re.IGNORECASE | re.MULTILINE)


class Counter:
    def __init__(self):
        self.received = 0
        self.duplicates = 0
        self.seen: set[bytes] = set()

    async def handle_DATA(self, server, session, envelope):
        content = envelope.original_content or b""
        head = content[: content.find(b"\r\n\r\n")]
        found = MESSAGE_ID.search(head)
        message_id = found.group(1) if found else b""
        # Counted on aiosmtpd's one event-loop thread; `stats` reads two ints, a snapshot is enough.
        self.received += 1
        if message_id in self.seen:
            self.duplicates += 1
        self.seen.add(message_id)
        return "250 Message accepted for delivery"


def main() -> None:
    port = int(sys.argv[1])
    counter = Counter()
    controller = Controller(counter, hostname="127.0.0.1", port=port)
    controller.start()
    print(f"ready {port}", flush=True)
    try:
        for line in sys.stdin:
            if line.strip() == "stats":
                print(
                    json.dumps({"received": counter.received, "duplicates": counter.duplicates}), flush=True
                )
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
