"""Running the pophist CLI, the way OpenRelik's plaso and Hayabusa workers run theirs: one child
process per run, its output written to a file, its progress read as it goes."""

import ctypes
import json
import os
import signal
import subprocess

from celery.utils.log import get_task_logger

logger = get_task_logger(__name__)

PR_SET_PDEATHSIG = 1
_libc = ctypes.CDLL(None, use_errno=True)


def _die_with_parent():
    # Linux: pophist is killed when the worker process running it dies, so a worker killed
    # mid-task leaves no pophist writing into its working folder while the task runs again.
    _libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def pophist_command():
    """The pophist to run: POPHIST_BIN, else `pophist` on the PATH."""
    return [os.getenv("POPHIST_BIN") or "pophist"]


class PophistFailed(Exception):
    """pophist did not give a report: a usage error, or it could not start."""


def run_pophist(args, stdout_path, on_progress):
    """Runs `pophist ARGS` with --progress-json, its standard output into stdout_path.

    Each progress line (contract pophist/progress@1) goes to on_progress; pophist's other stderr
    lines go to the task's log. Exit codes 0, 1 and 2 all come with the input's report, which the
    caller reads; a run that reported no input as done (a usage error, a crash) is a PophistFailed.
    """
    command = pophist_command() + args + ["--progress-json"]
    messages = []
    done = False
    try:
        with open(stdout_path, "xb") as out:
            process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                errors="replace",
                preexec_fn=_die_with_parent,
            )
            for line in process.stderr:
                line = line.rstrip("\n")
                if line.startswith("{"):
                    try:
                        progress = json.loads(line)
                    except ValueError:
                        messages.append(line)
                        continue
                    done = done or progress.get("done") is True
                    on_progress(progress)
                elif line:
                    messages.append(line)
            code = process.wait()
    except OSError as e:
        raise PophistFailed(f"could not run {command[0]}: {e.strerror or e}") from e
    if code not in (0, 1, 2) or not done:
        said = "; ".join(messages) or f"exit code {code}"
        raise PophistFailed(f"pophist gave no report: {said}")
    for message in messages:
        logger.info("%s", message)
