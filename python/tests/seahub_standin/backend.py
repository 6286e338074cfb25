"""What Seahub's ONLYOFFICE views talk to, as in-memory stand-ins.

- ``DOC_KEYS``: the OnlyOfficeDocKey table (document key → who opened which file);
- ``VERSIONS``: the file server's update-api (the versions uploaded per file);
- ``OBJECTS``: the file server's objects (history versions), by (repo_id, obj_id);
- ``download``: ``requests.get`` — a recorder, no network, and, as in Seahub, no check
  of the host; the content is the URL's own bytes, so a saved version names its source.
"""

from typing import NamedTuple

from django.core.cache import cache

DOC_KEYS = {}
VERSIONS = {}
OBJECTS = {}
DOWNLOADS = []


class Download(NamedTuple):
    """A response of ``requests.get``: falsy for an HTTP error, as requests' Response."""

    status_code: int
    content: bytes

    def __bool__(self):
        return self.status_code < 400


def download(url):
    """Records the URL and answers 200 with ``b"served by " + url``."""
    DOWNLOADS.append(url)
    return Download(200, b"served by " + url.encode())


def upload(repo_id, file_path, content):
    """The file server's update-api: a new version of the file."""
    VERSIONS.setdefault((repo_id, file_path), []).append(content)


def read_object(repo_id, obj_id):
    """The file server's view of one object (a version in the file's history)."""
    return OBJECTS[(repo_id, obj_id)]


def reset():
    """Empties every store and the Django cache."""
    for store in (DOC_KEYS, VERSIONS, OBJECTS):
        store.clear()
    DOWNLOADS.clear()
    cache.clear()
