#!/usr/bin/env python3
"""A loopback sink for group-robot messages (bench/faults.sh): appends each POST's path and body as one
line to a file and answers like WeCom's robot ({"errcode":0}). Usage: sink.py PORT FILE"""
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, FILE = int(sys.argv[1]), sys.argv[2]
LOCK = threading.Lock()


class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode("utf-8", "replace")
        with LOCK, open(FILE, "a", encoding="utf-8") as out:
            out.write(self.path + " " + body.replace("\n", "\\n") + "\n")
        answer = b'{"errcode":0,"errmsg":"ok"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


ThreadingHTTPServer(("127.0.0.1", PORT), Sink).serve_forever()
