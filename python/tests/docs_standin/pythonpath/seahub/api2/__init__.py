"""Stand-in of ``seahub.api2`` (see docs_standin)."""
