from django.urls import path

from powerdesk.servicedesk import (
    views_caller,
    views_calls,
    views_crew,
    views_followup,
    views_intake,
    views_notices,
    views_orders,
    views_photos,
    views_satisfaction,
    views_telephone,
)

app_name = "servicedesk"

urlpatterns = [
    path("intake/", views_intake.intake, name="intake"),
    path("intake/caller/", views_caller.caller_panel, name="caller"),
    path("intake/suggest/", views_caller.suggest, name="suggest"),
    path("calls/", views_calls.call_list, name="calls"),
    path("calls/<int:pk>/", views_calls.call_detail, name="call"),
    path("calls/<int:pk>/link/", views_calls.call_link, name="call_link"),
    path("calls/<int:pk>/order/", views_calls.call_order, name="call_order"),
    path("missed/", views_telephone.callback_queue, name="missed_calls"),
    path("missed/<int:pk>/returned/", views_telephone.call_returned, name="call_returned"),
    path("cti/", views_telephone.cti_webhook, name="cti"),
    path("orders/", views_orders.work_order_list, name="work_orders"),
    path("orders/<int:pk>/", views_orders.work_order_detail, name="work_order"),
    path("orders/<int:pk>/action/", views_orders.work_order_action, name="work_order_action"),
    path(
        "orders/<int:pk>/photos/<int:photo_pk>/",
        views_photos.work_order_photo,
        name="work_order_photo",
    ),
    path("callbacks/", views_orders.callback_list, name="callbacks"),
    path("crew/", views_crew.crew_jobs, name="crew_jobs"),
    path("crew/jobs/", views_crew.crew_jobs_part, name="crew_jobs_part"),
    path("crew/<int:pk>/step/", views_crew.crew_step, name="crew_step"),
    path("crew/sync/", views_crew.crew_sync_view, name="crew_sync"),
    path("promises/", views_followup.promise_list, name="promises"),
    path("promises/action/", views_followup.promise_action, name="promise_action"),
    path("problems/", views_followup.hard_problem_list, name="hard_problems"),
    path("problems/<int:pk>/", views_followup.hard_problem_detail, name="hard_problem"),
    path("feedback/", views_followup.feedback_list, name="feedback"),
    path("counter/rate/", views_satisfaction.counter_rating, name="counter_rating"),
    path("counter/kiosks/<int:pk>/", views_satisfaction.kiosk_change, name="kiosk_change"),
    path("kiosk/", views_satisfaction.kiosk, name="kiosk"),
    path("satisfaction/", views_satisfaction.satisfaction, name="satisfaction"),
    path("notices/", views_notices.notice_list, name="notices"),
    path("notices/read/", views_notices.notices_read_all, name="notices_read_all"),
    path("notices/<int:pk>/read/", views_notices.notification_read, name="notice_read"),
]
