"""Start the Backoffice desktop app: ``python main.py [--demo] [--db URL] [--lang en] …``.

The object graph (engine, unit-of-work factory, worker pools, window) is built in
``ui.composition.build_and_run``, the one place that builds it.
"""

import sys

from ui.composition import build_and_run

if __name__ == "__main__":
    raise SystemExit(build_and_run(sys.argv[1:]))
