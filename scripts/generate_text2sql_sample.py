#!/usr/bin/env python3
"""Generates the built-in text-to-SQL sample (Sources/SQLToolkit/Data/SampleData+Rows.swift).

Every example is checked here with Python's sqlite3 before it is kept: the gold query runs on its own context,
returns rows (or, for DML, changes rows), and every applicable "plausible wrong" mutation of it (see `mutations`,
mirrored by the Swift test) gives a different result. When a mutation reproduces the gold result the example's
data is re-rolled. Run: python3 scripts/generate_text2sql_sample.py
"""
import json
import pathlib
import random
import re
import sqlite3
import sys

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from text2sql_domains import DOMAINS  # noqa: E402

SEED = 1399
OUT = pathlib.Path(__file__).resolve().parents[1] / "Sources/SQLToolkit/Data/SampleData+Rows.swift"


def key(singular):
    return singular.replace(" ", "_") + "_id"


def value(kind, low, high, rng):
    if kind == "int":
        return rng.randint(low, high)
    return round(rng.uniform(low, high), 2)


def date(rng):
    return f"{rng.choice([2022, 2023, 2024])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def sql_literal(v):
    if isinstance(v, str):
        return "'" + v.replace("'", "''") + "'"
    return str(v)


class World:
    """One random instance of a domain's three tables."""

    def __init__(self, spec, rng):
        self.spec, self.rng = spec, rng
        P, E, V = spec["P"], spec["E"], spec["V"]
        self.parents = [(i + 1, n) for i, n in enumerate(rng.sample(P["names"], rng.randint(3, len(P["names"]))))]
        names = rng.sample(E["names"], min(len(E["names"]), rng.randint(7, 10)))
        cat_col, _, cats = E["cat"]
        num_col, _, kind, low, high = E["num"]
        self.entities = []
        for i, n in enumerate(names):
            self.entities.append((i + 1, n, rng.choice(self.parents)[0], rng.choice(cats), value(kind, low, high, rng)))
        active = [e[0] for e in self.entities]
        rng.shuffle(active)
        active = active[: max(3, len(active) - rng.randint(1, 3))]
        a_col, _, a_kind, a_low, a_high = V["amount"]
        self.events = []
        for i in range(rng.randint(12, 18)):
            self.events.append((i + 1, rng.choice(active), value(a_kind, a_low, a_high, rng), date(rng), rng.choice(V["status"][2])))
        self.types = {
            "id": rng.choice(["INT", "INTEGER", "INT PRIMARY KEY"]),
            "text": rng.choice(["VARCHAR(50)", "TEXT", "VARCHAR(100)"]),
            "int": rng.choice(["INT", "INTEGER"]),
            "real": rng.choice(["DECIMAL(10,2)", "FLOAT", "REAL"]),
            "date": "DATE",
        }

    def create(self, which):
        P, E, V = self.spec["P"], self.spec["E"], self.spec["V"]
        t = self.types
        if which == "P":
            cols = [("id", t["id"]), ("name", t["text"])]
            rows = self.parents
            table = P["table"]
        elif which == "E":
            cols = [("id", t["id"]), ("name", t["text"]), (key(P["singular"]), t["int"]), (E["cat"][0], t["text"]), (E["num"][0], t[E["num"][2]])]
            rows = self.entities
            table = E["table"]
        else:
            cols = [("id", t["id"]), (key(E["singular"]), t["int"]), (V["amount"][0], t[V["amount"][2]]), (V["date"][0], t["date"]), (V["status"][0], t["text"])]
            rows = self.events
            table = V["table"]
        names = ", ".join(c for c, _ in cols)
        ddl = f"CREATE TABLE {table} ({', '.join(f'{c} {ty}' for c, ty in cols)});"
        if self.rng.random() < 0.5:
            inserts = [f"INSERT INTO {table} ({names}) VALUES " + ", ".join("(" + ", ".join(sql_literal(v) for v in r) + ")" for r in rows) + ";"]
        else:
            inserts = [f"INSERT INTO {table} ({names}) VALUES (" + ", ".join(sql_literal(v) for v in r) + ");" for r in rows]
        return " ".join([ddl] + inserts)

    def context(self, tables):
        return " ".join(self.create(w) for w in tables)


# --- query templates: each returns (complexity, tables, prompt, sql) or None -------------------------------------

def templates():
    def T(complexity):
        def wrap(fn):
            fn.complexity = complexity
            return fn
        return wrap

    @T("basic SQL")
    def by_category(w, r):
        E = w.spec["E"]; c, cl, _ = E["cat"]; v = r.choice([e[3] for e in w.entities])
        return ["E"], r.choice([f"List the names of all {E['plural']} whose {cl} is {v}.",
                                f"Which {E['plural']} have {v} as their {cl}?"]), f"SELECT name FROM {E['table']} WHERE {c} = '{v}';"

    @T("basic SQL")
    def above_threshold(w, r):
        E = w.spec["E"]; n, nl, *_ = E["num"]; vals = sorted(e[4] for e in w.entities); t = vals[len(vals) // 2]
        return ["E"], r.choice([f"Show the name and {nl} of {E['plural']} with a {nl} greater than {t}.",
                                f"Which {E['plural']} have a {nl} above {t}? Include the {nl}."]), f"SELECT name, {n} FROM {E['table']} WHERE {n} > {t};"

    @T("basic SQL")
    def top_three(w, r):
        E = w.spec["E"]; n, nl, *_ = E["num"]
        return ["E"], r.choice([f"What are the 3 {E['plural']} with the highest {nl}?",
                                f"Show the top three {E['plural']} by {nl}, highest first."]), f"SELECT name, {n} FROM {E['table']} ORDER BY {n} DESC LIMIT 3;"

    @T("aggregation")
    def count_per_category(w, r):
        E = w.spec["E"]; c, cl, _ = E["cat"]; n, nl, *_ = E["num"]
        return ["E"], r.choice([f"What is the maximum {nl} of {E['plural']} for each {cl}?",
                                f"For every {cl}, find the highest {nl} among {E['plural']}."]), f"SELECT {c}, MAX({n}) FROM {E['table']} GROUP BY {c};"

    @T("aggregation")
    def average_in_category(w, r):
        E = w.spec["E"]; c, cl, _ = E["cat"]; n, nl, *_ = E["num"]; v = r.choice([e[3] for e in w.entities])
        return ["E"], r.choice([f"What is the average {nl} of {E['plural']} with {cl} {v}?",
                                f"Calculate the mean {nl} for {v} {E['plural']}."]), f"SELECT AVG({n}) FROM {E['table']} WHERE {c} = '{v}';"

    @T("aggregation")
    def total_by_status(w, r):
        V = w.spec["V"]; a, al, *_ = V["amount"]; s, sl, _ = V["status"]
        return ["V"], r.choice([f"What is the total {al} of {V['plural']} for each {sl}?",
                                f"Sum the {al} of {V['plural']} grouped by {sl}."]), f"SELECT {s}, SUM({a}) AS total_{a} FROM {V['table']} GROUP BY {s};"

    @T("aggregation")
    def having_count(w, r):
        V = w.spec["V"]; ek = key(w.spec["E"]["singular"]); a, al, *_ = V["amount"]
        return ["V"], r.choice([f"Which {w.spec['E']['singular']} ids have a total {al} above 0 across more than 2 {V['plural']}? Show the id and the total.",
                                f"For {w.spec['E']['plural']} with more than two {V['plural']}, what is their total {al}?"]), \
            f"SELECT {ek}, SUM({a}) FROM {V['table']} GROUP BY {ek} HAVING COUNT(*) > 2;"

    @T("single join")
    def total_per_entity(w, r):
        E, V = w.spec["E"], w.spec["V"]; a, al, *_ = V["amount"]
        return ["E", "V"], r.choice([f"What is the total {al} of {V['plural']} for each {E['singular']}? Show the {E['singular']} name.",
                                     f"Show each {E['singular']}'s name with the sum of {al} over its {V['plural']}."]), \
            f"SELECT e.name, SUM(v.{a}) FROM {E['table']} e JOIN {V['table']} v ON v.{key(E['singular'])} = e.id GROUP BY e.name;"

    @T("single join")
    def events_after(w, r):
        E, V = w.spec["E"], w.spec["V"]; d, dl = V["date"]; a, al, *_ = V["amount"]; cut = sorted(x[3] for x in w.events)[len(w.events) // 2]
        return ["E", "V"], r.choice([f"List the {E['singular']} name, {dl} and {al} of {V['plural']} after {cut}.",
                                     f"Which {V['plural']} happened after {cut}? Show the {E['singular']} name, {dl} and {al}."]), \
            f"SELECT e.name, v.{d}, v.{a} FROM {V['table']} v INNER JOIN {E['table']} e ON e.id = v.{key(E['singular'])} WHERE v.{d} > '{cut}';"

    @T("single join")
    def average_per_category(w, r):
        E, V = w.spec["E"], w.spec["V"]; c, cl, _ = E["cat"]; a, al, *_ = V["amount"]
        return ["E", "V"], r.choice([f"What is the average {al} of {V['plural']} per {E['singular']} {cl}?",
                                     f"For each {cl}, what is the mean {al} of the {V['plural']} of its {E['plural']}?"]), \
            f"SELECT e.{c}, AVG(v.{a}) AS avg_{a} FROM {E['table']} e JOIN {V['table']} v ON e.id = v.{key(E['singular'])} GROUP BY e.{c};"

    @T("multiple_joins")
    def total_per_parent(w, r):
        P, E, V = w.spec["P"], w.spec["E"], w.spec["V"]; a, al, *_ = V["amount"]
        return ["P", "E", "V"], r.choice([f"What is the total {al} of {V['plural']} for each {P['singular']}?",
                                          f"Show every {P['singular']} name with the sum of {al} across the {V['plural']} of its {E['plural']}."]), \
            f"SELECT p.name, SUM(v.{a}) FROM {P['table']} p JOIN {E['table']} e ON e.{key(P['singular'])} = p.id JOIN {V['table']} v ON v.{key(E['singular'])} = e.id GROUP BY p.name;"

    @T("multiple_joins")
    def list_with_status(w, r):
        P, E, V = w.spec["P"], w.spec["E"], w.spec["V"]; a, al, *_ = V["amount"]; s, sl, _ = V["status"]; v = r.choice([x[4] for x in w.events])
        return ["P", "E", "V"], r.choice([f"List the {P['singular']} name, {E['singular']} name and {al} of every {V['singular']} whose {sl} is {v}.",
                                          f"For {V['plural']} with {sl} '{v}', show the {P['singular']}, the {E['singular']} and the {al}."]), \
            f"SELECT p.name AS {P['singular'].replace(' ', '_')}, e.name AS {E['singular'].replace(' ', '_')}, v.{a} FROM {V['table']} v JOIN {E['table']} e ON v.{key(E['singular'])} = e.id JOIN {P['table']} p ON e.{key(P['singular'])} = p.id WHERE v.{s} = '{v}';"

    @T("multiple_joins")
    def count_per_parent_category(w, r):
        P, E, V = w.spec["P"], w.spec["E"], w.spec["V"]; c, cl, _ = E["cat"]; s, sl, _ = V["status"]; v = r.choice([x[4] for x in w.events])
        return ["P", "E", "V"], f"How many {V['plural']} with {sl} {v} does each {P['singular']} have, by {E['singular']} {cl}?", \
            f"SELECT p.name, e.{c}, COUNT(*) FROM {P['table']} p JOIN {E['table']} e ON p.id = e.{key(P['singular'])} JOIN {V['table']} v ON v.{key(E['singular'])} = e.id WHERE v.{s} = '{v}' GROUP BY p.name, e.{c};"

    @T("subqueries")
    def above_average(w, r):
        E = w.spec["E"]; n, nl, *_ = E["num"]
        return ["E"], r.choice([f"Which {E['plural']} have a {nl} above the average of all {E['plural']}?",
                                f"List {E['plural']} whose {nl} is greater than the overall average {nl}."]), \
            f"SELECT name, {n} FROM {E['table']} WHERE {n} > (SELECT AVG({n}) FROM {E['table']});"

    @T("subqueries")
    def without_events(w, r):
        E, V = w.spec["E"], w.spec["V"]; c, cl, _ = E["cat"]
        return ["E", "V"], r.choice([f"Which {E['plural']} have no {V['plural']} at all? Show their name and {cl}.",
                                     f"List the {E['plural']} that never had a {V['singular']}, with their {cl}."]), \
            f"SELECT name, {c} FROM {E['table']} WHERE id NOT IN (SELECT {key(E['singular'])} FROM {V['table']});"

    @T("subqueries")
    def with_big_event(w, r):
        E, V = w.spec["E"], w.spec["V"]; a, al, *_ = V["amount"]; t = sorted(x[2] for x in w.events)[len(w.events) * 2 // 3]
        return ["E", "V"], r.choice([f"Which {E['plural']} had at least one {V['singular']} with {al} over {t}?",
                                     f"Find the names of {E['plural']} with any {V['singular']} whose {al} exceeds {t}."]), \
            f"SELECT name FROM {E['table']} WHERE id IN (SELECT {key(E['singular'])} FROM {V['table']} WHERE {a} > {t});"

    @T("window functions")
    def rank_in_category(w, r):
        E = w.spec["E"]; c, cl, _ = E["cat"]; n, nl, *_ = E["num"]
        return ["E"], r.choice([f"Rank the {E['plural']} by {nl} within each {cl}, highest first.",
                                f"For each {cl}, rank its {E['plural']} from the highest {nl} down."]), \
            f"SELECT name, {c}, {n}, RANK() OVER (PARTITION BY {c} ORDER BY {n} DESC) AS rank_in_{c} FROM {E['table']};"

    @T("window functions")
    def running_total(w, r):
        V = w.spec["V"]; a, al, *_ = V["amount"]; d, dl = V["date"]
        return ["V"], r.choice([f"Show each {V['singular']}'s {dl} and {al} with a running total of {al} ordered by {dl}.",
                                f"What is the cumulative {al} of {V['plural']} over time, by {dl}?"]), \
            f"SELECT {d}, {a}, SUM({a}) OVER (ORDER BY {d} ASC, id ASC) AS running_total FROM {V['table']} ORDER BY {d} ASC, id ASC;"

    @T("window functions")
    def latest_per_entity(w, r):
        V = w.spec["V"]; ek = key(w.spec["E"]["singular"]); d, dl = V["date"]; a, al, *_ = V["amount"]
        return ["V"], f"For each {w.spec['E']['singular']}, show its most recent {V['singular']}'s {dl} and {al}.", \
            f"SELECT {ek}, {d}, {a} FROM (SELECT {ek}, {d}, {a}, ROW_NUMBER() OVER (PARTITION BY {ek} ORDER BY {d} DESC, id DESC) AS rn FROM {V['table']}) ranked WHERE rn = 1;"

    @T("set operations")
    def union_categories(w, r):
        E, V = w.spec["E"], w.spec["V"]; n, nl, *_ = E["num"]; a, al, *_ = V["amount"]
        vals = sorted(e[4] for e in w.entities); t = vals[len(vals) // 3]; big = sorted(x[2] for x in w.events)[len(w.events) // 2]
        return ["E", "V"], f"List the ids of {E['plural']} that have a {nl} below {t} or a {V['singular']} with {al} above {big}, without duplicates.", \
            f"SELECT id FROM {E['table']} WHERE {n} < {t} UNION SELECT {key(E['singular'])} FROM {V['table']} WHERE {a} > {big};"

    @T("set operations")
    def except_status(w, r):
        V = w.spec["V"]; ek = key(w.spec["E"]["singular"]); s, sl, vals = V["status"]; v1, v2 = r.sample(vals, 2)
        return ["V"], f"Which {w.spec['E']['singular']} ids have {V['plural']} with {sl} {v1} but none with {sl} {v2}?", \
            f"SELECT {ek} FROM {V['table']} WHERE {s} = '{v1}' EXCEPT SELECT {ek} FROM {V['table']} WHERE {s} = '{v2}';"

    @T("set operations")
    def intersect_status(w, r):
        V = w.spec["V"]; ek = key(w.spec["E"]["singular"]); s, sl, vals = V["status"]; v1, v2 = r.sample(vals, 2)
        return ["V"], f"Which {w.spec['E']['singular']} ids have both a {v1} and a {v2} {V['singular']} ({sl})?", \
            f"SELECT {ek} FROM {V['table']} WHERE {s} = '{v1}' INTERSECT SELECT {ek} FROM {V['table']} WHERE {s} = '{v2}';"

    @T("data manipulation")
    def update_category(w, r):
        E = w.spec["E"]; c, cl, _ = E["cat"]; n, nl, kind, *_ = E["num"]; v = r.choice([e[3] for e in w.entities])
        expr = f"{n} + 1" if kind == "int" else f"{n} * 1.10"
        what = "by 1" if kind == "int" else "by 10%"
        return ["E"], f"Increase the {nl} of all {E['plural']} with {cl} {v} {what}.", f"UPDATE {E['table']} SET {n} = {expr} WHERE {c} = '{v}';"

    @T("data manipulation")
    def delete_old(w, r):
        V = w.spec["V"]; d, dl = V["date"]; s, sl, _ = V["status"]; v = r.choice([x[4] for x in w.events]); cut = sorted(x[3] for x in w.events)[len(w.events) // 2]
        return ["V"], f"Delete the {V['plural']} with {sl} {v} whose {dl} is before {cut}.", f"DELETE FROM {V['table']} WHERE {s} = '{v}' AND {d} < '{cut}';"

    @T("data manipulation")
    def insert_entity(w, r):
        E, P = w.spec["E"], w.spec["P"]; c, cl, cats = E["cat"]; n, nl, kind, low, high = E["num"]
        pid, pname = r.choice(w.parents); used = {e[1] for e in w.entities}
        name = next((x for x in E["names"] if x not in used), f"New {E['singular'].title()}")
        cat = r.choice(cats); num = value(kind, low, high, r); new_id = len(w.entities) + 1
        return ["E"], f"Add a new {E['singular']} with id {new_id} named '{name}' for {P['singular']} {pid}, with {cl} {cat} and {nl} {num}.", \
            f"INSERT INTO {E['table']} (id, name, {key(P['singular'])}, {c}, {n}) VALUES ({new_id}, '{name.replace(chr(39), chr(39) * 2)}', {pid}, '{cat}', {num});"

    return [by_category, above_threshold, top_three, count_per_category, average_in_category, total_by_status, having_count,
            total_per_entity, events_after, average_per_category, total_per_parent, list_with_status, count_per_parent_category,
            above_average, without_events, with_big_event, rank_in_category, running_total, latest_per_entity,
            union_categories, except_status, intersect_status, update_category, delete_old, insert_entity]


# --- validation ---------------------------------------------------------------------------------------------------

def mutations(sql):
    """Plausible wrong variants, each changing the first occurrence of one thing (mirrored in SampleDataTests)."""
    swaps = [("SUM(", "AVG("), ("AVG(", "SUM("), ("MAX(", "MIN("), ("MIN(", "MAX("), (" DESC", " ASC"), (" ASC", " DESC"),
             (" > ", " < "), (" < ", " > "), ("UNION ", "UNION ALL "), ("INTERSECT ", "UNION "), ("EXCEPT ", "INTERSECT "),
             ("NOT IN (", "IN (")]
    out = [sql.replace(a, b, 1) for a, b in swaps if a in sql]
    literal = re.search(r"'([^']*)'", sql)
    if literal:
        out.append(sql[: literal.start()] + "''" + sql[literal.end():])
    return out


def canonical(rows, ordered):
    norm = [tuple(round(v, 6) if isinstance(v, float) else v for v in row) for row in rows]
    return norm if ordered else sorted(norm, key=repr)


def run(context, sql):
    db = sqlite3.connect(":memory:")
    db.executescript(context)
    cur = db.execute(sql)
    rows = cur.fetchall()
    if sql.split()[0].upper() in ("UPDATE", "DELETE", "INSERT"):
        changes = db.total_changes
        state = [canonical(db.execute(f"SELECT * FROM {t}").fetchall(), False)
                 for (t,) in db.execute("SELECT name FROM sqlite_schema WHERE type='table' ORDER BY name")]
        return ("dml", changes, state)
    ordered = re.search(r"\)\s*ORDER BY|^[^(]*ORDER BY", sql) is not None and not sql.rstrip(";").endswith("rn = 1")
    return ("rows", len(rows), canonical(rows, ordered))


def valid(context, sql):
    kind, count, result = run(context, sql)
    if count == 0:
        return False
    muts = mutations(sql)
    if not muts:
        return False
    for m in muts:
        try:
            if run(context, m)[2] == result:
                return False
        except sqlite3.Error:
            pass
    return True


def main():
    rng = random.Random(SEED)
    tmpl = templates()
    by_complexity = {}
    for t in tmpl:
        by_complexity.setdefault(t.complexity, []).append(t)
    rows = []
    for index, spec in enumerate(DOMAINS):
        chosen = []
        for complexity, group in by_complexity.items():
            chosen.append(group[index % len(group)])
        extra = [t for t in tmpl if t not in chosen]
        chosen.append(extra[index % len(extra)])
        for t in chosen:
            for attempt in range(60):
                w = World(spec, random.Random(rng.random()))
                tables, prompt, sql = t(w, w.rng)
                context = w.context(tables)
                if valid(context, sql):
                    rows.append({"id": len(rows) + 1, "domain": spec["domain"], "sql_complexity": t.complexity,
                                 "sql_prompt": prompt, "sql_context": context, "sql": sql})
                    break
            else:
                print(f"gave up: {spec['domain']} / {t.__name__}", file=sys.stderr)
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in rows)
    assert '"""#' not in lines
    OUT.write_text(
        "// Generated by scripts/generate_text2sql_sample.py; do not edit by hand.\n\n"
        "extension SampleData {\n"
        f"    /// {len(rows)} text-to-SQL examples across {len(DOMAINS)} domains, as JSON Lines.\n"
        f"    static let text2sqlJSONLines = #\"\"\"\n{lines}\n\"\"\"#\n"
        "}\n")
    counts = {}
    for r in rows:
        counts[r["sql_complexity"]] = counts.get(r["sql_complexity"], 0) + 1
    print(f"{len(rows)} examples, {len(DOMAINS)} domains: {counts}")


if __name__ == "__main__":
    main()
