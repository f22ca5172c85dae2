"""Execution accuracy of the offline text-to-SQL system, zero-shot and with 4 random demos, through Python DSPy.

usage: .venv/bin/python bench/server/accuracy.py [data.jsonl ...]
  default: the project's built-in sample (read from SQLToolkit's SampleData+Rows.swift, when present) and
  ../shared/data/gretel_text2sql_test_150.jsonl

Each row needs sql_prompt, sql_context (CREATE + INSERT) and sql; predicted and gold SQL both run in SQLite and
match when they return the same rows (as a multiset, floats rounded to 4 places). Demos are drawn, with seed 1399,
from the other rows of the same file, so the system never sees the row's own answer.
"""
import json
import os
import random
import sys
import time

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
import dspy  # noqa: E402

from _server import ROOT, start  # noqa: E402
from sql_results import execution_match  # noqa: E402


class TextToSql(dspy.Signature):
    """Transform a natural language query into a SQL query."""
    sql_prompt = dspy.InputField(desc="Natural language query")
    sql_context = dspy.InputField(desc="Context for the query")
    sql = dspy.OutputField(desc="SQL query")


BUILTIN = ROOT / "Sources" / "SQLToolkit" / "Data" / "SampleData+Rows.swift"


def load(path):
    """Rows of a JSON Lines file, or of the JSON Lines literal embedded in the built-in sample's Swift source."""
    text = open(path).read()
    if path.endswith(".swift"):
        text = text[text.index('#"""') + 4:text.index('"""#')]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def main():
    paths = sys.argv[1:] or [str(p) for p in [BUILTIN] if p.exists()] + [
        str(ROOT.parent / "shared" / "data" / "gretel_text2sql_test_150.jsonl")]
    server = start()
    lm = dspy.LM("openai/offline-text2sql", api_base=server.url + "/v1", api_key="local", cache=False,
                 temperature=0, max_tokens=500, stop=["\n\n"], num_retries=0)
    try:
        for path in paths:
            rows = load(path)
            examples = [dspy.Example(**row).with_inputs("sql_prompt", "sql_context") for row in rows]
            rng = random.Random(1399)
            program = dspy.Predict(TextToSql)
            counts = {"zero-shot": 0, "4 random demos": 0}
            start_time = time.monotonic()
            with dspy.context(lm=lm):
                for index, row in enumerate(rows):
                    program.demos = []
                    pred = program(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"])
                    counts["zero-shot"] += execution_match(row["sql_context"], pred.sql, row["sql"])
                    program.demos = rng.sample(examples[:index] + examples[index + 1:], 4)
                    pred = program(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"])
                    counts["4 random demos"] += execution_match(row["sql_context"], pred.sql, row["sql"])
            elapsed = time.monotonic() - start_time
            print(f"{os.path.basename(path)}: {len(rows)} rows, {2 * len(rows)} predictions in {elapsed:.1f} s")
            for name, count in counts.items():
                print(f"  {name:15s} execution accuracy {count}/{len(rows)} = {100 * count / len(rows):.1f}%")
    finally:
        server.stop()


if __name__ == "__main__":
    main()
