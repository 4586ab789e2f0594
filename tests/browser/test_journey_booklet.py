"""Journey 5 of PRODUCT.md: a booklet is co-written, translated, approved by a vote of the
Agora and published; a reader without an account reads it in Arabic and downloads the PDF.
Also: two editors on one section (the second gets the conflict view), and axe-core on the
public and editor pages."""

import pytest

from booklets.models import Booklet, Edition, Revision
from tests.browser.conftest import log_in
from tests.browser.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(members):
    amina, yonas, farid = (m.user for m in members[:3])
    farid.languages_spoken = ["fa-af", "ar"]  # reads Arabic: he can approve it
    farid.save()
    yonas.languages_spoken = ["ti", "fr"]
    yonas.save()
    return {"amina": amina, "yonas": yonas, "farid": farid}


def status_cell(page, language_index: int) -> str:
    """The class of the first section's status in the given language column."""
    link = page.locator("table.bk-table tbody tr").first.locator("td a").nth(language_index)
    return link.get_attribute("class")


def test_journey_draft_translate_outdate_approve_vote_publish_read(
    live_server, new_page, facilitator, agora, members, people, eager_celery
):
    from votes import services as voting

    base = live_server.url
    staff = new_page()
    log_in(staff, base, "facil")

    # The facilitator creates the booklet from the template, French → Arabic.
    staff.goto(f"{base}/s/{agora.slug}/booklets/new/")
    staff.fill("input[name=title]", "Bienvenue dans la métropole")
    staff.check("input[name=target_languages][value=ar]")
    staff.check("input[name=approval][value=vote]")
    for box in staff.locator("input[name=sections]").all():
        box.uncheck()
    staff.check("input[name=sections][value=housing]")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url("**/booklets/*/")
    booklet = Booklet.objects.get()
    section = booklet.sections.get()

    # Yonas drafts the section in French.
    writer = new_page()
    log_in(writer, base, people["yonas"].username)
    writer.goto(f"{base}/booklets/sections/{section.pk}/fr/")
    writer.fill("textarea[name=body]", "Le 115 répond jour et nuit.\n\n:::tip\nC'est gratuit.\n:::")
    writer.locator("main form button[type=submit]").first.click()
    writer.wait_for_load_state()

    # Amina translates it into Arabic and asks for a review.
    translator = new_page()
    log_in(translator, base, people["amina"].username)
    translator.goto(f"{base}/booklets/sections/{section.pk}/ar/")
    assert translator.locator("form[lang=ar]").get_attribute("dir") == "rtl"
    assert "Le 115 répond jour et nuit." in translator.locator("main").inner_text()
    translator.fill("input[name=title]", "السكن والإيواء الطارئ")
    translator.fill("textarea[name=body]", "الرقم 115 يجيب ليلاً ونهاراً.")
    translator.check("input[name=ready_for_review]")
    translator.locator("main form button[type=submit]").first.click()
    translator.wait_for_load_state()

    # Yonas edits the French again: the Arabic shows outdated.
    writer.goto(f"{base}/booklets/sections/{section.pk}/fr/")
    writer.fill("textarea[name=body]", "Le 115 répond jour et nuit, gratuitement.")
    writer.locator("main form button[type=submit]").first.click()
    writer.wait_for_load_state()
    writer.goto(f"{base}/booklets/{booklet.pk}/")
    assert "bk-outdated" in status_cell(writer, 1)

    # Amina sees what changed in the French and updates her translation.
    translator.goto(f"{base}/booklets/sections/{section.pk}/ar/")
    changes = translator.locator("section.card .bk-diff")
    assert changes.locator("ins").count() >= 1 and "gratuitement" in changes.inner_text()
    translator.fill("textarea[name=body]", "الرقم 115 يجيب ليلاً ونهاراً، مجاناً.")
    translator.check("input[name=ready_for_review]")
    translator.locator("main form button[type=submit]").first.click()
    translator.wait_for_load_state()

    # Amina cannot approve her own text; Farid, who reads Arabic, approves it.
    assert translator.locator("form[action$='/approve/']").count() == 0
    reviewer = new_page()
    log_in(reviewer, base, people["farid"].username)
    reviewer.goto(f"{base}/booklets/sections/{section.pk}/ar/")
    reviewer.locator("form[action$='/approve/'] button").click()
    reviewer.wait_for_load_state()
    reviewer.goto(f"{base}/booklets/{booklet.pk}/")
    assert "bk-approved" in status_cell(reviewer, 1)

    # The facilitator prepares the edition and puts it to a vote of the Agora.
    staff.goto(f"{base}/booklets/{booklet.pk}/editions/new/")
    staff.check("input[name=languages][value=fr]")
    staff.check("input[name=languages][value=ar]")
    staff.locator("main form button[type=submit]").click()
    staff.wait_for_url("**/booklets/editions/*/")
    staff.locator("button[name=action][value=vote]").click()
    staff.wait_for_url("**/votes/*/")
    staff.locator("button[name=action][value=open]").click()
    staff.wait_for_load_state()
    edition = Edition.objects.get()
    for membership in members:  # the members vote on their phones (journey 2)
        voting.vote_cast(actor=membership.user, vote=edition.vote, content={"choice": "for"})
    staff.locator("button[name=action][value=close]").click()
    staff.wait_for_load_state()
    staff.goto(f"{base}/booklets/editions/{edition.pk}/")
    staff.locator("button[name=action][value=publish]").click()
    staff.wait_for_load_state()
    edition.refresh_from_db()
    assert edition.is_published

    # A reader without an account opens the short address and picks Arabic.
    reader = new_page()
    reader.goto(f"{base}/b/{booklet.short_code}/")
    reader.locator("a[hreflang=ar]").click()
    reader.wait_for_url(f"**/b/{booklet.short_code}/ar/")
    html = reader.locator("html")
    assert html.get_attribute("dir") == "rtl" and html.get_attribute("lang") == "ar"
    assert "مجاناً" in reader.locator("main").inner_text()
    assert reader.locator("nav.r-toc a[href='#housing']").count() == 1
    # … and downloads the PDF.
    with reader.expect_download() as download:
        reader.locator("a[href$='/pdf/']").click()
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_two_editors_on_one_section_the_second_gets_the_conflict_view(
    live_server, new_page, facilitator, agora, members, people
):
    from booklets import services

    booklet = services.booklet_create(
        actor=facilitator, space=agora, title="Santé", sections=[("health", "Santé")]
    )
    section = booklet.sections.get()
    base = live_server.url
    first, second = new_page(), new_page()
    log_in(first, base, people["yonas"].username)
    log_in(second, base, people["amina"].username)
    url = f"{base}/booklets/sections/{section.pk}/fr/"
    first.goto(url)
    second.goto(url)
    first.fill("textarea[name=body]", "Texte de Yonas.")
    first.locator("main form button[type=submit]").first.click()
    first.wait_for_load_state()
    second.fill("textarea[name=body]", "Texte d'Amina.")
    second.locator("main form button[type=submit]").first.click()
    second.wait_for_load_state()
    conflict = second.locator("section.bk-conflict")
    assert conflict.count() == 1
    assert "Texte de Yonas." in conflict.inner_text()
    assert second.locator("textarea[name=body]").input_value() == "Texte d'Amina."
    assert not Revision.objects.filter(body="Texte d'Amina.").exists()
    # She merges by hand and saves: both texts are kept.
    second.fill("textarea[name=body]", "Texte de Yonas. Texte d'Amina.")
    second.locator("main form button[type=submit]").first.click()
    second.wait_for_load_state()
    assert Revision.objects.filter(body="Texte de Yonas. Texte d'Amina.").exists()
    assert Revision.objects.filter(body="Texte de Yonas.").exists()


def test_axe_on_public_and_editor_pages(
    live_server, new_page, axe_source, facilitator, agora, members, people
):
    from booklets.demo import seed

    for user, spoken in [(people["amina"], ["ar", "fr"]), (people["farid"], ["ar"])]:
        user.languages_spoken = spoken
        user.save()
    members[3].user.languages_spoken = ["en", "ti"]
    members[3].user.save()
    people["yonas"].languages_spoken = ["ti", "en", "fr"]
    people["yonas"].save()
    booklet = seed(agora, facilitator, [m.user for m in members])
    section = booklet.sections.order_by("position").first()
    edition = Edition.objects.get()
    base = live_server.url
    found = {}
    reader = new_page()
    for path in (
        f"/b/{booklet.short_code}/",
        f"/b/{booklet.short_code}/fr/",
        f"/b/{booklet.short_code}/ar/",
    ):
        reader.goto(base + path)
        if v := violations(reader, axe_source):
            found[path] = v
    editor = new_page()
    log_in(editor, base, "facil")
    for path in (
        f"/s/{agora.slug}/booklets/",
        f"/s/{agora.slug}/booklets/new/",
        f"/booklets/{booklet.pk}/",
        f"/booklets/sections/{section.pk}/fr/",
        f"/booklets/sections/{section.pk}/ar/",
        f"/booklets/sections/{section.pk}/fr/history/",
        f"/booklets/editions/{edition.pk}/",
        f"/booklets/{booklet.pk}/feedback/",
    ):
        editor.goto(base + path)
        if v := violations(editor, axe_source):
            found[path] = v
    assert not found, found
