"""Read an input file only if it is a regular file of bounded size; never block, never run away.

A data file (or content page) that is a folder, a named pipe, a device, a socket, a symbolic link
loop or a dangling link is refused with a sentence saying so, as is a file over
``MAX_FILE_BYTES``. The file is inspected with ``os.stat`` before it is opened, opened with
``O_NONBLOCK`` (a named pipe swapped in after the check cannot make the open wait for a writer)
and checked again on the open descriptor, then read to at most the limit plus one byte (a file
that grows past the limit while it is read is refused too).

With ``within`` (the project folder), a file whose real path is outside it (a symbolic link, or a
link among its folders, that leaves the project) is refused before it is opened, and the opened
descriptor's path is checked again (``/proc/self/fd``), so a link swapped in between cannot
slip through: a story's pull request must not publish the build machine's files
(``content/env.txt -> /proc/self/environ``) or echo them in a message. Links inside the project
are followed. :func:`refusal` says the same of a file that is copied rather than read (a content
folder's image).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

__all__ = [
    "MAX_FILE_BYTES",
    "Missing",
    "Unreadable",
    "leaves_project",
    "outside",
    "read_bounded",
    "refusal",
]

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


def outside(path: Path | str, within: Path) -> str | None:
    """The real path of ``path`` if it is not inside ``within`` (links followed), else None."""
    real = os.path.realpath(path)
    root = os.path.realpath(within)
    if real == root or real.startswith(root.rstrip(os.sep) + os.sep):
        return None
    return real


def leaves_project(path: Path | str) -> str:
    """The message for ``path``, which leads outside the project: it names the link's target
    as written (``/proc/self/environ``), or the real path when a folder above is the link."""
    try:
        shown = os.readlink(path)
    except OSError:  # not a link itself
        shown = os.path.realpath(path)
    return (
        f"a symbolic link leading outside the project (to {shown}); only files inside the "
        "project are read"
    )


def _refuse_outside(path: Path, within: Path | None) -> None:
    if within is None:
        return
    if outside(path, within) is not None:
        raise Unreadable(leaves_project(path))


def _refuse_outside_fd(fd: int, path: Path, within: Path | None) -> None:
    """The opened file itself, by its descriptor: a link changed after the first look."""
    if within is None:
        return
    try:
        opened = os.readlink(f"/proc/self/fd/{fd}")
    except OSError:  # no /proc (not Linux): the look before the open stands alone
        return
    if outside(opened, within) is not None:
        raise Unreadable(leaves_project(path))


def refusal(path: Path, *, within: Path | None = None) -> str | None:
    """Why ``path`` cannot be used as a file of the story (one sentence), or None.

    What :func:`read_bounded` refuses before it reads, without opening the file and without a
    size limit: for a file that is copied as it is (an image in ``content/``), not read.
    """
    try:
        info = _stat(path)
        _refuse_outside(path, within)
        _refuse_kind(path, info.st_mode)
    except Unreadable as error:
        return error.message
    return None


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES, *, within: Path | None = None) -> bytes:
    """The bytes of ``path``; raises :class:`Unreadable` (or :class:`Missing`) saying why not.

    ``within``: the project folder, which the file's real path must be inside.
    """
    info = _stat(path)
    _refuse_outside(path, within)
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
        _refuse_outside_fd(fd, path, within)
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
