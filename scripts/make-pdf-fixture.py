#!/usr/bin/env python3
"""Writes Tests/SyncEngineTests/Fixtures/active-table.pdf: a one-page PDF with a report's title, a
heading and table 2 of the annual-report template, every cell a distinct number, drawn as a ruled
table with reportlab's built-in CID font STSong-Light (no font files needed; the text is extractable).

    pip install reportlab==5.1.0 && python3 scripts/make-pdf-fixture.py

The output is deterministic (invariant mode), so re-running it gives the same bytes.
"""
from pathlib import Path

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from reportlab.lib.styles import ParagraphStyle

rl_config.invariant = 1  # fixed dates and IDs: the same bytes on every run
FONT = "STSong-Light"
OUTPUT = Path(__file__).resolve().parent.parent / "Tests/SyncEngineTests/Fixtures/active-table.pdf"

TITLE = "青山区人民政府2024年政府信息公开工作年度报告"
HEADING = "二、主动公开政府信息情况"
ROWS = [
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
# Rows whose cells after the first are one merged cell, as in the template.
SECTION_ROWS = [0, 4, 7, 11]
SINGLE_VALUE_ROWS = [5, 6, 8, 9, 10, 12, 13]


def main() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    title = ParagraphStyle("title", fontName=FONT, fontSize=14, leading=20, alignment=1)
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=16)
    style = [
        ("FONT", (0, 0), (-1, -1), FONT, 10),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]
    style += [("SPAN", (0, row), (-1, row)) for row in SECTION_ROWS]
    style += [("SPAN", (1, row), (-1, row)) for row in SINGLE_VALUE_ROWS]
    table = Table(ROWS, colWidths=[130, 110, 110, 110], style=TableStyle(style))
    document = SimpleDocTemplate(str(OUTPUT), pagesize=A4, title=TITLE)
    document.build([Paragraph(TITLE, title), Spacer(1, 12), Paragraph(HEADING, body), Spacer(1, 6), table])


if __name__ == "__main__":
    main()
