"""The Celery app, set up as OpenRelik's workers set theirs up (Redis as broker and result
backend from REDIS_URL, Celery's JSON defaults), plus what a long analysis needs: a task is
acknowledged only once it has ended, and a task whose worker process died is put back on the
queue rather than reported done or failed, so another worker runs it from the start."""

import os

from celery import Celery

REDIS_URL = os.getenv("REDIS_URL") or "redis://localhost:6379/0"

celery = Celery(broker=REDIS_URL, backend=REDIS_URL, include=["pophist_openrelik.tasks"])
celery.conf.update(
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    # One message at a time per process: a long store must not hold others back unstarted.
    worker_prefetch_multiplier=1,
)
