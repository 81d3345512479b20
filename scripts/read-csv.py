#!/usr/bin/python3
"""Reads a CSV file with Python's csv module (RFC 4180 dialect, UTF-8 with BOM) and prints its rows as
a JSON array of arrays of strings, with "bom": whether the file starts with one. Used by the export tests."""
import csv
import json
import sys

with open(sys.argv[1], "rb") as raw:
    bom = raw.read(3) == b"\xef\xbb\xbf"
with open(sys.argv[1], newline="", encoding="utf-8-sig") as handle:
    rows = list(csv.reader(handle, strict=True))
json.dump({"bom": bom, "rows": rows}, sys.stdout, ensure_ascii=False)
