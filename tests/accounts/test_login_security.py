"""Attacks on logging in: guessing passwords (on allauth's form and the admin's), locking a
member out from elsewhere, and getting past two-step login with a password alone."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import include, path, reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
ATTACKER_IP = "203.0.113.9"
HOME_IP = "198.51.100.7"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate limits live in the cache (Redis when configured): each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


def english_client(ip: str = ATTACKER_IP) -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR=ip)


def throttled(response) -> bool:
    return response.status_code == 429 or TOO_MANY in response.content.decode()


def login(client: Client, username: str, password: str):
    return client.post(reverse("account_login"), {"login": username, "password": password})


def admin_login(client: Client, username: str, password: str):
    """What an attacker does on /admin/login/: post the credentials there, and if the page
    sends them elsewhere to log in, post them there too (with the same `next`)."""
    url = reverse("admin:login") + "?next=" + reverse("admin:index")
    response = client.post(url, {"username": username, "password": password, "next": "/admin/"})
    if response.status_code == 302 and response.url.startswith(reverse("account_login")):
        response = client.post(response.url, {"login": username, "password": password})
    return response


def admin_opens(client: Client) -> bool:
    return client.get(reverse("admin:index")).status_code == 200


# Throttling ----------------------------------------------------------------------------
def test_a_stranger_cannot_lock_a_member_out(newcomer):
    """40 wrong passwords for amina from one address are throttled; amina, at home, still
    logs in with her password."""
    attacker = english_client(ATTACKER_IP)
    refused = sum(throttled(login(attacker, "amina", f"guess-{i}")) for i in range(40))
    assert refused >= 30, f"only {refused} of 40 wrong passwords throttled"

    amina = english_client(HOME_IP)
    response = login(amina, "amina", PASSWORD)
    assert not throttled(response)
    assert response.status_code == 302
    assert amina.get(reverse("accounts:profile")).status_code == 200


def test_guessing_from_one_address_stays_throttled_for_the_member_there(newcomer):
    """The limit per (address, account) holds: from the attacker's address even the right
    password waits, so trying the real one among guesses does not reset anything."""
    attacker = english_client(ATTACKER_IP)
    for i in range(5):
        login(attacker, "amina", f"guess-{i}")
    assert throttled(login(attacker, "amina", PASSWORD))


def test_one_address_guessing_many_accounts_is_throttled(db):
    """The global limit per address: spreading guesses over 40 accounts does not help."""
    for i in range(40):
        UserFactory(username=f"member{i}")
    attacker = english_client(ATTACKER_IP)
    refused = sum(throttled(login(attacker, f"member{i}", "guess")) for i in range(40))
    assert refused >= 30, f"only {refused} of 40 guesses on 40 accounts throttled"


def test_the_admin_login_is_throttled(db):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    attacker = english_client(ATTACKER_IP)
    refused = sum(throttled(admin_login(attacker, "root", f"guess-{i}")) for i in range(40))
    assert refused >= 30, f"only {refused} of 40 wrong admin passwords throttled"
    # The right password, tried after the guesses from the same address, waits too.
    admin_login(attacker, "root", PASSWORD)
    assert not admin_opens(attacker)


# Two-step login ------------------------------------------------------------------------
def activate_totp(user) -> str:
    """Enrol `user` through allauth.mfa's own API; returns the secret."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


def current_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_a_password_alone_does_not_open_the_admin_of_an_enrolled_superuser(db):
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    secret = activate_totp(root)
    client = english_client(HOME_IP)
    admin_login(client, "root", PASSWORD)
    assert not admin_opens(client)

    # The second step, done, opens it.
    response = client.get(reverse("mfa_authenticate"))
    assert response.status_code == 200
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302
    assert admin_opens(client)


def test_the_admin_login_page_sends_everyone_to_allauth(client, db):
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("admin:login") + "?next=/admin/auth/")
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
        assert "next=%2Fadmin%2Fauth%2F" in response.url


def test_a_signed_in_member_is_refused_by_the_admin_without_a_loop(client, newcomer):
    client.force_login(newcomer)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.status_code == 403
    assert len(response.redirect_chain) == 1  # /admin/ -> /admin/login/ -> 403


# Two-step login required ----------------------------------------------------------------
def test_who_must_use_two_step_login(agora, facilitator, newcomer):
    from django.contrib.auth.models import AnonymousUser

    from accounts.predicates import must_use_two_step
    from core.services import facilitator_add, membership_end

    co_facilitator = UserFactory(username="nadia", role="newcomer")
    membership = facilitator_add(actor=facilitator, space=agora, user=co_facilitator)
    former = UserFactory(username="former", role="partner")
    ended = facilitator_add(actor=facilitator, space=agora, user=former)
    membership_end(actor=facilitator, membership=ended)
    expected = {
        "anonymous": (AnonymousUser(), False),
        "newcomer": (newcomer, False),
        "partner": (UserFactory(username="paul", role="partner"), False),
        "former facilitator of a space": (former, False),
        "official": (UserFactory(username="odile", role="official"), True),
        "facilitator (account role)": (facilitator, True),
        "facilitator of a space (newcomer account)": (co_facilitator, True),
        "staff": (UserFactory(username="staff", is_staff=True), True),
        "superuser": (UserFactory(username="root", is_superuser=True), True),
    }
    got = {label: must_use_two_step(user) for label, (user, _) in expected.items()}
    assert got == {label: want for label, (_, want) in expected.items()}
    assert membership.role == "facilitator"


ENROL = "/accounts/2fa/totp/activate/"
REAUTH = "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"


def pages(agora_slug="agora") -> list[str]:
    return [
        "/",
        reverse("accounts:profile"),
        reverse("core:notifications"),
        reverse("portal:space", args=[agora_slug]),
        reverse("accounts:seat-list", args=[agora_slug]),
        reverse("account_change_password"),
        reverse("mfa_index"),  # allowed: where allauth explains an unverified address
    ]


def test_enrol_url_is_allauths():
    assert reverse("mfa_activate_totp") == ENROL
    assert reverse("account_reauthenticate") + "?next=" + quote(ENROL, safe="") == REAUTH


def test_a_facilitator_without_totp_is_sent_to_enrolment_from_every_page(
    two_step_required, agora, facilitator
):
    client = english_client(HOME_IP)
    response = login(client, "facil", PASSWORD)
    assert response.status_code == 302
    for url in pages()[:-1]:
        response = client.get(url)
        assert (response.status_code, response.url) == (302, ENROL), url
        assert client.head(url).status_code == 302, url
    # allauth asks for the password again before enrolment (exempt too), then enrols.
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert [url for url, _ in response.redirect_chain] == [ENROL, REAUTH]
    assert "doit donc utiliser la connexion en deux étapes" in response.content.decode()
    response = client.post(REAUTH, {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [(ENROL, 302)]
    assert 'name="code"' in response.content.decode()  # allauth's form, with its QR code
    # Other methods: refused with a page that says why, nothing written.
    before = facilitator.display_name
    response = client.post(reverse("accounts:profile"), {"display_name": "Changed"})
    assert response.status_code == 403
    assert "doit donc utiliser la connexion en deux étapes" in response.content.decode()
    facilitator.refresh_from_db()
    assert facilitator.display_name == before


def test_staff_without_totp_cannot_use_the_admin(two_step_required, db):
    UserFactory(username="root", is_staff=True, is_superuser=True)
    client = english_client(HOME_IP)
    admin_login(client, "root", PASSWORD)
    response = client.get(reverse("admin:index"))
    assert (response.status_code, response.url) == (302, ENROL)
    assert client.post(reverse("admin:accounts_user_changelist"), {}).status_code == 403


def test_after_enrolling_through_allauths_form_she_gets_through(
    two_step_required, agora, facilitator
):
    client = english_client(HOME_IP)
    login(client, "facil", PASSWORD)
    client.post(REAUTH, {"password": PASSWORD})
    page = client.get(ENROL)
    assert page.status_code == 200
    secret = page.context["form"].secret
    response = client.post(ENROL, {"code": current_code(secret)})
    assert response.status_code == 302
    for url in pages():
        assert client.get(url).status_code == 200, url


def test_an_enrolled_facilitator_gets_through(two_step_required, agora, facilitator, newcomer):
    activate_totp(facilitator)
    client = Client()
    client.force_login(facilitator)
    for url in pages():
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["newcomer", "partner"])
def test_members_are_not_forced(two_step_required, members, role):
    person = UserFactory(username=f"a-{role}", role=role)
    client = Client()
    for user in (members[0].user, person):
        client.force_login(user)
        for url in ("/", reverse("accounts:profile"), reverse("core:notifications")):
            assert client.get(url).status_code == 200, (user, url)


def test_without_the_setting_nobody_is_forced(agora, facilitator):
    client = Client()
    client.force_login(facilitator)
    assert client.get("/").status_code == 200


def test_exempt_pages_work_before_enrolment(two_step_required, agora, facilitator):
    client = english_client(HOME_IP)
    login(client, "facil", PASSWORD)
    # Enrolment and the other two-step pages, the e-mail pages, re-entering the password.
    assert client.get(ENROL).url == REAUTH  # allauth's own step, not ours
    for url in (
        reverse("mfa_index"),
        reverse("account_email"),
        reverse("account_email_verification_sent"),
        reverse("account_confirm_email", args=["a-key-from-an-e-mail"]),
        reverse("account_reauthenticate"),
    ):
        assert client.get(url).status_code == 200, url
    client.post(REAUTH, {"password": PASSWORD})
    assert client.get(ENROL).status_code == 200
    # Choosing a language.
    response = client.post(reverse("accounts:set-language"), {"language": "ar", "next": "/me/"})
    assert (response.status_code, response.url) == (302, "/me/")
    facilitator.refresh_from_db()
    assert facilitator.interface_language == "ar"
    # Logging out.
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).url.startswith(reverse("account_login"))


def test_an_unverified_address_does_not_trap_her_in_a_loop(two_step_required, agora, facilitator):
    """allauth refuses enrolment while an e-mail address is unverified and sends her to the
    list of authenticators; that page and the e-mail pages must stay open."""
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=facilitator, email="claire@example.org", verified=False)
    client = english_client(HOME_IP)
    login(client, "facil", PASSWORD)
    response = client.get("/", follow=True)
    assert response.status_code == 200
    assert [url for url, _ in response.redirect_chain] == [ENROL, reverse("mfa_index")]
    assert client.get(reverse("account_email")).status_code == 200


def _media_view(request, path):
    from django.http import HttpResponse

    return HttpResponse("file")


# The site's URLs plus routes under /media/ and /static/ (the site serves neither itself:
# WhiteNoise and the proxy do), to check that the middleware lets such files through.
urlpatterns = [
    path("media/<path:path>", _media_view),
    path("static/<path:path>", _media_view),
    path("", include("config.urls")),
]


@pytest.mark.urls(__name__)
def test_static_and_media_files_are_not_redirected(two_step_required, facilitator):
    client = Client()
    client.force_login(facilitator)
    assert client.get("/media/booklets/a.png").status_code == 200
    assert client.get("/static/css/site.css").status_code == 200
    assert client.get("/me/").status_code == 302  # the same URLconf, an ordinary page


def test_the_login_page_says_how_to_get_an_account_not_to_sign_up(db):
    """Sign-up is by invitation: the login page says so and links to no closed sign-up page
    (it used to say "create an account first" and lead to "Sign-up closed")."""
    html = english_client().get(reverse("account_login")).content.decode()
    assert "Accounts are opened by invitation" in html
    assert f'href="{reverse("account_signup")}' not in html


def test_a_throttled_login_says_for_how_long(newcomer):
    client = english_client()
    for i in range(5):
        login(client, "amina", f"guess-{i}")
    html = login(client, "amina", PASSWORD).content.decode()
    assert "Wait 5 minutes, then try again" in html
