"""Template helpers: inline SVG icons (no font or file to download, no emoji font needed),
dates in the reader's language (CLDR), people's names, code labels."""

from datetime import datetime

from django import template
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from core.formatting import format_when
from core.languages import SPOKEN_LANGUAGES
from core.models import College

register = template.Library()

# 24×24 stroke icons drawn for Accueil; currentColor so they follow the text colour.
_ICONS = {
    "home": '<path d="M3 11 12 4l9 7"/><path d="M5 10v10h5v-6h4v6h5V10"/>',
    "globe": '<circle cx="12" cy="12" r="9"/><path d="M3 12h18"/>'
    '<path d="M12 3c3 3.2 3 14.8 0 18M12 3c-3 3.2-3 14.8 0 18"/>',
    "calendar": '<rect x="3" y="5" width="18" height="16" rx="2"/>'
    '<path d="M3 10h18M8 3v4M16 3v4"/>',
    "question": '<circle cx="12" cy="12" r="9"/>'
    '<path d="M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.7.3-1 .9-1 1.7v.5"/><path d="M12 17.5v.01"/>',
    "assembly": '<path d="M3 20h18M5 20V10M19 20V10M9.5 20V10M14.5 20V10M3 10l9-6 9 6z"/>',
    "lab": '<path d="M9 3h6M10 3v6l-5 9a2 2 0 0 0 1.8 3h10.4a2 2 0 0 0 1.8-3l-5-9V3"/>'
    '<path d="M7.5 15h9"/>',
    "wave": '<path d="M7 11V6a1.5 1.5 0 0 1 3 0v5M10 10V4.5a1.5 1.5 0 0 1 3 0V10M13 10V5.5a1.5 '
    "1.5 0 0 1 3 0V12M16 9a1.5 1.5 0 0 1 3 0v5a7 7 0 0 1-12.5 4.3L4 14.5a1.5 1.5 0 0 1 2.4-1.8L7 "
    '13.5"/>',
    "check": '<path d="m5 12 5 5 9-10"/>',
    "clock": '<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>',
    "alert": '<path d="M12 3 2 20h20z"/><path d="M12 10v4M12 17v.01"/>',
    # Directional: drawn for left-to-right and mirrored in right-to-left pages (class "flip",
    # site.css), so "back" points to where the reader came from in Arabic, Dari and Pashto.
    "back": '<path d="M19 12H5M11 6l-6 6 6 6"/>',
    "forward": '<path d="M5 12h14M13 6l6 6-6 6"/>',
}
DIRECTIONAL = {"back", "forward"}


@register.filter
def when(value, style: str = "date_long") -> str:
    """A date, time or moment in the active language, as CLDR writes it (core.formatting):
    `{{ meeting.starts_at|when:"datetime_full" }}`. An aware datetime is shown in the current
    time zone (`{% timezone %}` blocks are followed), as Django's `date` filter does."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return format_when(value, style, translation.get_language())


@register.simple_tag
def icon(name: str, label: str = ""):
    """An inline icon; decorative (aria-hidden) unless a label is given."""
    paths = mark_safe(_ICONS[name])  # noqa: S308 - constant markup defined above
    css = "icon flip" if name in DIRECTIONAL else "icon"
    if label:
        return format_html(
            '<svg class="{}" viewBox="0 0 24 24" role="img" aria-label="{}">{}</svg>',
            css,
            label,
            paths,
        )
    return format_html(
        '<svg class="{}" viewBox="0 0 24 24" aria-hidden="true" focusable="false">{}</svg>',
        css,
        paths,
    )


@register.filter
def person(user, show_names=False) -> str:
    """A person's name as this reader may see it: the name itself for members of the
    person's space (`show_names`), otherwise `User.public_name` (a newcomer who did not
    choose to show their name is "a newcomer representative"). Use it for every name a
    public page can show, so the rule lives in one place (`User.name_is_public`)."""
    if user is None:
        return ""
    return str(user) if show_names else str(user.public_name)


@register.simple_tag
def language_name(code: str) -> str:
    """The name of a spoken language, in the reader's language."""
    return str(dict(SPOKEN_LANGUAGES).get(code, code))


# Codes that counting explanations carry, with their words: core's colleges here, and the
# choices other apps register in their AppConfig.ready() (proposals: the thresholds).
_CODE_LABELS: dict[str, object] = dict(College.choices)


def register_code_labels(choices) -> None:
    """Let the explanations of results show an app's codes as words (lazy translations)."""
    _CODE_LABELS.update(dict(choices))


def _code_label(value):
    """Counting explanations carry codes (a college, a threshold, a grade): show words."""
    if not isinstance(value, str):
        return value
    parts = value.split(", ")
    labels = _CODE_LABELS
    grades = {"to_reject", "poor", "acceptable", "good", "very_good", "excellent"}
    if all(p in labels or p in grades for p in parts):
        return ", ".join(str(labels[p]) if p in labels else grade_label(p) for p in parts)
    return value


@register.simple_tag
def explain(sentence) -> str:
    """A counting explanation sentence, [msgid, params], in the reader's language."""
    from django.utils.translation import gettext

    msgid, params = sentence
    params = {k: _code_label(v) for k, v in params.items()}
    try:
        return gettext(msgid) % params
    except (KeyError, TypeError, ValueError):
        return msgid % params


@register.simple_tag
def grade_label(grade: str) -> str:
    """Majority-judgment grades as words and stars, for readers of any level."""
    from django.utils.translation import gettext

    stars = {"to_reject": 0, "poor": 1, "acceptable": 2, "good": 3, "very_good": 4, "excellent": 5}
    labels = {
        "to_reject": gettext("To reject"),
        "poor": gettext("Poor"),
        "acceptable": gettext("Acceptable"),
        "good": gettext("Good"),
        "very_good": gettext("Very good"),
        "excellent": gettext("Excellent"),
    }
    # Stars (U+2605/U+2606 are in every common font) beside the word.
    count = stars.get(grade, 0)
    return f"{labels.get(grade, grade)} {'★' * count}{'☆' * (5 - count)}"
