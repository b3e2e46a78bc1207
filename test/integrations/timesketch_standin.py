"""A stand-in for OpenRelik's Timesketch upload worker (openrelik-worker-timesketch), for the
end-to-end test: the same task name, queue and signature; like the real one it takes every input
of the previous task, and like Timesketch's importer it refuses a file that is not .jsonl or .csv
(the importer also takes .plaso) and a row without message, datetime and timestamp_desc.
Instead of uploading, it returns what it received."""

import base64
import csv
import json
import os

from celery import Celery

REDIS_URL = os.environ["REDIS_URL"]
celery = Celery(broker=REDIS_URL, backend=REDIS_URL)

REQUIRED = ("message", "datetime", "timestamp_desc")


def _rows(path, ext):
    with open(path, encoding="utf-8", newline="") as fh:
        if ext == ".csv":
            return list(csv.DictReader(fh))
        return [json.loads(line) for line in fh if line.strip()]


@celery.task(bind=True, name="openrelik-worker-timesketch.tasks.upload", metadata={"display_name": "Upload to Timesketch (stand-in)", "description": "Test stand-in"})
def upload(self, pipe_result=None, input_files=None, output_path=None, workflow_id=None, task_config=None):
    if pipe_result:
        input_files = json.loads(base64.b64decode(pipe_result))["output_files"]
    received = []
    for f in input_files or []:
        ext = os.path.splitext(f["path"])[1].lower()
        if ext not in (".jsonl", ".csv"):
            raise TypeError(f"Timesketch refuses {f['display_name']}: not a .jsonl or .csv file")
        rows = _rows(f["path"], ext)
        for row in rows:
            missing = [k for k in REQUIRED if not row.get(k)]
            if missing:
                raise ValueError(f"Timesketch refuses {f['display_name']}: a row without {', '.join(missing)}")
        received.append({"display_name": f["display_name"], "path": f["path"], "extension": f["extension"], "rows": len(rows)})
    result = {"output_files": [], "workflow_id": workflow_id, "task_files": [], "command": "stand-in", "meta": {"received": received}, "file_reports": [], "task_report": None}
    return base64.b64encode(json.dumps(result).encode()).decode()
