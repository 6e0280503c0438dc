import zoneinfo

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from plenary.core.admin import AuditedAdmin
from plenary.core.ids import parse_id
from plenary.events.models import Track
from plenary.programme import selectors, services
from plenary.programme.models import Release, Session, SessionDocument, SessionPerson, SessionSeat, Speaker


class SessionPersonInline(admin.TabularInline):
    model = SessionPerson
    extra = 1
    autocomplete_fields = ["speaker"]


class SessionDocumentInline(admin.TabularInline):
    model = SessionDocument
    extra = 0


class SessionSeatInline(admin.TabularInline):
    """Who holds a seat and who waits, in queue order: written only by the seat services."""

    model = SessionSeat
    fields = ["queue_number", "registration", "status", "requested_at", "promoted_at"]
    readonly_fields = fields
    ordering = ["queue_number"]
    extra = 0
    can_delete = False
    verbose_name_plural = _("seats and waiting list")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("registration")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Session)
class SessionAdmin(AuditedAdmin):
    """Start and end are entered and shown in the session's venue time zone, stored in UTC.

    A change of capacity goes through `services.set_session_capacity`: raising it promotes the
    waiting list; lowering it never takes a reserved seat away.
    """

    list_display = ["title", "track", "kind", "venue_time", "room", "format", "seats"]
    list_filter = ["track", "kind", "format"]
    search_fields = ["title", "slug"]
    list_select_related = ["track__forum"]
    ordering = ["start"]

    @admin.display(description=_("time at the venue"), ordering="start")
    def venue_time(self, obj):
        zone = zoneinfo.ZoneInfo(obj.venue_time_zone)
        start, end = obj.start.astimezone(zone), obj.end.astimezone(zone)
        return f"{start:%Y-%m-%d %H:%M}–{end:%H:%M} {obj.venue_time_zone}"

    @admin.display(description=_("seats taken / capacity · waiting"))
    def seats(self, obj):
        if not obj.seats_are_limited:
            return "–"
        return f"{obj.seats_held} / {obj.capacity} · {obj.seats_waiting}"

    inlines = [SessionPersonInline, SessionDocumentInline]

    def get_inlines(self, request, obj):
        return [*self.inlines, SessionSeatInline] if obj is not None else self.inlines

    def get_queryset(self, request):
        return selectors.with_seat_counts(super().get_queryset(request))

    def save_model(self, request, obj, form, change):
        if not (change and "capacity" in form.changed_data):
            return super().save_model(request, obj, form, change)
        capacity, obj.capacity = obj.capacity, form.initial["capacity"]
        super().save_model(request, obj, form, change)
        promoted = services.set_session_capacity(session=obj, capacity=capacity, actor=request.user)
        if promoted:
            self.message_user(
                request,
                ngettext(
                    "%(count)d delegate on the waiting list got a seat.",
                    "%(count)d delegates on the waiting list got a seat.",
                    len(promoted),
                )
                % {"count": len(promoted)},
                messages.SUCCESS,
            )

    def _venue_zone(self, request, object_id):
        """The session's zone, else its track's (from the form or ?track=); ids that are not numbers
        are no session or track: the admin then says the session does not exist."""
        session_id = parse_id(object_id)
        session = (
            Session.objects.select_related("track__forum").filter(pk=session_id).first()
            if session_id
            else None
        )
        if session is not None:
            return session.venue_time_zone
        track_id = parse_id(request.POST.get("track") or request.GET.get("track"))
        track = Track.objects.select_related("forum").filter(pk=track_id).first() if track_id else None
        if track is None:
            track = Track.objects.select_related("forum").filter(is_current=True).first()
        zone = request.POST.get("time_zone") or (track.forum.time_zone if track else "UTC")
        return zone if zone in zoneinfo.available_timezones() else "UTC"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        zone = self._venue_zone(request, object_id)
        extra_context = (extra_context or {}) | {
            "subtitle": _("Times are in the venue's time zone: %(zone)s") % {"zone": zone}
        }
        with timezone.override(zoneinfo.ZoneInfo(zone)):
            response = super().changeform_view(request, object_id, form_url, extra_context)
            # Render now, while the venue's zone is active: the form shows venue times.
            if hasattr(response, "render"):
                response.render()
        return response


@admin.register(Speaker)
class SpeakerAdmin(AuditedAdmin):
    list_display = ["__str__", "track", "organisation"]
    list_filter = ["track"]
    search_fields = ["name", "person__family_name", "person__given_name"]
    autocomplete_fields = ["person"]


class PublishReleaseForm(forms.ModelForm):
    class Meta:
        model = Release
        fields = ["track", "name"]


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Adding a release publishes the track's current sessions; a release is never edited afterwards."""

    list_display = ["name", "track", "number", "published_at", "published_by", "changed_sessions"]
    list_filter = ["track"]
    form = PublishReleaseForm
    readonly_fields = ["number", "published_at", "published_by", "changelog"]

    def get_fields(self, request, obj=None):
        return ["track", "name"] if obj is None else ["track", "name", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["track", "name", *self.readonly_fields]

    @admin.display(description=_("changed sessions"))
    def changed_sessions(self, obj):
        return len(obj.changelog)

    def save_model(self, request, obj, form, change):
        release = services.publish_release(
            track=form.cleaned_data["track"], name=form.cleaned_data["name"], actor=request.user
        )
        obj.pk = release.pk
        self.message_user(
            request,
            _("Published %(release)s: %(count)d sessions changed.")
            % {"release": release.name, "count": len(release.changelog)},
            messages.SUCCESS,
        )

    def save_related(self, request, form, formsets, change):
        return None

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False
