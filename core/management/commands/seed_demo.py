"""Demo data: a Grenoble-like Agora with 16 members and one lab with a full panel.

Idempotent: people are matched by username, spaces by short address; running it
twice changes nothing. Every write goes through the services, as in production.
"""

from datetime import time, timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from agora.models import Agora
from agora.services import agora_create
from booklets.demo import seed as seed_booklet
from core.models import College, Membership, Seat
from core.services import facilitator_add, membership_record_eligibility, membership_start
from labs.demo import seed_call
from labs.demo_life import seed_life
from labs.models import Lab
from labs.services import lab_create
from meetings import recurrence
from meetings.models import MeetingSeries
from meetings.services import (
    agenda_item_add,
    local_datetime,
    meeting_create,
    rsvp_set,
    series_create,
)

DEMO_PASSWORD = "accueil-demo-2026"

# (username, display name, interface language, languages spoken, interpretation)
AGORA_MEMBERS = [
    ("amina", "Amina", "ar", ["ar", "fr"], "ar"),
    ("yonas", "Yonas", "ti", ["ti", "am", "en"], "ti"),
    ("farid", "Farid", "fa-af", ["fa-af", "ps"], "fa-af"),
    ("mariam", "Mariam", "ps", ["ps", "fa-af"], "ps"),
    ("olena", "Olena", "uk", ["uk", "ru", "en"], "uk"),
    ("carlos", "Carlos", "es", ["es", "fr"], ""),
    ("samir", "Samir", "ar", ["ar", "fr"], ""),
    ("hawa", "Hawa", "fr", ["fr", "bm"], ""),
    ("zahra", "Zahra", "fa-af", ["fa-af"], "fa-af"),
    ("tesfay", "Tesfay", "ti", ["ti"], "ti"),
    ("nour", "Nour", "ar", ["ar"], "ar"),
    ("ahmad", "Ahmad", "ps", ["ps"], "ps"),
    ("iryna", "Iryna", "uk", ["uk"], "uk"),
    ("moussa", "Moussa", "fr", ["fr", "wo"], ""),
    ("leyla", "Leyla", "en", ["ku", "tr", "en"], ""),
    ("abdi", "Abdi", "en", ["so", "en"], ""),
]
LAB_NEWCOMERS_EXTRA = [
    ("rahel", "Rahel", "ti", ["ti", "en"], "ti"),
    ("bilal", "Bilal", "ar", ["ar"], "ar"),
    ("sana", "Sana", "fa-af", ["fa-af"], "fa-af"),
    ("dmytro", "Dmytro", "uk", ["uk"], "uk"),
    ("fatou", "Fatou", "fr", ["fr", "wo"], ""),
]
PARTNERS = [("paul", "Paul (Secours Populaire)")] + [
    (f"partner{i}", name)
    for i, name in enumerate(
        [
            "Sophie (CCAS)",
            "Jean (Cimade)",
            "Nadia (social worker)",
            "Luc (France Travail)",
            "Inès (language school)",
            "Marc (housing association)",
            "Élodie (health centre)",
            "Hugo (legal aid)",
            "Anne (bank partner)",
        ],
        start=2,
    )
]
OFFICIALS = [("odile", "Odile Martin (vice-president, welcome policy)")] + [
    (f"official{i}", name)
    for i, name in enumerate(
        [
            "Pierre Roux (head of social action)",
            "Claire Dumas (councillor)",
            "Yves Blanc (head of housing)",
            "Lina Haddad (councillor)",
            "Henri Morel (prefecture liaison)",
            "Julie Petit (head of health)",
            "Omar Benali (councillor)",
            "Chantal Faure (head of education)",
            "Eric Garnier (head of transport)",
        ],
        start=2,
    )
]
FACILITATORS = [("claire", "Claire (facilitator)"), ("karim", "Karim (facilitator)")]


class Command(BaseCommand):
    help = "Load idempotent demo data (Agora, one lab, meetings, demo logins)."

    def seed_proposals(self, agora, facilitator):
        """A submitted proposal on the next session's agenda, with an online vote open."""
        from proposals import services as proposal_services
        from proposals import voting
        from proposals.models import Proposal, Theme

        proposal_services.themes_seed()
        if Proposal.objects.filter(space=agora).exists():
            return
        amina = User.objects.get(username="amina")
        proposal = proposal_services.proposal_create(
            actor=amina,
            space=agora,
            title="Une permanence logement le lundi",
            text=(
                "Ouvrir chaque lundi une permanence logement avec un interprète, "
                "pour aider les personnes qui arrivent à remplir leur demande."
            ),
            theme=Theme.objects.get(slug="housing"),
        )
        proposal_services.coauthor_invite(
            actor=amina, proposal=proposal, user=User.objects.get(username="yonas")
        )
        proposal_services.coauthor_accept(
            user=User.objects.get(username="yonas"), proposal=proposal
        )
        proposal_services.proposal_submit(actor=amina, proposal=proposal)
        proposal_services.comment_add(
            actor=User.objects.get(username="farid"),
            proposal=proposal,
            text="Oui, et aussi le jeudi soir ?",
        )
        vote = voting.vote_create(
            actor=facilitator,
            space=agora,
            title="Adopter la permanence logement ?",
            method="for_against",
            proposal=proposal,
            deadline=timezone.now() + timedelta(days=10),
        )
        voting.vote_open(actor=facilitator, vote=vote)
        for username, choice in [("yonas", "for"), ("olena", "for"), ("carlos", "abstain")]:
            voting.vote_cast(
                actor=User.objects.get(username=username), vote=vote, content={"choice": choice}
            )

    def seed_recommendations(self, agora, facilitator):
        """Three adopted proposals sent to officials: one answered with a commitment and
        progress, one awaiting its answer, one overdue (its dates moved back, as history)."""
        from proposals import recommendations, voting
        from proposals import services as proposal_services
        from proposals.models import Department, Recommendation, Theme

        if Recommendation.objects.exists():
            return
        odile = User.objects.get(username="odile")
        health, _created = Department.objects.get_or_create(name="Direction de la santé")
        health.officials.add(User.objects.get(username="official7"))
        voters = list(
            User.objects.filter(
                memberships__space=agora, memberships__ended_at__isnull=True, role=Role.NEWCOMER
            ).order_by("username")[:11]
        )
        items = [
            (
                "french",
                "samir",
                "Des cours de français le soir",
                "Ouvrir des cours de français après 18 h pour les personnes qui travaillent.",
                {"addressee": odile},
            ),
            (
                "health",
                "nour",
                "Un guide santé traduit",
                "Traduire le guide des démarches de santé en arabe, dari, pachto et tigrigna.",
                {"department": health},
            ),
            (
                "rights",
                "hawa",
                "Une domiciliation en deux semaines",
                "Obtenir une adresse postale (domiciliation) en moins de deux semaines.",
                {"addressee": odile},
            ),
        ]
        recs = []
        for theme, author, title, text, to in items:
            author = User.objects.get(username=author)
            proposal = proposal_services.proposal_create(
                actor=author,
                space=agora,
                title=title,
                text=text,
                theme=Theme.objects.get(slug=theme),
            )
            proposal_services.proposal_submit(actor=author, proposal=proposal)
            vote = voting.vote_open(
                actor=facilitator,
                vote=voting.vote_create(
                    actor=facilitator,
                    space=agora,
                    title=title,
                    method="for_against",
                    proposal=proposal,
                    deadline=timezone.now() + timedelta(days=1),
                ),
            )
            for i, voter in enumerate(voters):
                choice = "against" if i == 0 else "abstain" if i == 1 else "for"
                voting.vote_cast(actor=voter, vote=vote, content={"choice": choice})
            voting.vote_close(actor=facilitator, vote=vote)
            proposal.refresh_from_db()
            recs.append(
                recommendations.recommendation_issue(actor=facilitator, proposal=proposal, **to)
            )
        answered, _awaiting, overdue = recs
        recommendations.recommendation_answer(
            actor=odile,
            recommendation=answered,
            answer="partly",
            reasons=(
                "Oui pour deux soirs par semaine à partir de janvier, avec les centres sociaux. "
                "Pas encore le week-end : les salles ne sont pas disponibles."
            ),
        )
        commitment = recommendations.commitment_add(
            actor=odile,
            recommendation=answered,
            text="Deux cours du soir par semaine dans deux centres sociaux",
            owner="Direction de la cohésion sociale",
            due_on=timezone.localdate() + timedelta(days=60),
        )
        recommendations.implementation_update_add(
            actor=odile,
            recommendation=answered,
            commitment=commitment,
            status="in_progress",
            note="Les formateurs sont recrutés ; les salles sont réservées.",
        )
        Recommendation.objects.filter(pk=overdue.pk).update(
            issued_at=timezone.now() - timedelta(days=75),
            deadline=timezone.localdate() - timedelta(days=15),
        )

    def seed_meetings(self, agora, lab, facilitator, today):
        """The Agora's monthly session (first Tuesday, 18:00–20:30, Paris time, for a year)
        and the lab's three working sessions over six weeks, with agendas and answers."""
        if MeetingSeries.objects.filter(space=agora).exists():
            return
        place = {
            "place_name": "Maison des habitants Abbaye",
            "room": "Salle 2",
            "address": "1 rue de l'Abbaye, Grenoble",
            "access_notes": "Tram A, arrêt Abbaye. Accès de plain-pied.",
        }
        series = series_create(
            actor=facilitator,
            space=agora,
            title="Session mensuelle de l'Agora",
            rule=recurrence.Rule(
                freq="monthly",
                weekday=1,
                setpos=1,
                start_date=today.replace(day=1),
                start_time=time(18, 0),
                duration=timedelta(hours=2, minutes=30),
                tz="Europe/Paris",
                until=today + timedelta(days=365),
            ),
            **place,
        )
        for meeting in series.meetings.order_by("starts_at")[:3]:
            for title, minutes in [
                ("Accueil et tour de table", 15),
                ("Livret « Se soigner » : relecture", 45),
                ("Proposition : permanence logement", 45),
                ("Points divers", 15),
            ]:
                agenda_item_add(
                    actor=facilitator, meeting=meeting, title=title, duration_minutes=minutes
                )
        upcoming = series.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
        first = upcoming.first()
        if first is not None:
            answers = [
                ("amina", "yes", "ar"),
                ("yonas", "yes", "ti"),
                ("farid", "yes", "fa-af"),
                ("mariam", "maybe", "ps"),
                ("olena", "yes", "uk"),
                ("samir", "yes", "ar"),
                ("zahra", "yes", "fa-af"),
                ("carlos", "no", ""),
            ]
            for username, answer, language in answers:
                rsvp_set(
                    user=User.objects.get(username=username),
                    meeting=first,
                    answer=answer,
                    interpretation_language=language,
                )
        for week in (1, 3, 5):
            day = lab.starts_on + timedelta(weeks=week)
            start = local_datetime(day, time(14, 0), "Europe/Paris")
            meeting = meeting_create(
                actor=facilitator,
                space=lab,
                title=f"Séance de travail {week // 2 + 1}",
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                **place,
            )
            agenda_item_add(
                actor=facilitator,
                meeting=meeting,
                title="Ce que nous avons appris",
                duration_minutes=60,
            )
            agenda_item_add(
                actor=facilitator, meeting=meeting, title="Prochaine étape", duration_minutes=60
            )

    def user(self, username, display_name, role, lang="fr", spoken=(), interp=""):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username,
                password=DEMO_PASSWORD,
                display_name=display_name,
                role=role,
                interface_language=lang,
                languages_spoken=list(spoken),
                interpretation_language=interp,
            )
            self.created += 1
        return user

    def seat_user(self, seat: Seat, user: User, facilitator: User, term_days: int = 365):
        if Membership.objects.filter(space=seat.space, user=user, ended_at__isnull=True).exists():
            return
        membership = membership_start(
            actor=facilitator,
            seat=seat,
            user=user,
            term_ends_on=timezone.localdate() + timedelta(days=term_days),
        )
        if seat.college in (College.NONE, College.NEWCOMERS):
            membership_record_eligibility(actor=facilitator, membership=membership)

    @transaction.atomic
    def handle(self, *args, **options):
        self.created = 0
        admin = User.objects.filter(username="admin").first()
        if admin is None:
            User.objects.create_superuser(
                username="admin", password=DEMO_PASSWORD, display_name="Admin"
            )
            self.created += 1
        claire, karim = (self.user(u, n, Role.FACILITATOR) for u, n in FACILITATORS)
        newcomers = {
            u: self.user(u, n, Role.NEWCOMER, lang, sp, it)
            for u, n, lang, sp, it in AGORA_MEMBERS + LAB_NEWCOMERS_EXTRA
        }
        partners = [self.user(u, n, Role.PARTNER) for u, n in PARTNERS]
        officials = [self.user(u, n, Role.OFFICIAL) for u, n in OFFICIALS]

        agora = Agora.objects.filter(slug="agora").first() or agora_create(
            actor=claire,
            slug="agora",
            name="Agora des habitants primo-arrivants",
            description=(
                "16 réfugiés ou demandeurs d'asile présents depuis plus de six mois. "
                "Ils recensent les besoins des personnes qui arrivent, participent à la "
                "politique d'accueil de la Métropole et écrivent des livrets d'information."
            ),
            meeting_rhythm="Premier mardi du mois, 18:00–20:30, avec interprétation",
        )
        if not Membership.objects.filter(space=agora, user=karim, ended_at__isnull=True).exists():
            facilitator_add(actor=claire, space=agora, user=karim)
        seats = list(Seat.objects.filter(space=agora).order_by("number"))
        for seat, (username, *_rest) in zip(seats, AGORA_MEMBERS, strict=True):
            self.seat_user(seat, newcomers[username], claire)

        today = timezone.localdate()
        lab = Lab.objects.filter(slug="lab-bank-account").first() or lab_create(
            actor=claire,
            slug="lab-bank-account",
            name="Labo : ouvrir un compte bancaire",
            question=(
                "Comment une personne qui arrive peut-elle ouvrir un compte bancaire "
                "dans son premier mois ?"
            ),
            description="Une expérimentation courte, avec les banques et les services sociaux.",
            starts_on=today - timedelta(days=14),
            ends_on=today + timedelta(days=42),
        )
        seed_call(lab, claire)  # volunteers and the drawn panel, before the seats are filled
        panel = {
            College.NEWCOMERS: [
                newcomers[u] for u in ("amina", "yonas", "farid", "olena", "carlos")
            ]
            + [newcomers[u] for u, *_r in LAB_NEWCOMERS_EXTRA],
            College.PARTNERS: partners,
            College.DECISION_MAKERS: officials,
        }
        for college, people in panel.items():
            seats = list(Seat.objects.filter(space=lab, college=college).order_by("number"))
            for seat, person in zip(seats, people, strict=True):
                self.seat_user(seat, person, claire, term_days=60)
        self.seed_meetings(agora, lab, claire, today)
        seed_life(lab, claire)
        self.seed_proposals(agora, claire)
        self.seed_recommendations(agora, claire)
        seed_booklet(agora, claire, [newcomers[u] for u, *_r in AGORA_MEMBERS])
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready ({self.created} accounts created). "
                f"Every demo login uses the password {DEMO_PASSWORD!r}."
            )
        )
        if settings.TWO_STEP_REQUIRED:
            self.stdout.write(
                "Two-step login is required: facilitators and officials (claire, karim, odile…) "
                "will be asked to enrol an authenticator app at their first login. "
                "TWO_STEP_REQUIRED=false turns this off for a local demo."
            )
