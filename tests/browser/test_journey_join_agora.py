"""Journey 1 of PRODUCT.md: Amina joins the Agora through an invitation link."""

import pytest

from accounts.models import User
from core.models import Membership
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_invitation_signup_in_arabic_lands_in_the_agora(live_server, new_page, facilitator, agora):
    base = live_server.url

    # The facilitator makes an invitation link for a free seat.
    staff = new_page()
    log_in(staff, base, "facil")
    staff.goto(f"{base}/s/{agora.slug}/seats/")
    staff.locator("form[action$='/invite/'] button[type=submit]").first.click()
    link = staff.locator("#invitation-link").inner_text().strip()
    assert "/invite/" in link
    assert staff.locator(".qr svg").count() == 1

    # Amina opens it on her phone, picks Arabic and signs up without an e-mail address.
    phone = new_page()
    phone.goto(link)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url("**/accounts/signup/")
    phone.select_option("#language-select", "ar")
    phone.locator(".language-switcher button[type=submit]").click()
    phone.wait_for_load_state()
    assert phone.locator("html").get_attribute("dir") == "rtl"
    phone.fill("input[name=username]", "amina")
    phone.fill("input[name=display_name]", "Amina")
    phone.fill("input[name=password1]", "a-long-and-unusual-password")
    phone.fill("input[name=password2]", "a-long-and-unusual-password")
    assert phone.locator("select[name=interface_language]").input_value() == "ar"
    phone.check("input[name=languages_spoken][value=ar]")
    phone.select_option("select[name=interpretation_language]", "ar")
    phone.locator("main form button[type=submit]").click()

    # She lands in the Agora, right to left, in Arabic.
    phone.wait_for_url(f"**/s/{agora.slug}/")
    html = phone.locator("html")
    assert html.get_attribute("dir") == "rtl"
    assert html.get_attribute("lang") == "ar"
    assert phone.locator("h1").inner_text() == agora.name
    user = User.objects.get(username="amina")
    assert user.email == "" and user.interface_language == "ar"
    assert user.interpretation_language == "ar"
    assert Membership.objects.filter(user=user, space=agora, ended_at__isnull=True).exists()

    # The same link does not work twice.
    other_phone = new_page()
    response = other_phone.goto(link)
    assert response.status == 410

    # The facilitator sees the seat held by Amina.
    staff.goto(f"{base}/s/{agora.slug}/seats/")
    assert "Amina" in staff.locator("main").inner_text()
