"""A local stand-in for the Hugging Face datasets-server rows API, serving pages built from a JSONL file in the
shape the real server returns (features, rows with row_idx/row/truncated_cells, num_rows_total, partial).

Usage: python datasets_server.py DATASET_NAME SPLIT FILE.jsonl ; prints `listening on http://127.0.0.1:PORT`.
GET /stats returns {"requests": N}.
"""
import json
import socket
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

NAME, SPLIT, FILE = sys.argv[1], sys.argv[2], sys.argv[3]
ROWS = [json.loads(line) for line in open(FILE, encoding="utf-8") if line.strip()]
TYPES = {str: "string", int: "int64", float: "float64", bool: "bool"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    requests = 0

    def log_message(self, *args):
        pass

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/stats":
            self.reply(200, {"requests": Handler.requests})
            return
        Handler.requests += 1
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path != "/rows" or query.get("dataset") != NAME or query.get("split") != SPLIT:
            self.reply(404, {"error": "The dataset does not exist, or is not accessible without authentication."})
            return
        offset, length = int(query.get("offset", 0)), min(int(query.get("length", 100)), 100)
        page = ROWS[offset:offset + length]
        features = [{"feature_idx": i, "name": k, "type": {"dtype": TYPES.get(type(v), "string"), "_type": "Value"}}
                    for i, (k, v) in enumerate(ROWS[0].items())]
        self.reply(200, {
            "features": features,
            "rows": [{"row_idx": offset + i, "row": row, "truncated_cells": []} for i, row in enumerate(page)],
            "num_rows_total": len(ROWS), "num_rows_per_page": 100, "partial": False,
        })


server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
