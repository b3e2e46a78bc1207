"""`python3 -m celery`, for the end-to-end test's workers, with one change: on kombu before 5.3 the
worker's event loop is woken every 50 ms. There a worker with late acks and a prefetch of one asks
Redis for its next task only on the loop turn after the ack, and that turn waits for the next timer
(the 2 s event heartbeat): each task sat up to 2 s in the queue with the worker idle (celery/celery
issue 7718, fixed by kombu pull request 1587, in 5.3). The tasks, their order and what they return
are unchanged; only that wait goes."""

import kombu
from celery import signals
from celery.__main__ import main


@signals.worker_ready.connect
def _wake_often(sender, **_):
    if kombu.VERSION < (5, 3):
        sender.hub.call_repeatedly(0.05, lambda: None)


main()
