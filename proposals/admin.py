"""Territory settings kept in the admin: the themes of proposals."""

from django.contrib import admin

from proposals.models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    prepopulated_fields = {"slug": ["name"]}
