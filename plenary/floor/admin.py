from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.core.admin import AuditedAdmin
from plenary.floor import services
from plenary.floor.models import Request, SpeakersList


class RequestInline(admin.TabularInline):
    """Requests are written by members, focal points and the chair on the floor's pages."""

    model = Request
    fields = ["number", "position", "registration", "mode", "state", "point_of_order", "asked_at"]
    readonly_fields = fields
    ordering = ["position"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("requests to speak")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SpeakersList)
class SpeakersListAdmin(AuditedAdmin):
    """The secretariat opens a session's list, sets its rules and names its chairs; changes go
    through the floor's services, which audit them."""

    list_display = ["session", "order", "per_delegation", "seconds_per_speaker", "accepting"]
    list_filter = ["order", "session__track"]
    autocomplete_fields = ["session"]
    raw_id_fields = ["chairs"]
    inlines = [RequestInline]

    def save_model(self, request, obj, form, change):
        chosen = {name: form.cleaned_data[name] for name in services.SETTINGS}
        if change:
            services.change_settings(speakers_list=obj, actor=request.user, **chosen)
        else:
            obj.pk = services.open_list(session=form.cleaned_data["session"], actor=request.user, **chosen).pk
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        chairs = list(form.cleaned_data["chairs"])
        services.set_chairs(speakers_list=form.instance, users=chairs, actor=request.user)
        for formset in formsets:
            self.save_formset(request, form, formset, change)
