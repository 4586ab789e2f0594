"""Permission rows of the booklets app (see the comment above `_extensions()` in
tests/test_permission_matrix.py).

Cases: "agora" — a booklet of the public Agora, with a published edition; "draft" — an
edition of that booklet prepared but not published; "private-lab" — a booklet of the
members-only lab, with a published edition. Roles: anon, newcomer (Agora member), other
(lab member), partner, official, facilitator (of both spaces).
"""

from django.urls import reverse

ROLES = ["anon", "newcomer", "other", "partner", "official", "facilitator"]


def s(*codes):
    return dict(zip(ROLES, codes, strict=True))


EVERYONE = s(200, 200, 200, 200, 200, 200)
SPACE_LIST_PRIVATE = s(404, 404, 200, 404, 404, 200)
AGORA_MEMBERS = s(404, 200, 404, 404, 404, 200)  # drafts: hidden from non-members
LAB_MEMBERS = s(404, 404, 200, 404, 404, 200)
AGORA_FACIL = s(404, 403, 404, 404, 404, 200)
AGORA_FACIL_POST = s(404, 403, 404, 404, 404, 302)
AGORA_MEMBERS_POST = s(404, 302, 404, 404, 404, 302)
PUBLIC_PRIVATE_LAB = s(404, 404, 200, 404, 404, 200)  # public address of a members-only space

EXPECTED = {
    "booklets:booklet-list": [
        ("get", "agora", EVERYONE),
        ("get", "private-lab", SPACE_LIST_PRIVATE),
    ],
    "booklets:booklet-create": [
        ("get", "agora", s(302, 403, 403, 403, 403, 200)),
        ("get", "private-lab", s(404, 404, 403, 404, 404, 200)),
    ],
    "booklets:booklet-detail": [
        ("get", "agora", AGORA_MEMBERS),
        ("get", "private-lab", LAB_MEMBERS),
    ],
    "booklets:booklet-settings": [("get", "agora", AGORA_FACIL)],
    "booklets:section-add": [("post", "agora", AGORA_FACIL_POST)],
    "booklets:credit-set": [("post", "agora", AGORA_MEMBERS_POST)],
    "booklets:edition-create": [("get", "agora", AGORA_FACIL)],
    "booklets:feedback-queue": [("get", "agora", AGORA_FACIL)],
    "booklets:feedback-moderate": [("post", "agora", AGORA_FACIL_POST)],
    "booklets:image-upload": [("post", "agora", AGORA_MEMBERS_POST)],
    "booklets:image": [
        # Uploaded after the edition came out, shown in none: members only (404 elsewhere).
        # An image a published edition shows is public: tests/booklets/test_images.py.
        ("get", "agora", s(404, 200, 404, 404, 404, 200)),
        ("get", "private-lab", s(404, 404, 200, 404, 404, 200)),
    ],
    "booklets:section-remove": [("post", "agora", AGORA_FACIL_POST)],
    "booklets:section-edit": [("get", "agora", AGORA_MEMBERS), ("get", "private-lab", LAB_MEMBERS)],
    "booklets:section-history": [("get", "agora", AGORA_MEMBERS)],
    "booklets:section-restore": [("post", "agora", AGORA_MEMBERS_POST)],
    "booklets:translation-approve": [("post", "agora", AGORA_MEMBERS_POST)],
    "booklets:edition-detail": [
        ("get", "agora", AGORA_MEMBERS),
        ("get", "private-lab", LAB_MEMBERS),
    ],
    "booklets:edition-action": [("post", "agora", AGORA_FACIL_POST)],
    "booklets:edition-preview": [
        ("get", "agora", EVERYONE),
        ("get", "draft", AGORA_MEMBERS),
        ("get", "private-lab", LAB_MEMBERS),
    ],
    "booklets:edition-pdf": [
        ("get", "agora", EVERYONE),
        ("get", "draft", AGORA_MEMBERS),
        ("get", "private-lab", LAB_MEMBERS),
    ],
    "booklets:reader-home": [
        ("get", "agora", EVERYONE),
        ("get", "private-lab", PUBLIC_PRIVATE_LAB),
    ],
    "booklets:reader": [("get", "agora", EVERYONE), ("get", "private-lab", PUBLIC_PRIVATE_LAB)],
    "booklets:reader-pdf": [("get", "agora", EVERYONE), ("get", "private-lab", PUBLIC_PRIVATE_LAB)],
    "booklets:reader-feedback": [
        ("post", "agora", s(303, 303, 303, 303, 303, 303)),
        ("post", "private-lab", s(404, 404, 303, 404, 404, 303)),
    ],
}

DATA = {
    "booklets:section-add": {"title": "Banque"},
    "booklets:credit-set": {"agreed": "yes"},
    "booklets:feedback-moderate": {"status": "approved"},
    "booklets:section-restore": {"number": "1", "base_number": "2"},
    "booklets:edition-action": {"action": "publish"},
    "booklets:reader-feedback": {"helpful": "yes", "comment": "Clair."},
}

WS_ROUTE = "ws/booklets/sections/<int:section_id>/<str:language>/presence/"
WS_EXPECTED = {
    WS_ROUTE: {
        "agora": dict(zip(ROLES, [False, True, False, False, False, True], strict=True)),
        "private-lab": dict(zip(ROLES, [False, False, True, False, False, True], strict=True)),
    }
}


def _published(facilitator, space, member):
    from booklets import services

    booklet = services.booklet_create(
        actor=facilitator,
        space=space,
        title="Bienvenue",
        sections=[("housing", "Se loger"), ("health", "Santé")],
        target_languages=["ar"],
        approval="facilitator",
    )
    # A fixed short address: the PDF (whose QR code carries it) is then the same in every
    # world, rendered once per test session and served from the content cache afterwards.
    booklet.short_code = f"perm{space.slug[:2]}"
    booklet.save(update_fields=["short_code"])
    for section in booklet.sections.all():
        services.section_save(
            actor=member,
            section=section,
            language="fr",
            title="Titre",
            body="Texte.",
            base_number=1,
        )
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    services.edition_approve(actor=facilitator, edition=edition)
    edition = services.edition_publish(actor=facilitator, edition=edition)
    _built_pdf(edition)
    return booklet, edition


def _built_pdf(edition):
    """What the PDF task leaves behind (rendered once per content, then from the cache)."""
    from booklets import services

    services.edition_pdf_build(edition=edition, language="fr")


def _image(actor, booklet):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    from booklets import services

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, format="PNG")
    upload = SimpleUploadedFile("map.png", buffer.getvalue(), content_type="image/png")
    return services.image_add(actor=actor, booklet=booklet, upload=upload)


def build(world):
    from booklets import services

    facilitator = world.users["facilitator"]
    booklet, edition = _published(facilitator, world.agora, world.users["newcomer"])
    lab_booklet, lab_edition = _published(facilitator, world.lab, world.users["other"])
    draft = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    _built_pdf(draft)
    page = edition.pages.select_related("edition").first()
    feedback = services.feedback_add(page=page, helpful=True, comment="Merci")
    return {
        "image": {
            "agora": _image(facilitator, booklet),
            "private-lab": _image(facilitator, lab_booklet),
        },
        "booklet": {"agora": booklet, "private-lab": lab_booklet},
        "edition": {"agora": edition, "private-lab": lab_edition, "draft": draft},
        "feedback": feedback,
    }


def url_for(name, case, world):
    x = world.extra["booklets"]
    slug = {"agora": world.agora.slug, "private-lab": world.lab.slug}.get(case)
    booklet = x["booklet"].get(case)
    edition = x["edition"].get(case)
    if name in ("booklets:booklet-list", "booklets:booklet-create"):
        return reverse(name, kwargs={"slug": slug})
    if name in (
        "booklets:booklet-detail",
        "booklets:booklet-settings",
        "booklets:section-add",
        "booklets:credit-set",
        "booklets:edition-create",
        "booklets:feedback-queue",
        "booklets:image-upload",
    ):
        return reverse(name, kwargs={"pk": booklet.pk})
    if name == "booklets:image":
        return reverse(name, kwargs={"pk": booklet.pk, "key": x["image"][case].key})
    if name == "booklets:feedback-moderate":
        return reverse(name, kwargs={"pk": x["feedback"].pk})
    section = booklet.sections.order_by("position").first() if booklet else None
    if name == "booklets:section-remove":
        return reverse(name, kwargs={"pk": section.pk})
    if name in (
        "booklets:section-edit",
        "booklets:section-history",
        "booklets:section-restore",
        "booklets:translation-approve",
    ):
        return reverse(
            name,
            kwargs={
                "pk": section.pk,
                "language": "fr" if name != "booklets:translation-approve" else "ar",
            },
        )
    if name in ("booklets:edition-detail", "booklets:edition-action"):
        return reverse(name, kwargs={"pk": edition.pk})
    if name in ("booklets:edition-preview", "booklets:edition-pdf"):
        return reverse(name, kwargs={"pk": edition.pk, "language": "fr"})
    code = booklet.short_code
    if name == "booklets:reader-home":
        return reverse(name, kwargs={"code": code})
    if name == "booklets:reader-feedback":
        page = edition.pages.get(language="fr", position=1)
        return reverse(name, kwargs={"code": code, "language": "fr", "page_id": page.pk})
    return reverse(name, kwargs={"code": code, "language": "fr"})


async def ws_attempt(route, case, world, user):
    from asgiref.sync import sync_to_async

    from tests.booklets.test_presence_consumer import connect

    booklet = world.extra["booklets"]["booklet"][case]
    section = await sync_to_async(lambda: booklet.sections.order_by("position").first())()
    communicator, connected, _code = await connect(user, section, "fr")
    if connected:
        await communicator.disconnect()
    return connected
