"""Stand-in of ``seahub/onlyoffice/models.py``: the OnlyOfficeDocKey table (columns
doc_key, username, repo_id, file_path, repo_id_file_path_md5 — unique —,
created_time), kept in memory behind the few manager calls Seahub makes
(``objects.filter(...).first()``, ``.delete()``, ``objects.create(...)``)."""

import datetime


class _Rows:
    """The rows matching a filter."""

    def __init__(self, rows):
        self._rows = rows

    def first(self):
        return self._rows[0] if self._rows else None

    def exists(self):
        return bool(self._rows)

    def delete(self):
        for row in self._rows:
            OnlyOfficeDocKey.objects.rows.remove(row)
        return len(self._rows), {"onlyoffice.OnlyOfficeDocKey": len(self._rows)}


class _Manager:
    """``OnlyOfficeDocKey.objects``."""

    def __init__(self):
        self.rows = []

    def filter(self, **conditions):
        return _Rows([r for r in self.rows if all(getattr(r, k) == v for k, v in conditions.items())])

    def create(self, **columns):
        row = OnlyOfficeDocKey(**columns)
        if self.filter(repo_id_file_path_md5=row.repo_id_file_path_md5).exists():
            raise ValueError("UNIQUE constraint failed: repo_id_file_path_md5")
        self.rows.append(row)
        return row

    def all(self):
        return _Rows(list(self.rows))


class OnlyOfficeDocKey:
    """One row: who opened which file under which document key."""

    objects = _Manager()

    def __init__(self, doc_key, username, repo_id, file_path, repo_id_file_path_md5, created_time=None):
        self.doc_key = doc_key
        self.username = username
        self.repo_id = repo_id
        self.file_path = file_path
        self.repo_id_file_path_md5 = repo_id_file_path_md5
        self.created_time = created_time or datetime.datetime.now()
