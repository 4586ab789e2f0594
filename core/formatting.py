"""Dates and times in each language, from CLDR (through Babel): one helper for pages, PDFs,
e-mails, notices and feeds.

Django's own formats exist for some of Accueil's languages only: Tigrinya and Pashto fell back
to French month names ("ሰሉስ 5 janvier 2027"), Dari got Iranian month names, Arabic and English
the US month/day order, Ukrainian the nominative month ("5 Січень"). CLDR has every language
Accueil speaks, with its month names (in the grammatical case a date needs), its order of day,
month and year, and how a date and a time are joined. Nothing here is written per language
except which CLDR locale a language uses (`LOCALES`).

Styles, each CLDR's own pattern for the locale:
- `date_short`, `date_long`, `date_full` (with the weekday): CLDR's short, long and full dates;
- `time`: CLDR's short time (24 h or 12 h as the language writes it);
- `datetime_short`, `datetime_long`, `datetime_full`: that date and the short time joined by
  CLDR's date-time pattern of the same width ("{1} 'à' {0}", "{1}، ساعت {0}"...).

Digits: Babel writes Western digits in every locale (CLDR's native digits for Arabic, Dari and
Pashto are not applied); they are what official documents in France use, and phones read
them everywhere.

No Django here: the caller gives the language and converts to the local time zone (the
template filters in core/templatetags/accueil.py do both).
"""

from datetime import date, datetime, time

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_time, get_datetime_format

# Interface language (Django's code) -> CLDR locale. English in a European territory writes
# the day before the month (CLDR's "en" is American English); Dari is Afghan Persian.
LOCALES = {
    "en": "en_GB",
    "fa-af": "fa_AF",
}
DEFAULT_LOCALE = "fr"

STYLES = (
    "date_short",
    "date_long",
    "date_full",
    "time",
    "datetime_short",
    "datetime_long",
    "datetime_full",
)


def cldr_locale(language: str | None) -> Locale:
    """The CLDR locale of an interface language ("fa-af" -> fa_AF); French when unknown."""
    code = (language or DEFAULT_LOCALE).lower()
    code = LOCALES.get(code, code).replace("-", "_")
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        try:
            return Locale.parse(code.split("_")[0])
        except (UnknownLocaleError, ValueError):
            return Locale.parse(DEFAULT_LOCALE)


def _join(width: str, day: str, clock: str, locale: Locale) -> str:
    # As Babel's format_datetime does with its own widths: CLDR's pattern, quotes removed.
    pattern = get_datetime_format(width, locale=locale).replace("'", "")
    return pattern.replace("{0}", clock).replace("{1}", day)


def format_when(value, style: str, language: str | None) -> str:
    """`value` (a date, a datetime already in local time, or a time) in `style`."""
    if value is None or value == "":
        return ""
    if style not in STYLES:
        raise ValueError(f"unknown date style {style!r}; one of {', '.join(STYLES)}")
    locale = cldr_locale(language)
    if style == "time":
        clock = value.time() if isinstance(value, datetime) else value
        if not isinstance(clock, time):
            raise TypeError(f"a time or a datetime is needed for {style!r}, not {value!r}")
        return format_time(clock, "short", locale=locale)
    width = style.split("_", 1)[1]
    if isinstance(value, datetime):
        day = value.date()
    elif isinstance(value, date):
        day = value
    else:
        raise TypeError(f"a date or a datetime is needed for {style!r}, not {value!r}")
    text = format_date(day, width, locale=locale)
    if style.startswith("datetime_"):
        if not isinstance(value, datetime):
            raise TypeError(f"a datetime is needed for {style!r}, not {value!r}")
        text = _join(width, text, format_time(value.time(), "short", locale=locale), locale)
    return text
