from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from plenary.funding.models import Application, Criterion, FundingCall, LedgerEntry, Review, SelectionRun


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "track",
        "budget",
        "currency",
        "committed",
        "paid",
        "opens_on",
        "closes_on",
        "pages",
    ]
    readonly_fields = ["committed", "paid"]
    inlines = [CriterionInline]

    @admin.display(description=_("Review and selection"))
    def pages(self, call):
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("funding:review_list", kwargs={"call": call.pk}),
            _("reviews"),
            reverse("funding:selection", kwargs={"call": call.pk}),
            _("selection"),
        )


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["person", "call", "status", "score", "review_count", "disagreement", "grant_amount"]
    list_filter = ["call", "status", "disagreement"]
    readonly_fields = [
        "score",
        "review_count",
        "disagreement",
        "grant_amount",
        "grant_percent",
        "reserve_rank",
        "paid",
    ]


@admin.register(Review)
class ReviewAdmin(admin.ModelAdmin):
    list_display = ["application", "reviewer", "total", "updated_at"]


@admin.register(SelectionRun)
class SelectionRunAdmin(admin.ModelAdmin):
    list_display = ["id", "call", "created_at", "status", "total_score", "greedy_score", "applied_at"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LedgerEntry)
class LedgerEntryAdmin(admin.ModelAdmin):
    list_display = ["call", "application", "kind", "amount", "at", "by"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
