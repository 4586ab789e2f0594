"""A live session with many phones: agenda changes reach every socket, and how fast.

Daphne serves config.asgi with channels-redis; N websocket clients (the Agora's 16
members and its facilitator, several sockets each, as people reconnect and keep tabs)
join the live page of one meeting. The facilitator's control socket then moves the
agenda R times; for each move we time, on every client, the arrival of the new state.
Reports p50 / p95 / p99 / max latency over N × R deliveries.
"""

from bench.common import measure  # noqa: F401, I001 - first: it sets Django up

import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import time

import websockets
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.utils import timezone

from accounts.models import User
from agora.services import agora_create
from core.models import Seat
from core.services import membership_start
from meetings.services import agenda_item_add, live_open, meeting_create


def session_cookie(user) -> str:
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"sessionid={session.session_key}"


def setup():
    facilitator = User.objects.create_user(
        username="live-f", display_name="Facilitator", role="facilitator"
    )
    agora = agora_create(actor=facilitator, name="Live bench", slug="live-bench")
    users = [facilitator]
    for seat in Seat.objects.filter(space=agora).order_by("number"):
        user = User.objects.create_user(
            username=f"live-{seat.number}", display_name=f"Member {seat.number}"
        )
        membership_start(actor=facilitator, seat=seat, user=user)
        users.append(user)
    now = timezone.now()
    meeting = meeting_create(
        actor=facilitator,
        space=agora,
        title="Live",
        starts_at=now,
        ends_at=now + timezone.timedelta(hours=2),
    )
    items = [
        agenda_item_add(actor=facilitator, meeting=meeting, title=t).pk for t in ("First", "Second")
    ]
    live_open(actor=facilitator, meeting=meeting)
    return meeting, items, [session_cookie(u) for u in users]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def run(
    port: int, meeting_id: int, items: list[int], cookies: list[str], clients: int, rounds: int
) -> list[float]:
    url = f"ws://127.0.0.1:{port}/ws/meetings/{meeting_id}/live/"
    origin = f"http://127.0.0.1:{port}"

    async def open_socket(cookie):
        return await websockets.connect(
            url,
            origin=origin,
            additional_headers={"Cookie": cookie},
            max_queue=None,
            open_timeout=30,
        )

    sockets = []
    for i in range(clients):  # connect gradually, as phones do
        sockets.append(await open_socket(cookies[i % len(cookies)]))
    control = await open_socket(cookies[0])

    async def quiet(ws):
        while True:
            try:
                await asyncio.wait_for(ws.recv(), timeout=3)
            except TimeoutError:
                return

    await asyncio.gather(*(quiet(ws) for ws in sockets + [control]))
    latencies: list[float] = []

    async def wait_for(ws, item, sent_at):
        # Timestamp on arrival; recognise the new state by its current item without parsing
        # the whole JSON (parsing is the phone's work, not the server's latency).
        marker = f'"current_item": {{"id": {item},'
        while True:
            text = await asyncio.wait_for(ws.recv(), timeout=30)
            arrived = time.perf_counter()
            if marker in text:
                latencies.append((arrived - sent_at) * 1000)
                return

    for r in range(rounds):
        item = items[(r + 1) % 2]
        sent_at = time.perf_counter()
        waiting = [asyncio.create_task(wait_for(ws, item, sent_at)) for ws in sockets]
        await control.send(json.dumps({"action": "goto_item", "item": item}))
        await asyncio.gather(*waiting)
        await quiet(control)
    for ws in sockets + [control]:
        await ws.close()
    return latencies


def main(clients: int, rounds: int) -> None:
    meeting, items, cookies = setup()
    connection.close()
    port = free_port()
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(  # noqa: S603 - fixed argument list
        [
            sys.executable,
            "-m",
            "daphne",
            "-b",
            "127.0.0.1",
            "-p",
            str(port),
            "config.asgi:application",
        ],
        env=env,
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        started = time.perf_counter()
        latencies = asyncio.run(run(port, meeting.pk, items, cookies, clients, rounds))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        errors = server.stderr.read().decode(errors="replace") if server.stderr else ""
        if errors.strip():
            print("server said:", errors[-3000:], file=sys.stderr)
    latencies.sort()

    def pct(p):
        return latencies[min(len(latencies) - 1, int(len(latencies) * p))]

    print(
        f"{clients} clients × {rounds} agenda changes = {len(latencies)} deliveries "
        f"(all delivered: {len(latencies) == clients * rounds}); run {elapsed:.1f} s"
    )
    print("| p50 ms | p95 ms | p99 ms | max ms | mean ms |")
    print("|---:|---:|---:|---:|---:|")
    print(
        f"| {pct(0.5):.1f} | {pct(0.95):.1f} | {pct(0.99):.1f} | {latencies[-1]:.1f} "
        f"| {statistics.mean(latencies):.1f} |"
    )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 300,
        int(sys.argv[2]) if len(sys.argv) > 2 else 20,
    )
