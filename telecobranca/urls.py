from django.contrib import admin
from django.urls import path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

admin.site.site_header = "Telecobrança"
admin.site.site_title = "Telecobrança"
admin.site.index_title = "Administração da cobrança"

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path(
        "admin/attendance/queue-position/",
        RedirectView.as_view(
            pattern_name="admin:attendance_queue_position",
            permanent=False,
            query_string=True,
        ),
    ),
    path("admin/", admin.site.urls),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "api/v1/docs/",
        SpectacularSwaggerView.as_view(url_name="schema"),
        name="api-docs",
    ),
]
