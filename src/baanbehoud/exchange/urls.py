from django.urls import path

from . import views

urlpatterns = [
    path("import/", views.import_page, name="import"),
    path("import/<int:pk>/bevestigen/", views.import_confirm, name="import-confirm"),
    path("import/sjabloon.xlsx", views.import_template, name="import-template"),
    path("import/<int:pk>/ongedaan-maken/", views.import_undo_page, name="import-undo"),
    path("export/", views.export_page, name="export"),
]
