from django.urls import path

from plenary.funding import views

app_name = "funding"
urlpatterns = [
    path("<slug:track>/funding/", views.calls, name="calls"),
    path("<slug:track>/funding/<int:call>/apply/", views.apply, name="apply"),
    path("funding/applications/<int:pk>/respond/", views.respond, name="respond"),
    path("funding/calls/<int:call>/endorsements/", views.endorsements, name="endorsements"),
    path("funding/applications/<int:pk>/endorse/", views.endorse, name="endorse"),
    path("funding/calls/<int:call>/review/", views.review_list, name="review_list"),
    path("funding/applications/<int:pk>/review/", views.review, name="review"),
    path("funding/calls/<int:call>/selection/", views.selection_page, name="selection"),
    path("funding/runs/<int:pk>/", views.run_detail, name="run"),
    path("funding/applications/<int:pk>/payment/", views.payment, name="payment"),
]
