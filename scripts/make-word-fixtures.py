#!/usr/bin/env python3
"""Writes the fixtures of Tests/SyncEngineTests/Fixtures/word: annual reports as offices make them,
a Word .docx with the national template's merged-cell tables (国办公开办函〔2021〕30号: tables 2, 3
and 4 with their merged header cells and the 三、本年度办理结果 / （三）不予公开 / （四）无法提供 /
（五）不予处理 / （六）其他处理 label columns), and the PDF that LibreOffice exports from it.

Requirements (Debian 12 and PyPI):

    apt-get update
    apt-get install -y --no-install-recommends libreoffice-writer-nogui fonts-noto-cjk
    pip install python-docx==1.2.0

Two steps:

    python3 scripts/make-word-fixtures.py values   # writes Fixtures/word/reports.json
    python3 scripts/make-word-fixtures.py          # reads it, writes NAME.docx, NAME.pdf, expected/NAME.json

`values` mirrors `SampleReport.distinct(agency:year:seed:)` of Tests/ReportFixtures/SampleReport.swift
(every cell a distinct value), then sets the cells of each report's blank pattern to 0 and works the
totals out again as `distinct` does; WordExportTests checks the result against the Swift model. The
second step lays each report out as an office would: 公文 margins, 16pt body text at a fixed 28pt
line pitch, 10.5pt or 9pt tables with narrow label columns (labels and long numbers wrap inside their
cells), table 3's three header rows repeated on the next page, page numbers in the footer (`- 3 -`
or `第3页`), zero cells left blank as Word leaves them (the cell is there, with an empty paragraph).

The .docx bytes are deterministic (fixed zip timestamps and document properties). LibreOffice's PDF
export is made so as far as possible: a fresh profile per run, and its creation date and document ID
overwritten with fixed values of the same length. CI needs none of this: the outputs are committed.
"""
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

OUT = Path(__file__).resolve().parent.parent / "Tests/SyncEngineTests/Fixtures/word"
REPORTS = OUT / "reports.json"

# The fonts the PDFs embed (fonts-noto-cjk): 仿宋 body, 黑体 headings, 小标宋 title as offices use them.
BODY_FONT = "Noto Serif CJK SC"
HEADING_FONT = "Noto Sans CJK SC"
TITLE_FONT = "Noto Serif CJK SC"

# ---------------------------------------------------------------------------------------------
# The template (Tests/ReportFixtures/TemplateLabels.swift) and its cell keys (Record.cellValues).

REQUEST_ROWS = [  # (group printed in the merged column or None, label, key)
    (None, "一、本年新收政府信息公开申请数量", "received"),
    (None, "二、上年结转政府信息公开申请数量", "carriedOver"),
    ("三、本年度办理结果", "（一）予以公开", "granted"),
    ("三、本年度办理结果", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "partiallyGranted"),
    ("（三）不予公开", "1.属于国家秘密", "denied.stateSecret"),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", "denied.prohibitedByLaw"),
    ("（三）不予公开", "3.危及“三安全一稳定”", "denied.endangersSecurity"),
    ("（三）不予公开", "4.保护第三方合法权益", "denied.thirdPartyRights"),
    ("（三）不予公开", "5.属于三类内部事务信息", "denied.internalAffairs"),
    ("（三）不予公开", "6.属于四类过程性信息", "denied.processInformation"),
    ("（三）不予公开", "7.属于行政执法案卷", "denied.enforcementFiles"),
    ("（三）不予公开", "8.属于行政查询事项", "denied.queryMatters"),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", "unavailable.notHeld"),
    ("（四）无法提供", "2.没有现成信息需要另行制作", "unavailable.needsCreation"),
    ("（四）无法提供", "3.补正后申请内容仍不明确", "unavailable.unclear"),
    ("（五）不予处理", "1.信访举报投诉类申请", "notProcessed.petition"),
    ("（五）不予处理", "2.重复申请", "notProcessed.repeated"),
    ("（五）不予处理", "3.要求提供公开出版物", "notProcessed.publication"),
    ("（五）不予处理", "4.无正当理由大量反复申请", "notProcessed.excessive"),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", "notProcessed.reconfirm"),
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "otherHandling.overdueCorrection"),
    ("（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "otherHandling.unpaidFee"),
    ("（六）其他处理", "3.其他", "otherHandling.other"),
    ("三、本年度办理结果", "（七）总计", "total"),
    (None, "四、结转下年度继续办理", "carriedForward"),
]
REQUEST_COLUMNS = ["naturalPerson", "commercial", "research", "socialWelfare", "legalService", "otherOrg", "total"]
REVIEW_GROUPS = ["review", "litigationDirect", "litigationAfterReview"]
REVIEW_COLUMNS = ["upheld", "corrected", "other", "pending", "total"]
ACTIVE_KEYS = [
    "rules.issued", "rules.repealed", "rules.inForce",
    "normativeDocuments.issued", "normativeDocuments.repealed", "normativeDocuments.inForce",
    "licensing", "punishment", "coercion", "feesTenThousandYuan",
]
CELL_KEYS = (
    ["active." + key for key in ACTIVE_KEYS]
    + ["requests.%s.%s" % (row[2], column) for row in REQUEST_ROWS for column in REQUEST_COLUMNS]
    + ["reviews.%s.%s" % (group, column) for group in REVIEW_GROUPS for column in REVIEW_COLUMNS]
)
assert len(CELL_KEYS) == 200
HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]

# ---------------------------------------------------------------------------------------------
# Step 1: the values, mirroring SampleReport.distinct.


def distinct(agency, year, seed):
    """SampleReport.distinct(agency:year:seed:), field by field."""
    active = [7001 + index * 13 + seed for index in range(9)]
    requests = [[0] * 7 for _ in range(25)]
    for row in range(2, 23):
        for column in range(6):
            requests[row][column] = 1000 + row * 7 + column + seed * 200
    carried_forward = [500 + column * 7 + seed for column in range(6)]
    carried_over = [300 + column * 11 + seed for column in range(6)]
    reviews = []
    for group in range(3):
        parts = [9001 + group * 40 + index * 3 + seed for index in range(4)]
        reviews += parts + [sum(parts)]
    report = {
        "agency": agency,
        "year": year,
        "seed": seed,
        "publishedOn": "%d-01-26" % (year + 1),
        "active": active,
        "fee": "5087.94",
        "requests": requests,
        "reviews": reviews,
        "overview": [
            "%d年，%s坚持以公开为常态、不公开为例外，全面推进政务公开工作。" % (year, agency),
            "（一）主动公开情况。全年主动公开政府信息%d条，其中政策文件%d件。" % (800 + seed, 20 + seed),
            None,  # states the received total, written by `settle`
        ],
        "problems": [
            "一是公开内容还不够全面；二是政策解读形式较为单一。",
            "下一步，我们将加强培训，提升公开质量。",
        ],
        "other": ["本年度未收取信息处理费。"],
    }
    for row, values in ((24, carried_forward), (1, carried_over)):
        report["requests"][row][:6] = values
    return report


def settle(report, zeroed):
    """Sets the `zeroed` cells (keys of table 2, table 3 columns 0-5 and table 4 parts) to 0 and works
    the totals out as `distinct` does: （七）总计 the sum of the outcome rows, 本年新收 the balance,
    the total column and table 4's totals the sums of their parts."""
    for key in zeroed:
        index = CELL_KEYS.index(key)
        if index < 10:
            report["active"][index] = 0
        elif index < 185:
            row, column = divmod(index - 10, 7)
            assert column < 6, key
            report["requests"][row][column] = 0
        else:
            assert (index - 185) % 5 < 4, key
            report["reviews"][index - 185] = 0
    requests = report["requests"]
    for column in range(6):
        outcomes = sum(requests[row][column] for row in range(2, 23))
        requests[23][column] = outcomes
        requests[0][column] = outcomes + requests[24][column] - requests[1][column]
    for row in requests:
        row[6] = sum(row[:6])
    for group in range(3):
        report["reviews"][group * 5 + 4] = sum(report["reviews"][group * 5 : group * 5 + 4])
    report["overview"][2] = "（二）依申请公开情况。%d年，共收到政府信息公开申请%d件，均在法定期限内答复。" % (
        report["year"],
        requests[0][6],
    )


def cell_values(report):
    """The 200 cells in template order, as Record.cellValues writes them."""
    values = [str(value) for value in report["active"]] + [report["fee"]]
    values += [str(value) for row in report["requests"] for value in row]
    values += [str(value) for value in report["reviews"]]
    return values


def request_keys(rows, columns=range(7)):
    return ["requests.%s.%s" % (REQUEST_ROWS[row][2], REQUEST_COLUMNS[column]) for row in rows for column in columns]


ORGANIZATIONS = range(1, 6)  # the five 法人或其他组织 columns

# Each report: who, when, the seed of its values, the cells set to 0 and those of them printed blank
# (a cell that is 0 and not listed is printed "0"), and how its office laid it out.
SPECS = [
    {
        # A district government issues no 规章: the row is left empty.
        "name": "qingshan-district-2024",
        "agency": "青山区人民政府",
        "year": 2024,
        "seed": 0,
        "zeroed": ["active.rules.issued", "active.rules.repealed", "active.rules.inForce"],
        "blank": ["active.rules.issued", "active.rules.repealed", "active.rules.inForce"],
        "layout": {
            "orientation": "portrait",
            "footer": "dash",
            "tableFontPt": 10.5,
            "labelColumnsCm": [1.2, 1.6, 3.6],
            "activeLabelCm": 2.4,
        },
    },
    {
        # Rows where no company or organisation applied: all five 法人或其他组织 columns empty.
        "name": "jiangcheng-ecology-2023",
        "agency": "江城市生态环境局",
        "year": 2023,
        "seed": 1,
        "zeroed": request_keys([4, 10, 17, 19], ORGANIZATIONS),
        "blank": request_keys([4, 10, 17, 19], ORGANIZATIONS),
        "layout": {
            "orientation": "portrait",
            "footer": "chinese",
            "tableFontPt": 10.5,
            "labelColumnsCm": [1.1, 1.5, 3.2],
            "activeLabelCm": 2.2,
        },
    },
    {
        # Nothing carried forward: the six columns say 0, the total is left empty; no 复议后起诉.
        "name": "hexi-education-2022",
        "agency": "河西县教育局",
        "year": 2022,
        "seed": 2,
        "zeroed": request_keys([24], range(6))
        + ["reviews.litigationAfterReview.%s" % column for column in REVIEW_COLUMNS[:4]],
        "blank": ["requests.carriedForward.total"]
        + ["reviews.litigationAfterReview.%s" % column for column in REVIEW_COLUMNS],
        "layout": {
            "orientation": "landscape",
            "footer": "dash",
            "tableFontPt": 10.5,
            "labelColumnsCm": [1.4, 2.0, 5.0],
            "activeLabelCm": 4.0,
        },
    },
    {
        # Every zero of a sub-row left blank: whole sub-rows empty, total included, and scattered
        # zero cells; table 4's 未经复议直接起诉 partly zero.
        "name": "donghu-hrss-2021",
        "agency": "东湖市人力资源和社会保障局",
        "year": 2021,
        "seed": 3,
        "zeroed": request_keys([4, 5, 6, 14, 18, 19, 20, 21], range(6))
        + request_keys([7], [2, 3, 4])
        + request_keys([10, 11], [2, 3])
        + request_keys([17], [1, 2, 3, 4, 5])
        + ["reviews.litigationDirect.corrected", "reviews.litigationDirect.other"],
        "blank": request_keys([4, 5, 6, 14, 18, 19, 20, 21])
        + request_keys([7], [2, 3, 4])
        + request_keys([10, 11], [2, 3])
        + request_keys([17], [1, 2, 3, 4, 5])
        + ["reviews.litigationDirect.corrected", "reviews.litigationDirect.other"],
        "layout": {
            "orientation": "portrait",
            "footer": "chinese",
            "tableFontPt": 9,
            "labelColumnsCm": [0.9, 1.2, 2.6],
            "activeLabelCm": 2.0,
        },
    },
    {
        # A town: no organisation applied at all, nothing carried over or forward, no lawsuit: those
        # zeros are blank, as is the 规章 row; 本年新收's and 上年结转's zeros are printed 0.
        "name": "nanling-town-2024",
        "agency": "南岭镇人民政府",
        "year": 2024,
        "seed": 4,
        "zeroed": ["active.rules.issued", "active.rules.repealed", "active.rules.inForce"]
        + request_keys(range(1, 23), ORGANIZATIONS)
        + request_keys([24], ORGANIZATIONS)
        + request_keys([1], [0])
        + request_keys([24], [0])
        + ["reviews.%s.%s" % (group, column) for group in REVIEW_GROUPS[1:] for column in REVIEW_COLUMNS[:4]],
        "blank": ["active.rules.issued", "active.rules.repealed", "active.rules.inForce"]
        + request_keys(range(2, 24), ORGANIZATIONS)
        + request_keys([24])
        + ["reviews.%s.%s" % (group, column) for group in REVIEW_GROUPS[1:] for column in REVIEW_COLUMNS],
        "layout": {
            "orientation": "portrait",
            "footer": "dash",
            "tableFontPt": 10.5,
            "labelColumnsCm": [1.2, 1.5, 3.4],
            "activeLabelCm": 2.4,
        },
    },
]


def write_values():
    reports = []
    for spec in SPECS:
        report = distinct(spec["agency"], spec["year"], spec["seed"])
        settle(report, spec["zeroed"])
        values = cell_values(report)
        for key in spec["blank"]:
            assert values[CELL_KEYS.index(key)] == "0", "%s: blank %s is not 0" % (spec["name"], key)
        reports.append(
            {"name": spec["name"], **report, "zeroed": spec["zeroed"], "blank": spec["blank"], "layout": spec["layout"]}
        )
    OUT.mkdir(parents=True, exist_ok=True)
    REPORTS.write_text(dump({"reports": reports}), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Step 2: the documents.


def set_fonts(run_or_style, font, size=None, bold=None):
    """Sets a run's or style's Latin and East Asian font, as Word writes them in `w:rFonts`."""
    run_or_style.font.name = font
    rpr = run_or_style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    if size is not None:
        run_or_style.font.size = Pt(size)
    if bold is not None:
        run_or_style.font.bold = bold


def paragraph(container, text, font=BODY_FONT, size=16, bold=None, align=None, indent=True, pitch=28):
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)
    if pitch:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(pitch)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    if indent:
        fmt.first_line_indent = Pt(2 * size)
    if align is not None:
        p.alignment = align
    if text:
        set_fonts(p.add_run(text), font, size, bold)
    return p


def add_field(p, instruction, font, size):
    """A `PAGE` field as Word writes it: begin, instruction, separate, cached result, end."""

    def run_with(child):
        run = p.add_run()
        set_fonts(run, font, size)
        run._r.append(child)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run_with(begin)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " %s " % instruction
    run_with(code)
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run_with(separate)
    set_fonts(p.add_run("1"), font, size)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def page_setup(document, layout):
    section = document.sections[0]
    portrait = layout["orientation"] == "portrait"
    section.orientation = WD_ORIENT.PORTRAIT if portrait else WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = (Cm(21), Cm(29.7)) if portrait else (Cm(29.7), Cm(21))
    # GB/T 9704 公文 margins; landscape turns them with the page.
    top, bottom, left, right = (3.7, 3.5, 2.8, 2.6) if portrait else (2.8, 2.6, 3.7, 3.5)
    section.top_margin, section.bottom_margin = Cm(top), Cm(bottom)
    section.left_margin, section.right_margin = Cm(left), Cm(right)
    section.footer_distance = Cm(2.0 if portrait else 1.2)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, after = ("- ", " -") if layout["footer"] == "dash" else ("第", "页")
    set_fonts(footer.add_run(before), BODY_FONT, 14)
    add_field(footer, "PAGE", BODY_FONT, 14)
    set_fonts(footer.add_run(after), BODY_FONT, 14)
    return (section.page_width - section.left_margin - section.right_margin) / 360000  # cm


def fixed_table(document, rows, widths, font_size):
    """A ruled table on a fixed grid of `widths` (cm), every cell an empty, centred paragraph."""
    table = document.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    properties = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    properties.append(layout)
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            p.paragraph_format.space_after = Pt(0)
    table._font_size = font_size
    return table


def write(table, row, column, text, to_row=None, to_column=None, align=None):
    """Merges the block from (row, column) to (to_row, to_column) and writes `text` into it; an
    empty text leaves the cell as Word leaves an empty one."""
    cell = table.cell(row, column)
    if to_row is not None or to_column is not None:
        cell = cell.merge(table.cell(row if to_row is None else to_row, column if to_column is None else to_column))
        # A merge keeps the first cell's paragraph and appends the others' (all empty): drop them.
        for extra in cell.paragraphs[1:]:
            extra._p.getparent().remove(extra._p)
    p = cell.paragraphs[0]
    if align is not None:
        p.alignment = align
    if text:
        set_fonts(p.add_run(text), BODY_FONT, table._font_size)
    return cell


def printed(report, key):
    """A cell as printed: blank when the report leaves it blank."""
    if key in report["blank"]:
        return ""
    return cell_values(report)[CELL_KEYS.index(key)]


def active_table(document, report, width, layout):
    label = layout["activeLabelCm"]
    table = fixed_table(document, 14, [label] + [(width - label) / 3] * 3, layout["tableFontPt"])
    value = lambda index: printed(report, "active." + ACTIVE_KEYS[index])
    rows = [
        ("第二十条第（一）项",),
        ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", value(0), value(1), value(2)),
        ("行政规范性文件", value(3), value(4), value(5)),
        ("第二十条第（五）项",),
        ("信息内容", "本年处理决定数量"),
        ("行政许可", value(6)),
        ("第二十条第（六）项",),
        ("信息内容", "本年处理决定数量"),
        ("行政处罚", value(7)),
        ("行政强制", value(8)),
        ("第二十条第（八）项",),
        ("信息内容", "本年收费金额（单位：万元）"),
        ("行政事业性收费", value(9)),
    ]
    for index, cells in enumerate(rows):
        if len(cells) == 1:
            write(table, index, 0, cells[0], to_column=3)
        elif len(cells) == 2:
            write(table, index, 0, cells[0])
            write(table, index, 1, cells[1], to_column=3)
        else:
            for column, text in enumerate(cells):
                write(table, index, column, text)


def requests_table(document, report, width, layout):
    labels = layout["labelColumnsCm"]
    table = fixed_table(document, 28, labels + [(width - sum(labels)) / 7] * 7, layout["tableFontPt"])
    # Header: the note over the label columns, 申请人情况 / 自然人, 法人或其他组织, 总计 / five kinds.
    write(table, 0, 0, "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", to_row=2, to_column=2)
    write(table, 0, 3, "申请人情况", to_column=9)
    write(table, 1, 3, "自然人", to_row=2)
    write(table, 1, 4, "法人或其他组织", to_column=8)
    write(table, 1, 9, "总计", to_row=2)
    for column, text in enumerate(["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]):
        write(table, 2, 4 + column, text)
    for row in table.rows[:3]:  # repeated at the top of every page the table runs onto
        header = OxmlElement("w:tblHeader")
        row._tr.get_or_add_trPr().append(header)
    # Label columns: top-level rows span all three; 三、本年度办理结果 runs down column 0 from
    # （一）予以公开 to （七）总计, each （三）…（六） group down column 1.
    left = WD_ALIGN_PARAGRAPH.LEFT
    first = 3
    write(table, first + 2, 0, "三、本年度办理结果", to_row=first + 23)
    for index, (group, label, key) in enumerate(REQUEST_ROWS):
        row = first + index
        if group is None:
            write(table, row, 0, label, to_column=2, align=left)
        elif index in (2, 3, 23):
            write(table, row, 1, label, to_column=2, align=left)
        else:
            if label.startswith("1."):
                size = sum(1 for other in REQUEST_ROWS if other[0] == group)
                write(table, row, 1, group, to_row=row + size - 1)
            write(table, row, 2, label, align=left)
        for column in range(7):
            write(table, row, 3 + column, printed(report, "requests.%s.%s" % (key, REQUEST_COLUMNS[column])))


def reviews_table(document, report, width, layout):
    table = fixed_table(document, 4, [width / 15] * 15, layout["tableFontPt"])
    write(table, 0, 0, "行政复议", to_column=4)
    write(table, 0, 5, "行政诉讼", to_column=14)
    for column, text in enumerate(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]):
        write(table, 1, column, text, to_row=2)
    write(table, 1, 5, "未经复议直接起诉", to_column=9)
    write(table, 1, 10, "复议后起诉", to_column=14)
    for column in range(10):
        write(table, 2, 5 + column, ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"][column % 5])
    for index in range(15):
        group, column = divmod(index, 5)
        write(table, 3, index, printed(report, "reviews.%s.%s" % (REVIEW_GROUPS[group], REVIEW_COLUMNS[column])))


def build_docx(report):
    document = Document()
    layout = report["layout"]
    normal = document.styles["Normal"]
    set_fonts(normal, BODY_FONT, 16)
    width = page_setup(document, layout)

    title = "%s%d年政府信息公开工作年度报告" % (report["agency"], report["year"])
    paragraph(document, title, TITLE_FONT, 22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False, pitch=36)
    paragraph(document, "", pitch=28, indent=False)

    def heading(index):
        paragraph(document, HEADINGS[index], HEADING_FONT, 16)

    def gap():
        paragraph(document, "", size=10.5, indent=False, pitch=None)

    heading(0)
    for text in report["overview"]:
        paragraph(document, text)
    heading(1)
    active_table(document, report, width, layout)
    gap()
    heading(2)
    requests_table(document, report, width, layout)
    gap()
    heading(3)
    reviews_table(document, report, width, layout)
    gap()
    heading(4)
    for text in report["problems"]:
        paragraph(document, text)
    heading(5)
    for text in report["other"]:
        paragraph(document, text)
    paragraph(document, "", indent=False)
    year, month, day = (int(part) for part in report["publishedOn"].split("-"))
    for text in (report["agency"], "%d年%d月%d日" % (year, month, day)):
        p = paragraph(document, text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False)
        p.paragraph_format.right_indent = Pt(32)

    properties = document.core_properties
    properties.author = report["agency"]
    properties.last_modified_by = report["agency"]
    properties.title = title
    properties.revision = 1
    properties.created = properties.modified = datetime(year, month, day, 9, 0, 0)
    buffer = io.BytesIO()
    document.save(buffer)
    return deterministic_zip(buffer.getvalue())


def deterministic_zip(data):
    """The same archive with fixed timestamps and attributes, so that the bytes do not depend on
    when the script runs."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def export_pdf(docx_path, pdf_path):
    """LibreOffice's PDF export of `docx_path`, with a throwaway profile."""
    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        subprocess.run(
            [
                "soffice",
                "-env:UserInstallation=" + (scratch / "profile").as_uri(),
                "--headless",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(scratch),
                str(docx_path),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
            env={"PATH": "/usr/bin:/bin", "HOME": str(scratch), "LANG": "C.UTF-8", "TZ": "UTC"},
        )
        data = (scratch / (docx_path.stem + ".pdf")).read_bytes()
    # A fixed creation date, document ID and checksum (an MD5 that covers the date), each as long
    # as LibreOffice's, so that the cross-reference offsets stay right.
    data = re.sub(rb"/CreationDate\(D:\d{14}", b"/CreationDate(D:20250126090000", data)
    data = re.sub(rb"/ID\s*\[\s*<[0-9A-Fa-f]+>\s*<[0-9A-Fa-f]+>\s*\]", lambda m: zero_hex(m.group(0)), data)
    data = re.sub(rb"/DocChecksum /[0-9A-F]+", lambda m: b"/DocChecksum /" + b"0" * (len(m.group(0)) - 14), data)
    pdf_path.write_bytes(data)


def zero_hex(id_array):
    """`/ID [ <…> <…> ]` with every digit of the two strings 0."""
    return re.sub(rb"<[0-9A-Fa-f]+>", lambda m: b"<" + b"0" * (len(m.group(0)) - 2) + b">", id_array)


def dump(value):
    """JSON with one item per line, except that lists of numbers or strings stay on one line."""
    text = json.dumps(value, ensure_ascii=False, indent=1)
    return re.sub(r"\[\n\s*([^\[\]{}]*?)\n\s*\]", lambda m: "[" + re.sub(r",\n\s*", ", ", m.group(1)) + "]", text) + "\n"


def write_fixtures():
    reports = json.loads(REPORTS.read_text(encoding="utf-8"))["reports"]
    (OUT / "expected").mkdir(parents=True, exist_ok=True)
    for report in reports:
        docx_path = OUT / (report["name"] + ".docx")
        docx_path.write_bytes(build_docx(report))
        export_pdf(docx_path, OUT / (report["name"] + ".pdf"))
        expected = {
            "agency": report["agency"],
            "year": report["year"],
            "cells": cell_values(report),
            "blank": [key for key in CELL_KEYS if key in report["blank"]],
        }
        (OUT / "expected" / (report["name"] + ".json")).write_text(dump(expected), encoding="utf-8")
        print(report["name"])


if __name__ == "__main__":
    if sys.argv[1:] == ["values"]:
        write_values()
    elif sys.argv[1:] == []:
        if shutil.which("soffice") is None:
            sys.exit("soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
        write_fixtures()
    else:
        sys.exit("usage: make-word-fixtures.py [values]")
