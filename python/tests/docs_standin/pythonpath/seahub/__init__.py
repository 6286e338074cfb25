"""Stand-in of the ``seahub`` package (see docs_standin)."""
