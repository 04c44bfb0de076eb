"""Duplicate finding for customer records: a pure engine, no database.

``find_duplicates`` de-duplicates one base and ``link`` matches two; both take
plain ``CustomerRecord`` values and return scored pairs with reasons.
"""

from everthread.customers.matching.engine import (
    MATCH_THRESHOLD,
    MatchResult,
    ScoredPair,
    find_duplicates,
    link,
)
from everthread.customers.matching.records import CustomerRecord

__all__ = [
    "MATCH_THRESHOLD",
    "CustomerRecord",
    "MatchResult",
    "ScoredPair",
    "find_duplicates",
    "link",
]
