"""Celery tasks: thin, fetch by id, call the service."""

from celery import shared_task

from booklets import services
from booklets.selectors import edition_get


@shared_task
def edition_pdf_build(edition_id: int, language: str) -> str | None:
    """Build (or find in the cache) the PDF of an edition in one language."""
    edition = edition_get(pk=edition_id)
    if edition is None or language not in edition.languages:
        return None
    return services.edition_pdf_build(edition=edition, language=language)
