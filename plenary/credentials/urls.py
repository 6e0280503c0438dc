from django.urls import path

from plenary.credentials import views

app_name = "credentials"
urlpatterns = [
    path("<slug:track>/secretariat/credentials/", views.secretariat_list, name="secretariat_list"),
    path(
        "<slug:track>/secretariat/credentials/<int:delegation>/",
        views.secretariat_detail,
        name="secretariat_detail",
    ),
    path("<slug:track>/secretariat/credentials/report.pdf", views.report_pdf, name="report_pdf"),
    path("<slug:track>/secretariat/credentials/report.xlsx", views.report_xlsx, name="report_xlsx"),
]
