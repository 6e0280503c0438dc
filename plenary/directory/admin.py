from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from plenary.core.admin import AuditedAdmin
from plenary.directory.admin_tables import TableImportExportAdmin
from plenary.directory.models import Chamber, Committee, Country, Function, Parliament, Person


class NamedRegionFilter(admin.AllValuesFieldListFilter):
    """The regions countries are in; the countries without one are not a choice of their own (its
    link would have no text for a screen reader to read)."""

    def choices(self, changelist):
        return [choice for choice in super().choices(changelist) if choice["display"] != ""]


@admin.register(Country)
class CountryAdmin(AuditedAdmin):
    list_display = [
        "iso3",
        "name",
        "un_regional_group",
        "income_group",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_economy_in_transition",
        "is_g77",
    ]
    list_filter = [
        "un_regional_group",
        "income_group",
        "is_un_member",
        "is_ldc",
        "is_lldc",
        "is_sids",
        "is_economy_in_transition",
        "is_g77",
        ("region", NamedRegionFilter),
    ]
    search_fields = ["iso3", "iso2", "name"]


class ChamberInline(admin.TabularInline):
    model = Chamber
    extra = 0


@admin.register(Parliament)
class ParliamentAdmin(TableImportExportAdmin, AuditedAdmin):
    table_kind = "parliaments"
    list_display = ["country", "name", "structure", "ipu_member", "women_members", "email"]
    list_filter = ["ipu_member", "structure", "country__un_regional_group"]
    search_fields = ["country__iso3", "name", "email"]
    autocomplete_fields = ["country"]
    inlines = [ChamberInline]


@admin.register(Function)
class FunctionAdmin(AuditedAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Committee)
class CommitteeAdmin(AuditedAdmin):
    list_display = ["name", "parliament", "is_digital_affairs"]
    list_filter = ["is_digital_affairs"]
    autocomplete_fields = ["parliament"]
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(TableImportExportAdmin, AuditedAdmin):
    table_kind = "contacts"
    list_display = ["family_name", "given_name", "parliament", "email", "gender"]
    list_filter = ["gender", "functions", "parliament__country__un_regional_group"]
    search_fields = ["family_name", "given_name", "email", "name_arabic", "parliament__country__iso3"]
    autocomplete_fields = ["parliament", "committees"]
    filter_horizontal = ["functions"]
    raw_id_fields = ["user", "chamber"]
    fieldsets = [
        (None, {"fields": ["honorific", "given_name", "family_name", "name_arabic", "gender"]}),
        (_("Contact"), {"fields": ["email", "phone", "preferred_language"]}),
        (_("Parliament"), {"fields": ["parliament", "chamber", "functions", "committees", "user"]}),
    ]
