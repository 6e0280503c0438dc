"""A real webhook receiver for the tests, run as its own process: `python receiver.py PORT MODE LOG SECRET`.

It verifies each delivery with the Python example of docs/webhooks.md, and appends one JSON line per
request to LOG: {"id", "event", "valid", "mode", "processed"}. MODE:
- ok: processes each id once (a duplicate is dropped, still answered 200) and answers 200;
- 500: answers 500 without processing;
- die: processes the delivery, then the process dies before answering (killed mid-delivery);
- hang: never answers (for a worker killed while it waits).
Processed ids are kept in LOG, so a restarted receiver still knows them.
"""

import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DOCS = Path(__file__).resolve().parents[3] / "docs" / "webhooks.md"


def documented_verify():
    """The `verify` function of the documentation's Python example, as written there."""
    text = DOCS.read_text()
    code = text.split("```python\n", 1)[1].split("```", 1)[0]
    namespace = {}
    exec(compile(code, str(DOCS), "exec"), namespace)  # noqa: S102 (the documentation's own example)
    return namespace["verify"]


def processed_ids(log: Path) -> list[str]:
    if not log.exists():
        return []
    entries = [json.loads(line) for line in log.read_text().splitlines()]
    return [entry["id"] for entry in entries if entry["processed"]]


def serve(port: int, mode: str, log: Path, secret: str) -> None:
    verify = documented_verify()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            delivery_id = self.headers["Plenary-Webhook-Id"]
            new = delivery_id not in processed_ids(log)
            processed = new and mode in ("ok", "die")
            entry = {
                "id": delivery_id,
                "event": self.headers["Plenary-Webhook-Event"],
                "valid": verify(secret, dict(self.headers), body),
                "mode": mode,
                "processed": processed,
            }
            with log.open("a") as file:
                file.write(json.dumps(entry) + "\n")
            if mode == "die":
                os._exit(1)
            if mode == "hang":
                time.sleep(3600)
            self.send_response(500 if mode == "500" else 200)
            self.end_headers()
            self.wfile.write(b"duplicate" if not new else b"stored" if processed else b"try later")

        def log_message(self, *args):
            pass

    ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()


if __name__ == "__main__":
    serve(int(sys.argv[1]), sys.argv[2], Path(sys.argv[3]), sys.argv[4])
