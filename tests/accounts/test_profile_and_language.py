import json

import pytest
from django.urls import reverse

from accounts.models import User
from core.models import Membership
from core.services import membership_start
from tests.conftest import first_free_seat

pytestmark = pytest.mark.django_db


def page_dir(response) -> str:
    body = response.content.decode()
    return body.split(' dir="')[1].split('"')[0]


@pytest.mark.parametrize(
    ("code", "direction"),
    [
        ("ar", "rtl"),
        ("fa-af", "rtl"),
        ("ps", "rtl"),
        ("ti", "ltr"),
        ("uk", "ltr"),
        ("es", "ltr"),
        ("en", "ltr"),
        ("fr", "ltr"),
    ],
)
def test_language_switcher_sets_language_and_direction(client, code, direction):
    response = client.post(reverse("accounts:set-language"), {"language": code, "next": "/"})
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/")
    assert f'lang="{code}"' in page.content.decode()
    assert page_dir(page) == direction


def test_default_language_is_french(client, db):
    page = client.get("/")
    assert 'lang="fr"' in page.content.decode()
    assert "Espaces" in page.content.decode()


def test_switcher_is_on_every_page(client, db):
    for url in ["/", reverse("account_login"), reverse("accounts:invitation", args=["x"])]:
        assert 'name="language"' in client.get(url).content.decode()


def test_switcher_follows_the_person(client, newcomer):
    client.force_login(newcomer)
    client.post(reverse("accounts:set-language"), {"language": "ar", "next": "/"})
    newcomer.refresh_from_db()
    assert newcomer.interface_language == "ar"
    # A new device (no cookie) shows the profile's language.
    client.cookies.clear()
    client.force_login(newcomer)
    assert page_dir(client.get("/")) == "rtl"


def test_unknown_language_changes_nothing(client, newcomer):
    client.force_login(newcomer)
    response = client.post(reverse("accounts:set-language"), {"language": "xx", "next": "/"})
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.interface_language == "fr"


@pytest.mark.parametrize("code", ["ti", "ps"])
def test_untranslated_string_falls_back_to_french(code):
    """Languages with a partial catalogue show French, the default, for what is missing
    (here: django-allauth ships no Tigrinya or Pashto), not English."""
    from django.utils import translation

    with translation.override(code):
        assert translation.gettext("Forgot your password?") == "Mot de passe oublié ?"
    with translation.override("en"):
        assert translation.gettext("Forgot your password?") == "Forgot your password?"


def test_profile_update(client, newcomer):
    client.force_login(newcomer)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "Amina K.",
            "languages_spoken": ["ar", "en"],
            "interface_language": "en",
            "interpretation_language": "ar",
            "other_needs": "childcare",
            "show_name_publicly": "on",
        },
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Amina K." and newcomer.languages_spoken == ["ar", "en"]
    assert newcomer.show_name_publicly and newcomer.other_needs == "childcare"


def test_bad_profile_keeps_input_and_saves_nothing(client, newcomer):
    client.force_login(newcomer)
    response = client.post(
        reverse("accounts:profile"),
        {
            "display_name": "   ",
            "languages_spoken": ["ar", "klingon"],
            "interface_language": "fr",
            "other_needs": "wheelchair access",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "wheelchair access" in body and "errorlist" in body
    newcomer.refresh_from_db()
    assert newcomer.display_name == "Amina" and newcomer.other_needs == ""


def test_data_export_holds_own_data_only(client, agora, facilitator, newcomer):
    membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
    client.force_login(newcomer)
    response = client.get(reverse("accounts:data-export"))
    data = json.loads(response.content)
    assert data["profile"]["username"] == "amina"
    assert data["data"]["memberships"][0]["space_name"] == "Agora"
    assert "facil" not in response.content.decode()


def test_delete_account_frees_the_seat(client, agora, facilitator, newcomer):
    m = membership_start(actor=facilitator, seat=first_free_seat(agora), user=newcomer)
    client.force_login(newcomer)
    response = client.post(reverse("accounts:account-delete"))
    assert response.status_code == 400 and User.objects.filter(pk=newcomer.pk).exists()
    client.post(reverse("accounts:account-delete"), {"confirm": "yes"})
    # A tombstone stays (tests/accounts/test_deletion.py); the membership ends.
    assert User.objects.get(pk=newcomer.pk).deleted_at is not None
    assert Membership.objects.get(pk=m.pk).ended_at is not None
    assert first_free_seat(agora).number == 1


def test_login_with_username_or_email(client, newcomer):
    newcomer.email = "amina@example.org"
    newcomer.save()
    for login in ("amina", "amina@example.org"):
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": login, "password": "correct-horse-battery"}
        )
        assert response.status_code == 302, login


def test_failed_logins_are_rate_limited(client, newcomer):
    """After 5 failures on one account, even the right password is refused for a while."""
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "amina", "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": "amina", "password": "correct-horse-battery"}
    )
    assert response.status_code == 200  # not logged in: the form again
    with translation.override("fr"):
        expected = translation.ngettext(
            "Too many failed login attempts. Wait %(minutes)s minute, then try again, "
            "or reset your password.",
            "Too many failed login attempts. Wait %(minutes)s minutes, then try again, "
            "or reset your password.",
            5,
        ) % {"minutes": 5}  # the longest window of ACCOUNT_RATE_LIMITS["login_failed"]: 5m
    assert "5" in expected and expected != "Too many failed login attempts. Try again later."
    assert expected.replace("'", "&#x27;") in response.content.decode()
    cache.clear()
