"""Execution match in Python, for tests and benchmarks that judge SQL outside the Swift grader."""
import sqlite3


def results(context, sql):
    """The query's rows; for a statement that writes, the state of every table afterwards. Sorted, floats rounded to
    4 places, so two queries match when they return the same multiset of rows."""
    db = sqlite3.connect(":memory:")
    db.executescript(context)
    rows = db.execute(sql).fetchall()
    if not sql.lstrip().upper().startswith(("SELECT", "WITH")):
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        rows = [(table, *row) for table in tables for row in db.execute(f'SELECT * FROM "{table}"').fetchall()]
    return sorted((tuple(round(v, 4) if isinstance(v, float) else v for v in row) for row in rows), key=repr)


def execution_match(context, predicted, gold):
    """Whether `predicted` returns what `gold` returns on the database `context` builds; False when either fails."""
    try:
        return results(context, predicted) == results(context, gold)
    except Exception:
        return False
