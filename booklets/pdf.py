"""Print-ready A5 PDF of one language of a booklet edition, made by WeasyPrint.

Pure of the database: the caller builds a ``PdfBooklet`` (section HTML from
``booklets.markup.render``) and calls

- ``render_pdf(booklet) -> bytes``: cover (title, territory, edition, date, QR code to the
  online version), table of contents with page numbers, the sections, page numbers in the
  margins; right to left for Arabic, Dari and Pashto; Noto fonts from Debian's
  fonts-noto-core through fontconfig (Naskh/Sans Arabic, Sans Ethiopic for Tigrinya, Sans);
- ``pdf_for(booklet) -> (storage name, rendered_now)``: the PDF stored in Django's
  ``default_storage`` under ``booklets/pdf/<content_key>.pdf``; an unchanged booklet is
  served from there, never rendered twice (a Celery task calls this);
- ``content_key(booklet)``: SHA-256 of the content, the translated labels, the template and
  stylesheet, ``RENDERER_VERSION`` and WeasyPrint's version.

WeasyPrint reads resources only through ``safe_url_fetcher``: ``data:`` URIs and the
project's own static files, written ``accueil-static:<path>`` (``static_url(path)``); anything
else (http, https, file, other schemes, path traversal) is refused. Images of a section must
therefore reach the PDF as ``data:`` URIs: give ``markup.render`` an ``image_resolver`` that
returns ``image_data_uri(content, content_type)``.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import json
import logging
import posixpath
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, unquote_to_bytes

import segno
import weasyprint
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import SuspiciousFileOperation
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from weasyprint.urls import URLFetcher, URLFetcherResponse

from booklets import markup
from core.formatting import format_when

__all__ = [
    "RENDERER_VERSION",
    "PdfBooklet",
    "PdfSection",
    "content_key",
    "image_data_uri",
    "pdf_for",
    "render_pdf",
    "safe_url_fetcher",
    "static_url",
]

logger = logging.getLogger(__name__)

# Bump when the output changes for reasons the content key cannot see (code in this module).
RENDERER_VERSION = "1"
STORAGE_DIR = "booklets/pdf"
TEMPLATE = "booklets/pdf/booklet.html"
STYLESHEET = "booklets/pdf.css"
STATIC_SCHEME = "accueil-static"
RTL_LANGUAGES = frozenset({"ar", "fa", "fa-af", "ps", "ur", "he", "ckb"})
ARABIC_SCRIPT = frozenset({"ar", "fa", "fa-af", "ps", "ur", "ckb"})
ETHIOPIC_SCRIPT = frozenset({"ti", "am"})
FALLBACK_FONTS = '"Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic", sans-serif'
APP_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class PdfSection:
    title: str
    html: str  # already sanitised by markup.render; sanitised again here all the same


@dataclass(frozen=True)
class PdfBooklet:
    title: str
    language: str  # "fr", "ar", "ti", "fa-af"...
    edition_label: str  # e.g. "Edition 2"
    edition_date: date
    public_url: str  # the online version, absolute: printed and in the QR code
    territory_name: str
    sections: tuple[PdfSection, ...]


# --- Language-dependent presentation ---------------------------------------------------------


def direction(language: str) -> str:
    return "rtl" if language.lower() in RTL_LANGUAGES or _base(language) in RTL_LANGUAGES else "ltr"


def _base(language: str) -> str:
    return language.lower().split("-")[0]


def font_stacks(language: str) -> tuple[str, str]:
    """(body, headings) font-family lists for ``language``; fixed strings, never user input."""
    code = language.lower()
    if code in ARABIC_SCRIPT or _base(code) in ARABIC_SCRIPT:
        # Naskh for headings too: Noto Sans Arabic's lam-alef ligatures lose their letter
        # order when the PDF's text is extracted (copy, search, screen readers, pdftotext).
        # Naskh has no Latin letters nor hyphen: those come from Noto Sans, before the
        # fallback to Noto Sans Arabic.
        stack = f'"Noto Naskh Arabic", "Noto Sans", "Noto Sans Arabic", {FALLBACK_FONTS}'
        return stack, stack
    if code in ETHIOPIC_SCRIPT or _base(code) in ETHIOPIC_SCRIPT:
        stack = f'"Noto Sans Ethiopic", {FALLBACK_FONTS}'
        return stack, stack
    return FALLBACK_FONTS, FALLBACK_FONTS


def _css_string(value: str) -> str:
    """A CSS string literal: quotes, backslashes, line ends and ``<>`` escaped (no way out of
    the string nor of the ``<style>`` element)."""
    escaped = re.sub(r'[\\"\n\r\f<>]', lambda m: f"\\{ord(m.group()):x} ", value)
    return f'"{escaped}"'


def _labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {
            "contents": _("Contents"),
            "page": _("Page"),
            "online": _("Read this booklet online, in other languages too:"),
            "qr": _("QR code to the online version of this booklet"),
            "edition": _("Edition"),
        }


def _edition_date(booklet: PdfBooklet) -> str:
    return format_when(booklet.edition_date, "date_long", booklet.language)


# --- Resources -------------------------------------------------------------------------------


def static_url(path: str) -> str:
    """The URL under which the PDF's HTML refers to the project's static file ``path``."""
    return f"{STATIC_SCHEME}:{path}"


def image_data_uri(content: bytes, content_type: str) -> str:
    """A ``data:`` URI for an uploaded raster image (what a PDF image resolver returns)."""
    if content_type not in ("image/png", "image/jpeg", "image/gif", "image/webp"):
        raise ValueError(f"not a raster image type: {content_type}")
    return f"data:{content_type};base64,{base64.b64encode(content).decode('ascii')}"


def _static_path(relative: str) -> Path:
    """The file of static ``relative`` path, found as collectstatic would; refuses traversal."""
    relative = unquote(relative)
    parts = relative.replace("\\", "/").split("/")
    if (
        not relative
        or relative.startswith("/")
        or "\x00" in relative
        or any(part in ("", ".", "..") for part in parts)
        or re.match(r"^[A-Za-z]:", relative)
    ):
        raise ValueError(f"refused static path: {relative!r}")
    clean = posixpath.normpath(relative)
    try:
        found = finders.find(clean)
    except SuspiciousFileOperation as error:
        raise ValueError(f"refused static path: {relative!r}") from error
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / clean).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise ValueError(f"no such static file: {relative!r}")


def _decode_data_uri(url: str) -> tuple[bytes, str]:
    header, comma, payload = url[5:].partition(",")
    if not comma:
        raise ValueError("malformed data: URI")
    params = header.split(";")
    mime = params[0].strip().lower() or "text/plain"
    if "base64" in (p.strip().lower() for p in params[1:]):
        return base64.b64decode(unquote(payload), validate=False), mime
    return unquote_to_bytes(payload), mime


class SafeURLFetcher(URLFetcher):
    """WeasyPrint URL fetcher that never touches the network nor the file system at large.

    Serves ``data:`` URIs and ``accueil-static:<path>`` (the project's static files, through
    Django's staticfiles finders, then STATIC_ROOT); raises ``ValueError`` for anything else.
    """

    def __init__(self):
        super().__init__(allowed_protocols=("data", STATIC_SCHEME), allow_redirects=False)

    def fetch(self, url, headers=None):
        scheme, colon, rest = url.partition(":")
        scheme = scheme.lower()
        if not colon:
            raise ValueError(f"refused URL (not absolute): {url[:80]!r}")
        if scheme == "data":
            body, mime = _decode_data_uri(url)
            return URLFetcherResponse(url, body, {"Content-Type": mime})
        if scheme == STATIC_SCHEME:
            path = _static_path(rest)
            mime = {
                ".css": "text/css",
                ".png": "image/png",
                ".jpg": "image/jpeg",
                ".svg": "image/svg+xml",
            }.get(path.suffix.lower(), "application/octet-stream")
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise ValueError(f"refused URL: {url[:80]!r}")


safe_url_fetcher = SafeURLFetcher()


# --- Rendering -------------------------------------------------------------------------------


def _qr_data_uri(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(dark="#000", light="#fff", border=2)


def _context(booklet: PdfBooklet) -> dict:
    body_font, heading_font = font_stacks(booklet.language)
    labels = _labels(booklet.language)
    return {
        "booklet": booklet,
        "language": booklet.language,
        "dir": direction(booklet.language),
        "labels": labels,
        "edition_date": _edition_date(booklet),
        "qr": _qr_data_uri(booklet.public_url),
        "public_link": booklet.public_url if re.match(r"^https?://", booklet.public_url) else "",
        "stylesheet": static_url(STYLESHEET),
        "sections": [
            (f"section-{number}", section.title, markup.sanitize(section.html))
            for number, section in enumerate(booklet.sections, start=1)
        ],
        "body_font": body_font,
        "heading_font": heading_font,
        "page_label": _css_string(labels["page"]),
    }


def booklet_html(booklet: PdfBooklet) -> str:
    """The HTML WeasyPrint lays out (public for debugging and tests)."""
    with translation.override(booklet.language):
        return render_to_string(TEMPLATE, _context(booklet))


def render_pdf(booklet: PdfBooklet) -> bytes:
    """The A5 PDF of ``booklet``."""
    document = weasyprint.HTML(string=booklet_html(booklet), url_fetcher=safe_url_fetcher)
    return document.write_pdf()


# --- Cache by content ------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _presentation_digest() -> str:
    """Digest of the template and the stylesheet, so editing them renews every PDF."""
    digest = hashlib.sha256()
    for path in (APP_DIR / "templates" / TEMPLATE, APP_DIR / "static" / STYLESHEET):
        digest.update(path.read_bytes())
    return digest.hexdigest()


def content_key(booklet: PdfBooklet) -> str:
    """SHA-256 (hex) of everything that decides the PDF's bytes."""
    content = dataclasses.asdict(booklet)
    content["edition_date"] = booklet.edition_date.isoformat()
    canonical = json.dumps(
        {
            "booklet": content,
            "labels": _labels(booklet.language),
            "date": _edition_date(booklet),
            "renderer": RENDERER_VERSION,
            "weasyprint": weasyprint.__version__,
            "presentation": _presentation_digest(),
        },
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def pdf_for(booklet: PdfBooklet) -> tuple[str, bool]:
    """(storage name of the booklet's PDF, whether it was rendered by this call)."""
    name = f"{STORAGE_DIR}/{content_key(booklet)}.pdf"
    if default_storage.exists(name):
        return name, False
    saved = default_storage.save(name, ContentFile(render_pdf(booklet)))
    if saved != name:  # rendered at the same time elsewhere: keep the first, drop ours
        default_storage.delete(saved)
    logger.info("booklet PDF rendered: %s", name)
    return name, True
