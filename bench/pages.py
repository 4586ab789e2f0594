"""make bench: what the main pages cost on the demo data.

For each page and visitor: SQL queries per request, HTML weight (bytes, and gzip), and
median / 95th-percentile server time over N requests through Django's test client
(no network). Run on a throw-away SQLite database seeded with `seed_demo`.
Prints a Markdown table; docs/benchmarks.md keeps the latest figures.
"""

import gzip
import os
import statistics
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402

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
    # As Django's test runner does: keep one connection, so queries can be counted.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    call_command("migrate", verbosity=0)
    call_command("seed_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print("| visitor | page | queries | HTML bytes | gzip bytes | median ms | p95 ms |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for who, path in PAGES:
        client = Client()
        if who != "anonymous":
            client.force_login(User.objects.get(username=who))
        client.get(path)  # warm up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (who, path, response.status_code)
        query_count = len(queries)  # read now: the next request resets the query log
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - start) * 1000)
        times.sort()
        body = response.content
        print(
            f"| {who} | `{path}` | {query_count} | {len(body)} | {len(gzip.compress(body))} "
            f"| {statistics.median(times):.1f} | {times[int(len(times) * 0.95) - 1]:.1f} |"
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
