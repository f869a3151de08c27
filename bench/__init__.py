"""`make bench` / `python -m bench`: performance figures, each as a ratio to a baseline measured
in the same run (absolute numbers on a noisy 2-core machine mean little).

One module per benchmark; each exposes `NAME`, `TITLE` and `run(ctx) -> list[Figure]`:
    api_creates    hour-entry creates/s through gunicorn, as a ratio to a bare WSGI app
    inbox_latency  trainer inbox p95 at the large institution, as a ratio to a small one
    memory         resident memory per gunicorn worker
    shell_weight, lighthouse, sync_outbox   front-end figures (issue 3): hooks, filled in later
Shared machinery (servers, logins, wrk) lives in `harness.py`, the big database in `seed.py`.
"""
