"""The OpenRelik server's side of the end-to-end test, done as the server does it (openrelik-server
src/lib/celery_utils.py get_registered_tasks, src/lib/workflow_utils.py get_task_signature and
create_workflow_signature, src/mediator/mediator.py): discover the tasks through
inspect().registered("metadata"), send each workflow as a chain of signatures by task name with
keyword arguments on the task's queue, listen to the task events, and decode the results.

Reads a scenario (JSON) on stdin, writes what happened (JSON) on stdout:
  {"expect_tasks": [names], "timeout": s, "workflows": [{"id", "input_files", "output_path",
   "tasks": [{"task_name", "task_config"}]}]}
"""

import ast
import base64
import json
import os
import re
import sys
import threading
import time
import uuid

from celery import Celery, chain, signature

scenario = json.load(sys.stdin)
deadline = time.monotonic() + scenario["timeout"]
app = Celery(broker=os.environ["REDIS_URL"], backend=os.environ["REDIS_URL"])


def registered_tasks():
    """get_registered_tasks: each entry's metadata dict parsed with ast.literal_eval."""
    found = {}
    for tasks in (app.control.inspect(timeout=1.0).registered("metadata") or {}).values():
        for task in tasks:
            match = re.search("({.+})", task)
            if not match:
                continue
            name = task.split()[0]
            found[name] = {"task_name": name, "queue_name": name.split(".")[0], **ast.literal_eval(match.group(0))}
    return found


def discover():
    while True:
        found = registered_tasks()
        if all(t in found for t in scenario["expect_tasks"]) or time.monotonic() > deadline:
            return found
        time.sleep(0.5)


class Events:
    """Every event of the tasks sent, as the mediator receives them."""

    def __init__(self):
        self.by_task = {}
        self.ready = threading.Event()
        self.lock = threading.Lock()
        self.receiver = None

    def on_event(self, event):
        if "uuid" not in event:
            return
        keep = {k: event.get(k) for k in ("type", "hostname", "data", "exception", "timestamp") if k in event}
        with self.lock:
            self.by_task.setdefault(event["uuid"], []).append(keep)

    def run(self):
        with app.connection() as connection:
            self.receiver = app.events.Receiver(connection, handlers={"*": self.on_event})
            consume_ready = self.receiver.on_consume_ready

            def on_ready(*args, **kwargs):
                consume_ready(*args, **kwargs)
                self.ready.set()

            self.receiver.on_consume_ready = on_ready
            self.receiver.capture(limit=None, timeout=None, wakeup=True)

    def types(self, task_id):
        with self.lock:
            return [e["type"] for e in self.by_task.get(task_id, [])]


def send(workflow, registered):
    """create_workflow_signature for a chain of tasks: kwargs only; the result pipes on."""
    sigs, ids = [], []
    for task in workflow["tasks"]:
        info = registered.get(task["task_name"])
        if not info:
            raise SystemExit(f"Task name {task['task_name']} is not allowed or not registered.")
        task_id = uuid.uuid4().hex
        kwargs = {"input_files": workflow["input_files"], "output_path": workflow["output_path"], "workflow_id": workflow["id"], "task_config": task.get("task_config") or {}}
        sigs.append(signature(task["task_name"], kwargs=kwargs, queue=info["queue_name"], task_id=task_id))
        ids.append(task_id)
    (sigs[0] if len(sigs) == 1 else chain(*sigs)).apply_async()
    return ids


def outcome(task_id):
    result = app.AsyncResult(task_id)
    state = result.state
    out = {"id": task_id, "state": state}
    if state == "SUCCESS":
        out["result"] = json.loads(base64.b64decode(result.result.encode("utf-8")).decode("utf-8"))
    elif state == "FAILURE":
        out["error"] = f"{type(result.result).__name__}: {result.result}"
    return out


def main():
    registered = discover()
    events = Events()
    threading.Thread(target=events.run, daemon=True).start()
    if not events.ready.wait(max(0.0, deadline - time.monotonic())):
        raise SystemExit("the event receiver did not start in time")
    sent = {w["id"]: send(w, registered) for w in scenario["workflows"]}
    finished = {"SUCCESS", "FAILURE"}
    while time.monotonic() < deadline:
        states = {w: [app.AsyncResult(t).state for t in ids] for w, ids in sent.items()}
        # A chain stops at its first failure: the tasks after it never run.
        if all(s[-1] in finished or "FAILURE" in s for s in states.values()):
            break
        time.sleep(0.2)
    # The mediator acts on task-succeeded / task-failed: wait until each has arrived.
    ended = {"task-succeeded", "task-failed"}
    last = [ids[-1] if app.AsyncResult(ids[-1]).state in finished else ids[0] for ids in sent.values()]
    while time.monotonic() < deadline and not all(ended & set(events.types(t)) for t in last):
        time.sleep(0.2)
    json.dump(
        {
            "registered": list(registered.values()),
            "workflows": {w: [outcome(t) for t in ids] for w, ids in sent.items()},
            "events": events.by_task,
        },
        sys.stdout,
    )


main()
