"""The lab's life, through its services: phases and dates, the log, the evaluation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from core.exceptions import DomainError
from core.models import AuditEntry
from core.services import membership_start
from labs.models import (
    Evaluation,
    EvaluationRevision,
    ExperimentLogEntry,
    ExperimentLogRevision,
    Lab,
    LabPhaseChange,
    LabPhaseDate,
    Phase,
)
from labs.selectors import lab_phase_timeline_dated
from labs.services import (
    evaluation_publish,
    evaluation_save,
    lab_phase_advance,
    lab_phase_dates_set,
    lab_phase_set,
    lab_update,
    log_entry_create,
    log_entry_edit,
)
from tests.conftest import first_free_seat
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    # Messages are matched in English; the site's default language is French.
    with translation.override("en"):
        yield


def set_phase(lab, facilitator, phase):
    Lab.objects.filter(pk=lab.pk).update(phase=phase)
    lab.refresh_from_db()
    return lab


@pytest.fixture
def panel(lab, facilitator):
    """A newcomer and a partner seated in the lab."""
    newcomer = UserFactory(role="newcomer", display_name="Samira")
    partner = UserFactory(role="partner", display_name="CCAS Grenoble")
    membership_start(actor=facilitator, seat=first_free_seat(lab, "newcomers"), user=newcomer)
    membership_start(actor=facilitator, seat=first_free_seat(lab, "partners"), user=partner)
    return {"newcomer": newcomer, "partner": partner}


def entry_kwargs(**over):
    kw = {
        "happened_on": timezone.localdate() - timedelta(days=1),
        "hypothesis": "A letter from the town hall is enough to open an account.",
        "tried": "Three people went to the bank with the letter.",
        "observed": "Two accounts opened.",
        "by_organisation": "Banque Alpes",
    }
    kw.update(over)
    return kw


# Phases -------------------------------------------------------------------------------
class TestPhases:
    def test_forward_move_records_history_date_and_audit(self, lab, facilitator):
        change = lab_phase_set(actor=facilitator, lab=lab, phase=Phase.SELECTION)
        lab.refresh_from_db()
        assert lab.phase == "selection"
        assert (change.from_phase, change.to_phase, change.reason) == ("call", "selection", "")
        assert LabPhaseDate.objects.get(lab=lab, phase="selection").started_on == (
            timezone.localdate()
        )
        audit = AuditEntry.objects.get(action="lab.phase_change")
        assert audit.data == {"previous": "call", "phase": "selection"}

    def test_forward_may_skip_phases(self, lab, facilitator):
        lab_phase_set(actor=facilitator, lab=lab, phase=Phase.EXPERIMENT)
        lab.refresh_from_db()
        assert lab.phase == "experiment"

    def test_advance_goes_to_the_next_phase_and_stops_at_the_last(self, lab, facilitator):
        for expected in ["selection", "sessions", "experiment", "evaluation", "recommendations"]:
            lab_phase_advance(actor=facilitator, lab=lab)
            lab.refresh_from_db()
            assert lab.phase == expected
        with pytest.raises(DomainError, match="last phase"):
            lab_phase_advance(actor=facilitator, lab=lab)
        assert LabPhaseChange.objects.filter(lab=lab).count() == 5

    def test_going_back_needs_a_reason(self, lab, facilitator):
        lab_phase_set(actor=facilitator, lab=lab, phase=Phase.EXPERIMENT)
        with pytest.raises(DomainError, match="Say why"):
            lab_phase_set(actor=facilitator, lab=lab, phase=Phase.SESSIONS, reason="   ")
        lab.refresh_from_db()
        assert lab.phase == "experiment"
        change = lab_phase_set(
            actor=facilitator, lab=lab, phase=Phase.SESSIONS, reason="The bank changed its rules"
        )
        assert change.is_backwards and change.reason == "The bank changed its rules"
        # The experiment has not really started any more.
        assert LabPhaseDate.objects.get(lab=lab, phase="experiment").started_on is None

    def test_same_phase_and_unknown_phase_refused(self, lab, facilitator):
        with pytest.raises(DomainError, match="already"):
            lab_phase_set(actor=facilitator, lab=lab, phase=Phase.CALL)
        with pytest.raises(DomainError, match="Unknown"):
            lab_phase_set(actor=facilitator, lab=lab, phase="party")
        assert not LabPhaseChange.objects.exists()

    @pytest.mark.parametrize("who", ["member", "outsider", "other_facilitator"])
    def test_only_the_labs_facilitator_changes_the_phase(self, lab, facilitator, panel, who):
        actor = {
            "member": panel["partner"],
            "outsider": UserFactory(role="partner"),
            "other_facilitator": UserFactory(role="facilitator"),
        }[who]
        with pytest.raises(DomainError, match="facilitator"):
            lab_phase_set(actor=actor, lab=lab, phase=Phase.SELECTION)
        lab.refresh_from_db()
        assert lab.phase == "call"

    def test_the_edit_form_path_goes_through_the_same_rule(self, lab, facilitator):
        lab_phase_set(actor=facilitator, lab=lab, phase=Phase.EXPERIMENT)
        lab.refresh_from_db()
        fields = {
            "name": "Renamed",
            "question": lab.question,
            "starts_on": lab.starts_on,
            "ends_on": lab.ends_on,
        }
        with pytest.raises(DomainError, match="page of the phases"):
            lab_update(actor=facilitator, lab=lab, phase="call", **fields)
        lab.refresh_from_db()
        assert (lab.phase, lab.name) == ("experiment", "Lab bank account")  # all rolled back

    def test_planned_dates_follow_the_phases_order(self, lab, facilitator):
        d = date(2026, 11, 1)
        lab_phase_dates_set(
            actor=facilitator,
            lab=lab,
            planned={"call": d, "selection": d + timedelta(7), "experiment": d + timedelta(21)},
        )
        timeline = lab_phase_timeline_dated(lab=lab)
        assert [s["planned_on"] for s in timeline] == [
            d,
            d + timedelta(7),
            None,
            d + timedelta(21),
            None,
            None,
        ]
        assert timeline[0]["state"] == "current"
        with pytest.raises(DomainError, match="cannot start before"):
            lab_phase_dates_set(
                actor=facilitator,
                lab=lab,
                planned={"sessions": d + timedelta(30), "experiment": d + timedelta(10)},
            )
        assert LabPhaseDate.objects.get(lab=lab, phase="experiment").planned_on == d + timedelta(21)

    def test_planned_dates_by_a_member_refused(self, lab, facilitator, panel):
        with pytest.raises(DomainError):
            lab_phase_dates_set(actor=panel["partner"], lab=lab, planned={"call": date.today()})
        assert not LabPhaseDate.objects.exists()


# Experiment log -----------------------------------------------------------------------
class TestLog:
    @pytest.mark.parametrize("phase", [p for p in Phase.values if p != "experiment"])
    def test_entries_only_during_the_experiment(self, lab, facilitator, panel, phase):
        set_phase(lab, facilitator, phase)
        with pytest.raises(DomainError, match="experiment phase"):
            log_entry_create(actor=panel["partner"], lab=lab, **entry_kwargs())
        assert not ExperimentLogEntry.objects.exists()

    def test_member_writes_an_entry_with_its_first_revision(self, lab, facilitator, panel):
        set_phase(lab, facilitator, "experiment")
        entry = log_entry_create(
            actor=panel["newcomer"],
            lab=lab,
            **entry_kwargs(by_organisation="", by_user=panel["newcomer"]),
        )
        assert entry.by_user == panel["newcomer"] and entry.revision == 1
        rev = ExperimentLogRevision.objects.get(entry=entry)
        assert (rev.number, rev.editor, rev.tried) == (1, panel["newcomer"], entry.tried)
        assert AuditEntry.objects.filter(action="lab.log_entry_create").count() == 1

    def test_outsider_cannot_write(self, lab, facilitator):
        set_phase(lab, facilitator, "experiment")
        with pytest.raises(DomainError, match="members"):
            log_entry_create(actor=UserFactory(), lab=lab, **entry_kwargs())

    @pytest.mark.parametrize(
        ("over", "message"),
        [
            ({"hypothesis": "  "}, "hypothesis"),
            ({"tried": ""}, "hypothesis"),
            ({"by_organisation": ""}, "Say who"),
            ({"by_college": "partners"}, "only one"),
            ({"by_organisation": "", "by_college": "party"}, "Unknown college"),
            ({"happened_on": date.today() + timedelta(days=3)}, "future"),
        ],
    )
    def test_bad_entries_refused(self, lab, facilitator, over, message):
        set_phase(lab, facilitator, "experiment")
        with pytest.raises(DomainError, match=message):
            log_entry_create(actor=facilitator, lab=lab, **entry_kwargs(**over))
        assert not ExperimentLogEntry.objects.exists()

    def test_by_user_must_be_in_the_lab(self, lab, facilitator):
        set_phase(lab, facilitator, "experiment")
        with pytest.raises(DomainError, match="not a member"):
            log_entry_create(
                actor=facilitator,
                lab=lab,
                **entry_kwargs(by_organisation="", by_user=UserFactory()),
            )

    def test_edit_keeps_every_version_and_refuses_a_stale_base(self, lab, facilitator, panel):
        set_phase(lab, facilitator, "experiment")
        entry = log_entry_create(actor=facilitator, lab=lab, **entry_kwargs())
        log_entry_edit(
            actor=panel["partner"], entry=entry, base_revision=1, **entry_kwargs(observed="Three.")
        )
        entry.refresh_from_db()
        assert (entry.revision, entry.observed) == (2, "Three.")
        with pytest.raises(DomainError, match="Someone else changed"):
            log_entry_edit(
                actor=panel["newcomer"], entry=entry, base_revision=1, **entry_kwargs(observed="X")
            )
        entry.refresh_from_db()
        assert entry.observed == "Three."
        numbers = list(
            ExperimentLogRevision.objects.filter(entry=entry).values_list("number", "observed")
        )
        assert numbers == [(2, "Three."), (1, "Two accounts opened.")]

    def test_an_unchanged_save_makes_no_new_version(self, lab, facilitator):
        set_phase(lab, facilitator, "experiment")
        entry = log_entry_create(actor=facilitator, lab=lab, **entry_kwargs())
        log_entry_edit(actor=facilitator, entry=entry, base_revision=1, **entry_kwargs())
        assert ExperimentLogRevision.objects.filter(entry=entry).count() == 1

    def test_during_the_evaluation_only_observations_change(self, lab, facilitator):
        set_phase(lab, facilitator, "experiment")
        entry = log_entry_create(actor=facilitator, lab=lab, **entry_kwargs())
        set_phase(lab, facilitator, "evaluation")
        with pytest.raises(DomainError, match="only what was observed"):
            log_entry_edit(
                actor=facilitator, entry=entry, base_revision=1, **entry_kwargs(tried="Y")
            )
        log_entry_edit(
            actor=facilitator, entry=entry, base_revision=1, **entry_kwargs(observed="A 3rd one")
        )
        entry.refresh_from_db()
        assert (entry.tried, entry.observed, entry.revision) == (
            "Three people went to the bank with the letter.",
            "A 3rd one",
            2,
        )

    @pytest.mark.parametrize("phase", ["call", "selection", "sessions", "recommendations"])
    def test_edit_refused_outside_experiment_and_evaluation(self, lab, facilitator, phase):
        set_phase(lab, facilitator, "experiment")
        entry = log_entry_create(actor=facilitator, lab=lab, **entry_kwargs())
        set_phase(lab, facilitator, phase)
        with pytest.raises(DomainError, match="only during the experiment"):
            log_entry_edit(
                actor=facilitator, entry=entry, base_revision=1, **entry_kwargs(observed="Y")
            )
        entry.refresh_from_db()
        assert entry.revision == 1


# Evaluation ---------------------------------------------------------------------------
class TestEvaluation:
    def fill(self, actor, lab, base=0, **over):
        kw = {
            "worked": "The town-hall letter.",
            "did_not_work": "Online banks.",
            "indicators": [{"label": "Accounts opened", "value": "12"}],
            "decision": "generalise",
            "decision_reason": "12 of 15 in their first month.",
        }
        kw.update(over)
        return evaluation_save(actor=actor, lab=lab, base_revision=base, **kw)

    @pytest.mark.parametrize("phase", ["call", "selection", "sessions", "recommendations"])
    def test_written_only_during_the_experiment_and_evaluation(self, lab, facilitator, phase):
        set_phase(lab, facilitator, phase)
        with pytest.raises(DomainError, match="evaluation phases"):
            self.fill(facilitator, lab)
        assert not Evaluation.objects.exists()

    def test_members_write_facilitator_publishes(self, lab, facilitator, panel):
        set_phase(lab, facilitator, "experiment")
        ev = self.fill(panel["newcomer"], lab, decision="")  # begun during the experiment
        with pytest.raises(DomainError, match="evaluation phase"):
            evaluation_publish(actor=facilitator, lab=lab)
        set_phase(lab, facilitator, "evaluation")
        ev = self.fill(facilitator, lab, base=1)
        assert ev.revision == 2 and ev.indicators == [{"label": "Accounts opened", "value": "12"}]
        assert EvaluationRevision.objects.filter(evaluation=ev).count() == 2
        with pytest.raises(DomainError, match="facilitator"):
            evaluation_publish(actor=panel["partner"], lab=lab)
        ev = evaluation_publish(actor=facilitator, lab=lab)
        assert ev.is_published and ev.published_by == facilitator
        with pytest.raises(DomainError, match="published"):
            self.fill(facilitator, lab, base=2, worked="Changed")
        with pytest.raises(DomainError, match="already published"):
            evaluation_publish(actor=facilitator, lab=lab)

    def test_stale_base_refused_nothing_overwritten(self, lab, facilitator, panel):
        set_phase(lab, facilitator, "evaluation")
        self.fill(panel["newcomer"], lab, worked="First")
        with pytest.raises(DomainError, match="Someone else saved"):
            self.fill(panel["partner"], lab, base=0, worked="Second")
        assert Evaluation.objects.get(lab=lab).worked == "First"

    def test_publishing_needs_a_decision_and_content(self, lab, facilitator):
        set_phase(lab, facilitator, "evaluation")
        with pytest.raises(DomainError, match="Write what worked"):
            evaluation_publish(actor=facilitator, lab=lab)
        self.fill(facilitator, lab, decision="")
        with pytest.raises(DomainError, match="Choose a decision"):
            evaluation_publish(actor=facilitator, lab=lab)
        assert not Evaluation.objects.get(lab=lab).is_published

    @pytest.mark.parametrize(
        ("over", "message"),
        [
            ({"decision": "maybe"}, "Unknown decision"),
            ({"indicators": [{"label": "Accounts", "value": " "}]}, "figure"),
        ],
    )
    def test_bad_evaluation_refused(self, lab, facilitator, over, message):
        set_phase(lab, facilitator, "evaluation")
        with pytest.raises(DomainError, match=message):
            self.fill(facilitator, lab, **over)
        assert not EvaluationRevision.objects.exists()

    def test_the_database_refuses_a_published_evaluation_without_decision(self, lab):
        from django.db import IntegrityError, transaction

        with pytest.raises(IntegrityError), transaction.atomic():
            Evaluation.objects.create(lab=lab, worked="x", published_at=timezone.now())


def test_demo_seed_is_complete_and_idempotent(lab, facilitator, panel):
    from labs.demo import seed_life

    seed_life(lab, facilitator)
    lab.refresh_from_db()
    assert lab.phase == "experiment"
    assert ExperimentLogEntry.objects.filter(lab=lab).count() == 3
    assert LabPhaseDate.objects.filter(lab=lab, planned_on__isnull=False).count() == 6
    evaluation = Evaluation.objects.get(lab=lab)
    assert evaluation.revision == 1 and not evaluation.is_published
    audits = AuditEntry.objects.count()
    seed_life(lab, facilitator)
    assert AuditEntry.objects.count() == audits
