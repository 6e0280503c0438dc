from django.urls import path

from plenary.documents import views

app_name = "documents"

urlpatterns = [
    path("<slug:track>/register/<str:token>/certificate.pdf", views.my_certificate, name="my_certificate"),
    path("<slug:track>/secretariat/documents/", views.batches, name="batches"),
    path("<slug:track>/secretariat/documents/<int:pk>/", views.batch, name="batch"),
    path("<slug:track>/secretariat/documents/<int:pk>/download", views.download, name="download"),
]
