from __future__ import annotations

from everthread.core.errors import Conflict, InvalidInput


class ErasureRefused(Conflict):
    code = "erasure_refused"


class RetentionInvalid(InvalidInput):
    code = "retention_invalid"
