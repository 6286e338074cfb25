"""Seahub's URL layout: the site mounted under SITE_ROOT (its rooturl module), the
ONLYOFFICE routes included only when ONLYOFFICE (or the office-suite choice) is on."""

from django.conf import settings
from django.urls import include, path, re_path

from . import views

site_patterns = []
if getattr(settings, "ENABLE_ONLYOFFICE", False) or settings.ENABLE_MULTIPLE_OFFICE_SUITE:
    site_patterns += [
        path(
            "onlyoffice/editor-callback/",
            views.onlyoffice_editor_callback,
            name="onlyoffice_editor_callback",
        ),
        path(
            "onlyoffice-api/file-history/",
            views.OnlyofficeFileHistory.as_view(),
            name="onlyoffice_api_file_history",
        ),
    ]

urlpatterns = [re_path(r"^%s" % settings.SITE_ROOT[1:], include(site_patterns))]
