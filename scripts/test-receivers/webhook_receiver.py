#!/usr/bin/env python3
"""A loopback webhook receiver for talentwatch's notification tests.

Verifies every POST with the official `standardwebhooks` library, once per configured secret, so the
check is not talentwatch's own code. Appends one JSON line per request to --log:
  {"at": unix seconds, "path", "webhook_id", "webhook_timestamp", "verified": [bool per secret],
   "status": the status answered, "body": the body text}
What it answers is read from --status-file on every request ("200", "500", "410", "429 2" = 429 with
Retry-After 2), so a test can change behaviour without restarting it. Prints "listening PORT" first.
"""
import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook

parser = argparse.ArgumentParser()
parser.add_argument("--port", type=int, default=0)
parser.add_argument("--secret", action="append", default=[])
parser.add_argument("--log", required=True)
parser.add_argument("--status-file")
args = parser.parse_args()
verifiers = [Webhook(secret) for secret in args.secret]
lock = threading.Lock()


def answer():
    if not args.status_file:
        return 200, None
    try:
        with open(args.status_file) as handle:
            parts = handle.read().split()
    except OSError:
        return 200, None
    if not parts:
        return 200, None
    return int(parts[0]), (parts[1] if len(parts) > 1 else None)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        body = self.rfile.read(length)
        headers = {k.lower(): v for k, v in self.headers.items()}
        verified = []
        for verifier in verifiers:
            try:
                verifier.verify(body, headers)
                verified.append(True)
            except Exception:
                verified.append(False)
        status, retry_after = answer()
        record = {
            "at": time.time(),
            "path": self.path,
            "webhook_id": headers.get("webhook-id"),
            "webhook_timestamp": headers.get("webhook-timestamp"),
            "signature_entries": len(headers.get("webhook-signature", "").split()),
            "verified": verified,
            "status": status,
            "body": body.decode("utf-8", "replace"),
        }
        with lock:
            with open(args.log, "a") as handle:
                handle.write(json.dumps(record) + "\n")
        payload = b"{}"
        self.send_response(status)
        if retry_after is not None:
            self.send_header("Retry-After", retry_after)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *arguments):
        pass


server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
server.daemon_threads = True
print("listening", server.server_address[1], flush=True)
server.serve_forever()
