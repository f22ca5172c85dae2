#!/usr/bin/env python3
"""The SQL sandbox against a larger hostile corpus than CI's (Tests/SQLToolkitTests/HostileSQLTests.swift), outside CI.

Usage (from the repository root, after `swift build`): .venv/bin/python bench/sql/hostile_corpus.py [--threads 2]
Builds 100+ hostile queries (file access through ATTACH/VACUUM INTO/load_extension, pragma writes, transactions,
recursive-CTE bombs, huge blobs and strings, cross joins), each also dressed up (comments, case, a harmless
statement in front, inside a subquery or a UNION), grades them all with `swift-dspy grade` against one real data row,
and checks: the process exits 0 having graded every query, none is judged a match, no file appears in the trap folder
the queries point at, and the wall time per query stays bounded. Prints the figures.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data" / "gretel_text2sql_test_150.jsonl"
BOMB = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c)"


def base_queries(trap):
    files = [f"ATTACH DATABASE '{trap}/{name}.db' AS {name}" for name in "abcdefgh"]
    files += [f"ATTACH 'file:{trap}/uri{i}.db?mode=rwc' AS u{i}" for i in range(4)]
    files += [f"VACUUM INTO '{trap}/v{i}.db'" for i in range(3)]
    files += [f"SELECT load_extension('{trap}/evil{i}.so')" for i in range(3)]
    files += ["SELECT load_extension('libc.so.6', 'system')", f"SELECT writefile('{trap}/w.txt', 'x')",
              f"SELECT readfile('/etc/passwd')", f"CREATE VIRTUAL TABLE f USING fts5(x); INSERT INTO f VALUES ('{trap}')"]
    pragmas = [f"PRAGMA {p}" for p in (
        "writable_schema = ON", "journal_mode = WAL", "journal_mode = OFF", "synchronous = OFF",
        f"temp_store_directory = '{trap}'", "main.page_size = 512", "cache_size = -2000000", "mmap_size = 268435456",
        "max_page_count = 2147483647", "foreign_keys = OFF", "recursive_triggers = ON", "locking_mode = EXCLUSIVE",
        "trusted_schema = ON", "cell_size_check = OFF", "secure_delete = ON", "auto_vacuum = FULL",
        "user_version = 7", "application_id = 9", "hard_heap_limit = 0", "soft_heap_limit = 0")]
    transactions = ["BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "SAVEPOINT s1", "COMMIT", "ROLLBACK", "DETACH DATABASE main",
                    "VACUUM", "REINDEX", "ANALYZE"]
    bombs = [f"{BOMB} SELECT count(*) FROM c", f"{BOMB} SELECT x FROM c", f"{BOMB} SELECT group_concat(x) FROM c",
             f"{BOMB} SELECT max(x) FROM c ORDER BY 1", f"{BOMB} SELECT sum(length(hex(x))) FROM c",
             "WITH RECURSIVE s(v) AS (SELECT 'x' UNION ALL SELECT v || v FROM s) SELECT length(v) FROM s",
             f"INSERT INTO t SELECT * FROM ({BOMB} SELECT x FROM c)",
             f"CREATE TABLE huge AS {BOMB} SELECT x, hex(randomblob(100)) FROM c",
             "SELECT count(*) FROM sqlite_master a, sqlite_master b, sqlite_master c, (SELECT 1 UNION SELECT 2 UNION SELECT 3 UNION SELECT 4) d"]
    blobs = ["SELECT randomblob(1000000000)", "SELECT zeroblob(2000000000)", "SELECT printf('%.*c', 1000000000, 'x')",
             "SELECT printf('%1000000000d', 1)", "SELECT replace(hex(zeroblob(400000)), '0', 'abc')",
             "SELECT hex(randomblob(500000000))", "SELECT length(zeroblob(999999999) || zeroblob(999999999))",
             "SELECT upper(hex(zeroblob(300000000)))", "SELECT char(65) || printf('%.*c', 900000000, 'y')",
             "SELECT json_group_array(hex(randomblob(1000000))) FROM (SELECT 1 UNION SELECT 2 UNION SELECT 3)"]
    return files + pragmas + transactions + bombs + blobs


def dressed(query):
    """The query as models and attackers disguise it."""
    yield query
    yield f"/* hidden */ {query.swapcase() if 'file:' not in query and '/' not in query else query}"
    yield f"SELECT 1; {query}"
    yield f"{query};\n-- trailing comment"
    if query.upper().startswith(("SELECT", "WITH")):
        yield f"SELECT * FROM ({query})"
        yield f"SELECT 1 UNION ALL {query}" if query.upper().startswith("SELECT") else f"{query} UNION ALL SELECT 1"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    cli = pathlib.Path(subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                                      text=True).stdout.strip()) / "swift-dspy"
    row = json.loads(DATA.read_text().splitlines()[0])
    with tempfile.TemporaryDirectory(prefix="hostile-sql-") as work:
        work = pathlib.Path(work)
        trap = work / "trap"
        trap.mkdir()
        queries = [variant for query in base_queries(trap) for variant in dressed(query)]
        (work / "data.jsonl").write_text("".join(json.dumps({**row, "id": i}) + "\n" for i in range(len(queries))))
        (work / "predictions.jsonl").write_text("".join(json.dumps({"id": i, "sql": q}) + "\n"
                                                        for i, q in enumerate(queries)))
        started = time.monotonic()
        result = subprocess.run([cli, "grade", "--data", work / "data.jsonl", "--predictions", work / "predictions.jsonl",
                                 "--report", work / "report.json", "--threads", str(args.threads)],
                                capture_output=True, text=True)
        seconds = time.monotonic() - started
        report = json.loads((work / "report.json").read_text()) if result.returncode == 0 else None
        left = sorted(path.name for path in trap.iterdir())
    print(f"{len(queries)} hostile queries ({len(base_queries('/trap'))} kinds, each dressed up to 6 ways), "
          f"{args.threads} threads: {seconds:.1f} s, {1000 * seconds / len(queries):.0f} ms per query")
    failures = []
    if result.returncode != 0:
        failures.append(f"swift-dspy grade exited {result.returncode}: {result.stderr[-2000:]}")
    else:
        rows = report["rows"]
        verdicts = {}
        for entry in rows:
            verdicts[entry["verdict"]] = verdicts.get(entry["verdict"], 0) + 1
        print("verdicts:", ", ".join(f"{name} {count}" for name, count in sorted(verdicts.items())))
        # Queries the sandbox let run (read-only, within budget) and that answered something else than the gold SQL.
        for entry in rows:
            if entry["verdict"] != "pred_error":
                print(f"  ran: {queries[int(entry['id'])][:100]!r} -> {entry['verdict']}")
        if len(rows) != len(queries):
            failures.append(f"graded {len(rows)} of {len(queries)} queries")
        if report["matched"] != 0:
            failures.append(f"{report['matched']} hostile queries were judged a match")
    if left:
        failures.append(f"files appeared in the trap folder: {left}")
    print("files written where the queries pointed:", left or "none")
    if failures:
        print("FAILED:\n  " + "\n  ".join(failures))
        sys.exit(1)
    print("ok: every query graded, none matched, no file written, the process exited 0")


if __name__ == "__main__":
    main()
