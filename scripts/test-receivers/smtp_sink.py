#!/usr/bin/env python3
"""An SMTP sink for talentwatch's email tests: aiosmtpd on loopback, keeping every message.

Each accepted message is written to --dir as NNNN.eml (the raw bytes) and NNNN.json (envelope sender and
recipients). Prints "listening PORT" once it accepts connections; runs until killed.
"""
import argparse
import json
import os
import signal
import socket
import threading

from aiosmtpd.controller import Controller

parser = argparse.ArgumentParser()
parser.add_argument("--dir", required=True)
args = parser.parse_args()
counter = {"n": 0}
lock = threading.Lock()


class Handler:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            counter["n"] += 1
            name = os.path.join(args.dir, "%04d" % counter["n"])
        with open(name + ".json", "w") as handle:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}, handle)
        with open(name + ".eml", "wb") as handle:
            handle.write(envelope.original_content or envelope.content)
        return "250 Message accepted"


probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
controller = Controller(Handler(), hostname="127.0.0.1", port=port)
controller.start()
print("listening", port, flush=True)
signal.sigwait([signal.SIGTERM, signal.SIGINT])
controller.stop()
