from django.contrib import admin, messages
from django.utils.translation import gettext as _

from plenary.registration import selectors, services
from plenary.registration.models import CheckIn, Delegation, DelegationMember, Registration, TrackCapacity


@admin.register(TrackCapacity)
class TrackCapacityAdmin(admin.ModelAdmin):
    list_display = [
        "track",
        "onsite_seats",
        "onsite_mps_per_delegation",
        "onsite_others_per_delegation",
        "online_per_delegation",
        "requires_vetting",
        "registration_open",
    ]
    fields = [
        "track",
        "onsite_seats",
        "onsite_mps_per_delegation",
        "onsite_others_per_delegation",
        "online_per_delegation",
        "requires_vetting",
        "registration_open",
        "privacy_notice",
    ]

    def save_model(self, request, obj, form, change):
        """Through the service: the capacity row is locked and freed seats go to the waiting list."""
        if not change:
            obj.save()
        values = {name: form.cleaned_data[name] for name in form.changed_data if name != "track"}
        capacity = services.set_capacity(track=obj.track, actor=request.user, **values)
        held = selectors.confirmed_onsite(obj.track).count()
        if held > capacity.onsite_seats:
            self.message_user(
                request,
                _(
                    "Onsite seats: %(seats)d; delegates already holding one: %(held)d. Nobody loses a "
                    "seat; new onsite registrations wait until enough seats are free."
                )
                % {"held": held, "seats": capacity.onsite_seats},
                messages.WARNING,
            )


class MemberInline(admin.TabularInline):
    model = DelegationMember
    fields = ["person", "kind", "role", "link_sent_at", "added_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["parliament", "track", "response", "responded_at"]
    list_filter = ["track", "response"]
    search_fields = ["parliament__country__iso3"]
    readonly_fields = ["track", "parliament", "response", "responded_at", "responded_by"]
    inlines = [MemberInline]

    def has_add_permission(self, request):
        return False


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    """Read-only, and nothing is deleted here: the secretariat corrects details, cancels or rejects
    on its registration pages, through the services that audit the change and give a freed seat
    to the waiting list."""

    list_display = ["reference", "family_name", "given_name", "delegation", "status", "mode", "queue_number"]
    list_filter = ["track", "status", "mode", "visa_letter", "gender"]
    search_fields = ["reference", "family_name", "given_name", "email"]
    list_select_related = ["delegation__parliament", "delegation__track"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["registration", "day", "at", "by"]
    list_filter = ["day"]

    def has_change_permission(self, request, obj=None):
        return False
