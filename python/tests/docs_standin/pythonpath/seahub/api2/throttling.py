"""Stand-in of ``seahub.api2.throttling``: the throttle class views name (no throttling)."""


class UserRateThrottle:
    scope = "user"

    def allow_request(self, request, view):
        return True
