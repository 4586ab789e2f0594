from allauth.mfa import admin as mfa_admin
from allauth.mfa.models import Authenticator
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.models import User
from accounts.services import user_delete
from core.realtime import access_changed

# A change to these takes access away (or gives it): the person's open sockets check again.
ACCESS_FIELDS = {"is_active", "role", "is_staff", "is_superuser"}


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Read-mostly: writes that matter go through services (seats, invitations).

    No hard delete: removing the row would take votes, comments and amendments with it
    (or fail on a recommendation addressed to the person). The action below deletes the
    account the way the person would, keeping an anonymous tombstone (user_delete)."""

    list_display = ["username", "display_name", "role", "is_active", "date_joined", "deleted_at"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "display_name"]
    fields = ["username", "display_name", "role", "is_active", "is_staff", "is_superuser"]
    readonly_fields = ["username"]
    actions = ["anonymise_accounts"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and ACCESS_FIELDS & set(form.changed_data):
            access_changed(user_id=obj.pk)  # a deactivated account stops receiving at once

    @admin.action(
        description=_("Delete the selected accounts (anonymised, the record is kept)"),
        permissions=["change"],
    )
    def anonymise_accounts(self, request, queryset):
        count = 0
        for user in queryset.filter(deleted_at__isnull=True):
            user_delete(user=user, actor=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d account deleted.", "%(count)d accounts deleted.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class AuthenticatorAdmin(mfa_admin.AuthenticatorAdmin):
    """allauth's authenticator admin, without "add": a second factor is enrolled by its owner
    through allauth (a secret typed in by staff would be a second factor staff also know), and
    the raw JSON of an added one could not be checked (a 5,000-digit number in it was a 500).
    Staff can still see and remove one, for a member who lost her phone."""

    def has_add_permission(self, request):
        return False


admin.site.unregister(Authenticator)
admin.site.register(Authenticator, AuthenticatorAdmin)
