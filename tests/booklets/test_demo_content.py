"""The demo booklet: complete in four languages, well-formed, in the right scripts."""

import re

import pytest

from booklets import demo_content, markup

KEYS = [key for key, _fr, _en in demo_content.SECTION_TEMPLATE]
SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff]"),
    "ti": re.compile(r"[\u1200-\u137f]"),
    "fr": re.compile(r"[a-zàâçéèêëîïôûùüÿœ]"),
    "en": re.compile(r"[a-z]"),
}


def test_template_lists_the_sections_of_the_issue_in_order():
    assert KEYS[0] == "first_steps" and KEYS[-1] == "glossary"
    assert len(KEYS) == len(set(KEYS)) == 15
    assert all(fr and en for _key, fr, en in demo_content.SECTION_TEMPLATE)


@pytest.mark.parametrize("language", demo_content.LANGUAGES)
def test_every_language_has_every_section_in_template_order(language):
    assert [key for key, _t, _b in demo_content.sections(language)] == KEYS
    assert demo_content.BOOKLET[language]["title"]


@pytest.mark.parametrize("language", demo_content.LANGUAGES)
def test_every_section_is_valid_markup_and_renders(language):
    for key, title, body in demo_content.sections(language):
        assert markup.validate(body) == [], (language, key)
        assert title.strip()
        assert markup.render(body, language=language).strip()


@pytest.mark.parametrize("language", ["ar", "ti"])
def test_translations_are_written_in_their_script(language):
    for key, title, body in demo_content.sections(language):
        prose = re.sub(r":::.*?:::", "", body, flags=re.S)
        letters = [c for c in title + prose if c.isalpha()]
        native = [c for c in letters if SCRIPTS[language].match(c)]
        # Acronyms (OFII, CAF...) and French names stay in Latin letters; the rest does not.
        assert len(native) > 0.6 * len(letters), (language, key)


@pytest.mark.parametrize("language", demo_content.LANGUAGES)
def test_blocks_are_used_like_in_the_source(language):
    def blocks(lang):
        return [
            re.findall(r"^:::(\w+)", body, flags=re.M)
            for _k, _t, body in demo_content.sections(lang)
        ]

    assert blocks(language) == blocks(demo_content.SOURCE_LANGUAGE)
    everything = "".join(body for _k, _t, body in demo_content.sections(language))
    for kind in ("address", "emergency", "tip"):
        assert f":::{kind}" in everything


@pytest.mark.parametrize("language", demo_content.LANGUAGES)
def test_real_emergency_numbers_and_fictional_phone_numbers(language):
    emergency = {k: b for k, _t, b in demo_content.sections(language)}["emergency"]
    numbers = re.findall(r"^(\d+):", emergency, flags=re.M)
    assert set(numbers) >= {"15", "17", "18", "112", "114", "115", "119"}
    for _key, _title, body in demo_content.sections(language):
        for phone in re.findall(r"^phone: (.*)$", body, flags=re.M):
            assert phone.startswith("04 65 71 "), phone  # ARCEP's range for fiction
        for email in re.findall(r"^email: (.*)$", body, flags=re.M):
            assert email.endswith("@example.org")
