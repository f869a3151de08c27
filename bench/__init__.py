"""`make bench` / `python -m bench`: performance figures, each as a ratio to a baseline measured
in the same run (absolute numbers on a noisy 2-core machine mean little).

One module per benchmark; each exposes `NAME`, `TITLE` and `run(ctx) -> list[Figure]`:
    api_creates    hour-entry creates/s through gunicorn, as a ratio to a bare WSGI app
    inbox_latency  trainer inbox p95 at the large institution, as a ratio to a small one
    memory         resident memory per gunicorn worker
    shell_weight   the phone app's first-load shell (gzipped) and what a repeat visit fetches
    lighthouse     Lighthouse 12 (mobile) on the student home and the trainer inbox
    sync_outbox    500 creates queued offline in Chromium until the server holds them, as a
                   ratio to inserting the same rows with peewee in one transaction
Shared machinery (servers, logins, wrk, the demo school, Chromium) lives in `harness.py`, the
big database in `seed.py`.
"""
