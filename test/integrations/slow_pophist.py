#!/usr/bin/python3
"""pophist for the end-to-end test's kill case (POPHIST_BIN): the first run on a file whose name
holds SLOW_NAME records who runs it (its parent, the Celery pool process running the task) in
SLOW_MARK and then waits to be killed; every other run is the real pophist, unchanged. The delay
lives here, in the test, never in the worker or pophist."""

import os
import sys
import time

slow = os.environ["SLOW_NAME"]
mark = os.environ["SLOW_MARK"]
if any(slow in arg for arg in sys.argv[1:]) and not os.path.exists(mark):
    with open(mark + ".tmp", "w") as fh:
        fh.write(f"{os.getppid()} {os.getpid()}\n")
    os.rename(mark + ".tmp", mark)
    time.sleep(120)  # the worker dies first: this process dies with it (PR_SET_PDEATHSIG)
    sys.exit(3)
pophist = os.environ["REAL_POPHIST"]
os.execv(pophist, [pophist, *sys.argv[1:]])
