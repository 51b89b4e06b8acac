"""A trend as an accessible SVG chart, drawn on the server: no script, no CDN, readable without the picture.

The chart has a title and a description a screen reader reads (how many results, the span, the
latest value against its range), and the page shows the same values as a table beside it.
The reference band is the latest report's range. Values that aren't numbers ("positive") are
left out of the line but stay in the table.
"""

import datetime

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from uploads.labs.selectors import Trend, result_date, result_number

WIDTH, HEIGHT = 360, 140
LEFT, RIGHT, TOP, BOTTOM = 44, 12, 10, 24


def trend_svg(trend: Trend, *, chart_id: str) -> SafeString:
    points = [(result_date(result), result_number(result), result.flag) for result in trend.results]
    points = [(day, number, flag) for day, number, flag in points if number is not None]
    low, high = trend.reference
    if not points:
        return SafeString("")
    numbers = [number for _, number, _ in points] + [bound for bound in (low, high) if bound is not None]
    bottom, top = _padded(min(numbers), max(numbers))
    first, last = points[0][0], points[-1][0]

    def x(day: datetime.date) -> float:
        if first == last:
            return LEFT + (WIDTH - LEFT - RIGHT) / 2
        return LEFT + (day - first).days / (last - first).days * (WIDTH - LEFT - RIGHT)

    def y(number: float) -> float:
        return TOP + (top - number) / (top - bottom) * (HEIGHT - TOP - BOTTOM)

    band = ""
    if low is not None or high is not None:
        band_top = y(high) if high is not None else TOP
        band_bottom = y(low) if low is not None else HEIGHT - BOTTOM
        band = format_html(
            '<rect class="chart-band" x="{}" y="{}" width="{}" height="{}"/>',
            LEFT,
            f"{band_top:.1f}",
            WIDTH - LEFT - RIGHT,
            f"{max(band_bottom - band_top, 0.5):.1f}",
        )
    line = " ".join(f"{x(day):.1f},{y(number):.1f}" for day, number, _ in points)
    dots = format_html_join(
        "",
        '<circle class="chart-point{}" cx="{}" cy="{}" r="3.5"><title>{}: {} {}</title></circle>',
        ((f" is-{flag}" if flag else "", f"{x(day):.1f}", f"{y(number):.1f}", day.isoformat(), _plain(number),
          trend.unit) for day, number, flag in points),
    )  # fmt: skip
    return format_html(
        '<svg class="trend-chart" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{name}{unit_part} over time</title><desc id="{id}-desc">{desc}</desc>'
        "{band}"
        '<line class="chart-axis" x1="{left}" y1="{base}" x2="{right}" y2="{base}"/>'
        '<text class="chart-label" x="{label_x}" y="{top_y}" text-anchor="end">{top_label}</text>'
        '<text class="chart-label" x="{label_x}" y="{bottom_y}" text-anchor="end">{bottom_label}</text>'
        '<text class="chart-label" x="{left}" y="{h}" dy="-4">{first}</text>'
        '<text class="chart-label" x="{right}" y="{h}" dy="-4" text-anchor="end">{last}</text>'
        '<polyline class="chart-line" points="{line}"/>{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        name=trend.name,
        unit_part=f" ({trend.unit})" if trend.unit else "",
        desc=describe(trend),
        band=band,
        left=LEFT,
        right=WIDTH - RIGHT,
        base=HEIGHT - BOTTOM,
        label_x=LEFT - 6,
        top_y=f"{TOP + 4:.1f}",
        bottom_y=f"{HEIGHT - BOTTOM:.1f}",
        top_label=_plain(top),
        bottom_label=_plain(bottom),
        first=first.isoformat(),
        last=last.isoformat() if last != first else "",
        line=line,
        dots=dots,
    )


def describe(trend: Trend) -> str:
    """The chart in words: what a screen reader says, and what the picture shows."""
    latest = trend.latest
    count = len(trend.results)
    start = result_date(trend.results[0]).isoformat()
    span = f"from {start} to {result_date(latest).isoformat()}" if count > 1 else f"on {start}"
    reference = f", reference range {latest.reference_text}" if latest.reference_text else ""
    flag = f", flagged {latest.flag}" if latest.flag else ""
    return (
        f"{count} result{'s' if count != 1 else ''} {span}. Latest {latest.value} {latest.unit}".rstrip()
        + f"{reference}{flag}."
    )


def _padded(low: float, high: float) -> tuple[float, float]:
    # A flat line still gets some height: a tenth of its value, or 1 around zero.
    margin = (abs(low) * 0.1 or 1.0) if low == high else (high - low) * 0.1
    return low - margin, high + margin


def _plain(number: float) -> str:
    return f"{number:.3g}"
