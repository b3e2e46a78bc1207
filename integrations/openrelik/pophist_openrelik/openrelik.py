"""The few helpers of OpenRelik's worker library (openrelik-worker-common) this worker needs:
input files, output files, file reports and the task result. That library is not in the package
sources we install from (Debian only), so these are written here, small, to its contract as of
openrelik-worker-common 0.16.1 (task_utils.get_input_files / create_task_result,
file_utils.create_output_file / OutputFile.to_dict, reporting.serialize_file_report and
Report.to_dict, reporting.Priority)."""

import base64
import json
import os
import uuid
from dataclasses import dataclass

# reporting.Priority
PRIORITY_HIGH = 40
PRIORITY_MEDIUM = 20
PRIORITY_LOW = 10


def get_input_files(pipe_result, input_files):
    """A chained task gets the previous task's output_files in place of input_files."""
    if pipe_result:
        previous = json.loads(base64.b64decode(pipe_result.encode("utf-8")).decode("utf-8"))
        return previous.get("output_files", [])
    return input_files or []


@dataclass
class OutputFile:
    uuid: str
    display_name: str
    extension: str
    data_type: str
    path: str
    original_path: str = None
    source_file_id: int = None

    def to_dict(self):
        return {
            "uuid": self.uuid,
            "display_name": self.display_name,
            "extension": self.extension,
            "data_type": self.data_type,
            "path": self.path,
            "original_path": self.original_path,
            "source_file_id": self.source_file_id,
        }


def create_output_file(output_path, display_name, extension, data_type, source_file_id=None):
    """A new file's place: <output_path>/<uuid><.ext>, shown as <display_name>.<ext>."""
    file_uuid = uuid.uuid4().hex
    ext = "." + extension.lstrip(".")
    return OutputFile(
        uuid=file_uuid,
        display_name=f"{display_name}{ext}",
        extension=ext,
        data_type=data_type,
        path=os.path.join(output_path, f"{file_uuid}{ext}"),
        source_file_id=source_file_id,
    )


def report_dict(title, summary, content, priority):
    """reporting.Report.to_dict: what the server stores as a task report (markdown content)."""
    return {"title": title, "summary": summary, "content": content, "priority": priority}


def file_report(input_file, content_file, summary, priority):
    """reporting.serialize_file_report: ties an input to the output file holding its report."""
    return {
        "summary": summary,
        "priority": priority,
        "input_file_uuid": input_file.get("uuid"),
        "content_file_uuid": content_file.uuid,
    }


def create_task_result(output_files, workflow_id, task_files, command, meta, file_reports, task_report):
    """The task's return value: base64 of the JSON the server decodes."""
    result = {
        "output_files": output_files,
        "workflow_id": workflow_id,
        "task_files": task_files,
        "command": command,
        "meta": meta,
        "file_reports": file_reports,
        "task_report": task_report,
    }
    return base64.b64encode(json.dumps(result).encode("utf-8")).decode("utf-8")
