"""A fingerprint of input files: what tells a build that nothing it reads has changed."""

from __future__ import annotations

from pathlib import Path

__all__ = ["Fingerprint", "fingerprint"]

Fingerprint = tuple[tuple[str, int, int, int, int], ...]


def fingerprint(
    *folders: Path, patterns: tuple[str, ...] = ("*.yaml", "*.yml", "*.md")
) -> Fingerprint:
    """(path, size, mtime_ns, inode, ctime_ns) of every matching file below the folders, in a
    stable order. The inode and ctime tell a save that keeps size and mtime (``cp -p``,
    ``rsync -t``): the kernel sets the ctime on every write, and no tool sets it back."""
    entries: list[tuple[str, int, int, int, int]] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for pattern in patterns:
            for path in folder.rglob(pattern):
                try:
                    stat = path.stat()
                except OSError:
                    continue
                entries.append(
                    (str(path), stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_ctime_ns)
                )
    return tuple(sorted(entries))
