"""Stand-in of the ``seahub.utils`` functions the ONLYOFFICE code uses: URLs of the
file server as Seahub reaches it (INNER_FILE_SERVER_ROOT, http://127.0.0.1:<port>),
the Pro edition flag, the site's scheme and host (from SERVICE_URL)."""

from urllib.parse import quote, urlparse

import seahub.settings


def get_inner_fileserver_root():
    return seahub.settings.INNER_FILE_SERVER_ROOT


def gen_inner_file_get_url(token, filename):
    return "%s/files/%s/%s" % (get_inner_fileserver_root(), token, quote(filename))


def gen_inner_file_upload_url(op, token):
    return "%s/%s/%s" % (get_inner_fileserver_root(), op, token)


def is_pro_version():
    return getattr(seahub.settings, "IS_PRO_VERSION", False) is True


def get_site_scheme_and_netloc():
    service = urlparse(seahub.settings.SERVICE_URL)
    return "%s://%s" % (service.scheme, service.netloc)
