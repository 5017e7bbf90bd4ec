#!/usr/bin/env python3
"""The large-schema benchmark harness (run it through bench/run.sh).

For each N and backend it generates a schema (bench/gen_schema.py), writes
the DDL keyway plans for it against an empty database (`keyway apply
--dry-run`, i.e. driver->script() of the full plan), and then times:
  - the in-process stages (bench/stages_bench.cc, Google Benchmark),
  - `keyway diff --schema mutated.yaml` end to end, on the database built
    from base.yaml,
  - `keyway apply` of base.yaml into an empty database, against feeding the
    same DDL to `sqlite3` / `psql -f` (and checks that the database the DDL
    made diffs clean against base.yaml, so the two are equivalent),
  - `sqlite3 .schema` / `pg_dump --schema-only` on the built database.
Wall times are medians of --reps runs; peak RSS comes from /usr/bin/time -v.
Prints Markdown tables (one per backend) and writes them to --out.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


class Failed(Exception):
    """A measurement that could not be made; the table says why."""


class Runner:
    def __init__(self, args):
        self.args = args
        self.keyway = os.path.join(args.build, "keyway")
        self.stages = os.path.join(args.build, "bench", "keyway_stages_bench")
        self.failures = []

    def log(self, message):
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    def timed(self, argv, stdin=None, stdout=subprocess.DEVNULL, ok=(0,)):
        """Runs argv under /usr/bin/time -v; returns (seconds, peak RSS in MB)."""
        start = time.perf_counter()
        proc = subprocess.run(["/usr/bin/time", "-v"] + argv, stdin=stdin, stdout=stdout,
                              stderr=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - start
        if proc.returncode not in ok:
            tail = [l for l in proc.stderr.splitlines() if "error" in l.lower()][:3]
            raise Failed(f"{os.path.basename(argv[0])} {argv[1] if len(argv) > 1 else ''} exited "
                         f"{proc.returncode}: {' / '.join(tail)}")
        rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
        return seconds, int(rss.group(1)) / 1024.0 if rss else float("nan")

    def repeat(self, argv, reps, prepare=None, stdin_path=None, ok=(0,)):
        """Median wall time and the largest peak RSS over `reps` runs, or the
        reason it failed."""
        try:
            return self._repeat(argv, reps, prepare, stdin_path, ok)
        except Failed as e:
            self.log(f"FAILED: {e}")
            self.failures.append(str(e))
            return None

    def _repeat(self, argv, reps, prepare, stdin_path, ok):
        times, rss = [], []
        for _ in range(reps):
            if prepare:
                prepare()
            stdin = open(stdin_path) if stdin_path else None
            try:
                t, m = self.timed(argv, stdin=stdin, ok=ok)
            finally:
                if stdin:
                    stdin.close()
            times.append(t)
            rss.append(m)
        return statistics.median(times), max(rss)

    def stage_times(self, schema, url, reps):
        """Medians of the Google Benchmark stages: {name: (ms, counters)}."""
        proc = subprocess.run(
            [self.stages, f"--schema={schema}", f"--db={url}", f"--benchmark_repetitions={reps}",
             "--benchmark_report_aggregates_only=true", "--benchmark_format=json",
             "--benchmark_min_time=0.2"],
            capture_output=True, text=True)
        if proc.returncode != 0:
            self.log(f"FAILED: stages: {proc.stderr[-500:]}")
            self.failures.append(f"stages on {url}: {proc.stderr[-200:]}")
            return {}
        out = proc.stdout
        result = {}
        for b in json.loads(out)["benchmarks"]:
            # With one repetition Google Benchmark reports the run itself.
            if b.get("run_type") == "aggregate" and b.get("aggregate_name") != "median":
                continue
            name = b["run_name"].split("/")[0]
            counters = {k: b[k] for k in ("queries", "changes", "tables") if k in b}
            result[name] = (b["real_time"], counters)
        return result


def apply_reps(r, n, reps):
    """Runs of apply and of the DDL: at N >= --big-n only --big-reps (each takes
    minutes); below 1,000 at least --small-reps (each takes tens of milliseconds,
    where a few milliseconds of the machine's noise would swing the ratio)."""
    if n >= r.args.big_n:
        return min(reps, r.args.big_reps)
    return max(reps, r.args.small_reps) if n < 1000 else reps


def pg_url(base, database):
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path="/" + database))


def psql(base_url, sql):
    subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", base_url, "-c", sql],
                   check=True, stdout=subprocess.DEVNULL,
                   env=dict(os.environ, PGOPTIONS="-c client_min_messages=warning"))


def bench_sqlite(r, n, work, reps):
    d = os.path.join(work, "sqlite")
    os.makedirs(d, exist_ok=True)
    base, mutated = os.path.join(work, "base.yaml"), os.path.join(work, "mutated.yaml")
    built, scratch = os.path.join(d, "built.db"), os.path.join(d, "scratch.db")
    ddl = os.path.join(d, "schema.sql")

    def fresh(path):
        return lambda: [os.remove(p) for p in (path, path + "-journal") if os.path.exists(p)]

    fresh(scratch)()
    with open(ddl, "w") as f:
        subprocess.run([r.keyway, "apply", "--dry-run", "--schema", base, "--db", f"sqlite:{scratch}"],
                       check=True, stdout=f)
    row = {}
    big = apply_reps(r, n, reps)
    r.log(f"sqlite N={n}: apply")
    row["apply"] = r.repeat([r.keyway, "apply", "--schema", base, "--db", f"sqlite:{scratch}"],
                            big, prepare=fresh(scratch))
    shutil.copy(scratch, built)
    r.log(f"sqlite N={n}: sqlite3 < DDL")
    row["ddl"] = r.repeat(["sqlite3", scratch], big, prepare=fresh(scratch), stdin_path=ddl)
    r.repeat([r.keyway, "diff", "--exit-code", "--schema", base, "--db", f"sqlite:{scratch}"], 1)
    r.log(f"sqlite N={n}: keyway diff")
    row["diff_e2e"] = r.repeat([r.keyway, "diff", "--schema", mutated, "--db", f"sqlite:{built}"], reps)
    row["dump"] = r.repeat(["sqlite3", built, ".schema"], reps)
    r.log(f"sqlite N={n}: stages")
    row["stages"] = r.stage_times(mutated, f"sqlite:{built}", reps)
    return row


def bench_postgres(r, n, work, reps, server):
    d = os.path.join(work, "postgres")
    os.makedirs(d, exist_ok=True)
    base, mutated = os.path.join(work, "base.yaml"), os.path.join(work, "mutated.yaml")
    built_db, scratch_db = f"keyway_bench_{n}", "keyway_bench_scratch"
    built, scratch = pg_url(server, built_db), pg_url(server, scratch_db)
    ddl = os.path.join(d, "schema.sql")

    def fresh(name):
        def go():
            psql(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            psql(server, f'CREATE DATABASE "{name}"')
        return go

    fresh(scratch_db)()
    with open(ddl, "w") as f:
        subprocess.run([r.keyway, "apply", "--dry-run", "--schema", base, "--db", scratch],
                       check=True, stdout=f)
    row = {}
    big = apply_reps(r, n, reps)
    r.log(f"postgres N={n}: apply")
    row["apply"] = r.repeat([r.keyway, "apply", "--schema", base, "--db", scratch], big,
                            prepare=fresh(scratch_db))
    r.log(f"postgres N={n}: psql -f DDL")
    row["ddl"] = r.repeat(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", ddl, scratch], big,
                          prepare=fresh(scratch_db))
    r.repeat([r.keyway, "diff", "--exit-code", "--schema", base, "--db", scratch], 1)
    psql(server, f'DROP DATABASE IF EXISTS "{built_db}" WITH (FORCE)')
    psql(server, f'ALTER DATABASE "{scratch_db}" RENAME TO "{built_db}"')
    # Settle the server first: creating N tables leaves its catalogs to
    # autovacuum and its pages to the checkpointer, which would otherwise run
    # on one of the two cores during the measurements (a live database's
    # catalogs have long been vacuumed).
    r.log(f"postgres N={n}: vacuum, checkpoint")
    psql(built, "VACUUM (ANALYZE)")
    psql(server, "CHECKPOINT")
    r.log(f"postgres N={n}: keyway diff")
    row["diff_e2e"] = r.repeat([r.keyway, "diff", "--schema", mutated, "--db", built], reps)
    row["dump"] = r.repeat(["pg_dump", "--schema-only", built], reps)
    r.log(f"postgres N={n}: stages")
    row["stages"] = r.stage_times(mutated, built, reps)
    psql(server, f'DROP DATABASE IF EXISTS "{built_db}" WITH (FORCE)')
    return row


def ms(seconds):
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms"


def table(backend, ns, rows):
    ref_apply = "`sqlite3 db < DDL`" if backend == "sqlite" else "`psql -f DDL`"
    dump = "`sqlite3 db .schema`" if backend == "sqlite" else "`pg_dump --schema-only`"
    # `_cold`: the same stage with the caches evicted before each run, as a
    # command runs it once (bench/stages_bench.cc).
    stage_names = [("load", "YAML load+validate"), ("lower", "lower"),
                   ("lower_cold", "lower, caches cold"), ("inspect", "inspect"),
                   ("diff", "diff"), ("diff_cold", "diff, caches cold"), ("order", "plan: order"),
                   ("render", "plan: render"), ("render_cold", "plan: render, caches cold"),
                   ("compare", "compare: diff+order+render (`diff`, `apply`)"),
                   ("compare_cold", "compare, caches cold"),
                   ("compare_both", "compare both ways (`generate`: and the reverse plan)"),
                   ("compare_both_cold", "compare both ways, caches cold")]
    lines = []
    head = ["stage"] + [f"N={n:,}" for n in ns]
    ratio_cols = [(a, b) for a, b in zip(ns, ns[1:]) if b == a * 10]
    head += [f"×({b:,}/{a:,})" for a, b in ratio_cols]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|" + "---|" * len(head))

    def add(label, values, fmt):
        cells = [fmt(v) if v is not None else "–" for v in values]
        ratios = []
        for a, b in ratio_cols:
            va, vb = values[ns.index(a)], values[ns.index(b)]
            ratios.append(f"{vb / va:.1f}" if va and vb and fmt is not mb else "")
        lines.append("| " + " | ".join([label] + cells + ratios) + " |")

    def stage(n, key, i=0, counter=None):
        got = rows[n]["stages"].get(key)
        if got is None:
            return None
        return got[1].get(counter) if counter else got[0] / 1000

    def run(n, key, i):
        got = rows[n].get(key)
        return got[i] if got else None

    def ratio(n):
        a, d = run(n, "apply", 0), run(n, "ddl", 0)
        return a / d if a and d else None

    for key, label in stage_names:
        add(label, [stage(n, key) for n in ns], ms)
    add("inspect: SQL queries issued", [stage(n, "inspect", counter="queries") for n in ns],
        lambda v: f"{v:.0f}")
    add("changes (mutated vs built)", [stage(n, "diff", counter="changes") for n in ns],
        lambda v: f"{v:,.0f}")
    add("`keyway diff` end to end", [run(n, "diff_e2e", 0) for n in ns], ms)
    add("`keyway diff` peak RSS", [run(n, "diff_e2e", 1) for n in ns], mb)
    add("`keyway apply` into an empty database", [run(n, "apply", 0) for n in ns], ms)
    add(ref_apply + " (same DDL)", [run(n, "ddl", 0) for n in ns], ms)
    add("apply ÷ DDL", [ratio(n) for n in ns], lambda v: f"{v:.2f}×")
    add("`keyway apply` peak RSS", [run(n, "apply", 1) for n in ns], mb)
    add(dump + " (reference)", [run(n, "dump", 0) for n in ns], ms)
    return "\n".join(lines)


def mb(v):
    return f"{v:.0f} MB"


def main():
    p = argparse.ArgumentParser(description="keyway large-schema benchmark")
    p.add_argument("--build", required=True)
    p.add_argument("--work", required=True)
    p.add_argument("--n", default="100,1000,10000")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--backends", default="sqlite,postgres")
    p.add_argument("--pg-url", default=os.environ.get("KEYWAY_TEST_PG_URL", ""))
    p.add_argument("--big-n", type=int, default=10000)
    p.add_argument("--big-reps", type=int, default=1)
    p.add_argument("--small-reps", type=int, default=11)
    p.add_argument("--out", default="")
    args = p.parse_args()
    ns = [int(x) for x in args.n.split(",")]
    backends = args.backends.split(",")
    r = Runner(args)
    started = time.time()
    results = {b: {} for b in backends}
    for n in ns:
        work = os.path.join(args.work, f"n{n}")
        subprocess.run([sys.executable, os.path.join(HERE, "gen_schema.py"), "--models", str(n),
                        "--out", work], check=True)
        if "sqlite" in backends:
            results["sqlite"][n] = bench_sqlite(r, n, work, args.reps)
        if "postgres" in backends:
            results["postgres"][n] = bench_postgres(r, n, work, args.reps, args.pg_url)
        if args.out:  # partial results survive an interrupted run
            with open(args.out + ".json", "w") as f:
                json.dump(results, f, indent=1, default=str)
    report = []
    for b in backends:
        title = "SQLite" if b == "sqlite" else "PostgreSQL 15"
        report.append(f"{title}: wall time, median of {args.reps} runs (apply and DDL at "
                      f"N < 1,000: {max(args.reps, args.small_reps)} runs, at "
                      f"N ≥ {args.big_n:,}: {min(args.reps, args.big_reps)} run); stages: median of "
                      f"{args.reps} Google Benchmark repetitions\n\n" + table(b, ns, results[b]))
    text = "\n\n".join(report) + f"\n\nTotal benchmark time: {time.time() - started:.0f} s\n"
    if r.failures:
        text += "\nFailed (shown as –):\n" + "".join(f"- {f}\n" for f in r.failures)
    print(text)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
