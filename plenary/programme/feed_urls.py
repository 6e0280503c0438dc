"""The programme's exports, at language-independent addresses (outside i18n_patterns)."""

from django.urls import path

from plenary.programme import feeds

app_name = "programme_feeds"
urlpatterns = [
    path("<slug:track>/programme.ics", feeds.programme_ics, name="ics"),
    path("<slug:track>/programme.json", feeds.programme_json, name="json"),
    path("<slug:track>/programme.xml", feeds.programme_xml, name="xml"),
    path("<slug:track>/programme/<slug:slug>.ics", feeds.session_ics, name="session_ics"),
    path("<slug:track>/agenda/<str:token>.ics", feeds.agenda_ics, name="agenda_ics"),
]
