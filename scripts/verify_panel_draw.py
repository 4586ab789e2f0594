#!/usr/bin/env python3
"""Check a published panel lottery and recompute its draw. Python standard library only.

    python3 verify_panel_draw.py PANELS_FILE LIST_HASH RANDOM_VALUE
    python3 verify_panel_draw.py PANELS_FILE LIST_HASH RANDOM_VALUE \\
        --pool POOL.csv --quotas QUOTAS.csv [--rule alternates] [--dropout ID ...]

1. SHA-256 of the file's bytes must equal LIST_HASH (published before the draw).
2. index = int(sha256((LIST_HASH + ":" + RANDOM_VALUE).encode("utf-8")).hexdigest(), 16) % N,
   N being the number of lines; the chosen panel is line ``index`` (0-based).
3. With --pool and --quotas: every line must be a panel of distinct, known volunteers of the
   same size meeting every quota; prints each volunteer's share of the lines.
4. With --dropout (in the order they declined): the k-th replacement is, among volunteers not
   on the current panel and not yet dropped out whose swap keeps every quota, sorted by id,
   the one at int(sha256((LIST_HASH + ":" + RANDOM_VALUE + ":replacement:" + str(k))
   .encode("utf-8")).hexdigest(), 16) % (number of candidates).
5. With --rule alternates: the ordered alternates are everyone on a line of the file but not
   on the panel, sorted by int(sha256((LIST_HASH + ":" + RANDOM_VALUE + ":alternate:" + id)
   .encode("utf-8")).hexdigest(), 16); a dropout is replaced by the first of them (among the
   candidates above) who keeps every quota.

Exit status: 0 if everything checks, 1 otherwise (the reason is printed on stderr).
See docs/lottery.md in the Accueil repository.
"""

import argparse
import csv
import hashlib
import sys
from collections import Counter


class Failure(Exception):
    pass


def read_panels(data):
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Failure(f"the panel file is not UTF-8: {exc}") from None
    if not text.endswith("\n"):
        raise Failure("the panel file must end with a newline")
    lines = text[:-1].split("\n")
    panels = []
    for number, line in enumerate(lines, start=1):
        ids = line.split(",")
        if not line or "" in ids or "\r" in line:
            raise Failure(f"line {number} of the panel file is malformed: {line!r}")
        if ids != sorted(ids) or len(set(ids)) != len(ids):
            raise Failure(f"line {number}: ids must be distinct and sorted")
        panels.append(ids)
    return panels


def digest_int(text):
    return int(hashlib.sha256(text.encode("utf-8")).hexdigest(), 16)


def read_csv(path, header_first):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        rows = [[c.strip() for c in row] for row in csv.reader(handle) if any(map(str.strip, row))]
    if not rows or rows[0][0] != header_first:
        raise Failure(f"{path}: the header must start with {header_first!r}")
    return rows[0], rows[1:]


def read_problem(pool_path, quotas_path):
    header, rows = read_csv(pool_path, "id")
    pool = {row[0]: dict(zip(header[1:], row[1:], strict=True)) for row in rows}
    _, rows = read_csv(quotas_path, "feature")
    quotas = [(f, v, int(low), int(high)) for f, v, low, high in rows]
    return pool, quotas


def meets_quotas(panel, seats, pool, quotas):
    if len(set(panel)) != seats or len(panel) != seats or any(m not in pool for m in panel):
        return False
    counts = Counter((f, pool[m][f]) for m in panel for f in pool[m])
    return all(low <= counts[(f, v)] <= high for f, v, low, high in quotas)


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify a published panel lottery draw.")
    parser.add_argument("panels_file")
    parser.add_argument("list_hash")
    parser.add_argument("random_value")
    parser.add_argument("--pool")
    parser.add_argument("--quotas")
    parser.add_argument("--dropout", action="append", default=[])
    parser.add_argument(
        "--rule",
        choices=["lottery", "alternates"],
        default="lottery",
        help="the declared replacement rule (alternates: print their order)",
    )
    args = parser.parse_args(argv)
    try:
        with open(args.panels_file, "rb") as handle:
            data = handle.read()
        actual = hashlib.sha256(data).hexdigest()
        expected = args.list_hash.strip().lower()
        if actual != expected:
            raise Failure(f"hash mismatch: the file hashes to {actual}, not {expected}")
        if not args.random_value:
            raise Failure("the random value is empty")
        panels = read_panels(data)
        index = digest_int(f"{actual}:{args.random_value}") % len(panels)
        panel = panels[index]
        print(f"list_hash: OK {actual}")
        print(f"panels: {len(panels)}")
        print(f"random_value: {args.random_value}")
        print(f"index: {index}")
        print(f"panel: {','.join(panel)}")
        alternates = []
        if args.rule == "alternates":
            rest = sorted({m for line in panels for m in line} - set(panel))
            alternates = sorted(
                rest, key=lambda m: (digest_int(f"{actual}:{args.random_value}:alternate:{m}"), m)
            )
            print(f"alternates: {','.join(alternates)}")
        if (args.pool is None) != (args.quotas is None):
            raise Failure("--pool and --quotas go together")
        if args.dropout and args.pool is None:
            raise Failure("--dropout needs --pool and --quotas")
        if args.pool is None:
            return 0
        pool, quotas = read_problem(args.pool, args.quotas)
        seats = len(panel)
        for number, line in enumerate(panels, start=1):
            if not meets_quotas(line, seats, pool, quotas):
                raise Failure(f"line {number} is not a panel meeting every quota")
        print(f"quotas: all {len(panels)} panels meet every quota")
        shares = Counter(m for line in panels for m in line)
        for vid in sorted(pool):
            print(f"share {vid}: {shares[vid]}/{len(panels)}")
        current, declined = list(panel), []
        for k, dropout in enumerate(args.dropout, start=1):
            if dropout not in current:
                raise Failure(f"dropout {dropout!r} is not on the current panel")
            declined.append(dropout)
            rest = [m for m in current if m != dropout]
            candidates = [
                vid
                for vid in sorted(pool)
                if vid not in current
                and vid not in declined
                and meets_quotas([*rest, vid], seats, pool, quotas)
            ]
            if not candidates:
                raise Failure(f"no volunteer can replace {dropout!r} within the quotas")
            if args.rule == "alternates":
                new = next(m for m in alternates if m in candidates)
            else:
                new = candidates[
                    digest_int(f"{actual}:{args.random_value}:replacement:{k}") % len(candidates)
                ]
            current = [*rest, new]
            print(f"replacement {k}: {dropout} -> {new}")
        if args.dropout:
            print(f"final panel: {','.join(sorted(current))}")
    except (Failure, OSError, ValueError) as exc:
        print(f"FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
