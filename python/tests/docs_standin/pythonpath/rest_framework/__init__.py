"""Stand-in of Django REST framework, reduced to what Seahub's ONLYOFFICE views use
(``APIView`` dispatching by method, ``status`` codes); the real one is not a test
dependency."""
