"""Demo booklet: written in French by Agora members, translated into Arabic, English and
Tigrinya by members who read those languages, approved by a second reader, put to a vote
of the Agora and published; then one French section is edited again, so the next edition
shows outdated translations. Idempotent: an existing booklet of that title is left alone.
Every write goes through the services, as in production.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from booklets import demo_content, services
from booklets.models import Booklet
from booklets.services import reads_language
from votes import services as vote_services


def _readers(members, language):
    return [m for m in members if reads_language(m, language)]


@transaction.atomic
def seed(agora, facilitator, members) -> Booklet:
    title = demo_content.BOOKLET[demo_content.SOURCE_LANGUAGE]["title"]
    existing = Booklet.objects.filter(space=agora, title=title).first()
    if existing is not None:
        return existing
    source = demo_content.SOURCE_LANGUAGE
    targets = [code for code in demo_content.LANGUAGES if code != source]
    french = demo_content.sections(source)
    booklet = services.booklet_create(
        actor=facilitator,
        space=agora,
        title=title,
        sections=[(key, section_title) for key, section_title, _body in french],
        source_language=source,
        target_languages=targets,
        title_translations={code: demo_content.BOOKLET[code]["title"] for code in targets},
    )
    sections = {s.key: s for s in booklet.sections.all()}
    writers = _readers(members, source) or [facilitator]
    for i, (key, section_title, body) in enumerate(french):
        services.section_save(
            actor=writers[i % len(writers)],
            section=sections[key],
            language=source,
            title=section_title,
            body=body,
            base_number=1,
        )
    for code in targets:
        readers = _readers(members, code)
        translator, reviewer = readers[0], readers[1 % len(readers)]
        for key, section_title, body in demo_content.sections(code):
            services.section_save(
                actor=translator,
                section=sections[key],
                language=code,
                title=section_title,
                body=body,
                base_number=0,
                ready_for_review=True,
            )
            if reviewer != translator:
                services.translation_approve(actor=reviewer, section=sections[key], language=code)
    for person in writers[:2]:
        services.credit_set(actor=person, booklet=booklet, agreed=True)
    edition = services.edition_prepare(
        actor=facilitator, booklet=booklet, languages=[source, *targets]
    )
    _approve_by_vote(edition, facilitator, members)
    services.edition_publish(actor=facilitator, edition=edition)
    # Work continues: a French section changes, its translations become outdated.
    key, section_title, body = french[-1]
    services.section_save(
        actor=writers[0],
        section=sections[key],
        language=source,
        title=section_title,
        body=body + "\n\nMise à jour : vérifiez les horaires avant de vous déplacer.",
        base_number=2,
    )
    return booklet


def _approve_by_vote(edition, facilitator, members) -> None:
    vote = services.edition_put_to_vote(
        actor=facilitator, edition=edition, deadline=timezone.now() + timedelta(days=7)
    )
    vote_services.vote_open(actor=facilitator, vote=vote)
    for person in members:
        vote_services.vote_cast(actor=person, vote=vote, content={"choice": "for"})
    vote_services.vote_close(actor=facilitator, vote=vote)
