"""The Qt desktop client. It calls backoffice services only; the core never imports Qt.

The core the first window needs (SQLAlchemy, the ORM models, the services) is imported here,
before any module imports PySide6: once PySide6 is loaded, its feature hook
(``from __feature__ import …``) reads the source of every module that imports anything after
it, about a tenth of a second for the core's several hundred modules at each start.
"""

import backoffice.bootstrap
import backoffice.services.case_queries  # noqa: F401  (see above)
