from __future__ import annotations

from everthread.core.errors import Conflict


class ErasureRefused(Conflict):
    code = "erasure_refused"
