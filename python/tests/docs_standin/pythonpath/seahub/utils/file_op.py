"""Stand-in of ``seahub/utils/file_op.py``: a file opened in ONLYOFFICE is locked by the
user ``OnlineOffice`` (Pro edition only)."""

from seaserv import seafile_api

from seahub.utils import is_pro_version

ONLINE_OFFICE_LOCK_OWNER = "OnlineOffice"


def if_locked_by_online_office(repo_id, path):
    if not is_pro_version():
        return False
    lock_info = seafile_api.get_lock_info(repo_id, path)
    return bool(lock_info) and lock_info.user == ONLINE_OFFICE_LOCK_OWNER
