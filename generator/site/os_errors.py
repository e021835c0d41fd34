"""Operating-system errors as one plain line: what could not be done, where, and
what to do next. Content errors have their own format (``errors.py``); these are
about the machine (a busy port, a folder that is a file), so they name the path
or port instead of a line of content, and never show a traceback.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

REFUSED = (errno.EACCES, errno.EPERM)


def reason(error: OSError) -> str:
    """The system's reason in lower case; refusals read alike for root and other users
    (the kernel says 'operation not permitted' to one and 'permission denied' to the other)."""
    if error.errno in REFUSED:
        return "permission denied"
    text = error.strerror or os.strerror(error.errno or 0)
    return text[:1].lower() + text[1:]


def cannot_create(target: Path, error: OSError) -> str:
    """Why ``scopesite new`` could not create ``target``, and what to do."""
    target = Path(os.path.abspath(target))
    existing = next((folder for folder in target.parents if folder.exists()), None)
    if existing is not None and not existing.is_dir():
        return f"cannot create {target}: {existing} is a file, not a folder; name another folder"
    if error.errno in REFUSED or error.errno == errno.EROFS:
        return f"cannot create {target}: {reason(error)}; name a folder you may write in"
    return f"cannot create {target}: {reason(error)}; name another folder"


def cannot_serve(address: str, error: OSError) -> str:
    """Why ``scopesite serve`` cannot listen on ``address``, and what to do."""
    host, _, port = address.rpartition(":")
    if error.errno == errno.EADDRINUSE:
        hint = f"stop the program using port {port}, or serve on another: -a {host}:{_next(port)}"
    elif error.errno == errno.EADDRNOTAVAIL:
        hint = f"{host} is not an address of this machine: serve on 127.0.0.1:{port}"
    elif error.errno in REFUSED:
        hint = "ports below 1024 need administrator rights: serve on -a 127.0.0.1:8000"
    else:
        hint = "serve on another address, such as -a 127.0.0.1:8000"
    return f"cannot serve on {address}: {reason(error)}; {hint}"


def _next(port: str) -> int:
    return int(port) + 1 if int(port) < 65535 else 8000


def described(error: OSError) -> str:
    """Any other error of the system, naming the file it concerns."""
    where = f" {error.filename}" if error.filename else ""
    return f"cannot use{where}: {reason(error)}; check the path and its permissions, then retry"
