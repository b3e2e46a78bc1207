"""What the task is given, checked before anything is read or written: the input files (each
with a path, inside OpenRelik's data folder, an existing regular file), the output folder (inside
the data folder too) and the task_config form's values, turned into pophist's options."""

import os
import re

# Where OpenRelik's server and workers share files (its docker-compose mounts ./data there).
DATA_DIR = os.getenv("POPHIST_DATA_DIR") or "/usr/share/openrelik/data"

PASS_ON_CHOICES = ("timeline", "json", "html")


class BadTaskInput(ValueError):
    """The task was given something it cannot take: the message says what and what to do."""


def _inside(path, folder):
    return os.path.commonpath([path, folder]) == folder


def data_dir():
    return os.path.realpath(DATA_DIR)


def checked_output_path(output_path):
    if not output_path:
        raise BadTaskInput("no output_path given: the task needs the workflow's output folder")
    real = os.path.realpath(output_path)
    if not _inside(real, data_dir()):
        raise BadTaskInput(f"output_path {output_path} is outside the data folder {DATA_DIR} (POPHIST_DATA_DIR); nothing was written")
    if not os.path.isdir(real):
        raise BadTaskInput(f"output_path {output_path} is not a folder")
    return real


def checked_input(input_file):
    """The input's path, resolved; a task failure naming the entry when it cannot be taken."""
    name = input_file.get("display_name") or input_file.get("uuid") or "(unnamed)"
    path = input_file.get("path")
    if not path:
        raise BadTaskInput(f"input file {name} has no path: nothing to analyse; nothing was written")
    real = os.path.realpath(path)
    if not _inside(real, data_dir()):
        raise BadTaskInput(f"input file {name} is at {path}, outside the data folder {DATA_DIR} (POPHIST_DATA_DIR); refused, nothing was written")
    if not os.path.exists(real):
        raise BadTaskInput(f"input file {name} does not exist at {path}: was it deleted or is the data folder mounted elsewhere? Nothing was written")
    if not os.path.isfile(real):
        raise BadTaskInput(f"input file {name} at {path} is not a regular file; nothing was written")
    return path


def _text(config, key):
    value = config.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadTaskInput(f"task_config {key} must be text, got {value!r}")
    return value.strip() or None


def pophist_options(task_config):
    """pophist inspect's options from the form's values (None and "" leave an option out)."""
    config = task_config or {}
    options = []
    if config.get("recover") is True:
        options.append("--recover")
    window = _text(config, "window")
    if window is not None:
        if not re.fullmatch(r"\d{1,5}", window) or int(window) > 86400:
            raise BadTaskInput(f"task_config window must be whole seconds from 0 to 86400, got {window!r}")
        options.append(f"--window={window}")
    for key, flag in (("profile_name", "--profile-name"), ("search_key", "--search-key"), ("smtp", "--smtp"), ("account_uid", "--account-uid")):
        value = _text(config, key)
        if value is not None:
            options.append(f"{flag}={value}")  # one argument: a value starting with - stays a value
    return options


def pass_on(task_config):
    """Which outputs go on to the next task (the others are kept as the task's own files)."""
    chosen = (task_config or {}).get("pass_on")
    if chosen is None or chosen == []:
        return {"timeline"}
    if isinstance(chosen, str):
        chosen = [chosen]
    unknown = [c for c in chosen if c not in PASS_ON_CHOICES]
    if unknown:
        raise BadTaskInput(f"task_config pass_on takes {', '.join(PASS_ON_CHOICES)}; got {', '.join(map(str, unknown))}")
    return set(chosen)
