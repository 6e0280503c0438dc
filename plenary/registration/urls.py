from django.urls import path

from plenary.registration import views

app_name = "registration"
urlpatterns = [
    path("<slug:track>/participants/", views.participants, name="participants"),
    path("<slug:track>/delegations/", views.my_delegations, name="my_delegations"),
    path("<slug:track>/delegations/<int:parliament>/", views.delegation_for_focal_point, name="delegation"),
    path("<slug:track>/delegation/<str:token>/", views.delegation_by_link, name="delegation_link"),
    path(
        "<slug:track>/invitation/<str:token>/",
        views.delegation_by_invitation,
        name="delegation_by_invitation",
    ),
    path("<slug:track>/new-link/", views.new_link, name="new_link"),
    path("<slug:track>/register/<str:token>/", views.register, name="register"),
    path("<slug:track>/register/<str:token>/badge.pdf", views.my_badge, name="my_badge"),
    path("<slug:track>/register/<str:token>/visa-letter.pdf", views.my_visa_letter, name="my_visa_letter"),
    path("<slug:track>/secretariat/registrations/", views.secretariat_list, name="secretariat_list"),
    path(
        "<slug:track>/secretariat/registrations/<int:pk>/",
        views.secretariat_detail,
        name="secretariat_detail",
    ),
    path(
        "<slug:track>/secretariat/registrations/<int:pk>/details/",
        views.secretariat_details,
        name="secretariat_details",
    ),
    path("<slug:track>/secretariat/registrations/<int:pk>/photo.jpg", views.secretariat_photo, name="photo"),
    path("<slug:track>/secretariat/registrations/<int:pk>/badge.pdf", views.secretariat_badge, name="badge"),
    path(
        "<slug:track>/secretariat/registrations/<int:pk>/visa-letter.pdf",
        views.secretariat_visa_letter,
        name="visa_letter",
    ),
    path("<slug:track>/secretariat/check-in/", views.check_in, name="check_in"),
]
