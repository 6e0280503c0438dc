from django.urls import path

from plenary.events import views

app_name = "events"
urlpatterns = [
    path("", views.current_track, name="current_track"),
    path("<slug:track>/", views.track_home, name="track_home"),
]
