from django.urls import path

from plenary.core import views

app_name = "core"
urlpatterns = [path("welcome/", views.after_login, name="after_login")]
