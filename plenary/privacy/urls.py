from django.urls import path

from plenary.privacy import views

app_name = "privacy"
member = "<slug:track>/delegations/<int:parliament>/members/<int:member>"
secretariat = "<slug:track>/secretariat/personal-data"
urlpatterns = [
    path("<slug:track>/register/<str:token>/my-data.json", views.my_data_json, name="my_data_json"),
    path("<slug:track>/register/<str:token>/my-data.pdf", views.my_data_pdf, name="my_data_pdf"),
    path("<slug:track>/register/<str:token>/erasure/", views.my_erasure, name="my_erasure"),
    path(f"{member}/data.json", views.member_data_json, name="member_data_json"),
    path(f"{member}/data.pdf", views.member_data_pdf, name="member_data_pdf"),
    path(f"{member}/erasure/", views.member_erasure, name="member_erasure"),
    path(f"{secretariat}/", views.secretariat_privacy, name="secretariat"),
    path(f"{secretariat}/erasure/<int:pk>/", views.confirm_erasure, name="confirm_erasure"),
]
