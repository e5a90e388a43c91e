"""The plain-text report: P, R and F1 per category with the baseline beside them, the headline measures, then
the errors by name and the matching rules, so a score is never read without what it missed and how it counts."""
from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table

from kg.evaluate.results import Report, Score, Share
from kg.evaluate.schema import SUMMARY_LABELS


def _cells(score: Score | Share | None) -> list[str]:
    if score is None or score.empty:
        return ["–"] * 3
    if isinstance(score, Share):
        return ["–", f"{score.share:.3f}", "–"]  # a share of the gold: read as a recall
    return [f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}"]


def _gold_count(score: Score | Share) -> str:
    return str(score.total if isinstance(score, Share) else score.tp + score.fn)


def _table(title: str, with_baseline: bool) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("category")
    table.add_column("gold", justify="right")
    for heading in ("P", "R", "F1"):
        table.add_column(heading, justify="right")
    if with_baseline:
        for heading in ("base P", "base R", "base F1"):
            table.add_column(heading, justify="right")
    return table


def _category_table(project: Report, baseline: Report | None) -> Table:
    """Rows empty for both systems (no gold item, no prediction) are left out."""
    table = _table(f"newskg evaluation: {project.corpus}", baseline is not None)
    for category, score in project.scores.items():
        other = baseline.scores.get(category) if baseline else None
        if score.empty and (other is None or other.empty):
            continue
        table.add_row(category, _gold_count(score), *_cells(score), *(_cells(other) if baseline else []))
    table.add_section()
    micro = project.micro
    table.add_row("micro", str(micro.tp + micro.fn), *_cells(micro), *(_cells(baseline.micro) if baseline else []))
    macro = [f"{value:.3f}" for value in project.macro]
    table.add_row("macro", "", *macro, *([f"{value:.3f}" for value in baseline.macro] if baseline else []))
    return table


def _summary_table(project: Report, baseline: Report | None) -> Table:
    """Every headline row, even an empty one: a corpus without dated events should say so, not hide the row."""
    table = _table(f"headline: {project.corpus}", baseline is not None)
    for category, measure in project.summary.items():
        label = SUMMARY_LABELS.get(category, category)
        if isinstance(measure, Share):
            label = f"{label} ({measure})"
        other = baseline.summary.get(category) if baseline else None
        table.add_row(label, _gold_count(measure), *_cells(measure), *(_cells(other) if baseline else []))
    return table


def format_report(project: Report, baseline: Report | None = None) -> str:
    """A plain-text table (P, R, F1 per category, project beside baseline), the headline measures, then the
    project's errors by name and the matching rules."""
    out = io.StringIO()
    console = Console(file=out, width=120, color_system=None, highlight=False, emoji=False, markup=False)
    console.print(_category_table(project, baseline))
    if project.summary:
        console.print(_summary_table(project, baseline))
    for heading, attribute in (("Misses", "misses"), ("False positives", "false_positives")):
        # headline rows that only re-count a category share its errors, which are listed once, under the category
        measures = [*project.scores.items(), *((c, m) for c, m in project.summary.items() if c not in project.scores)]
        lines = [(category, names) for category, measure in measures if (names := getattr(measure, attribute, ()))]
        console.print(f"{heading}{'' if lines else ': none'}")
        for category, names in lines:
            console.print(f"  {category} ({len(names)}): " + "; ".join(names), soft_wrap=True)
    console.print("Notes")
    for note in project.notes:
        console.print(f"  - {note}", soft_wrap=True)
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"
