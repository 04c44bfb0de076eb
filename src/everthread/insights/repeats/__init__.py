"""The repeat-yourself detector (C11): what a customer had to tell us again.

``repeats_detect`` is the pure detector; ``repeats_find`` reads one customer's
timeline, ``repeats_heard`` finds them in many contacts for the continuity metrics and
``repeats_count`` counts them.
"""

from everthread.insights.repeats.detect import Passage, Repeat, repeats_detect
from everthread.insights.repeats.selectors import (
    Heard,
    repeats_count,
    repeats_find,
    repeats_heard,
)

__all__ = [
    "Heard",
    "Passage",
    "Repeat",
    "repeats_count",
    "repeats_detect",
    "repeats_find",
    "repeats_heard",
]
