from django.contrib import admin

from plenary.funding.models import Application, Criterion, FundingCall, LedgerEntry, Review, SelectionRun


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(FundingCall)
class FundingCallAdmin(admin.ModelAdmin):
    list_display = ["title", "track", "budget", "currency", "committed", "paid", "opens_on", "closes_on"]
    readonly_fields = ["committed", "paid"]
    inlines = [CriterionInline]


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
