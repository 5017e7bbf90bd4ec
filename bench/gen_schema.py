#!/usr/bin/env python3
"""Writes a synthetic keyway schema of N models with a realistic mix, and a
mutated variant of it, for the large-schema benchmark (bench/run.sh).

Each model has about 8 scalar columns of assorted types (some nullable, some
with defaults, a few unique, indexed or with choices), about 1.5 foreign keys
to other models (10% of models hold a one_to_one instead of their first
foreign key, a few point at themselves or forward, making cycles), and one
model in five declares a many_to_many (N/5 junction tables in all).

The mutated variant changes K% of the models, in rotation: gain a nullable
column, lose a column, gain a foreign key, gain a many_to_many. So
`keyway diff --schema mutated.yaml` against a database built from base.yaml
has about N*K/100 changes of every kind.

Deterministic: the same N, seed and K always write the same files.

  gen_schema.py --models 1000 --out DIR [--mutate-percent 10] [--seed 1]
  -> DIR/base.yaml, DIR/mutated.yaml
"""

import argparse
import os
import random

SCALARS = [
    # (type, extra options) -- weights follow what Django apps tend to hold
    ("char", 5), ("text", 2), ("integer", 2), ("big_integer", 1), ("small_integer", 1),
    ("boolean", 2), ("date", 1), ("datetime", 2), ("time", 1), ("decimal", 1),
    ("float", 1), ("uuid", 1), ("json", 1), ("binary", 1),
]
SCALAR_TYPES = [t for t, w in SCALARS for _ in range(w)]


def scalar_field(rng, kind):
    opts = {"type": kind}
    if kind == "char":
        opts["max_length"] = rng.choice([32, 100, 150, 200, 255])
        roll = rng.random()
        if roll < 0.05:
            opts["unique"] = "true"
        elif roll < 0.10:
            opts["choices"] = "[draft, published, archived]"
            opts["default"] = "draft"
        elif roll < 0.18:
            opts["db_index"] = "true"
    elif kind == "decimal":
        opts["max_digits"] = 12
        opts["decimal_places"] = 2
    elif kind in ("integer", "small_integer", "big_integer") and rng.random() < 0.3:
        opts["default"] = "0"
    elif kind == "boolean":
        opts["default"] = rng.choice(["true", "false"])
    if "default" not in opts and "unique" not in opts and rng.random() < 0.2:
        opts["null"] = "true"
    return opts


def flow(opts):
    return "{" + ", ".join(f"{k}: {v}" for k, v in opts.items()) + "}"


def model_name(i):
    return f"M{i:05d}"


def related(i, field):
    return f"{model_name(i).lower()}_{field}"


def build(n, seed):
    """The base schema as a list of models: (name, [(field, opts)], unique_together)."""
    rng = random.Random(seed)
    models = []
    for i in range(n):
        fields = []
        for k in range(8):
            kind = rng.choice(SCALAR_TYPES)
            fields.append((f"{kind}_{k}", scalar_field(rng, kind)))
        relations = 0 if i == 0 else rng.choice([1, 2])
        for r in range(relations):
            roll = rng.random()
            opts = {}
            if roll < 0.03:  # self reference: a tree
                opts = {"type": "foreign_key", "to": "self", "null": "true", "on_delete": "set_null"}
            elif roll < 0.05 and i + 1 < n:  # forward reference: closes cycles
                target = rng.randrange(i + 1, n)
                opts = {"type": "foreign_key", "to": model_name(target), "null": "true",
                        "on_delete": "set_null"}
            else:
                target = rng.randrange(0, i)
                action = rng.choices(["cascade", "protect", "set_null"], [6, 2, 2])[0]
                opts = {"type": "foreign_key", "to": model_name(target), "on_delete": action}
                if action == "set_null":
                    opts["null"] = "true"
            if r == 0 and i % 10 == 3 and opts["to"] != "self":
                opts["type"] = "one_to_one"
            field = f"ref_{r}"
            opts["related_name"] = related(i, field)
            fields.append((field, opts))
        if i % 5 == 4:
            target = rng.randrange(0, n)
            fields.append(("tags", {"type": "many_to_many", "to": model_name(target),
                                    "related_name": related(i, "tags")}))
        unique_together = []
        if i % 10 == 7:
            unique_together = [[fields[0][0], fields[1][0]]]
        models.append((model_name(i), fields, unique_together))
    return models


def mutate(models, percent, seed):
    rng = random.Random(seed * 7919 + 1)
    n = len(models)
    out = []
    kind = 0
    for i, (name, fields, unique_together) in enumerate(models):
        fields = list(fields)
        if rng.random() * 100 < percent:
            if kind == 0:
                fields.append(("added_note", {"type": "char", "max_length": 100, "null": "true"}))
            elif kind == 1:
                used = {f for pair in unique_together for f in pair}
                victims = [k for k, (f, o) in enumerate(fields)
                           if f not in used and o["type"] not in ("foreign_key", "one_to_one", "many_to_many")]
                if victims:
                    del fields[victims[-1]]
            elif kind == 2:
                fields.append(("added_ref", {"type": "foreign_key", "to": model_name(rng.randrange(0, n)),
                                             "null": "true", "on_delete": "set_null",
                                             "related_name": related(i, "added_ref")}))
            else:
                fields.append(("added_links", {"type": "many_to_many", "to": model_name(rng.randrange(0, n)),
                                               "related_name": related(i, "added_links")}))
            kind = (kind + 1) % 4
        out.append((name, fields, unique_together))
    return out


def write(models, path, title):
    with open(path, "w") as f:
        f.write(f"# {title}\n# Written by bench/gen_schema.py; do not edit.\nversion: 1\nmodels:\n")
        for name, fields, unique_together in models:
            f.write(f"  {name}:\n    fields:\n")
            for field, opts in fields:
                f.write(f"      {field}: {flow(opts)}\n")
            if unique_together:
                pairs = ", ".join("[" + ", ".join(p) + "]" for p in unique_together)
                f.write(f"    unique_together: [{pairs}]\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--models", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--mutate-percent", type=float, default=10.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    base = build(args.models, args.seed)
    write(base, os.path.join(args.out, "base.yaml"), f"{args.models} synthetic models")
    write(mutate(base, args.mutate_percent, args.seed), os.path.join(args.out, "mutated.yaml"),
          f"{args.models} synthetic models, {args.mutate_percent:g}% mutated")


if __name__ == "__main__":
    main()
