"""Stand-in of ``seahub.api2.utils.api_error``: DRF's Response({'error_msg': msg}) as its
JSONRenderer writes it (compact JSON)."""

from django.http import JsonResponse


def api_error(code, msg):
    return JsonResponse({"error_msg": msg}, status=code, json_dumps_params={"separators": (",", ":")})
