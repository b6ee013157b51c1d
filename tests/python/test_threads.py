# The GIL is released while the engine encodes: another Python thread runs meanwhile.
import sys
import threading

import nsmlab
from conftest import SENTENCES


def test_another_thread_runs_while_encoding(bert):
    # With a switch interval far longer than the test, CPython hands the GIL to the waiting
    # main thread only when the encoding thread releases it itself: the main thread can see
    # `done` still False only if encode released the GIL while it computed.
    state = {"done": False}
    started = threading.Event()

    def work():
        started.set()
        bert.encode(SENTENCES * 50)
        state["done"] = True

    old = sys.getswitchinterval()
    sys.setswitchinterval(1000.0)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        started.wait()
        ran_during_encode = not state["done"]
        worker.join()
    finally:
        sys.setswitchinterval(old)
    assert ran_during_encode
    assert state["done"]


def test_concurrent_encodes_give_the_same_rows(bert):
    want = bert.encode(SENTENCES)
    got = [None] * 4

    def work(i):
        got[i] = bert.encode(SENTENCES)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(g.tobytes() == want.tobytes() for g in got)
