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
from core.demo_data import load
from core.models import College, Membership, Seat
from core.services import facilitator_add, membership_record_eligibility, membership_start
from labs.demo import seed_call, seed_life
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
from proposals import services as proposal_services
from proposals.models import Proposal, Theme
from recommendations import services as recommendations
from recommendations.models import Department, Recommendation
from votes import services as vote_services

DEMO_PASSWORD = "accueil-demo-2026"

PEOPLE = load(__file__, "people.yaml")
TEXTS = load(__file__, "agora.fr.yaml")


class Command(BaseCommand):
    help = "Load idempotent demo data (Agora, one lab, meetings, demo logins)."

    def seed_proposals(self, agora, facilitator):
        """A submitted proposal on the next session's agenda, with an online vote open."""
        proposal_services.themes_seed()
        if Proposal.objects.filter(space=agora).exists():
            return
        data = TEXTS["proposal"]
        author = User.objects.get(username=data["author"])
        coauthor = User.objects.get(username=data["coauthor"])
        proposal = proposal_services.proposal_create(
            actor=author,
            space=agora,
            title=data["title"],
            text=data["text"],
            theme=Theme.objects.get(slug=data["theme"]),
        )
        proposal_services.coauthor_invite(actor=author, proposal=proposal, user=coauthor)
        proposal_services.coauthor_accept(user=coauthor, proposal=proposal)
        proposal_services.proposal_submit(actor=author, proposal=proposal)
        proposal_services.comment_add(
            actor=User.objects.get(username=data["comment"]["by"]),
            proposal=proposal,
            text=data["comment"]["text"],
        )
        vote = vote_services.vote_create(
            actor=facilitator,
            space=agora,
            title=data["vote"]["title"],
            method="for_against",
            proposal=proposal,
            deadline=timezone.now() + timedelta(days=data["vote"]["days_open"]),
        )
        vote_services.vote_open(actor=facilitator, vote=vote)
        for username, choice in data["vote"]["ballots"].items():
            vote_services.vote_cast(
                actor=User.objects.get(username=username), vote=vote, content={"choice": choice}
            )

    def seed_recommendations(self, agora, facilitator):
        """Three adopted proposals sent to officials: one answered with a commitment and
        progress, one awaiting its answer, one overdue (its dates moved back, as history)."""
        if Recommendation.objects.exists():
            return
        department, _created = Department.objects.get_or_create(name=TEXTS["department"]["name"])
        department.officials.add(
            *User.objects.filter(username__in=TEXTS["department"]["officials"])
        )
        voters = list(
            User.objects.filter(
                memberships__space=agora, memberships__ended_at__isnull=True, role=Role.NEWCOMER
            ).order_by("username")[:11]
        )
        for item in TEXTS["recommendations"]:
            author = User.objects.get(username=item["author"])
            proposal = proposal_services.proposal_create(
                actor=author,
                space=agora,
                title=item["title"],
                text=item["text"],
                theme=Theme.objects.get(slug=item["theme"]),
            )
            proposal_services.proposal_submit(actor=author, proposal=proposal)
            vote = vote_services.vote_open(
                actor=facilitator,
                vote=vote_services.vote_create(
                    actor=facilitator,
                    space=agora,
                    title=item["title"],
                    method="for_against",
                    proposal=proposal,
                    deadline=timezone.now() + timedelta(days=1),
                ),
            )
            for i, voter in enumerate(voters):
                choice = "against" if i == 0 else "abstain" if i == 1 else "for"
                vote_services.vote_cast(actor=voter, vote=vote, content={"choice": choice})
            vote_services.vote_close(actor=facilitator, vote=vote)
            proposal.refresh_from_db()
            to = item["to"]
            if "department" in to:
                to = {"department": department}
            else:
                to = {"addressee": User.objects.get(username=to["addressee"])}
            recommendation = recommendations.recommendation_issue(
                actor=facilitator, proposal=proposal, **to
            )
            if answer := item.get("answer"):
                official = User.objects.get(username=answer["by"])
                recommendations.recommendation_answer(
                    actor=official,
                    recommendation=recommendation,
                    answer=answer["answer"],
                    reasons=answer["reasons"],
                )
                promised = answer["commitment"]
                commitment = recommendations.commitment_add(
                    actor=official,
                    recommendation=recommendation,
                    text=promised["text"],
                    owner=promised["owner"],
                    due_on=timezone.localdate() + timedelta(days=promised["due_in_days"]),
                )
                recommendations.implementation_update_add(
                    actor=official,
                    recommendation=recommendation,
                    commitment=commitment,
                    status=promised["update"]["status"],
                    note=promised["update"]["note"],
                )
            if overdue := item.get("overdue"):
                Recommendation.objects.filter(pk=recommendation.pk).update(
                    issued_at=timezone.now() - timedelta(days=overdue["issued_days_ago"]),
                    deadline=timezone.localdate() - timedelta(days=overdue["deadline_days_ago"]),
                )

    def seed_meetings(self, agora, lab, facilitator, today):
        """The Agora's monthly session (first Tuesday, 18:00–20:30, Paris time, for a year)
        and the lab's three working sessions over six weeks, with agendas and answers."""
        if MeetingSeries.objects.filter(space=agora).exists():
            return
        texts = TEXTS["meetings"]
        place = texts["place"]
        series = series_create(
            actor=facilitator,
            space=agora,
            title=texts["series_title"],
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
            for title, minutes in texts["agenda"]:
                agenda_item_add(
                    actor=facilitator, meeting=meeting, title=title, duration_minutes=minutes
                )
        upcoming = series.meetings.filter(starts_at__gte=timezone.now()).order_by("starts_at")
        first = upcoming.first()
        if first is not None:
            for username, answer, language in texts["rsvps"]:
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
                title=texts["lab_session_title"].format(number=week // 2 + 1),
                starts_at=start,
                ends_at=start + timedelta(hours=3),
                **place,
            )
            for title, minutes in texts["lab_agenda"]:
                agenda_item_add(
                    actor=facilitator, meeting=meeting, title=title, duration_minutes=minutes
                )

    def user(self, person: dict, role: str):
        user = User.objects.filter(username=person["username"]).first()
        if user is None:
            user = User.objects.create_user(
                username=person["username"],
                password=DEMO_PASSWORD,
                display_name=person["name"],
                role=role,
                interface_language=person.get("language", "fr"),
                languages_spoken=list(person.get("spoken", ())),
                interpretation_language=person.get("interpretation", ""),
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
        claire, karim = (self.user(p, Role.FACILITATOR) for p in PEOPLE["facilitators"])
        newcomers = {
            p["username"]: self.user(p, Role.NEWCOMER)
            for p in PEOPLE["agora_members"] + PEOPLE["lab_newcomers"]
        }
        partners = [self.user(p, Role.PARTNER) for p in PEOPLE["partners"]]
        officials = [self.user(p, Role.OFFICIAL) for p in PEOPLE["officials"]]

        texts = TEXTS["agora"]
        agora = Agora.objects.filter(slug=texts["slug"]).first() or agora_create(
            actor=claire,
            slug=texts["slug"],
            name=texts["name"],
            description=texts["description"],
            meeting_rhythm=texts["meeting_rhythm"],
        )
        if not Membership.objects.filter(space=agora, user=karim, ended_at__isnull=True).exists():
            facilitator_add(actor=claire, space=agora, user=karim)
        seats = list(Seat.objects.filter(space=agora).order_by("number"))
        for seat, person in zip(seats, PEOPLE["agora_members"], strict=True):
            self.seat_user(seat, newcomers[person["username"]], claire)

        today = timezone.localdate()
        texts = TEXTS["lab"]
        lab = Lab.objects.filter(slug=texts["slug"]).first() or lab_create(
            actor=claire,
            slug=texts["slug"],
            name=texts["name"],
            question=texts["question"],
            description=texts["description"],
            starts_on=today - timedelta(days=14),
            ends_on=today + timedelta(days=42),
        )
        seed_call(lab, claire)  # volunteers and the drawn panel, before the seats are filled
        panel = {
            College.NEWCOMERS: [newcomers[u] for u in texts["agora_members_on_panel"]]
            + [newcomers[p["username"]] for p in PEOPLE["lab_newcomers"]],
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
        seed_booklet(agora, claire, [newcomers[p["username"]] for p in PEOPLE["agora_members"]])
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
