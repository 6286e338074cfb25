"""Stand-in of the doc-key helpers of ``seahub/onlyoffice/utils.py``, as they work today:
keys are the first 20 hex digits of md5(repo_id + file_path + file_id); a file being
edited has its key in the OnlyOfficeDocKey table, found by md5(repo_id + file_path)."""

import hashlib
import logging

from django.utils.encoding import force_bytes

from seahub.onlyoffice.models import OnlyOfficeDocKey

logger = logging.getLogger("onlyoffice")


def _path_md5(repo_id, file_path):
    return hashlib.md5(force_bytes(repo_id + file_path)).hexdigest()


def generate_onlyoffice_doc_key(repo_id, file_path, file_id):
    """Today's key: computed from the library id, the path and the file id."""
    return hashlib.md5(force_bytes(repo_id + file_path + file_id)).hexdigest()[:20]


def get_doc_key_by_repo_id_file_path(repo_id, file_path):
    """The stored key of the file, or ''."""
    row = OnlyOfficeDocKey.objects.filter(repo_id_file_path_md5=_path_md5(repo_id, file_path)).first()
    return row.doc_key if row else ""


def get_file_info_by_doc_key(doc_key):
    """{'username', 'repo_id', 'file_path'} of the key's row, or {}."""
    row = OnlyOfficeDocKey.objects.filter(doc_key=doc_key).first()
    if not row:
        return {}
    return {"username": row.username, "repo_id": row.repo_id, "file_path": row.file_path}


def save_doc_key(doc_key, username, repo_id, file_path):
    """Stores the key of a file opened for editing."""
    try:
        row = OnlyOfficeDocKey.objects.create(
            doc_key=doc_key,
            username=username,
            repo_id=repo_id,
            file_path=file_path,
            repo_id_file_path_md5=_path_md5(repo_id, file_path),
        )
    except ValueError as error:
        logger.error(error)
        return None
    return row.doc_key


def delete_doc_key(doc_key):
    """Removes the key's row (the editing session is over)."""
    OnlyOfficeDocKey.objects.filter(doc_key=doc_key).delete()
