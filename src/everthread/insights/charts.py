"""Bar charts drawn on the server as SVG: horizontal bars, their labels and values, sized
here so the template only places them. The same numbers are always in a table beside."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 640
LABEL_WIDTH = 200
VALUE_WIDTH = 80
BAR_HEIGHT = 22
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    shown: str
    href: str
    y: int
    width: int

    @property
    def text_y(self) -> int:
        return self.y + BAR_HEIGHT // 2 + 5

    @property
    def value_x(self) -> int:
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    slug: str
    title: str
    description: str
    bars: list[Bar]

    width = WIDTH
    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT

    @property
    def height(self) -> int:
        return max(len(self.bars), 1) * (BAR_HEIGHT + GAP) + GAP


def bar_chart(
    *,
    slug: str,
    title: str,
    description: str,
    points: list[tuple[str, object, str]],
    suffix: str = "",
) -> BarChart:
    """A chart of ``points`` (label, value, drill-down link); points without a value are
    left out, so a chart of nothing measured draws no bars (the page says so)."""
    measured = [
        (label, float(value), href)
        for label, value, href in points
        if isinstance(value, int | float)
    ]
    top = max((value for _, value, _ in measured), default=0.0) or 1.0
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=label,
            value=value,
            shown=f"{value:g}{suffix}",
            href=href,
            y=GAP + index * (BAR_HEIGHT + GAP),
            width=max(int(room * value / top), 1 if value else 0),
        )
        for index, (label, value, href) in enumerate(measured)
    ]
    return BarChart(slug, title, description, bars)
