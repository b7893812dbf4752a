"""Publish a built site so that at every moment a complete site is at its address.

``make build`` and ``make build-zensical`` publish through here. The published folder (``site``)
is a symbolic link to one complete build in ``site.builds/``; a new build is published by one
rename(2) of a new link over the old one, which POSIX makes atomic: a web server, ``rsync`` or a
reader sees the old site or the new one, never none and never half of one, even if the build is
killed at any step. Each build writes its own folder (:func:`new_build`), so two builds at once
never write into one, and a lock (``site.builds/.lock``) keeps their swaps apart; the last to
finish is published. The build a swap replaces is removed after it, and what a killed build left
(its folder, its link) on the next publish, once its process is gone.

A ``site`` that is still a real folder (built before this module) is exchanged with the new link
in one ``renameat2(RENAME_EXCHANGE)`` (Linux 3.15+); where that call is missing, it is moved
aside and the link renamed in its place, a moment without a site, once.

``python -m generator.engines.publish --site-dir site -- COMMAND ... {}`` runs the build command
with ``{}`` replaced by a new build folder, then publishes it if the command succeeded (exit 0);
else the folder is removed and ``site`` is left as it was. Nothing here imports an engine.
"""

from __future__ import annotations

import argparse
import ctypes
import ctypes.util
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

__all__ = ["builds_folder", "discard", "locked", "main", "new_build", "publish"]

_LINK_PREFIX = ".link-"
"""The new link, made in the builds folder before it is renamed over the site."""


def builds_folder(site: Path) -> Path:
    """Where the builds of ``site`` are kept: ``site.builds/`` beside it."""
    return site.with_name(site.name + ".builds")


@contextmanager
def locked(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (made if needed); another holder waits."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed, or the process dies
        yield


def new_build(site: Path) -> Path:
    """A new, empty folder for one build of ``site`` (its name starts with this process's id)."""
    builds = builds_folder(site)
    builds.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=builds))
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(build, 0o777 & ~mask)  # mkdtemp's 0700 would hide the site from a web server
    return build


def discard(build: Path) -> None:
    """Remove a build that will not be published."""
    shutil.rmtree(build, ignore_errors=True)


def publish(build: Path, site: Path) -> None:
    """Make ``site`` a link to ``build`` in one rename (see the module's docstring), then remove
    the build it replaced and the leftovers of killed builds."""
    builds = builds_folder(site)
    with locked(builds / ".lock"):
        link = builds / f"{_LINK_PREFIX}{os.getpid()}"
        if os.path.lexists(link):
            os.unlink(link)
        os.symlink(os.path.relpath(build, site.parent), link)
        before = _current(site)
        if os.path.isdir(site) and not os.path.islink(site):
            _replace_folder(link, site)
        else:
            os.replace(link, site)
        # Only a build of ours: never a folder the link was pointed at by hand.
        if before is not None and before != build.resolve() and before.parent == builds.resolve():
            discard(before)
        _tidy(builds, keep=build.resolve())


def _current(site: Path) -> Path | None:
    """The build ``site`` links to now (None: no link)."""
    if not os.path.islink(site):
        return None
    return (site.parent / os.readlink(site)).resolve()


def _replace_folder(link: Path, site: Path) -> None:
    """``site`` is a real folder: swap it with ``link`` at once, then remove it."""
    try:
        _exchange(link, site)
    except OSError:  # no renameat2 here: a moment without a site, this once
        aside = link.with_name(link.name + ".old")
        os.rename(site, aside)
        os.replace(link, site)
        discard(aside)
        return
    discard(link)  # the old folder, now at the link's name


def _exchange(a: Path, b: Path) -> None:
    """Swap two paths in one system call: renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        raise OSError(errno.ENOSYS, "renameat2 is not available")
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) != 0:
        code = ctypes.get_errno()
        raise OSError(code, os.strerror(code))


def _tidy(builds: Path, keep: Path) -> None:
    """Remove what killed builds left in ``builds``: folders and links of processes that are
    gone. A folder whose process still runs is a build in progress and stays."""
    for entry in builds.iterdir():
        if entry.name == ".lock" or entry.resolve() == keep:
            continue
        pid = entry.name.removeprefix(_LINK_PREFIX).split("-")[0].split(".")[0]
        if pid.isdigit() and _running(int(pid)):
            continue
        if entry.is_symlink() or entry.is_file():
            entry.unlink()
        else:
            discard(entry)


def _running(pid: int) -> bool:
    """Whether process ``pid`` still runs (a killed build whose parent died too may linger as
    a zombie that nobody reaps: it runs no more)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except (OSError, IndexError):  # no /proc: take it as running
        return True
    return state[0] != "Z"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator.engines.publish",
        description="Run a build into a new folder; publish it as --site-dir if it succeeds.",
    )
    parser.add_argument("--site-dir", default="site", help="the published folder (a link)")
    parser.add_argument("command", nargs="+", help="the build command; {} is the build folder")
    args = parser.parse_args(argv)
    site = Path(args.site_dir)
    build = new_build(site)
    command = [part.replace("{}", str(build)) for part in args.command]
    code = subprocess.run(command, check=False).returncode
    if code != 0:
        discard(build)
        print(f"build failed (exit {code}); {site} left as it was", file=sys.stderr)
        return code
    publish(build, site)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
