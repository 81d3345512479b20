#!/usr/bin/python3
"""Reads an .xlsx workbook with openpyxl (a real spreadsheet reader, not ours) and prints it as JSON:
{"sheets": [{"name": ..., "frozen": "A2" or null, "rows": [[value, ...], ...]}, ...]}.
Numbers stay numbers (int or float), empty cells are null. Used by the export tests."""
import json
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1], read_only=False)
sheets = []
for sheet in workbook.worksheets:
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    sheets.append({"name": sheet.title, "frozen": sheet.freeze_panes, "rows": rows})
json.dump({"sheets": sheets}, sys.stdout, ensure_ascii=False)
