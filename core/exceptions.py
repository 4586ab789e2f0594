from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain refused an action. The message is shown to the user as is."""

    default_message = _("This action is not possible.")

    def __init__(self, message=None):
        self.message = message or self.default_message
        super().__init__(str(self.message))


class SeatTaken(DomainError):
    default_message = _("This seat is already held by someone.")


class AlreadyMember(DomainError):
    default_message = _("This person already has a place in this space.")


class InvitationInvalid(DomainError):
    default_message = _("This invitation can no longer be used.")
