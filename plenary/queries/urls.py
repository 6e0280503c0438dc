from django.urls import path

from plenary.queries import views

app_name = "queries"
urlpatterns = [
    path("<slug:track>/contact/", views.ask, name="ask"),
    path("<slug:track>/queries/", views.my_threads, name="my_threads"),
    path("<slug:track>/queries/<int:pk>/", views.thread, name="thread"),
    path("<slug:track>/query/<str:token>/", views.by_link, name="by_link"),
    path(
        "<slug:track>/query/<str:token>/files/<int:message>/",
        views.attachment_by_link,
        name="attachment_by_link",
    ),
    path("<slug:track>/secretariat/queries/", views.secretariat_list, name="secretariat_list"),
    path("<slug:track>/secretariat/queries/<int:pk>/", views.secretariat_thread, name="secretariat_thread"),
]
