from django.urls import path

from plenary.floor import views

app_name = "floor"
prefix = "<slug:track>/programme/sessions/<slug:slug>/floor/"
urlpatterns = [
    path(prefix, views.session_floor, name="session"),
    path(f"{prefix}live.json", views.live, name="live"),
    path(f"{prefix}projector/", views.projector, name="projector"),
    path(f"{prefix}chair/", views.chair, name="chair"),
    path(f"{prefix}delegation/", views.delegation, name="delegation"),
    path(f"{prefix}seating/", views.seating, name="seating"),
    path(f"{prefix}speakers.<str:file_format>", views.export, name="export"),
]
