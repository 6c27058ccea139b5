#!/usr/bin/python3
"""xlsx2tsv.py - an independent reader of wushe's workbooks (openpyxl).

Usage: xlsx2tsv.py FILE [SHEET-NUMBER] [--types]
Prints the sheet (the first by default, 1-based) as wushe's tsv: a
header line, \\t \\n \\r \\\\ escaped, an empty cell empty, a date cell as
YYYY-MM-DD, a number as its shortest decimal (two decimals kept for
"0.00" cells, a percentage as one decimal).  --types prints instead one
line per row of cell types: s text, n number, d date, - empty; and a last
line "frozen=A2" naming the frozen pane.
"""
import datetime
import sys

import openpyxl


def esc(s):
    return (s.replace("\\", "\\\\").replace("\t", "\\t")
            .replace("\n", "\\n").replace("\r", "\\r"))


def show(c):
    v = c.value
    if v is None:
        return ""
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, bool):
        return str(v)
    if isinstance(v, (int, float)):
        if c.number_format == "0.00":
            return "%.2f" % v
        if c.number_format == "0.0%":
            return "%.1f" % (v * 100 + 1e-9)
        if float(v).is_integer():
            return str(int(v))
        return repr(float(v))
    return esc(str(v))


def kind(c):
    v = c.value
    if v is None:
        return "-"
    if isinstance(v, (datetime.date, datetime.datetime)):
        return "d"
    if isinstance(v, (int, float)):
        return "n"
    return "s"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    wb = openpyxl.load_workbook(args[0])
    ws = wb.worksheets[int(args[1]) - 1 if len(args) > 1 else 0]
    f = show
    if "--types" in sys.argv:
        f = kind
    if "--sheets" in sys.argv:
        for w in wb.worksheets:
            print(w.title)
        return
    for row in ws.iter_rows():
        print("\t".join(f(c) for c in row))
    if "--types" in sys.argv:
        print("frozen=%s" % ws.freeze_panes)


main()
