from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.invitations import services
from plenary.invitations.models import Invitation, LetterArchive, LetterSignature, LetterTemplate


class LetterSignatureInline(admin.TabularInline):
    model = LetterSignature
    extra = 0


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    list_display = ["track", "letter_date", "layout", "updated_at"]
    inlines = [LetterSignatureInline]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["reference", "parliament", "to_email", "status", "queued_at", "sent_at"]
    list_filter = ["track", "status", "parliament__country__un_regional_group"]
    search_fields = ["reference", "parliament__country__iso3", "to_email"]
    readonly_fields = [
        "message",
        "letter",
        "link_version",
        "queued_at",
        "sent_at",
        "delivered_at",
        "failed_at",
        "responded_at",
        "last_error",
    ]
    actions = ["revoke_links"]

    @admin.action(description=_("Withdraw the personal links of the selected invitations"))
    def revoke_links(self, request, queryset):
        for invitation in queryset:
            services.revoke_link(invitation=invitation, actor=request.user)
        self.message_user(request, _("%(count)d links withdrawn.") % {"count": queryset.count()})


@admin.register(LetterArchive)
class LetterArchiveAdmin(admin.ModelAdmin):
    list_display = ["track", "status", "done", "total", "created_at", "finished_at"]
    readonly_fields = ["status", "done", "total", "file", "error", "finished_at"]
