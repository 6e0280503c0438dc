from django.urls import path

from plenary.api import views

app_name = "api_tokens"
urlpatterns = [
    path("<slug:track>/delegations/<int:parliament>/api-tokens/", views.delegation_tokens, name="delegation"),
]
