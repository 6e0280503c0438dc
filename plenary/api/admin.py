"""The secretariat's tokens in the back office: created through the service (the secret is shown
once, in the confirmation message), revoked by an action, and every request made with them listed."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from plenary.api import services
from plenary.api.models import ApiToken, Scope, TokenRequest
from plenary.core.admin import ReadOnlyAdmin


class TokenForm(forms.ModelForm):
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApiToken
        fields = ["owner", "name", "scopes", "track", "parliament", "expires_at"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    form = TokenForm
    list_display = ["name", "owner", "track", "parliament", "expires_at", "revoked_at", "last_used_at"]
    list_filter = ["track"]
    raw_id_fields = ["owner"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["owner", "name", "scopes", "track", "parliament", "expires_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        if change:
            return
        token, secret = services.create_token(actor=request.user, **form.cleaned_data)
        obj.pk = token.pk
        self.message_user(
            request,
            _("The new token's secret, shown this once only: %(secret)s") % {"secret": secret},
            messages.WARNING,
        )

    @admin.action(description=gettext_lazy("Revoke the selected tokens"))
    def revoke(self, request, queryset):
        for token in queryset:
            services.revoke_token(token=token, actor=request.user)


@admin.register(TokenRequest)
class TokenRequestAdmin(ReadOnlyAdmin):
    list_display = ["at", "token", "method", "path", "status"]
    list_filter = ["status", "token"]
