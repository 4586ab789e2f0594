"""make bench: what the main pages cost on the demo data.

For each page and visitor: SQL queries per request, HTML weight (bytes, and gzip), and
median / 95th-percentile server time over N requests through Django's test client
(no network). Run on the benchmark's PostgreSQL database seeded with `seed_demo`.
Prints a Markdown table; docs/benchmarks.md keeps the latest figures.
"""

from bench.common import measure  # noqa: I001 - first: it sets Django up

import gzip
import os
import sys

from django.core.management import call_command
from django.test import Client

from accounts.models import User

PAGES = [
    ("anonymous", "/"),
    ("anonymous", "/s/agora/"),
    ("anonymous", "/s/lab-bank-account/"),
    ("amina", "/"),
    ("amina", "/s/agora/"),
    ("amina", "/s/lab-bank-account/"),
    ("claire", "/s/agora/seats/"),
    ("claire", "/s/lab-bank-account/seats/"),
    ("paul", "/me/"),
]


def main(runs: int) -> None:
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print("| visitor | page | queries | HTML bytes | gzip bytes | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for who, path in PAGES:
        client = Client()
        if who != "anonymous":
            client.force_login(User.objects.get(username=who))
        m = measure(client, path, runs)
        body = client.get(path).content
        print(
            f"| {who} | `{path}` | {m['queries']} | {m['bytes']} | {len(gzip.compress(body))} "
            f"| {m['median_ms']:.1f} | {m['p95_ms']:.1f} |"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
