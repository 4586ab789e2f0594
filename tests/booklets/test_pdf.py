"""The print-ready PDF: fonts embedded, words extractable, contents with right page numbers,
a URL fetcher that reads nothing but data: URIs and static files, rendering cached by content.

The demo booklet is rendered in French, Arabic and Tigrinya and read back with poppler's
pdffonts, pdftotext and pdfinfo (Debian's poppler-utils; required under CI=true).
"""

import os
import re
import shutil
import subprocess
import threading
import unicodedata
from dataclasses import replace
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.apps import apps
from django.conf import settings
from django.test.utils import override_settings

from booklets import demo_content, markup, pdf

CI = os.environ.get("CI", "").lower() == "true"
TOOLS = ("pdffonts", "pdftotext", "pdfinfo")
pytestmark = pytest.mark.skipif(
    not CI and not all(shutil.which(tool) for tool in TOOLS),
    reason="poppler-utils (pdffonts, pdftotext, pdfinfo) is not installed; make test installs it",
)

# Section titles and words of the demo content that must come out of each PDF as text.
# (Single words: pdftotext breaks lines where the PDF does; whole titles are checked in the
# table of contents, one title a line.)
EXPECTED_WORDS = {
    "ar": ["الصحة", "الطوارئ", "مجانية", "المستشفى", "اللجوء", "المدرسة", "الأولى", "الإجراءات"],
    "ti": ["ጥዕና", "ብናጻ", "ዑቕባ", "ቆልዑ", "ተርጓማይ", "ፈረንሳይኛ"],
    "fr": ["Santé", "urgence", "hébergement", "gratuits", "Glossaire"],
}
FONTS = {"ar": "NotoNaskhArabic", "ti": "NotoSansEthiopic", "fr": "NotoSans"}


@pytest.fixture(scope="module", autouse=True)
def booklets_app():
    """The app's template and stylesheet are found as in production, app installed."""
    if apps.is_installed("booklets"):  # "booklets" or "booklets.apps.BookletsConfig"
        yield
        return
    with override_settings(INSTALLED_APPS=[*settings.INSTALLED_APPS, "booklets"]):
        yield


def demo_booklet(language: str) -> pdf.PdfBooklet:
    return pdf.PdfBooklet(
        title=demo_content.BOOKLET[language]["title"],
        language=language,
        edition_label="Édition 1",
        edition_date=date(2026, 11, 23),
        public_url=f"https://accueil.example.org/b/bienvenue/{language}/",
        territory_name="Grenoble-Alpes Métropole",
        sections=tuple(
            pdf.PdfSection(title, markup.render(body, language=language))
            for _key, title, body in demo_content.sections(language)
        ),
    )


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, booklets_app):
    folder = tmp_path_factory.mktemp("pdf")
    files = {}
    for language in ("fr", "ar", "ti"):
        path = folder / f"booklet-{language}.pdf"
        path.write_bytes(pdf.render_pdf(demo_booklet(language)))
        files[language] = path
    return files


def run(*command) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def text(path, first=None, last=None) -> str:
    """pdftotext's output without bidi controls and Arabic vowel marks, spaces collapsed.

    pdftotext writes Arabic in logical order (the order it is typed), wrapped in bidi
    embedding controls, and sets vowel marks (tanwin, shadda) apart: those are removed so the
    words of the source text can be looked for as they are written.
    """
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return normalise(run(*args, str(path), "-"))


def normalise(value: str) -> str:
    value = re.sub("[\u200e\u200f\u202a-\u202e\u2066-\u2069]", "", value)
    value = re.sub("\\s?[\u064b-\u065f\u0670]", "", value)
    value = unicodedata.normalize("NFC", value)
    return re.sub(r"[ \t]+", " ", value)


def pages(path) -> int:
    return int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(path)), re.M).group(1))


@pytest.mark.parametrize("language", ["ar", "ti", "fr"])
def test_fonts_are_noto_and_embedded(rendered, language):
    rows = run("pdffonts", str(rendered[language])).splitlines()[2:]
    assert rows
    names = []
    for row in rows:
        name, *_middle, emb, sub, uni, _obj, _gen = row.split()
        assert emb == "yes", row  # every font embedded: prints the same anywhere
        assert uni == "yes", row  # with a Unicode map: text can be copied and searched
        names.append(name.split("+")[-1].replace("-", ""))
    assert any(name.startswith(FONTS[language]) for name in names), names
    assert all(name.startswith("Noto") for name in names), names


@pytest.mark.parametrize("language", ["ar", "ti", "fr"])
def test_expected_words_come_out_in_reading_order(rendered, language):
    content = text(rendered[language])
    for word in EXPECTED_WORDS[language]:
        assert normalise(word) in content, word
    assert normalise(demo_content.BOOKLET[language]["title"]) in re.sub(r"\s+", " ", content)
    if language == "ar":
        # Logical order, not a visual (reversed) one: "الصحة" reversed must not be there.
        assert "ةحصلا" not in content


@pytest.mark.parametrize("language", ["ar", "ti", "fr"])
def test_cover_toc_and_one_page_per_section_at_least(rendered, language):
    count = pages(rendered[language])
    sections = len(demo_content.sections(language))
    assert count >= sections + 2  # cover, contents, each section starts a page
    size = re.search(
        r"Page size:\s+([\d.]+) x ([\d.]+) pts", run("pdfinfo", str(rendered[language]))
    )
    assert (round(float(size.group(1))), round(float(size.group(2)))) == (420, 595)  # A5
    cover = text(rendered[language], 1)
    assert "grenoble-alpes métropole" in cover.lower()
    assert "accueil.example.org/b/bienvenue" in cover
    assert "2026" in cover


@pytest.mark.parametrize("language", ["ar", "ti", "fr"])
def test_table_of_contents_gives_each_section_its_page(rendered, language):
    path = rendered[language]
    toc = text(path, 2).splitlines()
    labels = pdf._labels(language)
    assert any(labels["contents"] in line for line in toc)
    numbers = []
    for _key, title, _body in demo_content.sections(language):
        wanted = normalise(title)
        line = next((line for line in toc if wanted in line), None)
        assert line is not None, (title, toc)
        found = re.findall(r"\b\d+\b", line.replace(wanted, ""))
        assert len(found) == 1, line
        numbers.append(int(found[0]))
        # The page the contents point to is the page where the section starts.
        assert text(path, numbers[-1]).lstrip().startswith(wanted) or (
            wanted in text(path, numbers[-1]).splitlines()[:3]
        ), (title, numbers[-1])
    assert numbers == sorted(numbers) and numbers[0] == 3
    assert numbers[-1] <= pages(path)


@pytest.mark.parametrize(
    ("language", "title", "body", "words"),
    [
        (
            "ps",
            "ښه راغلاست",
            "ماشومان باید **ښوونځي** ته لاړ شي.",
            ["راغلاست", "ښوونځي", "ماشومان"],
        ),
        ("fa-af", "خوش آمدید", "همه کودکان باید به **مکتب** بروند.", ["آمدید", "مکتب", "کودکان"]),
    ],
)
def test_dari_and_pashto_are_set_in_naskh_right_to_left(tmp_path, language, title, body, words):
    booklet = replace(
        demo_booklet("ar"),
        language=language,
        title=title,
        sections=(pdf.PdfSection(title, markup.render(body, language=language)),),
    )
    assert f'<html lang="{language}" dir="rtl">' in pdf.booklet_html(booklet)
    path = tmp_path / "booklet.pdf"
    path.write_bytes(pdf.render_pdf(booklet))
    fonts = run("pdffonts", str(path))
    assert "Noto-Naskh-Arabic" in fonts and "Noto-Sans-Arabic" not in fonts
    content = text(path)
    for word in words:
        assert word in content, word


def test_page_numbers_in_the_margin(rendered):
    page_label = pdf._labels("fr")["page"]
    for number in (3, 5, 9):
        assert re.search(rf"{page_label}\s+{number}\b", text(rendered["fr"], number))
    assert not re.search(rf"{page_label}\s+1\b", text(rendered["fr"], 1))  # not on the cover


def test_right_to_left_layout_and_fonts_per_language():
    assert pdf.direction("ar") == pdf.direction("fa-af") == pdf.direction("ps") == "rtl"
    assert pdf.direction("ti") == pdf.direction("fr") == pdf.direction("uk") == "ltr"
    html = pdf.booklet_html(demo_booklet("ar"))
    assert '<html lang="ar" dir="rtl">' in html
    assert "Noto Naskh Arabic" in pdf.font_stacks("fa-af")[0]
    assert pdf.font_stacks("ti")[0].startswith('"Noto Sans Ethiopic"')
    assert pdf.font_stacks("fr")[0].startswith('"Noto Sans"')
    assert '<html lang="ti" dir="ltr">' in pdf.booklet_html(demo_booklet("ti"))


def test_translated_labels_cannot_break_out_of_the_stylesheet():
    assert pdf._css_string('Pa"ge</style><script>') == '"Pa\\22 ge\\3c /style\\3e \\3c script\\3e "'
    assert pdf._css_string("صفحة") == '"صفحة"'


def test_qr_code_is_an_inline_svg_of_the_public_url():
    html = pdf.booklet_html(demo_booklet("fr"))
    assert 'src="data:image/svg+xml' in html
    assert pdf._qr_data_uri("https://accueil.example.org/b/x/fr/") != pdf._qr_data_uri(
        "https://accueil.example.org/b/y/fr/"
    )


def test_section_html_is_sanitised_again():
    booklet = replace(
        demo_booklet("fr"),
        sections=(pdf.PdfSection("Titre", '<p onclick="x">Texte<script>alert(1)</script></p>'),),
    )
    html = pdf.booklet_html(booklet)
    assert "<p>Texte</p>" in html
    assert "script" not in html.split("<body>")[1] and "onclick" not in html


# --- The URL fetcher -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/logo.png",
        "https://example.org/logo.png",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "/etc/passwd",
        "../../etc/passwd",
        "accueil-static:../../../../etc/passwd",
        "accueil-static:booklets/../../../../../etc/passwd",
        "accueil-static:%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "accueil-static:/etc/passwd",
        "accueil-static:booklets/pdf.css/../../config/settings.py",
        "accueil-static:..\\..\\config\\settings.py",
        "accueil-static:booklets/missing.css",
        "accueil-static:",
    ],
)
def test_fetcher_refuses_everything_but_data_and_static(url):
    with pytest.raises(ValueError):
        pdf.safe_url_fetcher(url)


def test_fetcher_serves_data_uris_and_static_files():
    response = pdf.safe_url_fetcher("data:text/plain;base64,aGVsbG8=")
    assert response.read() == b"hello"
    assert pdf.safe_url_fetcher("data:,a%20b").read() == b"a b"
    css = pdf.safe_url_fetcher(pdf.static_url("booklets/pdf.css"))
    assert b"@page" in css.read() and css.content_type == "text/css"


def test_fetcher_serves_static_root_but_not_a_link_out_of_it(settings, tmp_path):
    settings.STATIC_ROOT = str(tmp_path)
    (tmp_path / "collected.css").write_text("p { color: red }")
    (tmp_path / "escape.css").symlink_to("/etc/passwd")
    assert pdf.safe_url_fetcher("accueil-static:collected.css").read() == b"p { color: red }"
    with pytest.raises(ValueError):
        pdf.safe_url_fetcher("accueil-static:escape.css")


def test_rendering_makes_no_request_even_for_an_outside_image():
    hits = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_port}"
        booklet = replace(
            demo_booklet("fr"),
            sections=(
                pdf.PdfSection(
                    "Images",
                    f'<p><img src="{url}/tracker.png" alt="x"><img src="{url}/b.png" alt="y"></p>',
                ),
            ),
        )
        assert f"{url}/tracker.png" in pdf.booklet_html(booklet)  # it reached WeasyPrint
        assert pdf.render_pdf(booklet).startswith(b"%PDF")
    finally:
        server.shutdown()
        server.server_close()
    assert hits == []


def test_images_reach_the_pdf_as_data_uris():
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
        b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
        b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    uri = pdf.image_data_uri(png, "image/png")
    html = markup.render("![Plan](image:p1)", image_resolver={"p1": uri}.get)
    assert f'src="{uri}"' in html
    with pytest.raises(ValueError):
        pdf.image_data_uri(b"<svg/>", "image/svg+xml")


# --- Cache by content ------------------------------------------------------------------------


def small_booklet(**changes) -> pdf.PdfBooklet:
    booklet = replace(
        demo_booklet("ar"),
        sections=tuple(
            pdf.PdfSection(title, markup.render(body, language="ar"))
            for _key, title, body in demo_content.sections("ar")[:2]
        ),
    )
    return replace(booklet, **changes)


def test_content_key_is_stable_and_follows_every_field():
    base = small_booklet()
    key = pdf.content_key(base)
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert pdf.content_key(small_booklet()) == key
    changed = [
        small_booklet(title="x"),
        small_booklet(language="fa-af"),
        small_booklet(edition_label="Édition 2"),
        small_booklet(edition_date=date(2026, 11, 24)),
        small_booklet(public_url="https://accueil.example.org/b/other/ar/"),
        small_booklet(territory_name="Lyon"),
        small_booklet(sections=base.sections[:1]),
        small_booklet(sections=(base.sections[0], replace(base.sections[1], html="<p>x</p>"))),
    ]
    keys = {pdf.content_key(b) for b in changed}
    assert key not in keys and len(keys) == len(changed)


def test_content_key_follows_the_renderer_version(monkeypatch):
    key = pdf.content_key(small_booklet())
    monkeypatch.setattr(pdf, "RENDERER_VERSION", pdf.RENDERER_VERSION + "-next")
    assert pdf.content_key(small_booklet()) != key


def test_pdf_for_renders_an_unchanged_booklet_once(settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = str(tmp_path)
    renders = []
    real_render = pdf.render_pdf

    def counting_render(booklet):
        renders.append(booklet.title)
        return real_render(booklet)

    monkeypatch.setattr(pdf, "render_pdf", counting_render)
    name, rendered_now = pdf.pdf_for(small_booklet())
    assert rendered_now is True
    assert name == f"booklets/pdf/{pdf.content_key(small_booklet())}.pdf"
    stored = tmp_path / name
    first_mtime = stored.stat().st_mtime_ns
    assert stored.read_bytes().startswith(b"%PDF")

    again, rendered_again = pdf.pdf_for(small_booklet())
    assert (again, rendered_again) == (name, False)
    assert stored.stat().st_mtime_ns == first_mtime
    assert len(renders) == 1

    other, rendered_other = pdf.pdf_for(small_booklet(edition_label="Édition 2"))
    assert rendered_other is True and other != name
    assert len(renders) == 2
    assert sorted(p.name for p in (tmp_path / "booklets" / "pdf").iterdir()) == sorted(
        [name.rsplit("/", 1)[1], other.rsplit("/", 1)[1]]
    )
