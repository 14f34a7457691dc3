"""The report of ``relire``, for people (text, Markdown) and for tools (JSON).

Text is grouped by kind of problem, with the counts first, so that a candidate sees at a
glance what to fix; each finding says where (section, paragraph, footnote), the text at
fault and the right form. On a terminal the lines wrap under their own indent and a long
report goes through the pager; piped, each finding stays on its lines, for Word.
"""

from __future__ import annotations

import json
import sys
from collections import Counter

from glossaire.services.relire import Finding, ProofReport
from glossaire.text import counted

KINDS = {
    "reference-inconnue": "Œuvres absentes de votre bibliothèque",
    "annee-erronee": "Années qui ne correspondent pas",
    "citation-ambigue": "Citations ambiguës",
    "forme-citation": "Citations hors de la norme",
    "absente-bibliographie": "Œuvres citées absentes de la bibliographie",
    "non-citee": "Entrées de la bibliographie jamais citées",
    "forme-bibliographie": "Entrées de la bibliographie hors de la norme",
    "citation-inexacte": "Citations inexactes",
    "page-erronee": "Pages erronées",
    "auteur-errone": "Citations attribuées au mauvais auteur",
    "citation-sans-source": "Citations sans source",
    "bibliographie-absente": "Bibliographie absente",
    "concept-non-defini": "Concepts employés sans être définis dans le Lexique",
}
Line = tuple[int, str]  # (indent, text)


def render_report(report: ProofReport, output_format: str) -> None:
    from glossaire.cli.console import make_encoding_safe, wants_styles
    from glossaire.text import safe_for_terminal

    make_encoding_safe(sys.stdout)
    if output_format == "json":
        sys.stdout.write(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n")
    elif output_format == "markdown":
        sys.stdout.write(safe_for_terminal(as_markdown(report)))
    elif wants_styles(sys.stdout):
        _print_on_terminal(text_lines(report))
    else:
        sys.stdout.write(safe_for_terminal(as_text(report)))


def _print_on_terminal(lines: list[Line]) -> None:
    """Each line wrapped under its own text: a bullet's lines under the text, not the bullet;
    an empty line kept (rich prints nothing for an empty padded text)."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    from glossaire.cli.console import output_console
    from glossaire.cli.pager import print_paged
    from glossaire.text import safe_for_terminal

    console = output_console()

    def draw() -> None:
        for indent, text in lines:
            if not text:
                console.print()
            elif text.startswith(_BULLET):
                grid = Table.grid(padding=0)
                grid.add_column(width=indent + len(_BULLET), no_wrap=True)
                grid.add_column()
                grid.add_row(" " * indent + _BULLET, Text(safe_for_terminal(text[len(_BULLET) :])))
                console.print(grid)
            else:
                console.print(
                    Padding(Text(safe_for_terminal(text)), (0, 0, 0, indent), expand=False)
                )

    print_paged(console, draw)


_BULLET = "• "


def _where(finding: Finding) -> str:
    section = f"« {finding.section} »" if finding.section else "avant le premier titre"
    note = f", note {finding.note}" if finding.note else ""
    return f"{section}, paragraphe {finding.paragraphe}{note}"


def _quoted(extrait: str) -> str:
    return f"\u00a0: « {extrait} »" if extrait else ""


def _summary(report: ProofReport) -> list[Line]:
    counts = Counter(finding.type for finding in report.problems)
    lines = [
        (
            0,
            f"Relecture de {report.path.name} selon la norme {report.style}\u00a0: "
            f"{counted(len(report.problems), 'problème')}, "
            f"{counted(len(report.suggestions), 'suggestion')}, "
            f"{counted(len(report.citations), 'citation reconnue', 'citations reconnues')}.",
        )
    ]
    order = list(KINDS)
    for kind in sorted(counts, key=lambda k: order.index(k) if k in order else len(order)):
        lines.append((2, f"{KINDS.get(kind, kind)}\u00a0: {counts[kind]}"))
    return lines


def text_lines(report: ProofReport) -> list[Line]:
    lines = _summary(report)
    for title, findings in _grouped(report.problems) + _grouped(report.suggestions):
        lines += [(0, ""), (0, f"{title} ({len(findings)})")]
        for finding in findings:
            lines += [
                (2, f"{_BULLET}{_where(finding)}" + _quoted(finding.extrait)),
                (4, finding.sentence),
            ]
    if report.bibliography:
        title = f"Bibliographie des œuvres citées, selon la norme {report.style}\u00a0:"
        lines += [(0, ""), (0, title)]
        lines += [(2, entry) for entry in report.bibliography]
    return lines


def as_text(report: ProofReport) -> str:
    return "\n".join(" " * indent + text for indent, text in text_lines(report)) + "\n"


def as_markdown(report: ProofReport) -> str:
    from glossaire.text import markdown_escape

    lines = [f"# Relecture de {markdown_escape(report.path.name)}", ""]
    lines += [("- " if indent else "") + markdown_escape(text) for indent, text in _summary(report)]
    for title, findings in _grouped(report.problems) + _grouped(report.suggestions):
        lines += ["", f"## {title} ({len(findings)})", ""]
        for finding in findings:
            lines.append(
                f"- *{markdown_escape(_where(finding))}*\u00a0: "
                f"« {markdown_escape(finding.extrait)} » — {markdown_escape(finding.sentence)}"
            )
    if report.bibliography:
        lines += ["", "## Bibliographie des œuvres citées", ""]
        lines += [f"{markdown_escape(entry)}\n" for entry in report.bibliography]
    return "\n".join(lines).rstrip("\n") + "\n"


def _grouped(findings: tuple[Finding, ...]) -> list[tuple[str, list[Finding]]]:
    groups: dict[str, list[Finding]] = {}
    for finding in findings:
        groups.setdefault(finding.type, []).append(finding)
    order = list(KINDS)
    return [
        (KINDS.get(kind, kind), groups[kind])
        for kind in sorted(groups, key=lambda k: order.index(k) if k in order else len(order))
    ]
