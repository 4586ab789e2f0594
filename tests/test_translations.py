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


def test_counting_messages_are_extracted_for_translation():
    """votes/counting_messages.py is what the extractor writes from the counting core."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "extract", settings.BASE_DIR / "scripts" / "extract_counting_messages.py"
    )
    extract = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(extract)
    committed = (settings.BASE_DIR / "votes" / "counting_messages.py").read_text()
    assert committed == extract.render(extract.collect()), (
        "run: python scripts/extract_counting_messages.py"
    )


def test_every_explanation_of_a_count_is_in_the_catalogue():
    from counting import count
    from votes.counting_messages import MESSAGES

    cases = [
        ("for_against", {"roll_size": 5}, ["for", "for", "against", "abstain"]),
        ("for_against", {"roll_size": 4, "threshold": "two_thirds"}, ["for", "against"]),
        ("for_against", {"roll_size": 9, "threshold": "absolute_seats"}, ["for"] * 5),
        ("for_against", {"roll_size": 10}, ["for"]),
        (
            "for_against",
            {
                "roll_size": 6,
                "require_each_college": True,
                "college_rolls": {"newcomers": 2, "partners": 2, "decision_makers": 2},
            },
            [
                {"college": c, "vote": v}
                for c, v in [
                    ("newcomers", "for"),
                    ("newcomers", "against"),
                    ("partners", "for"),
                    ("decision_makers", "for"),
                ]
            ],
        ),
        ("consent", {"roll_size": 3}, ["consent", {"vote": "objection", "upheld": True}]),
        ("approval", {"roll_size": 3, "options": ["a", "b"]}, [["a"], ["b"], []]),
        (
            "irv",
            {"roll_size": 5, "options": ["a", "b", "c"]},
            [["a"], ["b", "a"], ["c", "b"], ["a"], []],
        ),
        (
            "majority_judgment",
            {"roll_size": 2, "options": ["a", "b"]},
            [{"a": "good", "b": "poor"}, {"a": "excellent", "b": "good"}],
        ),
        ("sense_check", {"roll_size": 2}, ["for", "against"]),
    ]
    for method, params, ballots in cases:
        for msgid, _params in count(method, params, ballots).explanation:
            assert msgid in MESSAGES, f"{method}: {msgid!r} not extracted"
