"""Stand-in of the ``seahub.onlyoffice`` app (see docs_standin)."""
