"""Entry point of the ``backoffice-gui`` script."""

from __future__ import annotations

import sys


def main() -> int:
    from .composition import build_and_run

    return build_and_run(sys.argv[1:])


if __name__ == "__main__":
    raise SystemExit(main())
