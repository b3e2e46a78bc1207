"""Loads each CSV file named on the command line as an analyst would: Python's csv module and
pandas.read_csv with the header the file declares. Prints one JSON object per file: the header,
the rows as dicts (csv module), whether every row has the header's width, and what pandas saw."""

import csv
import json
import sys

import pandas

out = {}
for path in sys.argv[1:]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    frame = pandas.read_csv(path, header=0, dtype=str, keep_default_na=False, encoding="utf-8")
    out[path] = {
        "header": header,
        "rows": [dict(zip(header, r)) for r in body],
        "widths": sorted({len(r) for r in body}),
        "pandasColumns": list(frame.columns),
        "pandasRows": len(frame.index),
        "pandasFirst": frame.iloc[0].to_dict() if len(frame.index) else None,
    }
json.dump(out, sys.stdout)
