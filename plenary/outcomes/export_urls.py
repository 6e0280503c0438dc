"""The document's files, at addresses without a language prefix (the language is a ?lang= choice)."""

from django.urls import path

from plenary.outcomes import views

app_name = "outcome_files"
urlpatterns = [
    path("<slug:track>/outcome.pdf", views.outcome_pdf, name="pdf"),
    path("<slug:track>/outcome.docx", views.outcome_docx, name="docx"),
    path(
        "<slug:track>/outcome/v<int:number>/feedback.csv",
        views.feedback_export,
        {"extension": "csv"},
        name="feedback_csv",
    ),
    path(
        "<slug:track>/outcome/v<int:number>/feedback.xlsx",
        views.feedback_export,
        {"extension": "xlsx"},
        name="feedback_xlsx",
    ),
]
