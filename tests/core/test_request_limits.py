"""Request bodies are refused with 413 before anything reads them: by Content-Length, or
by counting the bytes as they stream in. Driven through the real ASGI application
(config.asgi), with a receive() that counts how many bytes the server pulled."""

import asyncio
import secrets

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from config.asgi import application

MB = 1024 * 1024


class Body:
    """An ASGI receive(): `total` bytes in `chunk`-sized messages. `stop_after` bytes
    pulled, it says the client went away (so that an unprotected server does not spool
    hundreds of megabytes in a test); once the body is over it waits, like a client
    waiting for the answer."""

    def __init__(self, total: int, *, chunk: int = MB, stop_after: int | None = None, data=None):
        self.total, self.chunk, self.stop_after = total, chunk, stop_after
        self.data = data
        self.pulled = 0

    async def __call__(self):
        if self.stop_after is not None and self.pulled >= self.stop_after:
            return {"type": "http.disconnect"}
        if self.pulled >= self.total:
            await asyncio.Future()  # the client waits for the response
        size = min(self.chunk, self.total - self.pulled)
        start = self.pulled
        body = b"x" * size if self.data is None else self.data[start : start + size]
        self.pulled += size
        return {"type": "http.request", "body": body, "more_body": self.pulled < self.total}


def http_scope(path: str, headers: dict[str, str], method: str = "POST") -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method,
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [
            (k.lower().encode(), v.encode()) for k, v in {"host": "localhost", **headers}.items()
        ],
        "client": ("127.0.0.1", 50000),
        "server": ("localhost", 80),
    }


async def call(scope: dict, receive: Body) -> tuple[int | None, dict, bytes]:
    sent = []

    async def send(message):
        sent.append(message)

    await asyncio.wait_for(application(scope, receive, send), timeout=60)
    start = next((m for m in sent if m["type"] == "http.response.start"), None)
    if start is None:
        return None, {}, b""
    headers = {k.decode().lower(): v.decode() for k, v in start["headers"]}
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], headers, body


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_300_mb_anonymous_post_is_refused_without_reading_its_body():
    receive = Body(300 * MB, stop_after=3 * MB)
    status, headers, body = await call(
        http_scope(
            "/accounts/login/",
            {"content-length": str(300 * MB), "content-type": "application/x-www-form-urlencoded"},
        ),
        receive,
    )
    assert status == 413
    assert receive.pulled == 0
    assert headers["content-type"].startswith("text/html")
    assert b"trop volumineux" in body.lower()  # the 413 page, in French


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_an_upload_path_refuses_300_mb_too():
    receive = Body(300 * MB, stop_after=3 * MB)
    status, _, _ = await call(
        http_scope("/meetings/1/documents/", {"content-length": str(300 * MB)}), receive
    )
    assert status == 413
    assert receive.pulled == 0


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("path", "limit"), [("/accounts/login/", 2_621_440), ("/booklets/7/images/", 12 * MB)]
)
async def test_a_body_streamed_without_content_length_is_cut_off_at_the_limit(path, limit):
    receive = Body(40 * MB, stop_after=30 * MB)
    status, _, body = await call(
        http_scope(path, {"content-type": "application/x-www-form-urlencoded"}), receive
    )
    assert status == 413
    assert limit < receive.pulled <= limit + MB
    assert b"trop volumineux" in body.lower()  # the 413 page, in French


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_lying_content_length_does_not_get_past_the_count():
    receive = Body(20 * MB, stop_after=15 * MB)
    status, _, _ = await call(http_scope("/accounts/login/", {"content-length": "100"}), receive)
    assert status == 413
    assert receive.pulled <= 2_621_440 + MB


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_the_refusal_page_speaks_the_visitors_language_and_keeps_the_csp():
    _, headers, body = await call(
        http_scope("/accounts/login/", {"content-length": str(50 * MB), "accept-language": "ar"}),
        Body(50 * MB, stop_after=MB),
    )
    assert b'lang="ar"' in body and b'dir="rtl"' in body
    assert "object-src 'none'" in headers["content-security-policy"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_an_ordinary_form_post_is_not_affected():
    receive = Body(30, chunk=10, data=b"login=someone&password=secret")
    status, _, _ = await call(
        http_scope(
            "/accounts/login/",
            {"content-length": "30", "content-type": "application/x-www-form-urlencoded"},
        ),
        receive,
    )
    assert status == 403  # reached Django: refused by the CSRF check, not by size
    assert receive.pulled == 30


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_5_mb_meeting_document_still_uploads(meeting, facilitator, settings, tmp_path):
    """A real upload through the ASGI application: 5 MB is above the ordinary limit and
    within the uploads' one; the document is stored."""
    settings.MEDIA_ROOT = str(tmp_path)
    from django.test import Client

    client = Client()
    await sync_to_async(client.force_login)(facilitator)
    session = client.cookies["sessionid"].value
    csrf = secrets.token_hex(16)
    boundary = "accueilboundary"
    content = b"%PDF-1.4\n" + b"0" * (5 * MB)
    data = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f'{csrf}\r\n--{boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\n'
            f'Agenda\r\n--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            f'filename="agenda.pdf"\r\nContent-Type: application/pdf\r\n\r\n'
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    receive = Body(len(data), chunk=256 * 1024, data=data)
    status, headers, _ = await call(
        http_scope(
            f"/meetings/{meeting.pk}/documents/",
            {
                "content-length": str(len(data)),
                "content-type": f"multipart/form-data; boundary={boundary}",
                "cookie": f"sessionid={session}; csrftoken={csrf}",
            },
        ),
        receive,
    )
    assert status == 302, status
    assert receive.pulled == len(data)
    titles = await sync_to_async(lambda: list(meeting.documents.values_list("title", flat=True)))()
    assert titles == ["Agenda"]
    await sync_to_async(connections.close_all)()  # the connection of sync_to_async's thread
