"""Stand-in of ``seaserv`` (Seafile's server API for Seahub): ``seafile_api`` with the
calls Seahub's ONLYOFFICE code makes, over in-memory state that the file-server
stand-in (docs_standin.servers) shares, as the real file server shares seaf-server's:

- ``get_fileserver_access_token(repo_id, obj_id, op, username, use_onetime=True)``:
  a token naming what it grants (``op`` "update" with obj_id '{"online_office_update":
  true}' lets ``update-api`` store a new version of a file as ``username``; "view"
  lets ``files`` serve one object);
- ``get_lock_info`` / ``lock_file`` / ``unlock_file``: file locks (Pro edition);
- ``objects``: the stored objects (file versions) by (repo_id, obj_id); ``versions``:
  the uploads ``update-api`` accepted, by (repo_id, path).
"""

import secrets
from typing import NamedTuple


class AccessToken(NamedTuple):
    repo_id: str
    obj_id: str
    op: str
    username: str
    use_onetime: bool


class LockInfo(NamedTuple):
    user: str


class Upload(NamedTuple):
    """A version stored by update-api: its bytes, the part's file name, the user."""

    content: bytes
    filename: str
    username: str


class SeafileAPI:
    def __init__(self):
        self.reset()

    def reset(self):
        self.tokens = {}
        self.locks = {}
        self.objects = {}
        self.versions = {}
        self.unlocked = []

    def get_fileserver_access_token(self, repo_id, obj_id, op, username, use_onetime=True):
        token = secrets.token_hex(18)
        self.tokens[token] = AccessToken(repo_id, obj_id, op, username, use_onetime)
        return token

    def lock_file(self, repo_id, path, user, expire):
        self.locks[(repo_id, path)] = LockInfo(user)

    def get_lock_info(self, repo_id, path):
        return self.locks.get((repo_id, path))

    def unlock_file(self, repo_id, path):
        self.unlocked.append((repo_id, path))
        self.locks.pop((repo_id, path), None)


seafile_api = SeafileAPI()
