from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.core.audit import diff, record, snapshot
from plenary.core.models import AuditEntry, RoleAssignment

admin.site.site_header = _("plenary back office")
admin.site.site_title = "plenary"
admin.site.index_title = _("Secretariat")


class AuditedAdmin(admin.ModelAdmin):
    """Every save and delete in the back office goes to the audit log."""

    def save_model(self, request, obj, form, change):
        before = snapshot(type(obj).objects.get(pk=obj.pk)) if change else {}
        super().save_model(request, obj, form, change)
        changes = diff(before, snapshot(obj))
        record(actor=request.user, action="changed" if change else "created", target=obj, changes=changes)

    def delete_model(self, request, obj):
        record(actor=request.user, action="deleted", target=obj, changes=snapshot(obj))
        super().delete_model(request, obj)


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedAdmin):
    list_display = ["user", "role", "parliament", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__last_name"]
    autocomplete_fields = ["parliament"]
    raw_id_fields = ["user"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "on_behalf_of", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
