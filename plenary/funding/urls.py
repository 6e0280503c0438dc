from django.urls import path

from plenary.funding import views

app_name = "funding"
urlpatterns = [
    path("<slug:track>/funding/", views.calls, name="calls"),
    path("<slug:track>/funding/<int:call>/", views.call_page, name="call"),
    path("<slug:track>/funding/<int:call>/apply/", views.apply, name="apply"),
    path("funding/applications/<int:pk>/accept/", views.accept, name="accept"),
    path("funding/applications/<int:pk>/decline/", views.decline, name="decline"),
    path("funding/calls/<int:call>/endorsements/", views.endorsements, name="endorsements"),
    path("funding/applications/<int:pk>/endorse/", views.endorse, name="endorse"),
    path("funding/calls/<int:call>/review/", views.review_list, name="review_list"),
    path("funding/applications/<int:pk>/review/", views.review, name="review"),
    path("funding/calls/<int:call>/selection/", views.selection_page, name="selection"),
    path("funding/calls/<int:call>/region-limits/", views.region_limits, name="region_limits"),
    path("funding/runs/<int:pk>/", views.run_detail, name="run"),
    path("funding/runs/<int:pk>/send/", views.send_decisions, name="send_decisions"),
    path("funding/applications/<int:pk>/payment/", views.payment, name="payment"),
]
