"""Permissions of the labs. Each names a rule built from core's role/context predicates
and the phase predicates of `labs.predicates`."""

import rules

from core.predicates import is_public_space, is_space_facilitator, is_space_member, is_superuser
from labs.predicates import is_evaluation_phase, is_experiment_phase

# --- The lab's life ------------------------------------------------------------------
# Move the lab from one phase to another (forward, or back with a reason): its facilitators.
rules.add_perm("labs.change_phase", is_space_facilitator | is_superuser)
# The experiment log and the published evaluation: as visible as the lab itself.
rules.add_perm("labs.view_log", is_public_space | is_space_member | is_superuser)
# Write log entries: members of the lab (facilitators included), during the experiment.
# Edit them then too, and during the evaluation add what was observed late (the service
# lets only "what was observed" change in that phase).
rules.add_perm("labs.add_log_entry", is_space_member & is_experiment_phase)
rules.add_perm("labs.edit_log_entry", is_space_member & (is_experiment_phase | is_evaluation_phase))
# Every revision of an entry, with who saved it: members only.
rules.add_perm("labs.view_log_history", is_space_member | is_superuser)
# The evaluation draft: written by the members with the facilitator, begun while the
# experiment runs and finished in the evaluation phase; only the facilitator publishes it
# (and its decision: generalise, adapt or stop), in the evaluation phase.
rules.add_perm("labs.view_evaluation_draft", is_space_member | is_superuser)
rules.add_perm(
    "labs.edit_evaluation", is_space_member & (is_experiment_phase | is_evaluation_phase)
)
rules.add_perm("labs.publish_evaluation", is_space_facilitator & is_evaluation_phase)
# --- end of the lab's life
