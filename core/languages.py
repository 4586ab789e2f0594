"""Languages people speak (wider than the interface languages).

Codes are BCP 47 tags. The list covers the languages most spoken by people arriving
in French territories; it is data, not logic, so a territory can extend it.
"""

from django.utils.translation import gettext_lazy as _

SPOKEN_LANGUAGES: list[tuple[str, str]] = [
    ("fr", _("French")),
    ("en", _("English")),
    ("ar", _("Arabic")),
    ("fa-af", _("Dari")),
    ("fa", _("Persian (Farsi)")),
    ("ps", _("Pashto")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("uk", _("Ukrainian")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("so", _("Somali")),
    ("ku", _("Kurdish")),
    ("tr", _("Turkish")),
    ("ka", _("Georgian")),
    ("sq", _("Albanian")),
    ("bn", _("Bengali")),
    ("ur", _("Urdu")),
    ("ta", _("Tamil")),
    ("ln", _("Lingala")),
    ("wo", _("Wolof")),
    ("ff", _("Fula")),
    ("bm", _("Bambara")),
    ("sw", _("Swahili")),
    ("fr-sign", _("French Sign Language")),
]
SPOKEN_LANGUAGE_CODES = frozenset(code for code, _label in SPOKEN_LANGUAGES)
