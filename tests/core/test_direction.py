"""Direction: what points somewhere points the reader's way."""

from pathlib import Path

from django.conf import settings
from django.template import Context, Template


def test_back_arrows_are_icons_mirrored_in_right_to_left_pages():
    """No "←" written in a template (it pointed the wrong way in Arabic, Dari and Pashto):
    back links use the directional icon, which the stylesheet mirrors under dir=rtl."""
    root = Path(settings.BASE_DIR)
    written = [
        str(path.relative_to(root))
        for path in [*root.glob("templates/**/*.html"), *root.glob("*/templates/**/*.html")]
        if "←" in path.read_text(encoding="utf-8")
    ]
    assert written == []
    html = Template('{% load accueil %}{% icon "back" %}').render(Context())
    assert 'class="icon flip"' in html
    css = (root / "static" / "css" / "site.css").read_text(encoding="utf-8")
    assert '[dir="rtl"] .icon.flip { transform: scaleX(-1); }' in css
