"""Stand-in of ``rest_framework.views.APIView``: a Django class-based view, exempt from
CSRF as DRF's are; authentication, permission and throttle classes are accepted and not
applied (the views the tests run set none that matters to the Document Server)."""

from django.views import View
from django.views.decorators.csrf import csrf_exempt


class APIView(View):
    authentication_classes = ()
    permission_classes = ()
    throttle_classes = ()

    @classmethod
    def as_view(cls, **initkwargs):
        return csrf_exempt(super().as_view(**initkwargs))
