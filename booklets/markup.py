"""The text format of a booklet section: a small Markdown subset plus three structured blocks.

A section body is one plain text, so that revisions, diffs, conflicts and translations stay
plain text. This module is pure (no database): ``render`` turns the text into sanitised HTML,
``validate`` lists what is malformed (so a save can be refused with a clear message), and
``outline`` lists the headings (for a table of contents).

Markdown subset (CommonMark, read by markdown-it-py)
----------------------------------------------------
- ``# Heading`` .. ``#### Heading``: headings inside the section. The section title is the
  page's ``<h2>``, so ``#`` becomes ``<h3>``, ``##`` ``<h4>``... (``HEADING_OFFSET``).
- Paragraphs (separated by an empty line), ``**bold**``, ``*italic*``, bulleted (``-``) and
  numbered (``1.``) lists, ``> quotes``, ``---`` rules.
- Links ``[text](https://...)``: only ``http``, ``https``, ``mailto`` and ``tel``. Any other
  link keeps its text and loses the link.
- Images: only ``![description](image:<id>)``, an image uploaded to the booklet, resolved by
  ``image_resolver(id) -> url | None``. Any other image (an outside address) is dropped, so
  a reader's phone never contacts a third party.
- No raw HTML: ``<b>`` is shown as text. No code blocks: indented text is a paragraph.

Blocks
------
A block starts with a line ``:::type`` and ends with a line ``:::``. Blocks do not nest.

``:::address`` - an address card; one ``field: value`` per line, a field may repeat (two
phone numbers, two lines of opening hours)::

    :::address
    name: Plateforme d'accueil des demandeurs d'asile
    address: 12 rue Exemple, 38000 Grenoble
    hours: Monday to Friday 9:00-12:00
    languages: fr, ar, en
    phone: 04 76 00 00 00
    email: accueil@example.org
    website: https://example.org
    note: Come with your papers.
    :::

Fields (French names accepted too): name (nom), address (adresse), hours (horaires),
languages (langues; language codes are shown by the language's own name), phone
(téléphone), email (courriel), website (site), note (remarque). The field names stay as they
are in every translation; only the values are translated.

``:::emergency`` - a list of numbers to call, one ``number: what it is for`` per line::

    :::emergency
    15: SAMU (medical emergency)
    17: Police
    :::

``:::tip`` - a "good to know" box; its content is Markdown::

    :::tip
    Keep a **copy** of every document you send.
    :::

Output
------
``render`` returns HTML cleaned by nh3 with an allow-list of tags, attributes, classes and URL
schemes; links get ``rel="noopener noreferrer"``; phone numbers become ``tel:`` links written
left to right. Blocks become ``<section class="card address">``/``<section class="card
emergency">`` with a ``<dl>``, and ``<aside class="card tip">``; their labels ("Address",
"Phone", ...) are translated into ``language`` (the booklet's language, not the reader's
interface).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from functools import lru_cache

import nh3
from django.utils.functional import lazy
from django.utils.text import slugify
from django.utils.translation import get_language, get_language_info, gettext_lazy, override
from django.utils.translation import gettext as _
from markdown_it import MarkdownIt
from markdown_it.token import Token

__all__ = [
    "ALLOWED_TAGS",
    "BLOCK_TYPES",
    "HEADING_OFFSET",
    "HELP_TEXT",
    "Heading",
    "Problem",
    "help_text",
    "outline",
    "render",
    "validate",
]

ImageResolver = Callable[[str], str | None]

HEADING_OFFSET = 2  # "#" in a section body is an <h3>: the section title is the <h2>.
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
IMAGE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
# What an image resolver may return: a path on this site, an http(s) URL of this site's
# storage, or a raster image inline (the PDF uses data: URIs). Never SVG (it can hold script).
IMAGE_SRC = re.compile(
    r"^(?:/(?!/)[^\s\"'<>]*|https?://[^\s\"'<>]+|data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+)$"
)

BLOCK_TYPES = ("address", "emergency", "tip")
OPEN_RE = re.compile(r"^\s{0,3}:::\s*(?P<type>\S.*?)?\s*$")
FIELD_RE = re.compile(r"^\s*(?P<key>[^:]{1,40}?)\s*:\s*(?P<value>.*?)\s*$")
EMERGENCY_NUMBER = re.compile(r"^\+?[0-9][0-9 .-]{0,19}$")

LABELS = {
    "name": gettext_lazy("Name"),
    "address": gettext_lazy("Address"),
    "hours": gettext_lazy("Opening hours"),
    "languages": gettext_lazy("Languages spoken"),
    "phone": gettext_lazy("Phone"),
    "email": gettext_lazy("E-mail"),
    "website": gettext_lazy("Website"),
    "note": gettext_lazy("Good to know"),
}
ADDRESS_FIELDS = tuple(LABELS)
FIELD_ALIASES = {
    **{key: key for key in ADDRESS_FIELDS},
    "nom": "name",
    "adresse": "address",
    "horaires": "hours",
    "langues": "languages",
    "téléphone": "phone",
    "telephone": "phone",
    "tél": "phone",
    "tel": "phone",
    "courriel": "email",
    "e-mail": "email",
    "mail": "email",
    "site": "website",
    "web": "website",
    "remarque": "note",
}
TIP_LABEL = gettext_lazy("Good to know")
EMERGENCY_LABEL = gettext_lazy("Emergency numbers")

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "ul",
        "ol",
        "li",
        "blockquote",
        "a",
        "img",
        "section",
        "aside",
        "dl",
        "dt",
        "dd",
        "span",
        "bdi",
    }
)
ALLOWED_CLASSES = {
    "section": {"card", "address", "emergency"},
    "aside": {"card", "tip"},
    "h3": {"card-title"},
    "p": {"card-title"},
    "dd": {"phone"},
}
ALLOWED_ATTRIBUTES = {
    "*": set(),  # not nh3's default "lang" and "title" everywhere
    "a": {"href", "title"},
    "img": {"src", "alt", "loading"},
    "ol": {"start"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
}
DIR_VALUES = {"dir": {"ltr", "rtl", "auto"}}


# --- Help for editors -----------------------------------------------------------------------


def help_text() -> str:
    """The syntax reminder the editor page shows next to the text area (translated)."""
    return _(
        "Write in plain text. Empty line: new paragraph. # Heading. **bold**, *italic*. "
        "Lists: lines starting with “- ” or “1. ”. Link: [text](https://…), "
        "[call](tel:0476000000). Image: ![description](image:ID) with the ID of an image "
        "uploaded to this booklet.\n"
        "Blocks start with a line “:::address”, “:::emergency” or “:::tip” and end with a "
        "line “:::”.\n"
        "Address card, one “field: value” per line; fields: name, address, hours, "
        "languages (codes such as fr, ar, en), phone, email, website, note. Keep the field "
        "names as they are when translating; translate the values.\n"
        "Emergency numbers, one “number: what it is for” per line, e.g. “15: SAMU”.\n"
        "Good to know box: any text between “:::tip” and “:::”."
    )


HELP_TEXT = lazy(help_text, str)()


# --- Parsing the text into Markdown segments and blocks ----------------------------------------


@dataclass(frozen=True)
class Problem:
    """A malformed part of a text: ``line`` counts from 1; ``message`` is translated."""

    line: int
    message: str

    def __str__(self) -> str:
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class _Segment:
    kind: str  # "markdown", or a block type (possibly unknown)
    line: int  # first line of the segment (of the ":::type" line for a block)
    lines: list[str]
    closed: bool = True


def _parse(text: str) -> list[_Segment]:
    segments: list[_Segment] = []
    current = _Segment("markdown", 1, [])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, line in enumerate(lines, start=1):
        match = OPEN_RE.match(line)
        if current.kind == "markdown":
            if match and match.group("type"):
                if current.lines:
                    segments.append(current)
                current = _Segment(match.group("type").strip().lower(), number, [], closed=False)
            elif match:  # a stray ":::" outside a block: kept as text, reported by validate
                current.lines.append(line)
            else:
                current.lines.append(line)
        elif match and not match.group("type"):
            current.closed = True
            segments.append(current)
            current = _Segment("markdown", number + 1, [])
        elif match:  # blocks do not nest: a new block means the open one was not closed
            segments.append(current)
            current = _Segment(match.group("type").strip().lower(), number, [], closed=False)
        else:
            current.lines.append(line)
    if current.kind != "markdown" or current.lines:
        segments.append(current)
    return segments


def _fields(segment: _Segment) -> list[tuple[int, str | None, str, str]]:
    """(line number, known field or None, key as written, value) of each non-empty line."""
    out = []
    for offset, line in enumerate(segment.lines, start=1):
        if not line.strip():
            continue
        match = FIELD_RE.match(line)
        if not match:
            out.append((segment.line + offset, None, "", line.strip()))
            continue
        key = match.group("key").strip()
        out.append((segment.line + offset, FIELD_ALIASES.get(key.lower()), key, match["value"]))
    return out


# --- Validation ------------------------------------------------------------------------------


def validate(text: str) -> list[Problem]:
    """Everything malformed in ``text``, in order; an empty list means the text is fine."""
    problems: list[Problem] = []
    for segment in _parse(text):
        if segment.kind == "markdown":
            problems.extend(_validate_markdown(segment.lines, segment.line))
            continue
        if segment.kind not in BLOCK_TYPES:
            problems.append(
                Problem(
                    segment.line,
                    _(
                        "unknown block “%(type)s”. "
                        "The blocks are :::address, :::emergency and :::tip."
                    )
                    % {"type": segment.kind},
                )
            )
        if not segment.closed:
            problems.append(
                Problem(segment.line, _("this block is not closed: add a line “:::” after it."))
            )
        if segment.kind == "address":
            problems.extend(_validate_address(segment))
        elif segment.kind == "emergency":
            problems.extend(_validate_emergency(segment))
        elif segment.kind == "tip":
            problems.extend(_validate_markdown(segment.lines, segment.line + 1))
    return problems


def _validate_markdown(lines: list[str], first_line: int) -> list[Problem]:
    problems = []
    for offset, line in enumerate(lines):
        number = first_line + offset
        if OPEN_RE.match(line):
            problems.append(
                Problem(number, _("a line “:::” closes a block, but no block is open here."))
            )
        for link in re.finditer(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]*)", line):
            if _scheme(link.group(1)) not in LINK_SCHEMES:
                problems.append(
                    Problem(
                        number,
                        _(
                            "a link must start with https://, http://, mailto: or tel:; "
                            "“%(target)s” is shown as text."
                        )
                        % {"target": link.group(1)},
                    )
                )
        for image in re.finditer(r"!\[[^\]]*\]\(\s*<?([^)\s>]*)", line):
            target = image.group(1)
            if not (target.startswith("image:") and IMAGE_ID.match(target[6:])):
                problems.append(
                    Problem(
                        number,
                        _(
                            "images must be uploaded to the booklet and written "
                            "![description](image:ID); outside images are not shown."
                        ),
                    )
                )
    return problems


def _validate_address(segment: _Segment) -> list[Problem]:
    problems = []
    names = 0
    for line, field, key, value in _fields(segment):
        if field is None:
            if not key:
                message = _("write one “field: value” per line in an address card.")
            else:
                message = _(
                    "unknown field “%(field)s”. The fields are: name, address, hours, "
                    "languages, phone, email, website, note."
                ) % {"field": key}
            problems.append(Problem(line, message))
        elif not value:
            problems.append(Problem(line, _("the field “%(field)s” is empty.") % {"field": key}))
        elif field == "phone" and not _tel(value):
            problems.append(
                Problem(line, _("“%(value)s” is not a phone number.") % {"value": value})
            )
        elif field == "website" and not re.match(r"^https?://\S+$", value):
            problems.append(Problem(line, _("a website starts with https:// or http://.")))
        elif field == "email" and not re.match(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", value):
            problems.append(
                Problem(line, _("“%(value)s” is not an e-mail address.") % {"value": value})
            )
        names += field == "name"
    if names == 0:
        problems.append(Problem(segment.line, _("an address card needs a “name:” line.")))
    return problems


def _validate_emergency(segment: _Segment) -> list[Problem]:
    problems = []
    entries = 0
    for line, _field, key, value in _fields(segment):
        if not key or not EMERGENCY_NUMBER.match(key) or not value:
            problems.append(
                Problem(
                    line,
                    _("write one “number: what it is for” per line, for example “15: SAMU”."),
                )
            )
        entries += 1
    if entries == 0:
        problems.append(Problem(segment.line, _("this list of emergency numbers is empty.")))
    return problems


# --- Markdown --------------------------------------------------------------------------------


def _scheme(url: str) -> str | None:
    match = re.match(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


def _validate_link(url: str) -> bool:
    # Images need "image:"; links with it are unwrapped by _unwrap_bad_links.
    return _scheme(url) in LINK_SCHEMES | {"image"}


def _unwrap_bad_links(state) -> None:
    """Drop the <a> around a link whose target is not an allowed scheme; keep its text."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        kept: list[Token] = []
        dropping = False
        for token in block.children:
            if (
                token.type == "link_open"
                and _scheme(token.attrGet("href") or "") not in LINK_SCHEMES
            ):
                dropping = True
                continue
            if token.type == "link_close" and dropping:
                dropping = False
                continue
            kept.append(token)
        block.children = kept


def _shift_headings(state) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + HEADING_OFFSET, 6)
            token.tag = f"h{level}"


def _image(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    src = token.attrGet("src") or ""
    resolver = env.get("image_resolver")
    if not src.startswith("image:") or resolver is None or not IMAGE_ID.match(src[6:]):
        return ""
    url = resolver(src[6:])
    if not url or not IMAGE_SRC.match(url):
        return ""
    alt = self.renderInlineAsText(token.children or [], options, env)
    return f'<img src="{html.escape(url)}" alt="{html.escape(alt)}" loading="lazy">'


def _markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.disable(["code", "fence", "html_block", "html_inline", "backticks"])
    md.validateLink = _validate_link
    md.core.ruler.push("accueil_unwrap_links", _unwrap_bad_links)
    md.core.ruler.push("accueil_headings", _shift_headings)
    md.add_render_rule("image", _image)
    return md


MARKDOWN = _markdown()


def _markdown_html(lines: list[str], env: dict) -> str:
    text = "\n".join(lines)
    if not text.strip():
        return ""
    tokens = MARKDOWN.parse(text, env)
    prefix = env.get("id_prefix")
    if prefix is not None:
        for token, _level, _label, anchor in _headings(tokens, env["anchors"], prefix):
            token.attrSet("id", anchor)
    return MARKDOWN.renderer.render(tokens, MARKDOWN.options, env)


def _headings(tokens: list[Token], seen: dict[str, int], prefix: str = ""):
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        label = "".join(
            child.content for child in (inline.children or []) if child.type == "text"
        ).strip()
        base = slugify(label, allow_unicode=True) or "section"
        seen[base] = seen.get(base, 0) + 1
        anchor = f"{prefix}{base}" if seen[base] == 1 else f"{prefix}{base}-{seen[base]}"
        yield token, int(token.tag[1]), label, anchor


# --- Blocks ----------------------------------------------------------------------------------


def _tel(value: str) -> str:
    """The ``tel:`` target of a written phone number, or "" if it is not one."""
    digits = re.sub(r"[\s.()-]", "", value)
    return digits if re.fullmatch(r"\+?[0-9]{2,20}", digits) else ""


def _dir(text: str) -> str:
    """` dir="…"` by the majority of strongly directional letters, so a French street address
    stays left to right in an Arabic booklet and "PASS في المستشفى" right to left."""
    ltr = rtl = 0
    for char in text:
        kind = unicodedata.bidirectional(char)
        ltr += kind == "L"
        rtl += kind in ("R", "AL")
    if ltr == rtl:
        return ""
    return ' dir="rtl"' if rtl > ltr else ' dir="ltr"'


def _phone_link(value: str) -> str:
    target = _tel(value)
    shown = html.escape(value)
    if not target:
        return f'<bdi dir="ltr">{shown}</bdi>'
    return f'<a href="tel:{target}" dir="ltr">{shown}</a>'


def _language_names(value: str) -> str:
    names = []
    for code in re.split(r"[,;/]\s*|\s+", value.strip()):
        if not code:
            continue
        try:
            names.append(get_language_info(code.lower())["name_local"])
        except KeyError:
            names.append(code)
    return ", ".join(names)


def _address_html(segment: _Segment, env: dict) -> str:
    values: dict[str, list[str]] = {}
    for _line, field, _key, value in _fields(segment):
        if field and value:
            values.setdefault(field, []).append(value)
    parts = ['<section class="card address">']
    if names := values.get("name"):
        name = " – ".join(names)
        parts.append(f'<h3 class="card-title"{_dir(name)}>{html.escape(name)}</h3>')
    rows = []
    for field in ADDRESS_FIELDS[1:]:
        if field not in values:
            continue
        items = values[field]
        if field == "phone":
            shown = "<br>".join(_phone_link(v) for v in items)
        elif field == "email":
            shown = "<br>".join(
                f'<a href="mailto:{html.escape(v)}">{html.escape(v)}</a>'
                if "@" in v and _scheme(v) is None
                else html.escape(v)
                for v in items
            )
        elif field == "website":
            shown = "<br>".join(
                f'<a href="{html.escape(v)}">{html.escape(v)}</a>'
                if _scheme(v) in ("http", "https")
                else html.escape(v)
                for v in items
            )
        elif field == "languages":
            shown = html.escape(_language_names(", ".join(items)))
        else:
            shown = "<br>".join(html.escape(v) for v in items)
        direction = _dir(" ".join(items)) if field in ("address", "hours", "note") else ""
        rows.append(f"<dt>{html.escape(str(LABELS[field]))}</dt><dd{direction}>{shown}</dd>")
    if rows:
        parts.append("<dl>" + "".join(rows) + "</dl>")
    parts.append("</section>")
    return "".join(parts)


def _emergency_html(segment: _Segment, env: dict) -> str:
    rows = []
    for _line, _field, key, value in _fields(segment):
        if key and EMERGENCY_NUMBER.match(key):
            rows.append(f"<dt>{_phone_link(key)}</dt><dd{_dir(value)}>{html.escape(value)}</dd>")
        else:
            rows.append(f"<dd{_dir(value)}>{html.escape(value)}</dd>")
    return (
        '<section class="card emergency">'
        f'<h3 class="card-title">{html.escape(str(EMERGENCY_LABEL))}</h3>'
        f"<dl>{''.join(rows)}</dl></section>"
    )


def _tip_html(segment: _Segment, env: dict) -> str:
    inner = _markdown_html(segment.lines, {**env, "id_prefix": None})
    return (
        '<aside class="card tip">'
        f'<p class="card-title"><strong>{html.escape(str(TIP_LABEL))}</strong></p>'
        f"{inner}</aside>"
    )


BLOCK_RENDERERS = {"address": _address_html, "emergency": _emergency_html, "tip": _tip_html}


# --- Public API ------------------------------------------------------------------------------


def _attribute_filter(element: str, attribute: str, value: str) -> str | None:
    if element == "a" and attribute == "href":
        return value if _scheme(value) in LINK_SCHEMES else None
    if element == "img" and attribute == "src":
        return value if IMAGE_SRC.match(value) else None
    return value


def sanitize(fragment: str) -> str:
    """nh3 with Accueil's allow-list: the last word on every HTML a section produces."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values=dict.fromkeys(("a", "bdi", "span", "dd", "h3", "p", "li"), DIR_VALUES),
        attribute_filter=_attribute_filter,
        allowed_classes={tag: set(classes) for tag, classes in ALLOWED_CLASSES.items()},
        url_schemes=set(LINK_SCHEMES) | {"data"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(
    text: str,
    *,
    image_resolver: ImageResolver | None = None,
    language: str | None = None,
    id_prefix: str | None = None,
) -> str:
    """Sanitised HTML of a section body.

    ``image_resolver(id)`` gives the URL of the booklet's image ``id`` (or None: the image
    is dropped). ``language`` is the language of the text: block labels are written in it.
    ``id_prefix`` (e.g. ``"s12-"``) gives headings ids ``<prefix><slug>``, as ``outline``.
    A text without images is rendered once per process (an in-memory LRU cache).
    """
    text = text or ""
    with override(language) if language else nullcontext():
        if image_resolver is None or "image:" not in text:
            return _render_cached(text, get_language(), id_prefix)
        return _render(text, image_resolver, id_prefix)


@lru_cache(maxsize=2048)
def _render_cached(text: str, active_language: str | None, id_prefix: str | None) -> str:
    return _render(text, None, id_prefix)


def _render(text: str, image_resolver: ImageResolver | None, id_prefix: str | None) -> str:
    env = {"image_resolver": image_resolver, "id_prefix": id_prefix, "anchors": {}}
    parts = []
    for segment in _parse(text):
        if segment.kind == "markdown":
            parts.append(_markdown_html(segment.lines, env))
        elif segment.kind in BLOCK_RENDERERS:
            parts.append(BLOCK_RENDERERS[segment.kind](segment, env))
        else:  # unknown block: its lines are shown as ordinary text
            parts.append(_markdown_html(segment.lines, env))
    return sanitize("\n".join(p for p in parts if p))


@dataclass(frozen=True)
class Heading:
    level: int  # the HTML level: 3 for "# Heading"
    text: str
    anchor: str  # the id ``render(..., id_prefix=prefix)`` gives it


def outline(text: str, *, id_prefix: str = "") -> list[Heading]:
    """The headings of a section body outside blocks, in order, for a table of contents."""
    seen: dict[str, int] = {}
    found = []
    for segment in _parse(text or ""):
        if segment.kind not in BLOCK_TYPES:
            tokens = MARKDOWN.parse("\n".join(segment.lines), {})
            for _token, level, label, anchor in _headings(tokens, seen, id_prefix):
                found.append(Heading(level, label, anchor))
    return found
