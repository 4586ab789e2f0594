"""The section text format: blocks, links, images, validation and sanitisation."""

import re
from html.parser import HTMLParser
from urllib.parse import unquote

import pytest
from django.utils import translation

from booklets import markup

ALLOWED_TAGS = markup.ALLOWED_TAGS
LINK_SCHEMES = {"http", "https", "mailto", "tel"}


class Collector(HTMLParser):
    """Every start tag with its attributes, and the text, of an HTML fragment."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(fragment: str) -> Collector:
    collector = Collector()
    collector.feed(fragment)
    collector.close()
    return collector


def scheme(url: str) -> str | None:
    # As a browser reads it: entities already decoded by the parser, control characters and
    # whitespace dropped, percent-escapes not a way around it.
    cleaned = re.sub(r"[\x00-\x20\x7f]+", "", unquote(url))
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", cleaned)
    return match.group(1).lower() if match else None


def assert_inert(fragment: str, allowed_images=()) -> Collector:
    """No tag outside the allow-list, no event handler or style, no dangerous URL."""
    doc = parse(fragment)
    for tag, attrs in doc.tags:
        assert tag in ALLOWED_TAGS, (tag, fragment)
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name, fragment)
            assert name in {
                "href",
                "src",
                "alt",
                "class",
                "id",
                "rel",
                "dir",
                "loading",
                "start",
                "title",
            }, (
                tag,
                name,
                fragment,
            )
            value = value or ""
            if name == "href":
                assert tag == "a"
                assert scheme(value) in LINK_SCHEMES, (value, fragment)
            if name == "src":
                assert tag == "img"
                assert value in allowed_images, (value, fragment)
            for bad in ("javascript:", "vbscript:", "data:text", "expression("):
                assert bad not in re.sub(r"\s", "", unquote(value)).lower(), (name, value)
        if tag == "a" and "href" in attrs:
            assert attrs.get("rel") == "noopener noreferrer", fragment
    return doc


# --- Blocks ----------------------------------------------------------------------------------

ADDRESS = """:::address
name: Plateforme d'accueil des demandeurs d'asile
address: 12 rue Exemple, 38000 Grenoble
hours: lundi–vendredi 9:00–12:00
hours: jeudi 14:00–16:00
languages: fr, ar, ti
phone: 04 76 00 00 00
email: accueil@example.org
website: https://example.org/accueil
note: Venez avec vos papiers.
:::"""


def test_address_card_is_a_section_with_a_definition_list_and_translated_labels():
    html = markup.render(ADDRESS, language="en")
    doc = assert_inert(html)
    assert html.startswith('<section class="card address">')
    title = next(attrs for tag, attrs in doc.tags if tag == "h3")
    assert title == {"class": "card-title", "dir": "ltr"}
    assert "Plateforme d'accueil des demandeurs d'asile</h3>" in html.replace("&#39;", "'")
    labels = re.findall(r"<dt>(.*?)</dt>", html)
    assert labels == [
        "Address",
        "Opening hours",
        "Languages spoken",
        "Phone",
        "E-mail",
        "Website",
        "Good to know",
    ]
    # Two lines of opening hours, language codes shown by their own names.
    assert "lundi–vendredi 9:00–12:00<br>jeudi 14:00–16:00" in html
    assert "français, العربيّة, ትግርኛ" in html
    hrefs = [attrs["href"] for tag, attrs in doc.tags if tag == "a"]
    assert hrefs == ["tel:0476000000", "mailto:accueil@example.org", "https://example.org/accueil"]
    phone = next(attrs for tag, attrs in doc.tags if tag == "a")
    assert phone["dir"] == "ltr"  # digits stay left to right in an Arabic booklet


def test_labels_follow_the_booklet_language_not_the_interface():
    with translation.override("en"):
        arabic = markup.render(ADDRESS, language="ar")
        assert translation.get_language() == "en"  # the interface language is restored
    with translation.override("ar"):
        english = markup.render(ADDRESS, language="en")
    assert "<dt>Address</dt>" not in arabic
    assert "<dt>Address</dt>" in english
    assert re.search(r"<dt>[\u0600-\u06ff ]+</dt>", arabic)


def test_emergency_list_links_each_number():
    html = markup.render(":::emergency\n15: SAMU (urgence médicale)\n17: Police\n112: Europe\n:::")
    doc = assert_inert(html)
    assert html.startswith('<section class="card emergency"><h3 class="card-title">')
    assert [a["href"] for t, a in doc.tags if t == "a"] == ["tel:15", "tel:17", "tel:112"]
    assert re.findall(r"<dd[^>]*>(.*?)</dd>", html) == [
        "SAMU (urgence médicale)",
        "Police",
        "Europe",
    ]


def test_block_values_carry_their_own_direction():
    text = (
        ":::address\nname: PASS في المستشفى (مثال)\naddress: 1 boulevard de l'Exemple, 38700 La"
        " Tronche\nhours: من الاثنين إلى الجمعة 8:30–16:30\n:::\n"
        ":::emergency\n15: SAMU – طوارئ طبية\n17: Police\n112: 112\n:::"
    )
    html = markup.render(text, language="ar")
    assert '<h3 class="card-title" dir="rtl">PASS' in html  # most letters are Arabic
    assert '<dd dir="ltr">1 boulevard de l' in html  # a French street address
    assert '<dd dir="rtl">من الاثنين' in html
    assert '<dd dir="rtl">SAMU – طوارئ طبية</dd>' in html
    assert '<dd dir="ltr">Police</dd>' in html
    assert "<dd>112</dd>" in html  # no letters: the direction of the page


def test_tip_box_holds_markdown():
    html = markup.render(
        ":::tip\nGardez une **copie** de tout.\n\n- un\n- deux\n:::", language="en"
    )
    assert_inert(html)
    assert html.startswith('<aside class="card tip"><p class="card-title"><strong>Good to know')
    assert "<strong>copie</strong>" in html
    assert "<li>un</li>" in html


def test_markdown_subset_headings_lists_links_emphasis():
    text = (
        "# Première étape\n\nUn *mot* en **gras**.\n\n1. un\n2. deux\n\n"
        "[Site](https://example.org) [Écrire](mailto:a@example.org) [Appeler](tel:+33476000000)"
    )
    html = markup.render(text, id_prefix="s3-")
    doc = assert_inert(html)
    assert '<h3 id="s3-première-étape">Première étape</h3>' in html
    assert "<em>mot</em>" in html and "<strong>gras</strong>" in html
    assert "<ol>" in html
    assert [a["href"] for t, a in doc.tags if t == "a"] == [
        "https://example.org",
        "mailto:a@example.org",
        "tel:+33476000000",
    ]


def test_raw_html_is_text_and_code_blocks_are_off():
    html = markup.render("<b>gras</b>\n\n    indenté\n\n```\nfence\n```")
    doc = assert_inert(html)
    assert [t for t, _ in doc.tags] == ["p", "p", "p"]
    assert "&lt;b&gt;gras&lt;/b&gt;" in html


def test_images_only_through_the_resolver():
    resolver = {"a1": "/media/booklets/a1.png", "svg": "data:image/svg+xml;base64,PHN2Zz4="}.get
    html = markup.render(
        "![Plan](image:a1) ![Outside](https://tracker.example/pixel.gif) ![Gone](image:zz) "
        "![Svg](image:svg)",
        image_resolver=resolver,
    )
    doc = assert_inert(html, allowed_images={"/media/booklets/a1.png"})
    images = [a for t, a in doc.tags if t == "img"]
    assert images == [{"src": "/media/booklets/a1.png", "alt": "Plan", "loading": "lazy"}]
    # Without a resolver no image at all.
    assert "<img" not in markup.render("![Plan](image:a1)")


def test_images_are_resolved_at_every_render_never_from_the_cache():
    urls = iter(["/media/a/1.png", "/media/a/2.png"])
    calls = []

    def resolver(image_id):
        calls.append(image_id)
        return next(urls)

    first = markup.render("![Plan](image:a1)", image_resolver=resolver)
    second = markup.render("![Plan](image:a1)", image_resolver=resolver)
    assert calls == ["a1", "a1"]
    assert "/media/a/1.png" in first and "/media/a/2.png" in second


def test_outline_lists_headings_outside_blocks_with_the_ids_render_gives():
    text = "# Un\n\n## Deux\n\n:::tip\n# Pas dans le sommaire\n:::\n\n# Un"
    headings = markup.outline(text, id_prefix="x-")
    assert [(h.level, h.text, h.anchor) for h in headings] == [
        (3, "Un", "x-un"),
        (4, "Deux", "x-deux"),
        (3, "Un", "x-un-2"),
    ]
    html = markup.render(text, id_prefix="x-")
    assert all(f'id="{h.anchor}"' in html for h in headings)


# --- Validation ------------------------------------------------------------------------------


def messages(text):
    with translation.override("en"):
        return [(p.line, p.message) for p in markup.validate(text)]


def test_valid_text_has_no_problem():
    assert messages(ADDRESS + "\n\n:::emergency\n15: SAMU\n:::\n\n:::tip\nx\n:::\n# T\n") == []


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        (":::adress\nname: x\n:::", 1, "unknown block “adress”"),
        (":::tip\nnot closed", 1, "not closed"),
        (":::address\nname: x\nopening: 9h\n:::", 3, "unknown field “opening”"),
        (":::address\nname: x\njust text\n:::", 3, "one “field: value” per line"),
        (":::address\naddress: 1 rue\n:::", 1, "needs a “name:” line"),
        (":::address\nname: x\nphone: call us\n:::", 3, "is not a phone number"),
        (":::address\nname: x\nwebsite: javascript:alert(1)\n:::", 3, "starts with https://"),
        (":::address\nname: x\nemail: nobody\n:::", 3, "not an e-mail address"),
        (":::address\nname: x\nhours:\n:::", 3, "is empty"),
        (":::emergency\nSAMU\n:::", 2, "number: what it is for"),
        (":::emergency\n:::", 1, "is empty"),
        ("text\n:::\nmore", 2, "no block is open"),
        ("![x](https://example.org/a.png)", 1, "images must be uploaded"),
        ("[x](javascript:alert(1))", 1, "a link must start with"),
    ],
)
def test_malformed_blocks_are_reported_with_their_line(text, line, fragment):
    found = messages(text)
    assert any(n == line and fragment in m for n, m in found), found


def test_a_block_opened_inside_another_means_the_first_was_not_closed():
    text = ":::tip\nGardez une copie.\n:::address\nname: Mairie\n:::"
    assert messages(text) == [(1, "this block is not closed: add a line “:::” after it.")]
    html = markup.render(text)
    assert html.count('class="card ') == 2 and "Gardez une copie." in html and "Mairie" in html


def test_problem_reads_as_a_sentence_with_its_line():
    with translation.override("en"):
        (problem,) = markup.validate(":::box\n:::")
        assert str(problem).startswith("Line 1: unknown block “box”")


def test_help_text_names_every_block_and_field():
    with translation.override("en"):
        text = str(markup.HELP_TEXT)
    for word in ("address", "emergency", "tip", "name", "hours", "languages", "phone"):
        assert word in text


# --- Sanitisation: no executable content survives -------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](&#x6A;avascript&#x3A;alert(1))",
    "[click](javascript&colon;alert(1))",
    "[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](<javascript:alert(1)>)",
    '[click](https://example.org "onmouseover=alert(1)")',
    '[click](https://example.org "x\\" onmouseover=\\"alert(1)")',
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    '<https://example.org/"onmouseover=alert(1)>',
    "![x](javascript:alert(1))",
    "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
    '![x" onerror="alert(1)](image:a1)',
    '![x](image:a1" onerror="alert(1))',
    "![x](https://evil.example/track.gif)",
    "[![x](image:a1)](javascript:alert(1))",
    "<svg onload=alert(1)><circle r=10></svg>",
    "<svg><script>alert(1)</script></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">x</math>',
    "<iframe src=javascript:alert(1)></iframe>",
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<p style="x:expression(alert(1))">x</p>',
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<img src=x onerror=alert(1)",
    "<scr<script>ipt>alert(1)</script>",
    "<!--<img src=x onerror=alert(1)>-->",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    '<a href="java&#x0A;script:alert(1)">x</a>',
    "[x]: javascript:alert(1)\n\n[click][x]",
    '[x]: https://example.org "onclick=alert(1)"\n\n[click][x]',
    "<base href=javascript:alert(1)//>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    ":::address\nname: <script>alert(1)</script>\nphone: <img src=x onerror=alert(1)>\n"
    "website: javascript:alert(1)\nemail: x@y.z?body=<script>\n:::",
    ":::emergency\n15: <svg onload=alert(1)>\n:::",
    ":::tip\n<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n:::",
    ":::<script>alert(1)</script>\nx\n:::",
    '<a href="https://example.org" onclick="alert(1)">x</a>',
    "**<img src=x onerror=alert(1)>**",
    '[x](tel:1" onclick="alert(1))',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
]


def test_there_are_enough_payloads():
    assert len(XSS_PAYLOADS) >= 30


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_no_executable_content_survives(payload):
    resolver = {"a1": "/media/booklets/a1.png"}.get
    html = markup.render(payload, image_resolver=resolver, language="en")
    assert_inert(html, allowed_images={"/media/booklets/a1.png"})
    # Also inside every block and wrapped in Markdown.
    for wrapped in (f":::tip\n{payload}\n:::", f"- {payload}", f"# {payload}"):
        assert_inert(markup.render(wrapped, image_resolver=resolver), {"/media/booklets/a1.png"})


def test_sanitize_is_the_last_word_even_on_handwritten_html():
    dirty = (
        '<section class="card evil address" onclick="x"><a href="javascript:x" dir="rtl">a</a>'
        '<img src="javascript:alert(1)"><img src="data:image/svg+xml;base64,PHN2Zz4=">'
        '<img src="//evil.example/x.png"><img src="data:image/png;base64,iVBORw0KGgo=">'
        '<span dir="sideways" style="color:red">s</span></section>'
    )
    clean = markup.sanitize(dirty)
    doc = assert_inert(clean, allowed_images={"data:image/png;base64,iVBORw0KGgo="})
    assert doc.tags[0] == ("section", {"class": "card address"})
    assert (
        "a",
        {"dir": "rtl", "rel": "noopener noreferrer"},
    ) in doc.tags  # the link lost its href, kept its text
    assert "evil.example" not in clean and "svg" not in clean
