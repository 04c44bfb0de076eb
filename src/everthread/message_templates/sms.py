"""How many SMS segments a message takes: GSM-7 when every character is in GSM 03.38, else UCS-2.

GSM-7: 160 characters in one segment, 153 in each of several (the rest is the concatenation
header); characters of the extension table ({ } [ ] ~ \\ | ^ €) take two. UCS-2: 70 in one,
67 in each of several, counted in UTF-16 units, so an emoji outside the BMP takes two.
The gsm0338 codec holds the character tables.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import gsm0338  # noqa: F401  (registers the "gsm03.38" codec)

GSM_SINGLE, GSM_MULTI = 160, 153
UCS2_SINGLE, UCS2_MULTI = 70, 67


@dataclass(frozen=True)
class Segments:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    count: int
    per_segment: int
    # The characters that forced UCS-2: a curly apostrophe alone doubles the segments.
    non_gsm: tuple[str, ...] = ()

    @property
    def left_in_segment(self) -> int:
        return self.count * self.per_segment - self.units


def sms_segments(text: str) -> Segments:
    non_gsm = tuple(dict.fromkeys(char for char in text if not _is_gsm(char)))
    if non_gsm:
        units = len(text.encode("utf-16-le")) // 2
        single, multi, encoding = UCS2_SINGLE, UCS2_MULTI, "UCS-2"
    else:
        units = len(text.encode("gsm03.38"))
        single, multi, encoding = GSM_SINGLE, GSM_MULTI, "GSM-7"
    if units <= single:
        return Segments(encoding, units, 1 if units else 0, single, non_gsm)
    return Segments(encoding, units, math.ceil(units / multi), multi, non_gsm)


def _is_gsm(char: str) -> bool:
    try:
        char.encode("gsm03.38")
    except UnicodeEncodeError:
        return False
    return True
