"""The OS account this process runs as: the user of an embedded (single-user) database."""

from __future__ import annotations

import os
import sys


def os_login() -> str:
    """The account the process runs as, asked of the OS (``getpass.getuser`` believes LOGNAME)."""
    if sys.platform == "win32":
        import ctypes

        size = ctypes.c_ulong(257)
        buffer = ctypes.create_unicode_buffer(size.value)
        if not ctypes.windll.advapi32.GetUserNameW(buffer, ctypes.byref(size)):
            raise OSError("GetUserNameW failed")
        return buffer.value
    import pwd

    try:
        return pwd.getpwuid(os.geteuid()).pw_name
    except KeyError:  # no passwd entry, e.g. in a bare container
        return f"uid{os.geteuid()}"
