"""The back office shows the output document read-only: every change goes through the pages and
services, which keep versions, translation status and the audit trail consistent."""

from django.contrib import admin

from plenary.core.admin import ReadOnlyAdmin
from plenary.outcomes.models import Amendment, Comment, Document, MainPoint, Version


@admin.register(Document)
class DocumentAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "track", "source_language"]


@admin.register(Version)
class VersionAdmin(ReadOnlyAdmin):
    list_display = [
        "__str__",
        "status",
        "published_at",
        "comments_open_at",
        "comments_close_at",
        "adopted_at",
    ]
    list_filter = ["status"]


@admin.register(Comment)
class CommentAdmin(ReadOnlyAdmin):
    list_display = ["paragraph_version", "stance", "language", "author", "created_at"]
    list_filter = ["stance", "language"]
    list_select_related = ["paragraph_version__version__document", "author"]


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ["paragraph_version", "kind", "status", "author", "decided_by", "taken_in"]
    list_filter = ["status", "kind"]
    list_select_related = ["paragraph_version__version__document", "author", "decided_by", "taken_in"]


@admin.register(MainPoint)
class MainPointAdmin(ReadOnlyAdmin):
    list_display = ["session", "kind", "status", "language", "speaker"]
    list_filter = ["status", "kind"]
    list_select_related = ["session", "speaker", "speaker__person"]
