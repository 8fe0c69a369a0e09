"""The sixth written set (issue 14, seventh increment): the parts, each one writer's module.

Written 2026-12-02 by four helper sessions, each on one theme, after blind set 6 had been
measured (its misses named to them by kind, its texts unread) and without access to blind set
7: ``_written6a`` new kinds of request, old forms and translations; ``_written6b``
instructions in odd places of documents; ``_written6c`` ordinary Japanese prose documents;
``_written6d`` long requests by a second writer, and mixed-language requests. Each module's
``GROUPS`` has the format of ``_written4`` (``(label, kind, group, texts)``, each group one
split unit).
License: Apache-2.0 (the project's).
"""

from __future__ import annotations

from _written5 import parts

PARTS = parts("_written6")
