"""Demo booklet "Bienvenue dans la métropole": the data files
``booklets/demo_data/welcome.<language>.yaml`` (French source, Arabic, English, Tigrinya),
read once. No database: the demo seed and the PDF tests read it.

- ``SOURCE_LANGUAGE``, ``LANGUAGES``: ``"fr"`` and the four languages, source first.
- ``BOOKLET[language]``: ``{"title": str, "sections": [{"key", "title", "body"}, ...]}``, the
  sections in template order (``booklets.sections.SECTION_TEMPLATE``), the same keys in every
  language. Bodies use the format of ``booklets.markup`` (address cards, emergency numbers,
  "good to know" boxes).
- ``sections(language)``: the list of ``(key, title, body)`` of a language.

Places, addresses, phone numbers and e-mails are fictional ("exemple", numbers of the range
04 65 71 xx xx that ARCEP keeps for fiction, example.org). The emergency numbers (15, 17, 18,
112, 114, 115, 119, 3919) and the institutions (OFII, OFPRA, CNDA, CAF, CPAM...) are real.
Translators edit the YAML files; `tests/booklets/test_demo_content.py` checks them.
"""

from booklets.sections import SECTION_TEMPLATE
from core.demo_data import load

SOURCE_LANGUAGE = "fr"
LANGUAGES = ("fr", "ar", "en", "ti")

__all__ = ["BOOKLET", "LANGUAGES", "SECTION_TEMPLATE", "SOURCE_LANGUAGE", "sections"]


def _load(language: str) -> dict:
    data = load(__file__, f"welcome.{language}.yaml")
    return {"title": data["title"], "sections": data["sections"]}


BOOKLET = {language: _load(language) for language in LANGUAGES}


def sections(language: str) -> list[tuple[str, str, str]]:
    """``(key, title, body)`` of each section of the demo booklet in ``language``."""
    return [(s["key"], s["title"], s["body"]) for s in BOOKLET[language]["sections"]]
