"""Images in sections: only real raster images up to 2 MB; shown where the booklet is."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from booklets import services
from booklets.models import BookletImage
from core.exceptions import DomainError
from tests.booklets.conftest import write
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def png(width=4, height=3, mode="RGB", name="photo.png"):
    buffer = io.BytesIO()
    Image.new(mode, (width, height)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_a_real_image_is_kept_with_its_size(booklet, writer):
    image = services.image_add(actor=writer, booklet=booklet, upload=png())
    assert (image.content_type, image.width, image.height) == ("image/png", 4, 3)
    assert image.file.read().startswith(b"\x89PNG")


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("fake.png", b"<html><script>alert(1)</script>", "image/png"),
        SimpleUploadedFile(
            "x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg"
        ),
        SimpleUploadedFile("cut.png", png().read()[:40], "image/png"),
        SimpleUploadedFile("empty.png", b"", "image/png"),
    ],
    ids=["html", "svg", "truncated", "empty"],
)
def test_what_is_not_an_image_is_refused(booklet, writer, upload):
    with pytest.raises(DomainError):
        services.image_add(actor=writer, booklet=booklet, upload=upload)
    assert not BookletImage.objects.exists()


def test_too_large_and_too_many_pixels_are_refused(booklet, writer):
    big = SimpleUploadedFile("big.png", b"\x89PNG" + b"0" * (2 * 1024 * 1024), "image/png")
    with pytest.raises(DomainError) as refused:
        services.image_add(actor=writer, booklet=booklet, upload=big)
    assert "2 MB" in str(refused.value.message)
    bomb = png(8000, 8000, mode="1")  # a few KB compressed, 64 million pixels
    assert bomb.size < 100_000
    with pytest.raises(DomainError):
        services.image_add(actor=writer, booklet=booklet, upload=bomb)
    assert not BookletImage.objects.exists()


def _published_with_image(booklet, writer, facilitator):
    image = services.image_add(actor=writer, booklet=booklet, upload=png())
    for section in booklet.sections.all():
        write(section, writer, "fr", f"Voici le plan.\n\n![Plan du quartier](image:{image.key})")
    booklet.approval = "facilitator"
    booklet.save()
    edition = services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])
    services.edition_approve(actor=facilitator, edition=edition)
    return image, services.edition_publish(actor=facilitator, edition=edition)


def test_images_in_the_edition_online_and_inline_in_the_pdf(booklet, writer, facilitator):
    image, edition = _published_with_image(booklet, writer, facilitator)
    url = reverse("booklets:image", args=[booklet.pk, image.key])
    page = edition.pages.get(language="fr", position=1)
    assert f'src="{url}"' in page.html and 'alt="Plan du quartier"' in page.html
    pdf = services._pdf_booklet(edition, "fr")
    assert "data:image/png;base64," in pdf.sections[0].html and url not in pdf.sections[0].html


def test_image_address_follows_the_booklet(client, booklet, writer, facilitator):
    image = services.image_add(actor=writer, booklet=booklet, upload=png())
    url = reverse("booklets:image", args=[booklet.pk, image.key])
    assert client.get(url).status_code == 404  # not published yet
    client.force_login(writer)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    client.logout()
    shown, _edition = _published_with_image(booklet, writer, facilitator)
    assert client.get(reverse("booklets:image", args=[booklet.pk, shown.key])).status_code == 200
    assert client.get(url).status_code == 404  # in no published edition
    assert client.get(reverse("booklets:image", args=[booklet.pk, "nope"])).status_code == 404


def test_upload_page_refuses_clearly(client, booklet, writer):
    client.force_login(writer)
    url = reverse("booklets:image-upload", args=[booklet.pk])
    response = client.post(
        url, {"image": SimpleUploadedFile("a.png", b"not an image", "image/png")}, follow=True
    )
    assert response.status_code == 200 and not BookletImage.objects.exists()
    assert "PNG, JPEG, GIF" in response.content.decode() or "PNG" in response.content.decode()
    response = client.post(url, {"image": png()}, follow=True)
    assert BookletImage.objects.count() == 1
    client.force_login(UserFactory(role="partner"))
    assert client.post(url, {"image": png()}).status_code == 404


def test_an_image_in_no_published_edition_stays_with_the_members(
    client, booklet, writer, facilitator, outsider
):
    """Its key is no secret (it is in the sections' text, in revisions, in the link the
    uploader shares): an image that no published edition shows is for the space's members,
    even when the booklet has a published edition."""
    image, edition = _published_with_image(booklet, writer, facilitator)
    shown = reverse("booklets:image", args=[booklet.pk, image.key])
    draft_only = services.image_add(actor=writer, booklet=booklet, upload=png(name="draft.png"))
    write(
        booklet.sections.first(), writer, "fr", f"Nouveau plan.\n\n![Plan](image:{draft_only.key})"
    )
    services.edition_prepare(actor=facilitator, booklet=booklet, languages=["fr"])  # not out
    unused = services.image_add(actor=writer, booklet=booklet, upload=png(name="other.png"))
    hidden = [reverse("booklets:image", args=[booklet.pk, i.key]) for i in (draft_only, unused)]
    response = client.get(shown)
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    for url in hidden:
        assert client.get(url).status_code == 404  # anonymous
    client.force_login(outsider)
    for url in hidden:
        assert client.get(url).status_code == 404  # logged in, not a member
    client.force_login(writer)
    for url in hidden:
        response = client.get(url)
        assert response.status_code == 200
        assert "private" in response["Cache-Control"]  # no shared cache keeps it
