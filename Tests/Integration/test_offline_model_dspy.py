"""Python DSPy 3.4.1 (the reference) against `swift-dspy serve`: Predict, ChainOfThought, the study's Correctness
judge, typed signatures and the smoke test all parse; demos in the prompt change the offline system's answers."""
import json
import random
from typing import Literal

import dspy
import pytest

from served_model import Server
from sql_results import execution_match


class TextToSql(dspy.Signature):
    """Transform a natural language query into a SQL query."""
    sql_prompt = dspy.InputField(desc="Natural language query")
    sql_context = dspy.InputField(desc="Context for the query")
    sql = dspy.OutputField(desc="SQL query")


class Correctness(dspy.Signature):
    """Assess if the SQL query accurately answers the given natural language query based on the provided context."""
    sql_prompt = dspy.InputField(desc="Natural language query")
    sql_context = dspy.InputField(desc="Context for the query")
    sql = dspy.InputField(desc="SQL query")
    correct = dspy.OutputField(desc="Indicate whether the SQL query correctly answers the natural language query based on the given context")


class Typed(dspy.Signature):
    """Classify a text."""
    text: str = dspy.InputField()
    flag: bool = dspy.OutputField()
    count: int = dspy.OutputField()
    score: float = dspy.OutputField()
    tags: list[str] = dspy.OutputField()
    kind: Literal["alpha", "beta"] = dspy.OutputField()


@pytest.fixture(scope="module")
def lm(cli):
    server = Server(cli, "--quiet")
    # The study's settings: temperature 0, max_tokens 500, stop "\n\n", n 1.
    yield dspy.LM("openai/offline-text2sql", api_base=server.url + "/v1", api_key="local", cache=False,
                  temperature=0, max_tokens=500, stop=["\n\n"], n=1, num_retries=0)
    assert server.stop()[0] == 0


@pytest.fixture(scope="module")
def rows(shared_data):
    with open(shared_data / "gretel_text2sql_test_150.jsonl") as handle:
        return [json.loads(line) for line in handle]


def test_smoke_question_gets_an_honest_answer(lm):
    answer = lm("What is the capital of Colombia?")[0]
    assert "offline-text2sql" in answer and "not a language model" in answer


def test_predict_and_chain_of_thought_parse(lm, rows):
    row = rows[3]
    with dspy.context(lm=lm):
        pred = dspy.Predict(TextToSql)(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"])
        assert pred.sql.upper().startswith("SELECT")
        cot = dspy.ChainOfThought(TextToSql)(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"])
        assert cot.reasoning and cot.sql.upper().startswith("SELECT")
    assert execution_match(row["sql_context"], pred.sql, row["sql"]), pred.sql


def test_json_adapter_answers_parse(lm, rows):
    row = rows[3]
    with dspy.context(lm=lm, adapter=dspy.JSONAdapter()):
        pred = dspy.ChainOfThought(TextToSql)(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"])
    assert pred.reasoning and pred.sql.upper().startswith("SELECT")


def test_correctness_judge_answers_yes_or_no_by_running_the_sql(lm, rows):
    row = rows[3]
    judge = dspy.Predict(Correctness)
    with dspy.context(lm=lm):
        good = judge(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"], sql=row["sql"]).correct
        broken = judge(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"], sql="SELECT nope FROM nowhere").correct
    assert (good, broken) == ("Yes", "No")


def test_typed_outputs_parse(lm):
    with dspy.context(lm=lm):
        pred = dspy.Predict(Typed)(text="anything")
    assert isinstance(pred.flag, bool) and isinstance(pred.count, int) and isinstance(pred.score, float)
    assert pred.tags == [] and pred.kind in ("alpha", "beta")


def test_demos_change_execution_accuracy(lm, rows):
    """Zero-shot vs four random training demos (as LabeledFewShot(k=4) gives); prints both, asserts they differ."""
    rng = random.Random(1399)
    train, test = rows[:75], rows[75:]
    trainset = [dspy.Example(**row).with_inputs("sql_prompt", "sql_context") for row in train]
    zero = dspy.Predict(TextToSql)
    few = dspy.LabeledFewShot(k=4).compile(dspy.Predict(TextToSql), trainset=trainset)
    scores = {"zero-shot": 0, "4 demos": 0}
    answers_differ = 0
    with dspy.context(lm=lm):
        for row in test:
            a = zero(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"]).sql
            few.demos = rng.sample(trainset, 4)
            b = few(sql_prompt=row["sql_prompt"], sql_context=row["sql_context"]).sql
            scores["zero-shot"] += execution_match(row["sql_context"], a, row["sql"])
            scores["4 demos"] += execution_match(row["sql_context"], b, row["sql"])
            answers_differ += a != b
    print(f"\nexecution accuracy on {len(test)} gretel rows: "
          + ", ".join(f"{name} {count}/{len(test)}" for name, count in scores.items())
          + f"; answers differ on {answers_differ}")
    assert answers_differ > 0
