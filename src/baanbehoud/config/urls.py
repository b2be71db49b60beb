from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Baanbehoud — beheer"
admin.site.site_title = "Baanbehoud"
admin.site.index_title = "Beheer"

urlpatterns = [
    path("beheer/", admin.site.urls),
    path("", include("baanbehoud.web.urls")),
]
