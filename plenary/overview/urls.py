from django.urls import path

from plenary.overview import views

app_name = "overview"
urlpatterns = [
    path("<slug:track>/secretariat/overview/", views.dashboard, name="dashboard"),
    path("<slug:track>/secretariat/women-in-delegations.pdf", views.women_pdf, name="women_pdf"),
    path("<slug:track>/secretariat/women-in-delegations.xlsx", views.women_xlsx, name="women_xlsx"),
]
