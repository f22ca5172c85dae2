"""`swift-dspy grade`: execution accuracy of a predictions file, with a JSON report."""
import json
import subprocess


def write_jsonl(path, rows):
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))


def test_grades_real_rows_by_id_and_writes_the_report(cli, shared_data, tmp_path):
    rows = [json.loads(line) for line in (shared_data / "gretel_text2sql_test_150.jsonl").read_text().splitlines()][:20]
    predictions = [{"id": r["id"], "sql": r["sql"]} for r in rows[:15]]          # 15 right
    predictions += [{"id": r["id"], "sql": "SELECT 1"} for r in rows[15:18]]       # 3 wrong
    predictions += [{"id": rows[18]["id"], "sql": "SELECT * FROM no_such_table"}]  # 1 error, row 19 missing
    write_jsonl(tmp_path / "pred.jsonl", predictions)
    report = tmp_path / "report.json"
    result = subprocess.run([cli, "grade", "--data", shared_data / "gretel_text2sql_test_150.jsonl",
                             "--predictions", tmp_path / "pred.jsonl", "--report", report],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "execution accuracy" in result.stdout
    body = json.loads(report.read_text())
    assert body["total"] == 150
    assert body["matched"] == 15
    by_id = {r["id"]: r for r in body["rows"]}
    assert all(by_id[r["id"]]["verdict"] == "match" for r in rows[:15])
    assert all(by_id[r["id"]]["verdict"] == "mismatch" and by_id[r["id"]]["detail"] for r in rows[15:18])
    assert by_id[rows[18]["id"]]["verdict"] == "pred_error"
    assert "no such table" in by_id[rows[18]["id"]]["detail"]
    assert by_id[rows[19]["id"]]["verdict"] == "pred_error"
    assert [r["id"] for r in body["rows"]][:20] == [r["id"] for r in rows]


def test_matches_by_line_number_when_the_data_has_no_ids(cli, tmp_path):
    context = "CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2);"
    write_jsonl(tmp_path / "data.jsonl", [{"sql_prompt": "q", "sql_context": context, "sql": "SELECT x FROM t"},
                                          {"sql_prompt": "q", "sql_context": context, "sql": "SELECT max(x) FROM t"}])
    write_jsonl(tmp_path / "pred.jsonl", [{"id": 1, "sql": "SELECT 2"}, {"id": 0, "sql": "SELECT x FROM t ORDER BY x DESC"}])
    report = tmp_path / "r.json"
    subprocess.run([cli, "grade", "--data", tmp_path / "data.jsonl", "--predictions", tmp_path / "pred.jsonl",
                    "--report", report], check=True, capture_output=True)
    body = json.loads(report.read_text())
    assert (body["total"], body["matched"]) == (2, 2)
    assert [r["id"] for r in body["rows"]] == [0, 1]


def test_a_hostile_prediction_is_a_pred_error_and_creates_no_file(cli, tmp_path):
    context = "CREATE TABLE t (x INT); INSERT INTO t VALUES (1);"
    target = tmp_path / "stolen.db"
    write_jsonl(tmp_path / "data.jsonl", [{"id": "a", "sql_prompt": "q", "sql_context": context, "sql": "SELECT x FROM t"}])
    write_jsonl(tmp_path / "pred.jsonl", [{"id": "a", "sql": f"VACUUM INTO '{target}'"}])
    report = tmp_path / "r.json"
    subprocess.run([cli, "grade", "--data", tmp_path / "data.jsonl", "--predictions", tmp_path / "pred.jsonl",
                    "--report", report], check=True, capture_output=True)
    row = json.loads(report.read_text())["rows"][0]
    assert row["verdict"] == "pred_error" and row["detail"].startswith("denied")
    assert not target.exists()


def test_bad_predictions_name_the_line(cli, tmp_path):
    write_jsonl(tmp_path / "data.jsonl", [{"sql_prompt": "q", "sql_context": "", "sql": "SELECT 1"}])
    (tmp_path / "pred.jsonl").write_text('{"id": 0, "sql": "SELECT 1"}\n{"sql": "SELECT 2"}\n')
    result = subprocess.run([cli, "grade", "--data", tmp_path / "data.jsonl", "--predictions", tmp_path / "pred.jsonl"],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "line 2" in result.stderr
