from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from plenary.core import outbox
from plenary.core.audit import diff, record, snapshot
from plenary.core.models import AuditEntry, OutboxAttachment, OutboxMessage, RoleAssignment

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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written only by services (audit log, outbox): the back office reads them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "on_behalf_of", "action", "target_type", "target_repr"]
    list_filter = ["action", "target_type"]
    search_fields = ["target_repr", "actor__email"]
    readonly_fields = [field.name for field in AuditEntry._meta.fields]


class OutboxAttachmentInline(admin.TabularInline):
    model = OutboxAttachment
    fields = ["filename", "mimetype", "size"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """The outbox, read-only: what was sent to whom, what is waiting, and why something failed."""

    list_display = [
        "created_at",
        "subject",
        "recipient_list",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "attachment_names",
    ]
    list_filter = ["status", "language", "created_at"]
    search_fields = ["subject", "message_id", "dedupe_key", "to"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields] + ["attachment_names"]
    inlines = [OutboxAttachmentInline]
    actions = ["retry_now"]
    date_hierarchy = "created_at"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("attachments")

    @admin.display(description=_("recipients"))
    def recipient_list(self, message):
        return ", ".join(message.recipients)

    @admin.display(description=_("attachments"))
    def attachment_names(self, message):
        return ", ".join(attachment.filename for attachment in message.attachments.all())

    @admin.action(description=_("Retry now"), permissions=["retry"])
    def retry_now(self, request, queryset):
        count = outbox.retry_now(messages=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d message queued for another attempt.",
                "%(count)d messages queued for another attempt.",
                count,
            )
            % {"count": count},
        )

    def has_retry_permission(self, request):
        return request.user.has_perm("core.change_outboxmessage")
