"""Shared set-up for the benchmarks: Django, one kept connection, a query counter."""

import os
import statistics
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
django.setup()

from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

# As Django's test runner does: keep one connection, so queries can be counted.
request_started.disconnect(close_old_connections)
request_finished.disconnect(close_old_connections)


def measure(client, path: str, runs: int = 20) -> dict:
    client.get(path)  # warm up
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    query_count = len(queries)  # read now: the next request resets the query log
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "queries": query_count,
        "bytes": len(response.content),
        "median_ms": statistics.median(times),
        "p95_ms": times[max(0, int(len(times) * 0.95) - 1)],
    }
