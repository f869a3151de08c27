"""Where the app keeps files: a small interface, a local folder by default.

Files are named by keys the server makes ("exports/12-3f9a.zip", later "photos/<uuid>.jpg"),
never by anything a user sent, and live outside the web root: they are served only by views
that check access first. The export writes its ZIPs here and reads every kind's files from
here; an object store can take the folder's place by implementing the same methods.

    storage().writer(key)   context manager: a binary file; in place only when the block ends
    storage().open(key)     a binary file to read (FileNotFoundError when missing)
    storage().size(key)     bytes
    storage().modified(key) when it was written (naive UTC, as the database stores times)
    storage().delete(key)   gone; a missing file is not an error (erasure runs twice safely)
                            True when this call removed it
    storage().keys(prefix)  the keys under a prefix
    storage().remove_unfinished(prefix, before)  what a write stopped halfway left behind
"""

import contextlib
import datetime as dt
import os
import re
import tempfile
from pathlib import Path

from flask import current_app

KEY = re.compile(r"^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*$")


def check_key(key):
    if not isinstance(key, str) or not KEY.match(key) or ".." in key or len(key) > 300:
        raise ValueError(f"not a storage key: {key!r}")
    return key


class LocalStorage:
    """A folder on the server's disk. Writes go to a temporary file first and are renamed into
    place, so a reader never sees half a file and a crash leaves no broken one."""

    def __init__(self, root):
        self.root = Path(root)

    def _path(self, key):
        return self.root / check_key(key)

    @contextlib.contextmanager
    def writer(self, key):
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".writing-")
        try:
            with os.fdopen(fd, "wb") as fh:
                yield fh
            os.chmod(temporary, 0o600)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    def open(self, key):
        return open(self._path(key), "rb")

    def size(self, key):
        return self._path(key).stat().st_size

    def modified(self, key):
        return _written(self._path(key))

    def exists(self, key):
        return self._path(key).is_file()

    def delete(self, key):
        """True when this call removed it (two runs at once count a file once)."""
        try:
            self._path(key).unlink()
        except FileNotFoundError:
            return False
        return True

    def remove_unfinished(self, prefix, before):
        """Remove the temporaries of writes that never finished (the process died inside
        `writer`), last touched before `before` (naive UTC); returns how many went."""
        base = self.root / prefix
        removed = 0
        for path in base.rglob(".writing-*") if base.is_dir() else ():
            with contextlib.suppress(FileNotFoundError):
                if _written(path) < before:
                    path.unlink()
                    removed += 1
        return removed

    def keys(self, prefix=""):
        base = self.root / prefix if prefix else self.root
        if not base.is_dir():
            return []
        return sorted(
            p.relative_to(self.root).as_posix()
            for p in base.rglob("*")
            if p.is_file() and not p.name.startswith(".writing-")
        )


def _written(path):
    """When the file was last written, naive UTC (as the database stores times)."""
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).replace(tzinfo=None)


def storage(app=None):
    """The app's storage (FILE_STORAGE: a folder; default instance/files)."""
    app = app or current_app
    found = app.extensions.get("storage")
    if found is None:
        root = app.config.get("FILE_STORAGE") or os.path.join(app.instance_path, "files")
        found = app.extensions["storage"] = LocalStorage(root)
    return found
