"""Read an input file only if it is a regular file of bounded size; never block, never run away.

A data file (or content page) that is a folder, a named pipe, a device, a socket, a symbolic link
loop or a dangling link is refused with a sentence saying so, as is a file over
``MAX_FILE_BYTES``. The file is inspected with ``os.stat`` before it is opened, opened with
``O_NONBLOCK`` (a named pipe swapped in after the check cannot make the open wait for a writer)
and checked again on the open descriptor, then read to at most the limit plus one byte (a file
that grows past the limit while it is read is refused too).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = ["MAX_FILE_BYTES", "Missing", "Unreadable", "read_bounded"]

MAX_FILE_BYTES = 2 * 1024 * 1024
"""2 MiB per file: about 330 times the largest file of the shipped story (6.3 KB; ``make bench``
loads k=100, under 0.6 MB per file); a 2 MiB file of records loads in about a second."""

_CHUNK = 1 << 16


class Unreadable(Exception):
    """The file cannot be used; the message says why (one sentence, no file name)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Missing(Unreadable):
    """Nothing at that path (not even a dangling link)."""


def _limit_text(limit: int) -> str:
    mib = limit / (1024 * 1024)
    return f"{limit:,} bytes ({mib:g} MiB)" if mib >= 1 else f"{limit:,} bytes"


def _kind(mode: int) -> str | None:
    """What a file that is not a regular file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _refuse_kind(path: Path, mode: int) -> None:
    kind = _kind(mode)
    if kind is None:
        return
    if path.is_symlink():
        kind += f" ({os.path.realpath(path)}, through a symbolic link)"
    raise Unreadable(f"{kind}, not a regular file")


def _too_large(size: int | None, limit: int) -> Unreadable:
    if size is None:  # a file that reports no size (or grew while it was read)
        return Unreadable(f"file is too large: it holds more than {_limit_text(limit)}")
    return Unreadable(f"file is too large: {size:,} bytes; the limit is {_limit_text(limit)}")


def _stat(path: Path) -> os.stat_result:
    try:
        return os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise Unreadable(f"a symbolic link to a missing file ({os.readlink(path)})") from None
        raise Missing("missing file") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Unreadable("a symbolic link loop (the link leads back to itself)") from None
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of ``path``; raises :class:`Unreadable` (or :class:`Missing`) saying why not."""
    info = _stat(path)
    _refuse_kind(path, info.st_mode)
    if info.st_size > limit:
        raise _too_large(info.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as error:
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    try:
        _refuse_kind(path, os.fstat(fd).st_mode)  # replaced between the check and the open
        chunks: list[bytes] = []
        size = 0
        while size <= limit:
            chunk = os.read(fd, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise Unreadable(f"cannot read the file: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if size > limit:
        raise _too_large(None, limit)
    return b"".join(chunks)
