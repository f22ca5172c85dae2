"""A local stand-in for the Hugging Face datasets-server rows API, serving pages built from a JSONL file in the
shape the real server returns (features, rows with row_idx/row/truncated_cells, num_rows_total, partial).

Usage: python datasets_server.py DATASET_NAME SPLIT FILE.jsonl [--throttle N] [--truncate ROW_IDX:FIELD] ;
prints `listening on http://127.0.0.1:PORT`. --throttle answers every Nth rows request 429 (Retry-After: 0), as the
real server does when asked too fast; --truncate marks one cell as cut short. GET /stats returns {"requests": N}.
"""
import argparse
import json
import threading
from http.server import ThreadingHTTPServer

from json_handler import JSONHandler
from urllib.parse import parse_qs, urlparse

parser = argparse.ArgumentParser()
parser.add_argument("name")
parser.add_argument("split")
parser.add_argument("file")
parser.add_argument("--throttle", type=int, default=0)
parser.add_argument("--truncate", default=None)
ARGS = parser.parse_args()
NAME, SPLIT = ARGS.name, ARGS.split
ROWS = [json.loads(line) for line in open(ARGS.file, encoding="utf-8") if line.strip()]
TRUNCATED = (int(ARGS.truncate.split(":")[0]), ARGS.truncate.split(":")[1]) if ARGS.truncate else None
TYPES = {str: "string", int: "int64", float: "float64", bool: "bool"}


class Handler(JSONHandler):
    requests = 0
    lock = threading.Lock()

    def do_GET(self):
        url = urlparse(self.path)
        if url.path == "/stats":
            self.reply(200, {"requests": Handler.requests})
            return
        with Handler.lock:
            Handler.requests += 1
            count = Handler.requests
        if ARGS.throttle and count % ARGS.throttle == 0:
            self.reply(429, {"error": "Too many requests"}, headers=[("Retry-After", "0")])
            return
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
            "rows": [{"row_idx": offset + i, "row": row,
                      "truncated_cells": [TRUNCATED[1]] if TRUNCATED and TRUNCATED[0] == offset + i else []}
                     for i, row in enumerate(page)],
            "num_rows_total": len(ROWS), "num_rows_per_page": 100, "partial": False,
        })


ThreadingHTTPServer.request_queue_size = 128
server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
server.serve_forever()
