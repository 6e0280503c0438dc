from django.urls import path

from plenary.invitations import views

app_name = "invitations"
urlpatterns = [
    path("link/<str:token>/", views.personal, name="personal"),
    path("<slug:track>/", views.track_invitations, name="track"),
    path("<slug:track>/send/", views.send, name="send"),
    path("<slug:track>/letters.zip/", views.request_archive, name="request_archive"),
    path("archives/<int:pk>/", views.archive, name="archive"),
    path("archives/<int:pk>/status/", views.archive_status, name="archive_status"),
    path("archives/<int:pk>/retry/", views.retry_archive, name="retry_archive"),
    path("archives/<int:pk>/download/", views.archive_download, name="archive_download"),
    path("<slug:track>/template/", views.edit_template, name="edit_template"),
    path("<slug:track>/template/preview/", views.preview_template, name="preview_template"),
    path("<slug:track>/template/proof/", views.proof_template, name="proof_template"),
]
