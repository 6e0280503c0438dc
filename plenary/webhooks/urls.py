from django.urls import path

from plenary.webhooks import views

app_name = "webhooks"
urlpatterns = [
    path("", views.endpoints, name="endpoints"),
    path("<int:pk>/", views.endpoint_page, name="endpoint"),
    path("<int:pk>/pause/", views.pause, name="pause"),
    path("<int:pk>/resume/", views.resume, name="resume"),
    path("<int:pk>/rotate-secret/", views.rotate_secret, name="rotate_secret"),
    path("deliveries/<int:pk>/send-again/", views.send_again, name="send_again"),
]
