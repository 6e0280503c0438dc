from django.urls import path

from plenary.programme import views

app_name = "programme"
urlpatterns = [
    path("programme/time-zones.json", views.time_zone_names, name="time_zone_names"),
    path("<slug:track>/programme/", views.programme, name="programme"),
    path("<slug:track>/programme/sessions/<slug:slug>/", views.session_detail, name="session"),
    path("<slug:track>/programme/sessions/<slug:slug>/star/", views.star, name="star"),
    path("<slug:track>/programme/sessions/<slug:slug>/seat/", views.seat, name="seat"),
    path(
        "<slug:track>/programme/sessions/<slug:slug>/seat/<str:token>/",
        views.seat_by_link,
        name="seat_by_link",
    ),
    path("<slug:track>/programme/speakers/<int:speaker_id>/", views.speaker_detail, name="speaker"),
    path("<slug:track>/programme/agenda/", views.agenda, name="agenda"),
    path("<slug:track>/programme/changes/", views.changes, name="changes"),
]
