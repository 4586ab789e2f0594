"""Dates in every interface language come from CLDR (core.formatting, the `when` filter).

Two references, both independent of the code under test:
- what a reader of each language expects, written out by hand for the dates users reported
  wrong (French month names in Tigrinya and Pashto, Iranian months in Dari, month/day order in
  Arabic and English, the nominative month in Ukrainian);
- CLDR's own patterns and month names read from the locale data, and filled in by a small
  renderer written here (not Babel's), so the right locale, width and joining are checked.
"""

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from babel import Locale
from babel.dates import get_datetime_format
from django.conf import settings
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

from core.formatting import STYLES, cldr_locale, format_when

PARIS = ZoneInfo("Europe/Paris")
MOMENT = datetime(2026, 12, 3, 20, 5, tzinfo=PARIS)  # Thursday 3 December 2026, 20:05
LANGUAGES = [code for code, _name in settings.LANGUAGES]
FRENCH_MONTHS = [
    *("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août"),
    *("septembre", "octobre", "novembre", "décembre"),
    *("janv.", "févr.", "avr.", "juil.", "sept.", "oct.", "nov.", "déc."),
]

# What a reader of the language expects for 3 December 2026 (long date).
EXPECTED_LONG = {
    "fr": "3 décembre 2026",
    "en": "3 December 2026",
    "es": "3 de diciembre de 2026",
    "uk": "3 грудня 2026\u202fр.",  # genitive "of December", not the nominative "грудень"
    "ar": "3 ديسمبر 2026",
    "fa-af": "3 دسمبر 2026",  # the Afghan name of December, not the Iranian calendar's "آذر"
    "ps": "3 دسمبر 2026",
    "ti": "ታሕሳስ 3, 2026",  # CLDR's long Tigrinya date (month, day, year)
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_long_date_is_what_a_reader_of_the_language_expects(language):
    assert format_when(MOMENT, "date_long", language) == EXPECTED_LONG[language]


def test_every_interface_language_has_its_expectation():
    assert sorted(EXPECTED_LONG) == sorted(LANGUAGES)


@pytest.mark.parametrize("language", ["ar", "en", "fr", "uk", "es"])
def test_the_short_date_puts_the_day_before_the_month(language):
    text = format_when(date(2026, 12, 3), "date_short", language)
    digits = re.findall(r"\d+", text)
    assert digits[:2] in (["3", "12"], ["03", "12"]), text


@pytest.mark.parametrize("language", ["ti", "ps", "fa-af", "ar", "uk", "en", "es"])
@pytest.mark.parametrize("style", STYLES)
def test_no_french_month_or_weekday_outside_french(language, style):
    value = MOMENT.timetz() if style == "time" else MOMENT
    text = format_when(value, style, language).lower()
    assert not any(word in text.split() for word in FRENCH_MONTHS + ["jeudi", "jeu."]), text


# --- Against CLDR's patterns, with a renderer of our own ---------------------------------------


def _render(pattern: str, value, locale: Locale) -> str:
    """Fill a CLDR date/time pattern with its fields (the subset the short, long and full
    formats of our languages use). Quoted text is literal; '' is a quote."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":
            end = pattern.index("'", i + 1) if "'" in pattern[i + 1 :] else len(pattern)
            out.append(pattern[i + 1 : end] or "'")
            i = end + 1
            continue
        if not char.isalpha():
            out.append(char)
            i += 1
            continue
        run = len(re.match(rf"{re.escape(char)}+", pattern[i:]).group())
        out.append(_field(char, run, value, locale))
        i += run
    return "".join(out)


def _field(char: str, run: int, value, locale: Locale) -> str:
    if char == "d":
        return f"{value.day:0{run}d}"
    if char in "ML":
        context = "format" if char == "M" else "stand-alone"
        if run <= 2:
            return f"{value.month:0{run}d}"
        width = {3: "abbreviated", 4: "wide", 5: "narrow"}[run]
        return locale.months[context][width][value.month]
    if char == "y":
        return f"{value.year % 100:02d}" if run == 2 else str(value.year)
    if char in "Ec":
        width = {1: "abbreviated", 2: "abbreviated", 3: "abbreviated", 4: "wide"}[run]
        return locale.days["format"][width][value.weekday()]
    if char == "H":
        return f"{value.hour:0{run}d}"
    if char == "h":
        return f"{(value.hour % 12) or 12:0{run}d}"
    if char == "m":
        return f"{value.minute:0{run}d}"
    if char == "a":
        return locale.day_periods["format"]["abbreviated"]["am" if value.hour < 12 else "pm"]
    if char == "B":  # flexible day period: the tests keep away from it
        raise AssertionError("day period in a pattern")
    raise AssertionError(f"pattern letter {char!r} not rendered by the test")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", ["short", "long", "full"])
def test_dates_follow_cldr_patterns_of_the_language(language, width):
    locale = cldr_locale(language)
    expected = _render(locale.date_formats[width].pattern, MOMENT, locale)
    assert format_when(MOMENT, f"date_{width}", language) == expected


@pytest.mark.parametrize("language", LANGUAGES)
def test_times_and_moments_follow_cldr_patterns_of_the_language(language):
    locale = cldr_locale(language)
    clock = _render(locale.time_formats["short"].pattern, MOMENT, locale)
    assert format_when(MOMENT, "time", language) == clock
    for width in ("short", "long", "full"):
        day = _render(locale.date_formats[width].pattern, MOMENT, locale)
        joined = get_datetime_format(width, locale=locale).replace("'", "")  # "{1} 'à' {0}"
        expected = joined.replace("{0}", clock).replace("{1}", day)
        assert format_when(MOMENT, f"datetime_{width}", language) == expected


def test_locales_chosen_for_the_interface_languages():
    chosen = {code: str(cldr_locale(code)) for code in LANGUAGES}
    assert chosen == {
        "fr": "fr",
        "en": "en_GB",
        "ar": "ar",
        "fa-af": "fa_AF",
        "ps": "ps",
        "ti": "ti",
        "uk": "uk",
        "es": "es",
    }
    assert str(cldr_locale("xx")) == "fr"  # unknown: the site's language
    assert str(cldr_locale(None)) == "fr"


def test_wrong_values_are_refused_clearly():
    assert format_when(None, "date_long", "fr") == ""
    with pytest.raises(ValueError, match="unknown date style"):
        format_when(MOMENT, "someday", "fr")
    with pytest.raises(TypeError):
        format_when(time(20, 5), "date_long", "fr")
    with pytest.raises(TypeError):
        format_when(date(2026, 12, 3), "datetime_long", "fr")


# --- Where dates are shown ---------------------------------------------------------------------


def test_the_filter_shows_an_aware_moment_in_the_current_time_zone():
    utc = datetime(2026, 12, 3, 19, 5, tzinfo=ZoneInfo("UTC"))  # 20:05 in Paris
    template = Template('{% load accueil %}{{ moment|when:"time" }}')
    with translation.override("fr"), timezone.override(PARIS):
        assert template.render(Context({"moment": utc})) == "20:05"
    with translation.override("fr"), timezone.override(ZoneInfo("Asia/Kabul")):
        assert template.render(Context({"moment": utc})) == "23:35"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ti", "ps", "fa-af", "uk"])
def test_the_meeting_page_shows_the_date_in_the_readers_language(language, meeting):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    local = timezone.localtime(meeting.starts_at, ZoneInfo(meeting.time_zone))
    locale = cldr_locale(language)
    assert locale.months["format"]["wide"][local.month] in html
    words = set(re.findall(r"\w+\.?", html.lower()))
    assert not words & set(FRENCH_MONTHS), words & set(FRENCH_MONTHS)


def test_the_pdf_cover_date_is_in_the_booklets_language():
    from booklets import pdf

    booklet = type("B", (), {"edition_date": date(2026, 12, 3), "language": "ti"})()
    assert pdf._edition_date(booklet) == EXPECTED_LONG["ti"]
