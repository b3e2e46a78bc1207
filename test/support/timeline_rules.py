"""What Timesketch's importer and plaso's l2tcsv readers accept, with Python's standard library only.

Timesketch (google/timesketch timesketch/lib/utils.py): read_and_validate_jsonl reads one JSON
object per line and requires message, datetime and timestamp_desc; read_and_validate_csv requires
the same columns, parses datetime (rows it cannot parse are dropped) and derives timestamp (µs)
from it; both remove FIELDS_TO_REMOVE (OpenSearch's reserved names) and read a `tag` field as a
list of labels. docs/guides/user/import-from-json-csv.md: datetime is ISO 8601 with an offset.

Usage: timeline_rules.py jsonl|csv|l2tcsv FILE. Prints one JSON object per event
({"us", "desc", "message"}), as a JSON list; on the first broken rule prints it to stderr, exit 1.
"""

import csv
import datetime
import io
import json
import re
import sys

MANDATORY = ("message", "datetime", "timestamp_desc")
RESERVED = {"_id", "_type", "_index", "_source", "__ts_timeline_id"}
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
L2T = "date,time,timezone,MACB,source,sourcetype,type,user,host,short,desc,version,filename,inode,notes,format,extra".split(",")


class Broken(Exception):
    pass


def micros(dt):
    return (dt - EPOCH) // datetime.timedelta(microseconds=1)


def timesketch_event(ev, where):
    if not isinstance(ev, dict):
        raise Broken(f"{where}: not one JSON object")
    for f in MANDATORY:
        if not isinstance(ev.get(f), str) or ev[f] == "":
            raise Broken(f"{where}: mandatory field {f} missing or empty")
    for k in ev:
        if k in RESERVED or k.startswith("_"):
            raise Broken(f"{where}: reserved field name {k}")
    if "tag" in ev:
        raise Broken(f"{where}: a 'tag' field would be read as Timesketch labels")
    try:
        dt = datetime.datetime.fromisoformat(ev["datetime"])
    except ValueError as e:
        raise Broken(f"{where}: datetime {ev['datetime']!r} is not ISO 8601: {e}")
    if dt.tzinfo is None:
        raise Broken(f"{where}: datetime {ev['datetime']!r} has no offset")
    us = micros(dt)
    if "timestamp" not in ev or int(ev["timestamp"]) != us:
        raise Broken(f"{where}: timestamp {ev.get('timestamp')!r} is not datetime in µs ({us})")
    return {"us": us, "desc": ev["timestamp_desc"], "message": ev["message"]}


def jsonl(data):
    text = data.decode("utf-8")
    if text == "":
        return []
    if not text.endswith("\n"):
        raise Broken("the last line has no newline")
    out = []
    for n, line in enumerate(text[:-1].split("\n"), 1):
        out.append(timesketch_event(json.loads(line), f"line {n}"))
    return out


def rows(data, header_check):
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), strict=True)
    header = next(reader)
    header_check(header)
    for n, row in enumerate(reader, 2):
        if len(row) != len(header):
            raise Broken(f"row {n}: {len(row)} cells, the header has {len(header)}")
        yield n, dict(zip(header, row))


def timesketch_csv(data):
    def check(header):
        for f in MANDATORY:
            if f not in header:
                raise Broken(f"mandatory column {f} missing")

    return [timesketch_event(row, f"row {n}") for n, row in rows(data, check)]


def l2tcsv(data):
    def check(header):
        if header != L2T:
            raise Broken(f"header is {header}, not the 17 l2tcsv columns")

    out = []
    for n, row in rows(data, check):
        if row["timezone"] != "UTC":
            raise Broken(f"row {n}: timezone {row['timezone']!r}")
        m = re.fullmatch(r"(\d\d)/(\d\d)/(\d{4})", row["date"])
        t = re.fullmatch(r"(\d\d):(\d\d):(\d\d)", row["time"])
        if not m or not t:
            raise Broken(f"row {n}: date {row['date']!r} time {row['time']!r} not MM/DD/YYYY HH:MM:SS")
        mo, d, y = map(int, m.groups())
        dt = datetime.datetime(y, mo, d, *map(int, t.groups()), tzinfo=datetime.timezone.utc)
        out.append({"us": micros(dt), "desc": row["type"], "message": row["desc"]})
    return out


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    with open(path, "rb") as f:
        data = f.read()
    try:
        events = {"jsonl": jsonl, "csv": timesketch_csv, "l2tcsv": l2tcsv}[kind](data)
    except (Broken, ValueError, csv.Error) as e:
        print(f"{path}: {e}", file=sys.stderr)
        sys.exit(1)
    json.dump(events, sys.stdout)
