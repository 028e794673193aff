#!/usr/bin/env python3
"""Writes N unique, validly signed Standard Webhooks deliveries, one per line, for the wrk ingest benchmark.

Each line: webhook-id TAB webhook-timestamp TAB webhook-signature TAB body. Timestamps are "now", so run
this just before wrk (the receiver accepts +-300 s). Uses only the standard library.
"""
import base64
import hashlib
import hmac
import sys
import time

SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"


def main() -> None:
    count = int(sys.argv[1])
    out = sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "bench"
    key = base64.b64decode(SECRET[len("whsec_"):])
    now = str(int(time.time()))
    with open(out, "w") as f:
        for i in range(count):
            msg_id = f"msg_{prefix}_{i}"
            pid = 1_000_000_000 + i
            body = (
                '{"type":"person.job_changed","timestamp":"2026-11-30T06:00:00Z","data":{"person":'
                f'{{"provider":"crustdata","id":"{pid}","profile_url":"https://www.linkedin.com/in/bench-{i}"}},'
                '"previous":{"company":"Acme Logistics","title":"Software Engineer"},'
                '"current":{"company":"Globex Corporation","title":"Senior Software Engineer","start_date":"2026-11-01"},'
                '"detected_at":"2026-11-30T06:00:00Z"}}'
            )
            signed = f"{msg_id}.{now}.{body}".encode()
            sig = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
            f.write(f"{msg_id}\t{now}\tv1,{sig}\t{body}\n")


if __name__ == "__main__":
    main()
