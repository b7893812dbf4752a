"""What changed under the folders a dev server watches, as ``os.stat`` sees it.

A save is told by its file's inode and change time (ctime) as well as its size and modification
time: a copy that keeps size and time (``cp -p``, ``rsync -t``, a checkout that restores them)
still changes the ctime, which the kernel sets on every write and no tool can set back. A folder
at a path is an entry too, so a data file replaced by a folder (or a folder by the file) is seen.

``explainer serve`` compares whole :func:`snapshot` s. MkDocs 1.6's own watcher is watchdog's
polling observer (every 0.5 s), which compares size and modification time only and drops every
event on a folder; so under ``mkdocs serve`` the plugin runs a :class:`SaveWatcher` over the data
folder, which calls back on just those changes (:func:`unseen_by_size_and_time`), for the plugin
to make MkDocs rebuild.
"""

from __future__ import annotations

import os
import stat
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["Entry", "SaveWatcher", "Snapshot", "snapshot", "unseen_by_size_and_time"]

Entry = tuple[bool, int, int, int, int]
"""(a folder, inode, size, mtime_ns, ctime_ns); a folder's sizes and times are 0 (its files
are entries of their own)."""

Snapshot = dict[str, Entry]


def _entry(path: str) -> Entry | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    if stat.S_ISDIR(info.st_mode):
        return (True, info.st_ino, 0, 0, 0)
    return (False, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def snapshot(*roots: Path) -> Snapshot:
    """Every file and folder under the roots (a root may be a single file), links followed."""
    found: Snapshot = {}
    for root in roots:
        paths: Iterable[Path] = [root]
        if root.is_dir():
            paths = [root, *root.rglob("*")]
        for path in paths:
            entry = _entry(str(path))
            if entry is not None:
                found[str(path)] = entry
    return found


def unseen_by_size_and_time(before: Snapshot, after: Snapshot) -> list[str]:
    """The paths whose change a watcher of files' size and modification time misses, or a
    watcher that drops folder events: a save that kept both, a file that became a folder or a
    folder that became a file, a folder that came or went."""
    missed = []
    for path in sorted(before.keys() | after.keys()):
        old, new = before.get(path), after.get(path)
        if old == new:
            continue
        if old is None or new is None:
            present = old if old is not None else new
            if present is not None and present[0]:  # a folder came or went
                missed.append(path)
        elif old[0] != new[0] or (not new[0] and old[2:4] == new[2:4]):
            missed.append(path)
    return missed


class SaveWatcher:
    """Polls ``roots()`` every ``interval`` seconds on a thread of its own and calls ``seen``
    with the paths of each change :func:`unseen_by_size_and_time` finds."""

    def __init__(
        self,
        roots: Callable[[], list[Path]],
        seen: Callable[[list[str]], None],
        interval: float = 0.2,
    ) -> None:
        self._roots = roots
        self._seen = seen
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="explainer-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=5)

    def _run(self) -> None:
        last = snapshot(*self._roots())
        while not self._stop.wait(self._interval):
            now = snapshot(*self._roots())
            missed = unseen_by_size_and_time(last, now)
            last = now
            if missed:
                self._seen(missed)
