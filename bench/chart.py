#!/usr/bin/env python3
"""Draws a benchmark's figures as an SVG bar chart: each bar is a figure divided by its reference (a
target, or the baseline of the same run), with the reference at 1.

Usage: bench/chart.py OUT.svg TITLE SUBTITLE < rows
Each row, separated by tabs: label, ratio, note, which side of the target meets it ("lower": times,
memory; "higher": throughput) and, optionally, the target as a ratio (default 1, the reference), marked
on the row. A green bar meets its target.
"""
import html
import math
import sys

LABELS, BAR_START, WIDTH, ROW = 280, 290, 760, 44


def main():
    out, title, subtitle = sys.argv[1:4]
    rows = []
    for line in sys.stdin:
        if line.strip():
            label, ratio, note, better, *target = line.rstrip("\n").split("\t")
            rows.append((label, float(ratio), note, better, float(target[0]) if target else 1.0))
    if not rows:
        sys.exit("bench/chart.py: no rows")
    top = max(2, math.ceil(max(max(row[1], row[4]) for row in rows) * 1.1))
    scale = (WIDTH - BAR_START - 40) / top
    height = 70 + ROW * len(rows) + 40
    bottom = 50 + ROW * len(rows)
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
           f'viewBox="0 0 {WIDTH} {height}" font-family="sans-serif" font-size="13">',
           f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
           text(WIDTH / 2, 24, title, 'text-anchor="middle" font-size="15" font-weight="bold"'),
           text(WIDTH / 2, 42, subtitle, 'text-anchor="middle" fill="#555"')]
    step = max(1, top // 10)
    for tick in range(0, top + 1, step):
        x = BAR_START + tick * scale
        svg.append(f'<line x1="{x:.1f}" y1="50" x2="{x:.1f}" y2="{bottom}" stroke="#e3e3e3"/>')
        svg.append(text(x, bottom + 16, f"{tick}×", 'text-anchor="middle" fill="#555"'))
    for n, (label, ratio, note, better, target) in enumerate(rows):
        y = 56 + ROW * n
        met = ratio <= target if better == "lower" else ratio >= target
        width = max(1.0, ratio * scale)
        svg.append(text(LABELS, y + 17, label, 'text-anchor="end"'))
        svg.append(f'<rect x="{BAR_START}" y="{y}" width="{width:.1f}" height="26" '
                   f'fill="{"#2e7d32" if met else "#c62828"}"/>')
        if target != 1:
            x = BAR_START + target * scale
            svg.append(f'<line x1="{x:.1f}" y1="{y - 4}" x2="{x:.1f}" y2="{y + 30}" stroke="#000" stroke-width="3"/>')
        caption = f"{ratio:.2f}× ({note})"
        if width > 260:
            svg.append(text(BAR_START + width - 6, y + 17, caption, 'text-anchor="end" fill="#fff"'))
        else:
            svg.append(text(BAR_START + width + 6, y + 17, caption,
                            'fill="#222" stroke="#fff" stroke-width="4" paint-order="stroke"'))
    one = BAR_START + scale
    svg.append(f'<line x1="{one:.1f}" y1="48" x2="{one:.1f}" y2="{bottom}" stroke="#000" stroke-width="2" '
               'stroke-dasharray="5,3"/>')
    svg.append("</svg>")
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(svg) + "\n")
    print(f"chart: {out}")


def text(x, y, content, attributes):
    return f'<text x="{x:.1f}" y="{y:.1f}" {attributes}>{html.escape(content)}</text>'


if __name__ == "__main__":
    main()
