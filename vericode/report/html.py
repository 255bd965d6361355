"""The HTML report: one self-contained file, readable offline.

The same tables as every other format (``report_render.sections``), and three plots
drawn as inline SVG (solve rate by group, solved by round, cost against solved): no
script, no stylesheet or font fetched from anywhere, so the file can be mailed or
archived beside the run and still open years later.
"""

from __future__ import annotations

from html import escape

from vericode.report.render import Section, percent, sections
from vericode.report.summary import Difference, Rate, RunReport

WIDTH, HEIGHT, PAD = 560, 260, 44
COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b")
STYLE = """body{font-family:sans-serif;max-width:60rem;margin:2rem auto;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ccc;
padding:.25rem .6rem;text-align:left}th{background:#f3f3f3}svg{margin:.5rem 0 1.5rem;
background:#fafafa;border:1px solid #ddd}.note{color:#666;font-size:.9rem}"""


def html(reports: list[RunReport], differences: list[Difference]) -> str:
    found = sections(reports, differences)
    body = [f"<h1>vericode report: {escape(', '.join(r.name for r in reports))}</h1>"]
    body += [table(s) for s in found]
    body += ["<h2>Plots</h2>", rate_plot(reports), round_plot(reports), cost_plot(reports)]
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>vericode report</title><style>{STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def table(s: Section) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in s.headers)
    rows = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>"
                   for row in s.rows)
    note = f"<p class=\"note\">{escape(s.note)}</p>" if s.note else ""
    return f"<h2>{escape(s.title)}</h2><table><tr>{head}</tr>{rows}</table>{note}"


def svg(title: str, inner: list[str]) -> str:
    return (f"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" "
            f"role=\"img\" aria-label=\"{escape(title)}\"><text x=\"{PAD}\" y=\"18\" "
            f"font-size=\"14\">{escape(title)}</text>" + "".join(inner) + "</svg>")


def axes(x_label: str, y_label: str) -> list[str]:
    bottom, right = HEIGHT - PAD, WIDTH - 12
    return [f"<line x1=\"{PAD}\" y1=\"{bottom}\" x2=\"{right}\" y2=\"{bottom}\" stroke=\"#444\"/>",
            f"<line x1=\"{PAD}\" y1=\"28\" x2=\"{PAD}\" y2=\"{bottom}\" stroke=\"#444\"/>",
            f"<text x=\"{(PAD + right) // 2}\" y=\"{HEIGHT - 6}\" font-size=\"11\" "
            f"text-anchor=\"middle\">{escape(x_label)}</text>",
            f"<text x=\"10\" y=\"{HEIGHT // 2}\" font-size=\"11\" transform=\"rotate(-90 10 "
            f"{HEIGHT // 2})\" text-anchor=\"middle\">{escape(y_label)}</text>"]


def y_ticks(top: str) -> list[str]:
    """The y axis's two labels: zero at the axis, ``top`` at the plot's top."""
    return [f"<text x=\"{PAD - 4}\" y=\"{y_of(value) + 4:.1f}\" font-size=\"10\" "
            f"text-anchor=\"end\">{escape(text)}</text>" for value, text in ((0, "0"), (1, top))]


def y_of(fraction: float) -> float:
    """Screen y of a fraction of the plot's height (0 at the axis)."""
    return HEIGHT - PAD - fraction * (HEIGHT - PAD - 28)


def rate_plot(reports: list[RunReport]) -> str:
    """Bars with their Wilson intervals: per group when grouped, else one per run."""
    bars: list[tuple[str, int, Rate]] = []
    for i, r in enumerate(reports):
        shown = r.groups or {"all": r.overall}
        bars += [(name, i, value) for name, value in shown.items()]
    step = (WIDTH - PAD - 20) / max(1, len(bars))
    inner = [*axes("group", "solve rate"), *y_ticks("100%")]
    for n, (name, run, value) in enumerate(bars):
        x = PAD + 6 + n * step
        inner += [f"<rect x=\"{x:.1f}\" y=\"{y_of(value.rate):.1f}\" width=\"{step * .7:.1f}\" "
                  f"height=\"{y_of(0) - y_of(value.rate):.1f}\" fill=\"{_colour(run)}\">"
                  f"<title>{escape(name)}: {percent(value.rate)}</title></rect>",
                  f"<line x1=\"{x + step * .35:.1f}\" y1=\"{y_of(value.low):.1f}\" "
                  f"x2=\"{x + step * .35:.1f}\" y2=\"{y_of(value.high):.1f}\" stroke=\"#000\"/>",
                  f"<text x=\"{x:.1f}\" y=\"{HEIGHT - PAD + 12}\" font-size=\"9\">"
                  f"{escape(name[:14])}</text>"]
    return svg("Solve rate (95% Wilson interval)", inner)


def round_plot(reports: list[RunReport]) -> str:
    """Solved by round r, one line per run."""
    inner = axes("round", "problems solved")
    depth = max(len(r.solved_by_round) for r in reports) or 1
    top = max([1, *(r.overall.total for r in reports)])
    inner += [*y_ticks(str(top)), *(
        f"<text x=\"{PAD + n * (WIDTH - PAD - 20) / depth:.1f}\" y=\"{HEIGHT - PAD + 12}\" "
        f"font-size=\"10\" text-anchor=\"middle\">{n}</text>" for n in range(1, depth + 1))]
    for i, r in enumerate(reports):
        points = [(PAD + (n + 1) * (WIDTH - PAD - 20) / depth, y_of(v / top))
                  for n, v in enumerate(r.solved_by_round)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        inner.append(f"<polyline points=\"{path}\" fill=\"none\" stroke=\"{_colour(i)}\" "
                     f"stroke-width=\"2\"><title>{escape(r.name)}</title></polyline>")
        inner += [f"<circle cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"3\" fill=\"{_colour(i)}\"/>"
                  for x, y in points]
    return svg(f"Solved by round (of {top})", inner)


def cost_plot(reports: list[RunReport]) -> str:
    """Each run as a point: USD spent against problems solved."""
    inner = axes("cost (USD, known calls)", "problems solved")
    most = max([1e-9, *(r.spend.cost_usd for r in reports)])
    top = max([1, *(r.overall.total for r in reports)])
    inner += [*y_ticks(str(top)), f"<text x=\"{WIDTH - 20}\" y=\"{HEIGHT - PAD + 12}\" "
              f"font-size=\"10\" text-anchor=\"end\">${most:.4f}</text>"]
    for i, r in enumerate(reports):
        x = PAD + r.spend.cost_usd / most * (WIDTH - PAD - 40)
        y = y_of(r.overall.solved / top)
        unknown = (f", {r.spend.unknown_cost_calls} call(s) of unknown cost"
                   if r.spend.unknown_cost_calls else "")
        inner += [f"<circle cx=\"{x:.1f}\" cy=\"{y:.1f}\" r=\"5\" fill=\"{_colour(i)}\">"
                  f"<title>{escape(r.name)}: ${r.spend.cost_usd:.4f}{escape(unknown)}, "
                  f"{r.overall.solved} solved</title></circle>",
                  f"<text x=\"{x + 7:.1f}\" y=\"{y + 4:.1f}\" font-size=\"10\">"
                  f"{escape(r.name[:24])}</text>"]
    return svg("Cost against solved", inner)


def _colour(index: int) -> str:
    return COLOURS[index % len(COLOURS)]
