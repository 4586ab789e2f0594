from django.urls import path

from booklets import views

app_name = "booklets"

urlpatterns = [
    path("s/<slug:slug>/booklets/", views.booklet_list, name="booklet-list"),
    path("s/<slug:slug>/booklets/new/", views.booklet_create, name="booklet-create"),
    path("booklets/<int:pk>/", views.booklet_detail, name="booklet-detail"),
    path("booklets/<int:pk>/settings/", views.booklet_settings, name="booklet-settings"),
    path("booklets/<int:pk>/sections/", views.section_add, name="section-add"),
    path("booklets/<int:pk>/credit/", views.credit_set, name="credit-set"),
    path("booklets/<int:pk>/editions/new/", views.edition_create, name="edition-create"),
    path("booklets/<int:pk>/feedback/", views.feedback_queue, name="feedback-queue"),
    path("booklets/<int:pk>/images/", views.image_upload, name="image-upload"),
    path("booklets/<int:pk>/images/<str:key>/", views.image, name="image"),
    path("booklets/feedback/<int:pk>/", views.feedback_moderate, name="feedback-moderate"),
    path("booklets/sections/<int:pk>/remove/", views.section_remove, name="section-remove"),
    path("booklets/sections/<int:pk>/<str:language>/", views.section_edit, name="section-edit"),
    path(
        "booklets/sections/<int:pk>/<str:language>/history/",
        views.section_history,
        name="section-history",
    ),
    path(
        "booklets/sections/<int:pk>/<str:language>/restore/",
        views.section_restore,
        name="section-restore",
    ),
    path(
        "booklets/sections/<int:pk>/<str:language>/approve/",
        views.translation_approve,
        name="translation-approve",
    ),
    path("booklets/editions/<int:pk>/", views.edition_detail, name="edition-detail"),
    path("booklets/editions/<int:pk>/action/", views.edition_action, name="edition-action"),
    path(
        "booklets/editions/<int:pk>/<str:language>/",
        views.edition_preview,
        name="edition-preview",
    ),
    path(
        "booklets/editions/<int:pk>/<str:language>/pdf/",
        views.edition_pdf,
        name="edition-pdf",
    ),
    # Public short addresses of published booklets.
    path("b/<str:code>/", views.reader_home, name="reader-home"),
    path("b/<str:code>/<str:language>/", views.reader, name="reader"),
    path("b/<str:code>/<str:language>/pdf/", views.reader_pdf, name="reader-pdf"),
    path(
        "b/<str:code>/<str:language>/feedback/<int:page_id>/",
        views.reader_feedback,
        name="reader-feedback",
    ),
]
