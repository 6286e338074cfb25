"""Seahub's two ONLYOFFICE endpoints that the Document Server calls, as they behave today.

- ``onlyoffice_editor_callback``: reads the JSON body and trusts it — no token is
  verified, neither in the body nor in a header; the document key is looked up in the
  OnlyOfficeDocKey table, then in the cache (a closed session's key is cached for a day);
  status 1 is acknowledged, 2 and 6 download ``url`` (any host) and upload it as a new
  version, 2 and 4 end the session (key row deleted, kept in the cache); 3, 7 and any
  other status are failures. Every answer is HTTP 200, ``{"error": 0}`` or
  ``{"error": 1}``.
- ``OnlyofficeFileHistory``: ``Authorization: Bearer <token>`` verified with PyJWT, then
  the request is accepted when its path and its query string are each a substring of the
  signed ``payload.url``; the file served is the one the signed URL's query names.
  Failures are ``api_error``: ``{"error_msg": ...}`` (DRF's compact JSON).
"""

import json
from urllib.parse import parse_qs, urlparse

import jwt
from django.core.cache import cache
from django.http import HttpResponse, JsonResponse
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from . import backend
from .onlyoffice_settings import ONLYOFFICE_JWT_SECRET

SESSION_CACHE_SECONDS = 24 * 3600


@csrf_exempt
def onlyoffice_editor_callback(request):
    """The save callback, trusting the plain body."""
    if request.method != "POST":
        return HttpResponse('{"error": 1}')
    post_data = json.loads(request.body)
    status = int(post_data.get("status", -1))
    doc_key = post_data.get("key")
    doc_info = backend.DOC_KEYS.get(doc_key) or cache.get(doc_key)
    if not doc_info:
        return HttpResponse('{"error": 1}')
    if status == 1:
        return HttpResponse('{"error": 0}')
    if status not in (2, 4, 6):
        return HttpResponse('{"error": 1}')
    if status in (2, 6):
        response = backend.download(post_data.get("url"))
        if not response:
            return HttpResponse('{"error": 1}')
        # A failed upload is only logged by Seahub: the callback still succeeds.
        backend.upload(doc_info["repo_id"], doc_info["file_path"], response.content)
    if status in (2, 4):
        backend.DOC_KEYS.pop(doc_key, None)
        cache.set(doc_key, doc_info, SESSION_CACHE_SECONDS)
    return HttpResponse('{"error": 0}')


def api_error(code, msg):
    """Seahub's api_error: DRF's Response({'error_msg': msg}) through its JSONRenderer."""
    return JsonResponse(
        {"error_msg": msg}, status=code, json_dumps_params={"separators": (",", ":")}
    )


class OnlyofficeFileHistory(View):
    """The history download the Document Server makes, with its Bearer token."""

    def get(self, request):
        """Serves the version named by the signed URL when the request is a substring of it."""
        if not ONLYOFFICE_JWT_SECRET:
            return api_error(501, "feature is not enabled.")
        bearer = request.headers.get("authorization", "").split()
        if len(bearer) != 2 or bearer[0].lower() != "bearer":
            return api_error(403, "Bearer invalid.")
        try:
            payload = jwt.decode(bearer[1], ONLYOFFICE_JWT_SECRET, algorithms=["HS256"])
        except Exception:  # Seahub answers every decoding failure alike
            return api_error(403, "Decode JWT token failed.")
        url = (payload.get("payload") or {}).get("url")
        if not url:
            return api_error(400, "No url in payload.")
        if request.path not in url or request.META.get("QUERY_STRING", "") not in url:
            return api_error(403, "Bearer invalid.")
        query = parse_qs(urlparse(url).query)
        content = backend.read_object(query["repo_id"][0], query["obj_id"][0])
        return HttpResponse(content, content_type="application/octet-stream")
