"""Pages of the lab's life: the public lab page (privacy, query count), phases, the log
and the evaluation, with bad input answered by a clear message and nothing lost."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from core.models import College
from core.services import membership_start
from labs.models import Evaluation, ExperimentLogEntry, Lab, LabPhaseChange, LabPhaseDate
from labs.services import evaluation_publish, evaluation_save, log_entry_create
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(client, facilitator):
    facilitator.interface_language = "en"
    facilitator.save(update_fields=["interface_language"])
    with translation.override("en"):
        client.cookies["django_language"] = "en"
        yield


def set_phase(lab, phase):
    Lab.objects.filter(pk=lab.pk).update(phase=phase)
    lab.refresh_from_db()


def seat(lab, facilitator, college, **user):
    person = UserFactory(**{"interface_language": "en", **user})
    membership_start(actor=facilitator, seat=first_free_seat(lab, college), user=person)
    return person


def page(client, lab):
    response = client.get(reverse("portal:space", args=[lab.slug]))
    assert response.status_code == 200
    return response.content.decode()


# The public page ----------------------------------------------------------------------
class TestPublicPage:
    def test_anonymous_reads_question_phases_panel_and_log(self, client, lab, facilitator):
        seat(lab, facilitator, "partners", role="partner", display_name="CCAS Grenoble")
        set_phase(lab, "experiment")
        log_entry_create(
            actor=facilitator,
            lab=lab,
            happened_on=timezone.localdate(),
            hypothesis="A town-hall letter is enough",
            tried="Went to the bank",
            by_organisation="Banque Alpes",
        )
        html = page(client, lab)
        assert lab.question in html
        assert 'aria-current="step"' in html
        assert "Experiment" in html and "Now" in html  # the current phase said in words
        assert "CCAS Grenoble" in html  # partners by display name
        assert "A town-hall letter is enough" in html and "Banque Alpes" in html
        assert "1 of 10 seats held" in html

    def test_members_only_lab_is_hidden(self, client, lab):
        Lab.objects.filter(pk=lab.pk).update(visibility="members")
        # Anonymous visitors too: hidden as if it did not exist.
        assert client.get(reverse("portal:space", args=[lab.slug])).status_code == 404
        client.force_login(UserFactory())
        assert client.get(reverse("portal:space", args=[lab.slug])).status_code == 404
        assert client.get(reverse("labs:log", args=[lab.slug])).status_code == 404
        assert client.get(reverse("labs:evaluation", args=[lab.slug])).status_code == 404

    def test_newcomer_name_never_public_without_opt_in(self, client, lab, facilitator):
        seat(lab, facilitator, "newcomers", role="newcomer", display_name="Samira Haddad")
        set_phase(lab, "experiment")
        samira = lab.memberships.get(user__display_name="Samira Haddad").user
        log_entry_create(
            actor=facilitator,
            lab=lab,
            happened_on=timezone.localdate(),
            hypothesis="H",
            tried="T",
            by_user=samira,
        )
        for url in (
            reverse("portal:space", args=[lab.slug]),
            reverse("labs:log", args=[lab.slug]),
        ):
            html = client.get(url).content.decode()
            assert "Samira" not in html, url
        html = page(client, lab)
        assert "Newcomer representative 1" in html
        assert "A newcomer representative" in html  # the log entry's author

    def test_newcomer_name_shown_once_they_opt_in(self, client, lab, facilitator):
        seat(
            lab,
            facilitator,
            "newcomers",
            role="newcomer",
            display_name="Samira Haddad",
            show_name_publicly=True,
        )
        html = page(client, lab)
        assert "Samira Haddad" in html
        assert "Newcomer representative 1" not in html

    def test_members_see_names_in_the_log(self, client, lab, facilitator):
        samira = seat(lab, facilitator, "newcomers", role="newcomer", display_name="Samira")
        set_phase(lab, "experiment")
        log_entry_create(
            actor=samira,
            lab=lab,
            happened_on=timezone.localdate(),
            hypothesis="H",
            tried="T",
            by_user=samira,
        )
        client.force_login(samira)
        assert "Samira" in client.get(reverse("labs:log", args=[lab.slug])).content.decode()

    def test_outcomes_are_the_adopted_proposals(self, client, lab, facilitator):
        from proposals.models import Proposal

        Proposal.objects.create(
            space=lab, title="Open a desk at the bank", text="x", status="adopted"
        )
        Proposal.objects.create(space=lab, title="Still a draft idea", text="x")
        html = page(client, lab)
        assert "Open a desk at the bank" in html and "Still a draft idea" not in html
        assert reverse("proposals:proposal-list", args=[lab.slug]) in html

    def test_draft_evaluation_only_for_members_published_for_all(self, client, lab, facilitator):
        set_phase(lab, "evaluation")
        evaluation_save(
            actor=facilitator,
            lab=lab,
            base_revision=0,
            worked="The town-hall letter worked",
            decision="generalise",
        )
        assert "The town-hall letter worked" not in page(client, lab)
        evaluation_url = reverse("labs:evaluation", args=[lab.slug])
        assert "Version 1" not in client.get(evaluation_url).content.decode()
        client.force_login(facilitator)
        assert "Draft, seen by members only" in page(client, lab)
        assert "Version 1" in client.get(evaluation_url).content.decode()
        evaluation_publish(actor=facilitator, lab=lab)
        client.logout()
        html = page(client, lab)
        assert "The town-hall letter worked" in html and "Generalise" in html

    def test_constant_queries_whatever_the_panel_size(self, client, lab, facilitator):
        set_phase(lab, "experiment")

        def count():
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse("portal:space", args=[lab.slug])).status_code == 200
            return len(queries)

        seat(lab, facilitator, "newcomers")
        log_entry_create(
            actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis="H",
            tried="T", by_college="partners",
        )  # fmt: skip
        one = count()
        for college in ("newcomers", "partners", "decision_makers"):
            while free := first_free_seat(lab, college):
                membership_start(actor=facilitator, seat=free, user=UserFactory(role="newcomer"))
        for n in range(4):
            log_entry_create(
                actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis=f"H{n}",
                tried="T", by_user=lab.memberships.filter(seat__college=College.NEWCOMERS)[n].user,
            )  # fmt: skip
        assert lab.memberships.filter(ended_at__isnull=True).count() == 31
        assert count() == one


# Phases -------------------------------------------------------------------------------
class TestPhasePage:
    def url(self, lab):
        return reverse("labs:lab-phase", args=[lab.slug])

    def test_facilitator_moves_forward(self, client, lab, facilitator):
        client.force_login(facilitator)
        response = client.post(self.url(lab), {"form": "phase", "phase": "selection"})
        assert response.status_code == 302
        lab.refresh_from_db()
        assert lab.phase == "selection"

    def test_going_back_without_reason_says_why_and_keeps_the_choice(
        self, client, lab, facilitator
    ):
        set_phase(lab, "experiment")
        client.force_login(facilitator)
        response = client.post(self.url(lab), {"form": "phase", "phase": "sessions", "reason": ""})
        assert response.status_code == 200
        assert "Say why the lab goes back" in response.content.decode()
        assert response.context["phase_form"]["phase"].value() == "sessions"
        lab.refresh_from_db()
        assert lab.phase == "experiment" and not LabPhaseChange.objects.exists()

    @pytest.mark.parametrize(
        "data",
        [
            {"form": "phase", "phase": "party"},
            {"form": "phase"},
            {"form": "dates", "planned_call": "not a date"},
            {"form": "dates", "planned_call": "2026-12-01", "planned_selection": "2026-11-01"},
            {"form": "nonsense"},
        ],
    )
    def test_bad_input_gets_a_message_not_a_500(self, client, lab, facilitator, data):
        client.force_login(facilitator)
        response = client.post(self.url(lab), data)
        assert response.status_code == 200
        lab.refresh_from_db()
        assert lab.phase == "call" and not LabPhaseDate.objects.exists()
        if data["form"] != "nonsense":
            assert 'class="errorlist' in response.content.decode()

    def test_dates_saved_and_shown(self, client, lab, facilitator):
        client.force_login(facilitator)
        response = client.post(
            self.url(lab),
            {"form": "dates", "planned_call": "2026-11-01", "planned_experiment": "2026-11-20"},
        )
        assert response.status_code == 302
        assert "planned 20 November 2026" in page(client, lab)  # CLDR en_GB, long

    def test_member_cannot_change_the_phase(self, client, lab, facilitator):
        member = seat(lab, facilitator, "partners", role="partner")
        client.force_login(member)
        assert (
            client.post(self.url(lab), {"form": "phase", "phase": "selection"}).status_code == 403
        )
        lab.refresh_from_db()
        assert lab.phase == "call"


# Log ----------------------------------------------------------------------------------
class TestLogPages:
    def post_entry(self, client, lab, **over):
        data = {
            "happened_on": str(timezone.localdate()),
            "hypothesis": "A letter is enough",
            "tried": "We went to the bank",
            "observed": "",
            "by_kind": "organisation",
            "by_organisation": "Banque Alpes",
        }
        data.update(over)
        return client.post(reverse("labs:log-entry-create", args=[lab.slug]), data)

    def test_member_adds_an_entry(self, client, lab, facilitator):
        set_phase(lab, "experiment")
        client.force_login(seat(lab, facilitator, "partners", role="partner"))
        assert self.post_entry(client, lab).status_code == 302
        assert ExperimentLogEntry.objects.get().by_organisation == "Banque Alpes"

    @pytest.mark.parametrize(
        ("over", "message"),
        [
            ({"hypothesis": ""}, "This field is required"),
            ({"happened_on": "31/31/2026"}, "Enter a valid date"),
            ({"by_organisation": ""}, "Say who"),
            ({"by_kind": "college", "by_college": "party"}, "Select a valid choice"),
            ({"happened_on": str(date.today() + timedelta(days=5))}, "cannot be in the future"),
        ],
    )
    def test_bad_entry_keeps_what_was_typed(self, client, lab, facilitator, over, message):
        set_phase(lab, "experiment")
        client.force_login(facilitator)
        response = self.post_entry(client, lab, tried="Typed with care", **over)
        html = response.content.decode()
        assert response.status_code == 200
        assert message in html and "Typed with care" in html
        assert not ExperimentLogEntry.objects.exists()

    def test_adding_outside_the_experiment_is_refused(self, client, lab, facilitator):
        client.force_login(facilitator)
        assert self.post_entry(client, lab).status_code == 403
        assert client.get(reverse("labs:log", args=[lab.slug])).status_code == 200

    def test_concurrent_edit_shows_both_versions(self, client, lab, facilitator):
        set_phase(lab, "experiment")
        entry = log_entry_create(
            actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis="H",
            tried="First", by_college="partners",
        )  # fmt: skip
        url = reverse("labs:log-entry-edit", args=[entry.pk])
        client.force_login(facilitator)
        data = {
            "happened_on": str(timezone.localdate()),
            "hypothesis": "H",
            "by_kind": "college",
            "by_college": "partners",
            "revision": "1",
        }
        assert client.post(url, {**data, "tried": "Second"}).status_code == 302
        response = client.post(url, {**data, "tried": "My late change"})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Someone else changed this entry" in html
        assert "My late change" in html and "Second" in html  # both versions on screen
        assert response.context["form"]["revision"].value() == 2
        entry.refresh_from_db()
        assert entry.tried == "Second"
        history = client.get(reverse("labs:log-entry-history", args=[entry.pk]))
        assert history.status_code == 200
        assert "Version 2" in history.content.decode() and "First" in history.content.decode()


# Evaluation ---------------------------------------------------------------------------
class TestEvaluationPages:
    def test_indicators_parsed_and_bad_lines_named(self, client, lab, facilitator):
        set_phase(lab, "evaluation")
        client.force_login(facilitator)
        url = reverse("labs:evaluation-edit", args=[lab.slug])
        bad = client.post(
            url,
            {"worked": "Kept", "indicators": "Accounts opened: 12\nno colon here", "revision": 0},
        )
        assert bad.status_code == 200
        assert "Line 2" in bad.content.decode() and "Kept" in bad.content.decode()
        assert not Evaluation.objects.exists()
        ok = client.post(
            url, {"worked": "Kept", "indicators": "Accounts opened: 12", "revision": 0}
        )
        assert ok.status_code == 302
        assert Evaluation.objects.get().indicators == [{"label": "Accounts opened", "value": "12"}]

    def test_publish_without_decision_says_so(self, client, lab, facilitator):
        set_phase(lab, "evaluation")
        evaluation_save(actor=facilitator, lab=lab, base_revision=0, worked="W")
        client.force_login(facilitator)
        response = client.post(reverse("labs:evaluation-publish", args=[lab.slug]), follow=True)
        assert "Choose a decision" in response.content.decode()
        assert not Evaluation.objects.get().is_published

    def test_stale_evaluation_save_keeps_the_text(self, client, lab, facilitator):
        set_phase(lab, "evaluation")
        evaluation_save(actor=facilitator, lab=lab, base_revision=0, worked="Saved first")
        client.force_login(facilitator)
        response = client.post(
            reverse("labs:evaluation-edit", args=[lab.slug]),
            {"worked": "Typed late", "revision": 0},
        )
        html = response.content.decode()
        assert "Someone else saved the evaluation" in html
        assert "Typed late" in html and "Saved first" in html
        assert Evaluation.objects.get().worked == "Saved first"


# Recommendations: the proposals flow, gated by the lab's phase ------------------------
@pytest.mark.parametrize("phase", ["call", "sessions", "experiment", "evaluation"])
def test_lab_proposals_wait_for_the_recommendations_phase(client, lab, facilitator, phase):
    member = seat(lab, facilitator, "partners", role="partner")
    set_phase(lab, phase)
    client.force_login(member)
    url = reverse("proposals:proposal-create", args=[lab.slug])
    assert client.get(url).status_code == 403
    assert client.post(url, {"title": "T", "text": "x"}).status_code == 403
    assert url not in page(client, lab)


def test_lab_proposals_in_the_recommendations_phase(client, lab, facilitator):
    from proposals.models import Proposal

    member = seat(lab, facilitator, "partners", role="partner")
    set_phase(lab, "recommendations")
    client.force_login(member)
    url = reverse("proposals:proposal-create", args=[lab.slug])
    assert url in page(client, lab)
    response = client.post(url, {"title": "Un guichet à la banque", "text": "Le lundi."})
    assert response.status_code == 302
    assert Proposal.objects.get(space_id=lab.pk).title == "Un guichet à la banque"


def test_agora_proposals_are_unaffected(client, agora, members):
    client.force_login(members[0].user)
    assert client.get(reverse("proposals:proposal-create", args=[agora.slug])).status_code == 200


def test_log_page_runs_constant_queries(client, lab, facilitator):
    set_phase(lab, "experiment")
    people = [seat(lab, facilitator, "newcomers") for _ in range(4)]

    def add(person):
        log_entry_create(
            actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis="H",
            tried="T", by_user=person,
        )  # fmt: skip

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("labs:log", args=[lab.slug])).status_code == 200
        return len(queries)

    add(people[0])
    one = count()
    for person in people:
        add(person)
    assert count() == one


def test_late_observation_during_the_evaluation(client, lab, facilitator):
    set_phase(lab, "experiment")
    entry = log_entry_create(
        actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis="H",
        tried="Went to the bank", by_organisation="CCAS",
    )  # fmt: skip
    set_phase(lab, "evaluation")
    client.force_login(facilitator)
    url = reverse("labs:log-entry-edit", args=[entry.pk])
    form_page = client.get(url).content.decode()
    assert "disabled" in form_page
    response = client.post(
        url, {"observed": "Opened two weeks later", "tried": "Hacked", "revision": "1"}
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.tried, entry.observed) == ("Went to the bank", "Opened two weeks later")


@pytest.mark.parametrize("revision", ["", "abc", "99"])
def test_an_altered_version_number_gets_the_conflict_message(client, lab, facilitator, revision):
    set_phase(lab, "experiment")
    entry = log_entry_create(
        actor=facilitator, lab=lab, happened_on=timezone.localdate(), hypothesis="H",
        tried="Kept", by_organisation="CCAS",
    )  # fmt: skip
    client.force_login(facilitator)
    data = {
        "happened_on": str(timezone.localdate()),
        "hypothesis": "H",
        "tried": "Mine",
        "by_kind": "organisation",
        "by_organisation": "CCAS",
        "revision": revision,
    }
    response = client.post(reverse("labs:log-entry-edit", args=[entry.pk]), data)
    assert response.status_code == 200
    assert "Someone else changed this entry" in response.content.decode()
    entry.refresh_from_db()
    assert entry.tried == "Kept"
