from django.urls import path

from plenary.directory import views

app_name = "directory"
urlpatterns = [path("parliaments/<int:pk>/", views.parliament_detail, name="parliament")]
