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
# Lines: a colour-blind-safe palette (Okabe-Ito, darkened to 3:1 against white), and each line
# its own dash pattern as well, so no line is known by its colour alone.
LINE_COLOURS = ("#000000", "#0072b2", "#c84f00", "#007a5a", "#a4467f", "#7a5a00", "#4d4d4d")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2", "12 6")
WIDTH, HEIGHT, LEFT, BOTTOM, TOP, RIGHT = 720, 300, 48, 40, 16, 28
_ids = itertools.count(1)


def _frame(
    title: str,
    description: str,
    body: str,
    legend: Sequence[tuple[str, str]],
    width: int = WIDTH,
    height: int | None = None,
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
    if height is None:
        height = HEIGHT + 30 + 20 * ((len(legend) - 1) // 4)
    # Every text in the markup is escaped (escape/format_html).
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
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
    ends: list[tuple[float, int, str]] = []
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
            dash = DASHES[si % len(DASHES)]
            parts.append(
                f'<path d="{"".join(path)}" fill="none" stroke="{LINE_COLOURS[si % len(LINE_COLOURS)]}" '
                f'stroke-width="2.5"{f" stroke-dasharray={chr(34)}{dash}{chr(34)}" if dash else ""}></path>'
            )
            ends.append((previous_y or 0.0, si, _label))
    # Direct labels at the right end of each line, pushed apart where lines end close together.
    placed: list[float] = []
    for y, si, label in sorted(ends):
        y = max(y, placed[-1] + 13) if placed else y
        placed.append(y)
        parts.append(
            f'<text x="{WIDTH - RIGHT + 4:.1f}" y="{y + 4:.1f}" class="small direct-label" '
            f'fill="{LINE_COLOURS[si % len(LINE_COLOURS)]}">{escape(label)}</text>'
        )
    legend = [(label, LINE_COLOURS[i % len(LINE_COLOURS)]) for i, (label, _p) in enumerate(series)]
    return _frame(title, description, "".join(parts), legend, width=WIDTH + LABEL_ROOM)


LABEL_ROOM = 150  # room right of the plot for the direct labels


def hbar_chart(
    title: str, description: str, rows: Sequence[tuple[str, object]], unit: str = ""
) -> SafeString:
    """One horizontal bar per row, label left and value at the bar's end: for long labels (the
    reasons, the organisations). A hidden cell shows its mark instead of a bar."""
    numbers = [v for _l, v in rows if isinstance(v, int | float)]
    top = max([*numbers, 1])
    label_w, bar_h, gap = 260, 18, 8
    plot_w = WIDTH - label_w - 60
    parts = []
    for i, (label, value) in enumerate(rows):
        y = TOP + i * (bar_h + gap)
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 13}" text-anchor="end" class="small">'
            f"{escape(str(label)[:40])}</text>"
        )
        if isinstance(value, int | float):
            w = plot_w * float(value) / top
            shown = f"{value:g}{unit}".replace(".", ",")
            parts.append(
                f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{COLOURS[0]}"></rect>'
                f'<text x="{label_w + w + 6:.1f}" y="{y + 13}" class="small">{escape(shown)}</text>'
            )
        else:
            parts.append(
                f'<text x="{label_w + 6}" y="{y + 13}" class="small">{escape(str(value or "-"))}</text>'
            )
    height = TOP + len(rows) * (bar_h + gap) + 8
    return _frame(title, description, "".join(parts), [], height=height)


def _step_path(points: Sequence[tuple[float, float]], x0: float, y0: float, w: float, h: float,
               max_months: float) -> str:  # fmt: skip
    path: list[str] = []
    for months, survival in points:
        if months > max_months:
            break
        x = x0 + w * months / max_months
        y = y0 + h - h * survival
        path.append(f"M{x:.1f},{y:.1f}" if not path else f"H{x:.1f}V{y:.1f}")
    if path:
        path.append(f"H{x0 + w:.1f}")
    return "".join(path)


def survival_panels(
    title: str,
    description: str,
    series: Sequence[tuple[str, Sequence[tuple[float, float]]]],
    max_months: float = 60,
) -> SafeString:
    """Small multiples: one small chart per group, each with the whole population as a thin grey
    reference line. Readable with many groups, and nothing depends on telling colours apart."""
    (all_label, all_points), groups = series[0], series[1:]
    columns, panel_w, panel_h, pad = 3, 220, 120, 36
    rows = max(1, math.ceil(len(groups) / columns))
    parts = []
    for index, (label, points) in enumerate(groups):
        col, row = index % columns, index // columns
        x0 = 40 + col * (panel_w + pad)
        y0 = 24 + row * (panel_h + pad + 16)
        parts.append(
            f'<text x="{x0}" y="{y0 - 8}" class="small panel-title">{escape(label)}</text>'
            f'<rect x="{x0}" y="{y0}" width="{panel_w}" height="{panel_h}" class="panel"></rect>'
        )
        for share in (0, 50, 100):
            y = y0 + panel_h - panel_h * share / 100
            parts.append(
                f'<text x="{x0 - 4}" y="{y + 4:.1f}" text-anchor="end" class="small">{share}%</text>'
            )
        for month in (0, 12, 24, 36, 48, 60):
            if month <= max_months:
                x = x0 + panel_w * month / max_months
                parts.append(
                    f'<text x="{x:.1f}" y="{y0 + panel_h + 12}" text-anchor="middle" '
                    f'class="small">{month}</text>'
                )
        reference = _step_path(all_points, x0, y0, panel_w, panel_h, max_months)
        line = _step_path(points, x0, y0, panel_w, panel_h, max_months)
        parts.append(
            f'<path d="{reference}" fill="none" stroke="#8a8a8a" stroke-width="1.5" '
            f'stroke-dasharray="4 3"></path>'
            f'<path d="{line}" fill="none" stroke="{LINE_COLOURS[1]}" stroke-width="2.5"></path>'
        )
    height = 24 + rows * (panel_h + pad + 16)
    legend = [
        (f"{all_label} (ter vergelijking, gestreept)", "#8a8a8a"),
        ("Deze groep", LINE_COLOURS[1]),
    ]
    width = 40 + columns * (panel_w + pad)
    chart_id = f"grafiek-{next(_ids)}"
    legend_items = "".join(
        format_html(
            '<g transform="translate({},0)"><rect width="14" height="14" fill="{}"></rect>'
            '<text x="20" y="12">{}</text></g>',
            330 * i,
            colour,
            text,
        )
        for i, (text, colour) in enumerate(legend)
    )
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {width} {height + 30}" role="img" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-uitleg" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{chart_id}-titel">{escape(title)}</title><desc id="{chart_id}-uitleg">'
        f"{escape(description)}</desc>{''.join(parts)}"
        f'<g class="legend" transform="translate(40,{height + 6})">{legend_items}</g></svg>'
    )
