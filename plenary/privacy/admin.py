from django.contrib import admin

from plenary.core.admin import AuditedAdmin, ReadOnlyAdmin
from plenary.privacy.models import ErasureRequest, RetentionPolicy, RetentionRun


@admin.register(RetentionPolicy)
class RetentionPolicyAdmin(AuditedAdmin):
    list_display = ["track", "passport_days", "photo_days", "contact_days", "registration_days"]


@admin.register(RetentionRun)
class RetentionRunAdmin(ReadOnlyAdmin):
    list_display = ["ran_at", "track", "kind", "count"]
    list_filter = ["track", "kind"]


@admin.register(ErasureRequest)
class ErasureRequestAdmin(ReadOnlyAdmin):
    list_display = ["pk", "track", "status", "by_focal_point", "created_at", "decided_at", "decided_by"]
    list_filter = ["track", "status"]
