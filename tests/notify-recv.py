#!/usr/bin/env python3
"""notify-recv.py: a local HTTP receiver standing in for the chat bots
(WeCom, DingTalk, Feishu) and generic webhooks that mubiao-notify posts to
(tests/t0719-notify.sh).  Python's standard library only.

    notify-recv.py --log FILE --mode-file FILE [--port N] [--port-file FILE]
                   [--hang SECONDS]

Listens on 127.0.0.1 (port N, or one the system picks with 0: its number
goes to --port-file and standard output).  Every POST is recorded as one
JSON line in the log, in the order received, before it is answered:

    {"n": 1, "at": 1700000000.1, "path": "/wecom?key=k",
     "headers": {"Content-Type": "..."}, "body": "...", "mode": "ok",
     "status": 200}

"body" is the body as UTF-8 text (bytes that are not UTF-8 replaced),
"body_b64" the exact bytes in base64 (for signatures).  The answer follows
the mode, read from the mode file at each request (so a test can change it
while the receiver runs; a missing or empty file is "ok"):

    ok      the receiver's success: {"errcode":0,"errmsg":"ok"} for a path
            under /wecom or /dingtalk, {"code":0,"msg":"success"} for
            /feishu, 200 with an empty body for anything else (/hook)
    500     HTTP 500
    refuse  HTTP 200 with the bot's own refusal ({"errcode":310000,...},
            {"code":19021,...}); a webhook gets 403
    hang    no answer for --hang seconds (default 30), then the success
    close   the connection closed without any answer

"status" is what the receiver answers (200, 500, 403), or "hang" or
"close".  Ends on SIGTERM or SIGINT.
"""
import argparse
import base64
import json
import os
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

OK_BODY = {
    "/wecom": b'{"errcode":0,"errmsg":"ok"}',
    "/dingtalk": b'{"errcode":0,"errmsg":"ok"}',
    "/feishu": b'{"code":0,"msg":"success"}',
}
REFUSE_BODY = {
    "/wecom": b'{"errcode":93000,"errmsg":"invalid webhook url"}',
    "/dingtalk": b'{"errcode":310000,"errmsg":"sign not match"}',
    "/feishu": b'{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
}
MODES = ("ok", "500", "refuse", "hang", "close")


def kind_of(path):
    """The bot kind a path stands for: its first segment, "" for others."""
    seg = "/" + path.lstrip("/").split("?", 1)[0].split("/", 1)[0]
    return seg if seg in OK_BODY else ""


class Handler(BaseHTTPRequestHandler):
    server_version = "notify-recv/1"
    protocol_version = "HTTP/1.0"

    def log_message(self, fmt, *args):  # quiet: the log file says it all
        pass

    def mode(self):
        try:
            with open(self.server.mode_file, encoding="utf-8") as f:
                m = f.read().strip()
        except OSError:
            m = ""
        return m if m in MODES else "ok"

    def record(self, body, mode, status):
        with self.server.lock:
            self.server.n += 1
            line = {
                "n": self.server.n,
                "at": round(time.time(), 3),
                "path": self.path,
                "headers": {k: v for k, v in self.headers.items()},
                "body": body.decode("utf-8", "replace"),
                "body_b64": base64.b64encode(body).decode("ascii"),
                "mode": mode,
                "status": status,
            }
            with open(self.server.log_file, "a", encoding="utf-8") as f:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")

    def answer(self, status, body, ctype="application/json"):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def do_POST(self):
        try:
            n = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            n = 0
        body = self.rfile.read(n) if n > 0 else b""
        mode = self.mode()
        kind = kind_of(self.path)
        if mode == "close":
            self.record(body, mode, "close")
            self.close_connection = True
            try:
                self.connection.shutdown(2)
            except OSError:
                pass
            return
        if mode == "hang":
            self.record(body, mode, "hang")
            time.sleep(self.server.hang)
            status, out = 200, OK_BODY.get(kind, b"")
        elif mode == "500":
            self.record(body, mode, 500)
            status, out = 500, b"internal error"
        elif mode == "refuse":
            status = 200 if kind else 403
            self.record(body, mode, status)
            out = REFUSE_BODY.get(kind, b"")
        else:
            self.record(body, mode, 200)
            status, out = 200, OK_BODY.get(kind, b"")
        try:
            self.answer(status, out)
        except OSError:
            pass  # the sender gave up waiting

    def do_GET(self):
        # A probe: is the receiver up?
        self.answer(200, b"notify-recv\n", "text/plain")


def main():
    ap = argparse.ArgumentParser(description="a local receiver of bot posts")
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    ap.add_argument("--log", required=True)
    ap.add_argument("--mode-file", required=True)
    ap.add_argument("--hang", type=float, default=30.0)
    a = ap.parse_args()

    srv = ThreadingHTTPServer(("127.0.0.1", a.port), Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.n = 0
    srv.log_file = a.log
    srv.mode_file = a.mode_file
    srv.hang = a.hang
    port = srv.server_address[1]
    if a.port_file:
        tmp = a.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write("%d\n" % port)
        os.rename(tmp, a.port_file)
    print(port, flush=True)

    def stop(sig, frame):
        threading.Thread(target=srv.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    srv.serve_forever(poll_interval=0.2)
    srv.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
