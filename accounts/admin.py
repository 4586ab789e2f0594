from django.contrib import admin

from accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    """Read-mostly: writes that matter go through services (seats, invitations)."""

    list_display = ["username", "display_name", "role", "is_active", "date_joined"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["username", "display_name"]
    fields = ["username", "display_name", "role", "is_active", "is_staff", "is_superuser"]
    readonly_fields = ["username"]
