from django.contrib import admin

from core.models import AuditEntry, Space


class ReadOnlyAdmin(admin.ModelAdmin):
    """Spaces, seats and memberships change only through services, with audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Space)
class SpaceAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "visibility", "created_at"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "action", "actor", "space", "target_type", "target_id"]
    list_filter = ["action"]
