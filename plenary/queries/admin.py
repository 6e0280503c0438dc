from django.contrib import admin

from plenary.queries.models import ReplyTemplate


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(admin.ModelAdmin):
    """The secretariat's standard answers, one per language; threads are handled on their own pages."""

    list_display = ("name", "language")
    list_filter = ("language",)
    search_fields = ("name", "body")
