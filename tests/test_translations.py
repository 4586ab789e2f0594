"""The catalogues: compiled files match their sources, placeholders survive, and the
languages the issue names are complete where they must be."""

from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGS = ["fr", "ar", "fa_AF", "ps", "ti", "uk", "es"]
# What every language must have: navigation, sign-up and space pages.
REQUIRED = [
    "Spaces",
    "My profile",
    "Log in",
    "Log out",
    "Language",
    "Skip to content",
    "Display name",
    "Languages you speak",
    "Language of the website",
    "Create my account",
    "You are invited",
    "Seats",
    "Members",
    "Phases",
    "Question",
]


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_source(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    mo = polib.mofile(str(LOCALE / lang / "LC_MESSAGES" / "django.mo"))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr or e.msgstr_plural) for e in mo}
    for entry in po.translated_entries():
        expected = entry.msgstr or dict(entry.msgstr_plural)
        got = compiled.get((entry.msgctxt, entry.msgid))
        assert got is not None, f"{lang}: {entry.msgid!r} is not compiled: run make messages"
        if isinstance(expected, dict):
            assert {int(k): v for k, v in got.items()} == {int(k): v for k, v in expected.items()}
        else:
            assert got == expected, f"{lang}: stale .mo for {entry.msgid!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_required_strings_are_translated(lang):
    po = polib.pofile(str(LOCALE / lang / "LC_MESSAGES" / "django.po"))
    done = {e.msgid for e in po.translated_entries()}
    missing = [m for m in REQUIRED if m not in done]
    assert not missing, f"{lang} lacks {missing}"


def test_french_and_english_are_complete():
    po = polib.pofile(str(LOCALE / "fr" / "LC_MESSAGES" / "django.po"))
    assert po.percent_translated() == 100
    assert not po.fuzzy_entries()


@pytest.mark.parametrize("lang", ["fr", "ar", "fa-af", "ps", "ti", "uk", "es"])
def test_interface_is_really_translated(lang):
    with translation.override(lang):
        assert translation.gettext("Log in") != "Log in"
        assert translation.get_language_bidi() == (lang in ("ar", "fa-af", "ps"))
