"""A small same-site crawler for the tests: follows every link a visitor can follow and
returns each page's text, so a test can assert what no page of the site says.

Only GETs (links, images, feeds, calendar files, PDFs); never a form. HTML, Atom, iCal,
CSV and plain text are read as text; a PDF is read with poppler's `pdftotext`.
"""

import html
import re
import subprocess
import tempfile
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

# Never followed: changing state or language (POST-only anyway), the admin, static files,
# and allauth's pages (login, sign-up: they show no one's name).
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/accounts/", "/language/", "/me/delete/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def links_in(text: str, content_type: str) -> list[str]:
    if "html" in content_type:
        parser = _Links()
        parser.feed(text)
        return parser.links
    if "xml" in content_type:  # Atom: <link href="…"/>
        return [html.unescape(m) for m in re.findall(r'href="([^"]+)"', text)]
    return []


def same_site_path(link: str) -> str | None:
    """The path (and query) of a link on this site, or None for another site or scheme."""
    link, _fragment = urldefrag(link.strip())
    if not link:
        return None
    parts = urlsplit(link)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return None  # mailto:, tel:, data:, javascript:
    if parts.netloc and parts.netloc not in ("testserver", "localhost"):
        return None
    if not parts.path.startswith("/"):
        return None  # relative links are not used by the site's templates
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def pdf_text(content: bytes) -> str:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(content)
        f.flush()
        return subprocess.run(
            ["pdftotext", "-enc", "UTF-8", f.name, "-"], check=True, capture_output=True
        ).stdout.decode()


def page_text(response) -> str | None:
    """What a reader of the response can read, or None for an image or other binary."""
    content_type = response.get("Content-Type", "")
    if content_type.startswith("application/pdf"):
        return pdf_text(
            b"".join(response.streaming_content) if response.streaming else response.content
        )
    if content_type.startswith("image/"):
        return None
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8", errors="replace")
    if content_type.startswith("text/calendar"):
        text = re.sub(r"\r?\n[ \t]", "", text)  # unfold RFC 5545 lines
        text = text.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n")
    return text


@dataclass
class Page:
    path: str
    status: int
    content_type: str
    text: str


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)


def crawl(client, start: list[str], *, limit: int = 600) -> Crawl:
    """Breadth-first from `start`, deduplicated by path and query, at most `limit` pages.
    Redirects are not followed (a redirect to the login page is a closed door)."""
    seen: set[str] = set()
    queue = deque()
    for path in start:
        if path not in seen:
            seen.add(path)
            queue.append(path)
    result = Crawl()
    while queue and len(result.pages) < limit:
        path = queue.popleft()
        response = client.get(path)
        result.statuses[response.status_code] = result.statuses.get(response.status_code, 0) + 1
        if response.status_code >= 500:
            raise AssertionError(f"{path} answered {response.status_code}")
        if response.status_code != 200 and response.status_code != 202:
            continue
        text = page_text(response)
        if text is None:
            continue
        content_type = response.get("Content-Type", "")
        result.pages.append(Page(path, response.status_code, content_type, text))
        for link in links_in(text, content_type):
            found = same_site_path(html.unescape(link))
            if found and found not in seen:
                seen.add(found)
                queue.append(found)
    return result


_TOKEN = re.compile(r"\w+", re.UNICODE)


def tokens(text: str) -> list[str]:
    return [t.casefold() for t in _TOKEN.findall(html.unescape(text))]


def name_patterns(names: list[str]) -> list[tuple[str, tuple[str, ...]]]:
    """Each name as its sequence of word tokens ("Amina" → ("amina",))."""
    return [(name, tuple(tokens(name))) for name in names if tokens(name)]


def names_on(text: str, patterns: list[tuple[str, tuple[str, ...]]]) -> set[str]:
    """The names whose exact token sequence occurs in the text (whole words only: "Paul"
    is not found in "Pauline", nor "admin" in "administration")."""
    words = tokens(text)
    single = set(words)
    found = set()
    for name, sequence in patterns:
        if len(sequence) == 1:
            if sequence[0] in single:
                found.add(name)
            continue
        n = len(sequence)
        if any(tuple(words[i : i + n]) == sequence for i in range(len(words) - n + 1)):
            found.add(name)
    return found
