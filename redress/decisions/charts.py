"""Horizontal bar charts as plain geometry, drawn by the template as inline SVG.

No JavaScript and no style attributes (the Content Security Policy allows neither): sizes and
colours are SVG presentation attributes. Every chart has its data table beneath it.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH = 720
LABEL_WIDTH = 330
VALUE_WIDTH = 90
BAR_HEIGHT = 22
GAP = 10
MAX_LABEL = 46


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value_text: str
    y: int
    width: float
    text_y: int
    value_x: float
    low_x: float | None = None  # a range drawn over the bar (lower to upper quartile)
    high_x: float | None = None
    range_y: int = 0


@dataclass(frozen=True, slots=True)
class Chart:
    id: str
    title: str
    bars: list[Bar]
    width: int
    height: int
    label_width: int = LABEL_WIDTH


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL else label[: MAX_LABEL - 1].rstrip() + "\u2026"


def bar_chart(
    chart_id: str,
    title: str,
    items: list[tuple[str, float, str]],
    ranges: list[tuple[float, float] | None] | None = None,
) -> Chart:
    """A chart of (label, value, value as text) items, longest bar the full width; optional ranges."""
    scale_to = max([value for _, value, _ in items] + [high for r in ranges or [] if r for high in r[1:]] + [0])
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH

    def x(value: float) -> float:
        return round(LABEL_WIDTH + (value / scale_to * span if scale_to else 0), 1)

    bars = []
    for index, (label, value, text) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        extent = (ranges or [None] * len(items))[index]
        bars.append(
            Bar(
                label=_short(label),
                value_text=text,
                y=y,
                width=round(x(value) - LABEL_WIDTH, 1),
                text_y=y + BAR_HEIGHT - 6,
                value_x=x(max(value, extent[1] if extent else 0)) + 6,
                low_x=x(extent[0]) if extent else None,
                high_x=x(extent[1]) if extent else None,
                range_y=y + BAR_HEIGHT // 2,
            )
        )
    return Chart(id=chart_id, title=title, bars=bars, width=WIDTH, height=GAP + len(items) * (BAR_HEIGHT + GAP))
