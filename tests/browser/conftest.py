"""Playwright driving Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by
the test itself (fixtures through services) are safe there, hence the flag below.
"""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def browser():
    # Module scope: Playwright's event loop stops between modules, so async tests that
    # run later (channel layer, consumers) get a thread without a running loop.
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    contexts = []

    def make(**kwargs):
        context = browser.new_context(viewport=PHONE, **kwargs)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe_source() -> str:
    path = Path(os.environ.get("AXE_JS", "tests/browser/node_modules/axe-core/axe.min.js"))
    return path.read_text()


def log_in(page, base_url: str, username: str, password: str = "correct-horse-battery"):
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", username)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _fresh_channel_layers():
    """In the forked server: drop channel layers inherited from the test process (their
    connections belong to the parent's event loops)."""
    from concurrent.futures import ThreadPoolExecutor

    from asgiref.sync import SyncToAsync
    from channels.layers import channel_layers

    channel_layers.backends = {}
    # asgiref's one-thread executor (thread-sensitive sync_to_async) is a class attribute:
    # if the test process used it before forking, the child inherits an executor whose
    # worker thread does not exist there, and every database call of a consumer would
    # wait forever. A fresh one per child.
    SyncToAsync.single_thread_executor = ThreadPoolExecutor(max_workers=1)


@pytest.fixture
def asgi_live_server(transactional_db):
    """Daphne serving the full ASGI application (HTTP + websockets) on loopback, in a
    child process sharing the test database (PostgreSQL under make test)."""
    from functools import partial

    from channels.testing.live import make_application
    from daphne.testing import DaphneProcess
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.db import connections

    assert connections["default"].vendor == "postgresql", (
        "the ASGI live server needs a database shared between processes: run `make test`"
    )
    connections.close_all()  # the child must not inherit an open connection
    process = DaphneProcess(
        "127.0.0.1",
        partial(make_application, static_wrapper=ASGIStaticFilesHandler),
        setup=_fresh_channel_layers,
    )
    process.start()
    if not process.ready.wait(timeout=30):
        process.terminate()
        raise RuntimeError("Daphne did not start")
    yield f"http://127.0.0.1:{process.port.value}"
    process.terminate()
    process.join(timeout=10)
