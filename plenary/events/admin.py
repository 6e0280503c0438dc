from django.contrib import admin

from plenary.core.admin import AuditedAdmin
from plenary.events.models import DocumentFile, Forum, Signatory, Track, TrackDocument


@admin.register(Forum)
class ForumAdmin(AuditedAdmin):
    list_display = ["name", "edition", "host_country", "start_date", "end_date", "format"]
    autocomplete_fields = ["host_country"]
    search_fields = ["name", "slug"]


class SignatoryInline(admin.StackedInline):
    model = Signatory
    extra = 0


@admin.register(Track)
class TrackAdmin(AuditedAdmin):
    list_display = ["name", "forum", "slug", "start_date", "end_date", "is_current"]
    search_fields = ["name", "slug"]
    autocomplete_fields = ["forum", "invited_parliaments"]
    inlines = [SignatoryInline]


class DocumentFileInline(admin.TabularInline):
    model = DocumentFile
    extra = 1


@admin.register(TrackDocument)
class TrackDocumentAdmin(AuditedAdmin):
    list_display = ["title", "track", "order"]
    list_filter = ["track"]
    inlines = [DocumentFileInline]
