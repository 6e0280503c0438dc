from django.contrib import admin

from plenary.credentials.models import TrackRules


@admin.register(TrackRules)
class TrackRulesAdmin(admin.ModelAdmin):
    list_display = ["track", "badges_from", "funding_from", "participants_from", "floor_from", "women_rule"]
