"""Charts as accessible SVG, rendered on the server: no JavaScript. Each has a title and a
description for screen readers; the page always shows the data table next to it."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .suppression import Suppressed

# Colours with at least 3:1 contrast against white, told apart by the legend too.
COLOURS = ("#154273", "#b35900", "#1f6f43", "#8e3b96", "#a4001d", "#4d4d4d", "#00689b")
WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 720, 300, 48, 40, 16, 28
_ids = itertools.count(1)


def _frame(
    title: str, description: str, body: str, legend: Sequence[tuple[str, str]]
) -> SafeString:
    chart_id = f"grafiek-{next(_ids)}"
    legend_items = "".join(
        format_html(
            '<g transform="translate({},{})"><rect width="14" height="14" fill="{}"></rect>'
            '<text x="20" y="12">{}</text></g>',
            170 * (i % 4),
            20 * (i // 4),
            colour,
            label,
        )
        for i, (label, colour) in enumerate(legend)
    )
    height = HEIGHT + 30 + 20 * ((len(legend) - 1) // 4)
    # Every text in the markup is escaped (escape/format_html).
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-uitleg" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-titel">{escape(title)}</title><desc id="{chart_id}-uitleg">{escape(description)}</desc>'
        f'{body}<g class="legend" transform="translate({LEFT},{HEIGHT + 12})">{legend_items}</g></svg>'
    )


def _axis(max_value: float, fmt: str = "{:.0f}") -> str:
    lines = []
    for i in range(5):
        value = max_value * i / 4
        y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * i / 4
        lines.append(
            f'<line x1="{LEFT}" x2="{WIDTH}" y1="{y:.1f}" y2="{y:.1f}" class="grid"></line>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{escape(fmt.format(value))}</text>'
        )
    return "".join(lines)


def bar_chart(
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[object]]],
) -> SafeString:
    numbers = [v for _name, values in series for v in values if isinstance(v, int | float)]
    # Four grid steps of whole numbers (a top of 1 gave the labels 0, 0, 0, 1, 1).
    top = 4 * max(1, math.ceil(max([*numbers, 0]) / 4))
    plot_w = WIDTH - LEFT - RIGHT
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    parts = [_axis(top)]
    for ci, category in enumerate(categories):
        x0 = LEFT + ci * group_w + group_w * 0.1
        for si, (_name, values) in enumerate(series):
            value = values[ci]
            x = x0 + si * bar_w
            if isinstance(value, Suppressed):
                parts.append(
                    f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - BOTTOM - 4}" text-anchor="middle" '
                    f'class="small">{escape(str(value))}</text>'
                )
                continue
            h = (
                (HEIGHT - BOTTOM - TOP) * float(value) / top
                if isinstance(value, int | float)
                else 0
            )
            parts.append(
                f'<rect x="{x:.1f}" y="{HEIGHT - BOTTOM - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[si % len(COLOURS)]}"></rect>'
            )
        parts.append(
            f'<text x="{x0 + group_w * 0.4:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'class="small">{escape(category)}</text>'
        )
    legend = [(name, COLOURS[i % len(COLOURS)]) for i, (name, _v) in enumerate(series)]
    return _frame(title, description, "".join(parts), legend)


def step_chart(
    title: str,
    description: str,
    series: Sequence[tuple[str, Sequence[tuple[float, float]]]],
    max_months: float = 60,
) -> SafeString:
    plot_w = WIDTH - LEFT - RIGHT
    parts = [_axis(100, "{:.0f}%")]
    for month in range(0, int(max_months) + 1, 12):
        x = LEFT + plot_w * month / max_months
        parts.append(
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" class="small">'
            f"{month} mnd</text>"
        )
    for si, (_label, points) in enumerate(series):
        path = []
        previous_y = None
        for months, survival in points:
            if months > max_months:
                break
            x = LEFT + plot_w * months / max_months
            y = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * survival
            if previous_y is None:
                path.append(f"M{x:.1f},{y:.1f}")
            else:
                path.append(f"H{x:.1f}V{y:.1f}")
            previous_y = y
        if path:
            path.append(f"H{LEFT + plot_w:.1f}")
            parts.append(
                f'<path d="{"".join(path)}" fill="none" stroke="{COLOURS[si % len(COLOURS)]}" '
                f'stroke-width="2.5"></path>'
            )
    legend = [(label, COLOURS[i % len(COLOURS)]) for i, (label, _p) in enumerate(series)]
    return _frame(title, description, "".join(parts), legend)
