"""The OpenRelik task `inspect`: pophist inspect on each input file, writing its JSON report, a
Timesketch JSONL timeline and the HTML report. (A `case` task waits for pophist's `case`
command.)"""

import json
import os
import shutil
import tempfile

from celery.utils.log import get_task_logger

from .app import celery
from .checks import BadTaskInput, checked_input, checked_output_path, pass_on, pophist_options
from .openrelik import create_output_file, create_task_result, file_report, get_input_files, report_dict
from .run import PophistFailed, run_pophist
from .summary import TITLE, file_report_content, task_report

logger = get_task_logger(__name__)

# The queue is the task name up to its first dot: the worker runs with -Q openrelik-worker-pophist.
TASK_NAME = "openrelik-worker-pophist.tasks.inspect"

TASK_METADATA = {
    "display_name": "pophist: POP3 download history",
    "description": "Outlook's hidden POP3 download history in PST, OST and MSG files: what was downloaded or deleted on the server, when, and which messages are still in the store. Writes the JSON report, a Timesketch timeline (JSONL) and an HTML report.",
    "task_config": [
        {"name": "recover", "label": "Search freed space", "description": "Also look for older Message Managers and histories in the store's freed space (--recover; one more pass over the file).", "type": "checkbox", "required": False},
        {"name": "window", "label": "Time window (seconds)", "description": "Seconds either side of a tag's time for a creation-time-near match (--window; default 2).", "type": "text", "required": False},
        {"name": "profile_name", "label": "Outlook profile name", "description": "The profile's name, to mark the Message Manager Outlook itself uses (Outlook 2010 and later: give the search key instead).", "type": "text", "required": False},
        {"name": "search_key", "label": "Profile search key (hex)", "description": "Outlook 2010 and later: 47656E6572616C204B657900.", "type": "text", "required": False},
        {"name": "smtp", "label": "POP3 account address", "description": "The POP3 account's SMTP address, to mark its history.", "type": "text", "required": False},
        {"name": "account_uid", "label": "Account mini UID", "description": "The account's mini UID, 8 hex digits.", "type": "text", "required": False},
        {"name": "pass_on", "label": "Outputs to pass on", "description": "Which outputs go on to the next task: timeline (Timesketch JSONL), json, html. Default: the timeline only; the others stay with this task.", "type": "autocomplete", "items": ["timeline", "json", "html"], "required": False},
    ],
}

KINDS = {
    # kind: (extension, data_type)
    "json": ("json", "openrelik:pophist:report_json"),
    "timeline": ("jsonl", "openrelik:pophist:timesketch_jsonl"),
    "html": ("html", "openrelik:pophist:report_html"),
    "report": ("md", "openrelik:pophist:file_report"),
}


def _fresh_dir(path):
    """An empty folder at path: what a lost run of the same task left there is removed first."""
    shutil.rmtree(path, ignore_errors=True)
    os.mkdir(path, 0o700)
    return path


class _Run:
    """One task's files: written in a working folder inside output_path and moved into place only
    at the end, so a run that dies leaves no file that looks finished. Both of its folders are
    named for the task, so that the same task run again after its worker died removes what the
    lost run left: the working folder, and the folder in the temporary directory that pophist
    writes the HTML page and the report to (pophist writes no file inside an input's folder, and
    OpenRelik's output folder is below the inputs' folder)."""

    def __init__(self, output_path, task_id):
        self.output_path = output_path
        self.work = _fresh_dir(os.path.join(output_path, f".pophist-{task_id}"))
        self.pophist_out = _fresh_dir(os.path.join(tempfile.gettempdir(), f"pophist-{task_id}"))
        self.files = []  # (OutputFile, passed on)

    def close(self):
        shutil.rmtree(self.work, ignore_errors=True)
        shutil.rmtree(self.pophist_out, ignore_errors=True)

    def new(self, input_file, kind, passed_on):
        """A new output file for input_file: its entry, and where to write it meanwhile."""
        ext, data_type = KINDS[kind]
        name = (input_file.get("display_name") or "input") + (".pophist-report" if kind == "report" else ".pophist")
        f = create_output_file(self.output_path, name, ext, data_type, source_file_id=input_file.get("id"))
        self.files.append((f, passed_on))
        return f, os.path.join(self.work, os.path.basename(f.path))

    def drop(self, f):
        self.files = [x for x in self.files if x[0] is not f]
        os.unlink(os.path.join(self.work, os.path.basename(f.path)))

    def publish(self):
        """Every file moved into place; the entries passed on, and those kept with the task."""
        for f, _ in self.files:
            os.rename(os.path.join(self.work, os.path.basename(f.path)), f.path)
        return [f.to_dict() for f, on in self.files if on], [f.to_dict() for f, on in self.files if not on]


def _pophist_args(page, report, options):
    """What follows `pophist inspect FILE`: one run writes the timeline on standard output, the page
    (--html) and the report (--json-file), so the input is read once. --html hashes every input, so
    the report is what `pophist inspect --json --hash` prints."""
    return ["--timeline", "timesketch-jsonl", "--html", page, "--json-file", report, "--jobs", "1", *options]


def _outputs(run, input_file, path, options, wanted, progress):
    """The JSON report, the Timesketch timeline and the HTML page of one input, from one run.
    Returns the report's one source and the report, or None and the reason for an input pophist
    could not read (its files are then dropped)."""
    json_file, json_work = run.new(input_file, "json", "json" in wanted)
    timeline_file, timeline_work = run.new(input_file, "timeline", "timeline" in wanted)
    page_file, page_work = run.new(input_file, "html", "html" in wanted)
    # Written outside the output folder, which lies below the inputs' (absolute paths, never taken for options).
    page = os.path.join(run.pophist_out, os.path.basename(page_work))
    report_path = os.path.join(run.pophist_out, os.path.basename(json_work))
    run_pophist(["inspect", path, *_pophist_args(page, report_path, options)], timeline_work, lambda line: progress("report", line))
    shutil.move(report_path, json_work)
    shutil.move(page, page_work)
    with open(json_work, encoding="utf-8") as fh:
        report = json.load(fh)
    source = report["sources"][0]
    if source["status"] == "error":
        for f in (json_file, timeline_file, page_file):
            run.drop(f)
        error = source.get("error", {})
        return None, report, f"{error.get('message', 'not read')} ({error.get('code', 'error')})"
    if os.path.getsize(timeline_work) == 0:
        run.drop(timeline_file)  # no dated event: Timesketch would refuse an empty timeline
    return source, report, None


def _file_report(run, input_file, name, source):
    report_file, report_work = run.new(input_file, "report", False)
    content, summary, priority = file_report_content(name, source)
    with open(report_work, "x", encoding="utf-8") as fh:
        fh.write(content)
    return file_report(input_file, report_file, summary, priority)


def _inspect_file(task, run, input_file, path, options, wanted, position, total):
    """One input's outputs. Returns its report and source, or its report and why it was skipped."""
    name = input_file.get("display_name") or path

    def progress(step, line):
        data = {k: v for k, v in line.items() if k != "schema"}
        task.send_event("task-progress", data={"file": name, "step": step, "files_done": position, "files": total, "pophist": data})

    try:
        source, report, why = _outputs(run, input_file, path, options, wanted, progress)
    except PophistFailed as e:
        raise PophistFailed(f"{name}: {e}") from None
    task.send_event("task-progress", data={"files_done": position + 1, "files": total})
    return report, source, why


@celery.task(bind=True, name=TASK_NAME, metadata=TASK_METADATA)
def inspect(self, pipe_result=None, input_files=None, output_path=None, workflow_id=None, task_config=None):
    """pophist inspect on every input file; returns the OpenRelik task result (base64 JSON)."""
    files = get_input_files(pipe_result, input_files)
    if not files:
        raise BadTaskInput("no input files: give the task at least one PST, OST or MSG file")
    output_path = checked_output_path(output_path)
    paths = [checked_input(f) for f in files]
    options = pophist_options(task_config)
    wanted = pass_on(task_config)

    self.send_event("task-progress", data={"files_done": 0, "files": len(files)})
    run = _Run(output_path, self.request.id)
    analysed, skipped, reports, version = [], [], [], None
    try:
        for position, (f, path) in enumerate(zip(files, paths)):
            name = f.get("display_name") or path
            report, source, why = _inspect_file(self, run, f, path, options, wanted, position, len(files))
            version = report["tool"]["version"]
            if why is not None:
                skipped.append((name, why))
                continue
            analysed.append((name, source))
            if source.get("histories") or source["status"] == "inconclusive":
                reports.append(_file_report(run, f, name, source))
        summary, content, priority = task_report(analysed, skipped)
        passed, kept = run.publish()
    finally:
        run.close()
    logger.info("pophist on %d inputs: %s", len(files), summary)
    return create_task_result(
        output_files=passed,
        workflow_id=workflow_id,
        task_files=kept,
        command=" ".join(["pophist", "inspect", *_pophist_args("PAGE", "REPORT", options)]),
        meta={
            "pophist_version": version,
            "statuses": [{"file": name, "status": source["status"]} for name, source in analysed],
            "skipped": [{"file": name, "why": why} for name, why in skipped],
        },
        file_reports=reports,
        task_report=report_dict(TITLE, summary, content, priority),
    )
