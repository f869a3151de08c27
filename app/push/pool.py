"""Posting one delivery pass's pushes concurrently, so a fan-out does not wait for each round
trip in turn: a real push service is 20-100 ms away, and 20,000 sequential posts would take
7-30 minutes (the "end of the working day" reminder would reach the last students very late).

A few worker threads (PUSH_CONCURRENCY), each with its own kept-alive connections (a
transport.Session per thread: an http.client connection is not shared between threads), post
what the pass hands them and give back the answers. Only network work happens here: no
database, and the targets arrive checked and pinned to their address by the caller.

Pushes are handed over in small chunks, and answers come back the same way: a hand-over per
push (a future, a wake-up of a thread) costs as much CPU as the post itself, and on a busy
machine that is what limits a fan-out. A worker posts its chunk in turn; `concurrency`
chunks are on the wire at once.

Per push service (host, port) a gate:
- one post at a time until the service has answered once without asking to slow down, then
  up to PUSH_CONCURRENCY at once: a service that is down or busy gets no burst;
- once an answer asks to wait (the caller's `pause_until` says until when), nothing more goes
  to that service in this pass: posts still waiting for it come back as STOPPED, unsent. The
  few already on the wire when that answer came cannot be called back; at most
  PUSH_CONCURRENCY.
"""

import queue
import threading

from app.push import transport

STOPPED = "stopped"  # the result of a post not made: its service had asked to wait
CHUNK = 16


class _Gate:
    """How many posts may be in flight to one push service, and whether it asked to wait."""

    def __init__(self):
        self.condition = threading.Condition()
        self.busy = 0
        self.opened = False  # answered once without asking to slow down
        self.until = None  # the instant it asked us to wait for (no more posts this pass)

    def enter(self, concurrency):
        with self.condition:
            while self.until is None and self.busy >= (concurrency if self.opened else 1):
                self.condition.wait()
            if self.until is not None:
                return False
            self.busy += 1
            return True

    def leave(self, opened, until):
        with self.condition:
            self.busy -= 1
            self.opened = self.opened or opened
            if until is not None and self.until is None:
                self.until = until
            self.condition.notify_all()


class Pool:
    """`post(ticket, target, body, headers)` queues a push; `answers(block)` gives back
    (ticket, result) pairs as they come, in no fixed order: result is the transport.Answer,
    STOPPED, or the exception the post raised (one post's failure is only its own).
    `pause_until(answer)` runs in a worker thread on every answer: the instant the service
    asked to wait for, or None."""

    def __init__(
        self, concurrency, pause_until, expected=None, chunk=None, timeout=transport.TIMEOUT_SECONDS
    ):
        self.concurrency = max(1, int(concurrency))
        self.pause_until = pause_until
        chunk = int(chunk or CHUNK)
        if expected is not None:  # a short pass: small chunks, so that it is spread all the same
            chunk = min(chunk, -(-int(expected) // self.concurrency))
        self.chunk = max(1, chunk)
        self.timeout = timeout
        self.outstanding = 0  # posts handed over whose answer has not been taken back
        self._next = []
        self._jobs = queue.SimpleQueue()
        self._answers = queue.SimpleQueue()
        self._threads = []
        self._gates = {}
        self._lock = threading.Lock()
        self._cancelled = False

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        # On the way out of a failed pass, what is still queued is not sent: its rows stay
        # claimed, and at most once beats twice.
        self.close(cancel=kind is not None)

    def close(self, cancel=False):
        self._cancelled = cancel
        if not cancel:
            self.flush()
        for _ in self._threads:
            self._jobs.put(None)
        for thread in self._threads:
            thread.join()
        self._threads.clear()

    def post(self, ticket, target, body, headers):
        self.outstanding += 1
        self._next.append((ticket, target, body, headers))
        if len(self._next) >= self.chunk:
            self.flush()

    def flush(self):
        if self._next:
            self._jobs.put(self._next)
            self._next = []
            if len(self._threads) < self.concurrency:
                thread = threading.Thread(target=self._work, name="push", daemon=True)
                thread.start()
                self._threads.append(thread)

    def full(self):
        """Enough handed over to keep every worker busy: time to take answers back."""
        return self.outstanding >= 2 * self.concurrency * self.chunk

    def answers(self, block=False):
        """The answers that are back; with `block`, wait for at least one (everything handed
        over is sent first, so one will come)."""
        if block and self.outstanding:
            self.flush()
            chunk = self._answers.get()
        else:
            try:
                chunk = self._answers.get_nowait()
            except queue.Empty:
                return []
        chunks = [chunk]
        while True:
            try:
                chunks.append(self._answers.get_nowait())
            except queue.Empty:
                break
        got = [pair for chunk in chunks for pair in chunk]
        self.outstanding -= len(got)
        return got

    def paused_until(self, target):
        """The instant the target's service asked to wait for, or None: while it is set, the
        service gets nothing more in this pass."""
        gate = self._gates.get((target.host, target.port))
        return None if gate is None else gate.until

    def _gate(self, target):
        key = (target.host, target.port)
        gate = self._gates.get(key)
        if gate is None:
            with self._lock:
                gate = self._gates.setdefault(key, _Gate())
        return gate

    def _work(self):
        with transport.Session(self.timeout) as session:
            while (jobs := self._jobs.get()) is not None:
                done = []
                try:
                    for ticket, target, body, headers in jobs:
                        done.append((ticket, self._post(session, target, body, headers)))
                finally:  # whatever happens, every ticket gets an answer back
                    lost = RuntimeError("the push worker stopped")
                    done += [(ticket, lost) for ticket, *_ in jobs[len(done) :]]
                    self._answers.put(done)

    def _post(self, session, target, body, headers):
        if self._cancelled:
            return STOPPED
        gate = self._gate(target)
        if not gate.enter(self.concurrency):
            return STOPPED
        opened, until = False, None
        try:
            answer = session.post(target, body, headers)
            until = self.pause_until(answer)
            opened = until is None and answer.status != 429 and answer.status < 500
            return answer
        except Exception as error:  # noqa: BLE001 - handed back: the caller decides what it means
            return error
        finally:
            gate.leave(opened, until)
