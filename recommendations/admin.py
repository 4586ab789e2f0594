"""The departments that receive recommendations (with their officials), kept in the admin.
Recommendations themselves change only through the services (read-only here)."""

from django.contrib import admin

from accounts.models import Role, User
from core.admin import ReadOnlyAdmin
from recommendations.models import Department, Recommendation


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name"]
    filter_horizontal = ["officials"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "officials":
            kwargs["queryset"] = User.objects.filter(role=Role.OFFICIAL)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Recommendation)
class RecommendationAdmin(ReadOnlyAdmin):
    list_display = ["title", "space", "issued_at", "deadline", "answer", "implementation"]
    list_filter = ["answer", "implementation"]
