"""The repeat-yourself detector (C11): what a customer had to tell us again.

``repeats_detect`` is the pure detector; ``repeats_find`` reads one customer's
timeline and ``repeats_count`` counts repeats for the continuity metrics.
"""

from everthread.insights.repeats.detect import Passage, Repeat, repeats_detect
from everthread.insights.repeats.selectors import repeats_count, repeats_find

__all__ = ["Passage", "Repeat", "repeats_count", "repeats_detect", "repeats_find"]
