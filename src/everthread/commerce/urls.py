from django.urls import path

from everthread.commerce import views

app_name = "commerce"
urlpatterns = [
    path("customers/<int:customer_id>/commerce/", views.customer_panel, name="panel"),
    path("customers/<int:customer_id>/products/", views.product_find, name="find"),
    path("customers/<int:customer_id>/holds/new/", views.hold_new, name="hold_new"),
    path("customers/<int:customer_id>/orders/new/", views.order_new, name="order_new"),
    path("customers/<int:customer_id>/wishlist/new/", views.wishlist_new, name="wishlist_new"),
    path("holds/<int:hold_id>/end/", views.hold_end, name="hold_end"),
    path("orders/<int:order_id>/status/", views.order_move, name="order_move"),
    path("orders/<int:order_id>/returns/new/", views.return_new, name="return_new"),
    path("returns/<int:return_id>/complete/", views.return_finish, name="return_complete"),
    path("wishlist/<int:item_id>/follow-up/", views.wishlist_followup, name="wishlist_followup"),
    path("wishlist/<int:item_id>/remove/", views.wishlist_delete, name="wishlist_remove"),
    path("appointments/", views.appointments_mine, name="appointments_mine"),
    path(
        "stores/<slug:store_code>/appointments/",
        views.appointments_store,
        name="appointments_store",
    ),
    path(
        "customers/<int:customer_id>/appointments/new/",
        views.appointment_new,
        name="appointment_new",
    ),
    path("appointments/<int:appointment_id>/", views.appointment_detail, name="appointment_detail"),
    path(
        "appointments/<int:appointment_id>/reschedule/",
        views.appointment_move,
        name="appointment_reschedule",
    ),
    path(
        "appointments/<int:appointment_id>/cancel/",
        views.appointment_end,
        name="appointment_cancel",
    ),
    path(
        "appointments/<int:appointment_id>/outcome/",
        views.appointment_outcome,
        name="appointment_outcome",
    ),
]
