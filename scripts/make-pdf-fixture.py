#!/usr/bin/env python3
"""Writes the PDF fixtures of Tests/SyncEngineTests/Fixtures with reportlab's built-in CID font
STSong-Light (no font files needed; the text stays extractable by pdftotext):

- active-table.pdf: a report's title, a heading and table 2 of the annual-report template, every
  cell a distinct number, drawn as a ruled table with merged cells as the template prints them;
- sample-report.pdf and sample-report-wrapped.pdf: the whole report in sample-report.txt
  (tab-separated rows, as `SampleReport.distinct().render(.tsv)` writes it), paragraphs wrapped to
  the page and every run of rows a ruled table; on a landscape page wide enough that no label wraps,
  and on a portrait page where long labels wrap inside their cells, as offices publish reports.

    pip install reportlab==5.1.0 && python3 scripts/make-pdf-fixture.py

The output is deterministic (invariant mode), so re-running it gives the same bytes.
"""
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

rl_config.invariant = 1  # fixed dates and IDs: the same bytes on every run
FONT = "STSong-Light"
FIXTURES = Path(__file__).resolve().parent.parent / "Tests/SyncEngineTests/Fixtures"
TITLE_STYLE = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=20, alignment=1)
BODY_STYLE = ParagraphStyle("body", fontName=FONT, fontSize=10.5, leading=16, firstLineIndent=21)
CELL_STYLE = ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10)

ACTIVE_TITLE = "青山区人民政府2024年政府信息公开工作年度报告"
ACTIVE_ROWS = [
    ["第二十条第（一）项", "", "", ""],
    ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
    ["规章", "11", "24", "37"],
    ["行政规范性文件", "50", "63", "76"],
    ["第二十条第（五）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政许可", "89", "", ""],
    ["第二十条第（六）项", "", "", ""],
    ["信息内容", "本年处理决定数量", "", ""],
    ["行政处罚", "102", "", ""],
    ["行政强制", "115", "", ""],
    ["第二十条第（八）项", "", "", ""],
    ["信息内容", "本年收费金额（单位：万元）", "", ""],
    ["行政事业性收费", "5087.94", "", ""],
]


def ruled(style):
    return [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")] + style


def active_table_pdf():
    section_rows = [0, 4, 7, 11]
    single_value_rows = [5, 6, 8, 9, 10, 12, 13]
    style = [("FONT", (0, 0), (-1, -1), FONT, 10)]
    style += [("SPAN", (0, row), (-1, row)) for row in section_rows]
    style += [("SPAN", (1, row), (-1, row)) for row in single_value_rows]
    table = Table(ACTIVE_ROWS, colWidths=[130, 110, 110, 110], style=TableStyle(ruled(style)))
    heading = Paragraph("二、主动公开政府信息情况", ParagraphStyle("heading", fontName=FONT, fontSize=11, leading=16))
    story = [Paragraph(ACTIVE_TITLE, TITLE_STYLE), Spacer(1, 12), heading, Spacer(1, 6), table]
    SimpleDocTemplate(str(FIXTURES / "active-table.pdf"), pagesize=A4, title=ACTIVE_TITLE).build(story)


def report_table(rows, page_width, label_widths):
    """One run of tab-separated rows as a ruled table: a short row's first cell spans the missing
    columns, so that the values of every row stay under their columns. Tables with more than two
    columns get `label_widths` for their label columns and share the rest out among the values;
    table 4 (fifteen values, no labels) shares the whole width."""
    width = max(len(row) for row in rows)
    grid, style = [], []
    for index, row in enumerate(rows):
        missing = width - len(row)
        cells = [row[0]] + [""] * missing + row[1:]
        grid.append([Paragraph(cell, CELL_STYLE) for cell in cells])
        if missing:
            style.append(("SPAN", (0, index), (missing, index)))
    labels = label_widths[: 2 if width > 7 else 1] if width < 10 else []
    values = width - len(labels)
    widths = labels + [(page_width - sum(labels)) / values] * values
    return Table(grid, colWidths=widths, style=TableStyle(ruled(style)))


def sample_report_pdf(name, pagesize, margin, label_widths):
    lines = (FIXTURES / "sample-report.txt").read_text(encoding="utf-8").splitlines()
    page_width = pagesize[0] - 2 * margin
    story, rows = [], []
    for number, line in enumerate(lines):
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        if rows:
            story += [report_table(rows, page_width, label_widths), Spacer(1, 8)]
            rows = []
        if number == 0:
            story += [Paragraph(line, TITLE_STYLE), Spacer(1, 10)]
        elif number >= len(lines) - 2:  # signature and date, flush right
            story.append(Paragraph(line, ParagraphStyle("sign", parent=BODY_STYLE, alignment=2)))
        else:
            story.append(Paragraph(line, BODY_STYLE))
    document = SimpleDocTemplate(
        str(FIXTURES / name),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        title=lines[0],
    )
    document.build(story)


if __name__ == "__main__":
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    active_table_pdf()
    # Wide enough that no label wraps.
    sample_report_pdf("sample-report.pdf", landscape(A4), 36, [110, 290])
    # As most offices print it: long labels wrap around their numbers, table 3 breaks over a page.
    sample_report_pdf("sample-report-wrapped.pdf", A4, 72, [80, 80])
