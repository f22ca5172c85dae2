"""Load on loopback: 64 concurrent keep-alive clients for 10 s against the offline text-to-SQL system, and the same
against the server's `fixed-reply` model, so the model's own cost shows beside the server's.

usage: .venv/bin/python bench/server/load.py [--clients 64] [--seconds 10]
"""
import argparse
import asyncio
import json
import statistics
import time

from _server import start

PROMPT = [
    {"role": "system", "content": "Your input fields are:\n1. `sql_prompt` (str): Natural language query\n"
     "2. `sql_context` (str): Context for the query\nYour output fields are:\n1. `sql` (str): SQL query\n"
     "All interactions will be structured in the following way, with the appropriate values filled in.\n\n"
     "[[ ## sql_prompt ## ]]\n{sql_prompt}\n\n[[ ## sql_context ## ]]\n{sql_context}\n\n[[ ## sql ## ]]\n{sql}\n\n"
     "[[ ## completed ## ]]\nIn adhering to this structure, your objective is: \n"
     "        Transform a natural language query into a SQL query."},
    {"role": "user", "content": "[[ ## sql_prompt ## ]]\nWhat is the total number of legal aid services provided to "
     "individuals in rural areas in the state of California in 2021?\n\n[[ ## sql_context ## ]]\nCREATE TABLE "
     "legal_aid_services (id INT, location VARCHAR(255), state VARCHAR(255), year INT, services_provided INT); INSERT "
     "INTO legal_aid_services (id, location, state, year, services_provided) VALUES (1, 'Rural Area', 'California', "
     "2021, 1000), (2, 'Urban Area', 'California', 2021, 2000), (3, 'Suburban Area', 'California', 2021, 1500);\n\n"
     "Respond with the corresponding output fields, starting with the field `[[ ## sql ## ]]`, and then ending with "
     "the marker for `[[ ## completed ## ]]`."},
]


async def client(host, port, body, deadline, latencies, errors):
    reader, writer = await asyncio.open_connection(host, port)
    request = (f"POST /v1/chat/completions HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    while time.monotonic() < deadline:
        start = time.perf_counter()
        writer.write(request)
        await writer.drain()
        status_line = await reader.readline()
        length = 0
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode().partition(":")
            if name.lower() == "content-length":
                length = int(value)
        payload = await reader.readexactly(length)
        latencies.append(time.perf_counter() - start)
        if b" 200 " not in status_line or b'"choices"' not in payload:
            errors.append(status_line.decode().strip())
    writer.close()


async def run(url, model, clients, seconds):
    host, port = url.removeprefix("http://").split(":")
    body = json.dumps({"model": model, "messages": PROMPT, "temperature": 0, "max_tokens": 500}).encode()
    latencies, errors = [], []
    deadline = time.monotonic() + seconds
    started = time.monotonic()
    await asyncio.gather(*(client(host, int(port), body, deadline, latencies, errors) for _ in range(clients)))
    elapsed = time.monotonic() - started
    latencies.sort()
    return {
        "requests": len(latencies), "errors": len(errors), "rps": len(latencies) / elapsed,
        "p50_ms": 1000 * statistics.median(latencies),
        "p99_ms": 1000 * latencies[min(len(latencies) - 1, int(0.99 * len(latencies)))],
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--seconds", type=float, default=10)
    args = parser.parse_args()
    server = start()
    try:
        rows = {model: asyncio.run(run(server.url, model, args.clients, args.seconds))
                for model in ["fixed-reply", "offline-text2sql"]}
    finally:
        server.stop()
    print(f"{args.clients} clients x {args.seconds:g} s on loopback (client and server share this machine's cores)")
    for model, row in rows.items():
        print(f"  {model:17s} {row['requests']:7d} requests  {row['errors']} errors  {row['rps']:8.0f} req/s  "
              f"p50 {row['p50_ms']:6.2f} ms  p99 {row['p99_ms']:6.2f} ms")
    print(f"  offline-text2sql / fixed-reply throughput: {rows['offline-text2sql']['rps'] / rows['fixed-reply']['rps']:.2f}")


if __name__ == "__main__":
    main()
