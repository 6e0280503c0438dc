from django.urls import path

from plenary.outcomes import views

app_name = "outcomes"
urlpatterns = [
    path("<slug:track>/outcome/", views.outcome, name="outcome"),
    path("<slug:track>/outcome/sessions/<slug:session>/", views.session_outcome, name="session_outcome"),
    path("<slug:track>/outcome/drafts/", views.drafts, name="drafts"),
    path("<slug:track>/outcome/drafts/publish/", views.publish, name="publish"),
    path("<slug:track>/outcome/v<int:number>/", views.version_page, name="version"),
    path("<slug:track>/outcome/v<int:number>/period/", views.period, name="period"),
    path("<slug:track>/outcome/v<int:number>/adopt/", views.adopt, name="adopt"),
    path("<slug:track>/outcome/v<int:number>/p<int:pk>/comment/", views.comment, name="comment"),
    path(
        "<slug:track>/outcome/v<int:number>/p<int:pk>/comments/",
        views.paragraph_comments,
        name="paragraph_comments",
    ),
    path("<slug:track>/outcome/v<int:number>/p<int:pk>/amend/", views.amend, name="amend"),
    path("<slug:track>/outcome/v<int:number>/p<int:pk>/merge/", views.merge, name="merge"),
    path("<slug:track>/outcome/amendments/<int:pk>/decide/", views.decide, name="decide"),
    path("<slug:track>/outcome/diff/", views.compare, name="compare"),
    path("<slug:track>/outcome/diff/<int:old>/<int:new>/", views.diff, name="diff"),
    path("<slug:track>/outcome/work/", views.work, name="work"),
    path("<slug:track>/outcome/work/<int:pk>/text/", views.work_text, name="work_text"),
    path("<slug:track>/outcome/work/<int:pk>/sources/", views.work_sources, name="work_sources"),
    path("<slug:track>/outcome/work/sections/<int:pk>/add/", views.work_add, name="work_add"),
    path("<slug:track>/outcome/main-points/", views.main_points, name="main_points"),
    path(
        "<slug:track>/outcome/main-points/<slug:session>/",
        views.session_main_points,
        name="session_main_points",
    ),
]
