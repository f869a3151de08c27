"""(3) Resident memory per gunicorn worker (VmRSS from /proc/<pid>/status).

Read from the servers the other benchmarks left running, after their load, so the figure
includes SQLite's page cache and everything a worker holds after real requests. Run alone
(`--only memory`), it starts the real app on the large database and loads it briefly first.
"""

from bench.harness import Figure, wrk

NAME = "memory"
TITLE = "resident memory per worker"


def run(ctx):
    args = ctx.args
    name = f"app-{args.students}"
    if name not in ctx.servers:
        server = ctx.app_server(args.students)
        meta = ctx.database(args.students)
        cookies = ctx.login(server, meta["inbox_trainers"])
        wrk(
            server,
            "get.lua",
            {"PATH": "/api/inbox/weeks", "COOKIES": cookies},
            args.warmup,
            2,
            "memory-load",
        )
    figures = []
    for server_name, server in sorted(ctx.servers.items()):
        rss = [mb for mb in server.worker_rss_mb().values() if mb is not None]
        if not rss:
            continue
        label = "bare WSGI" if server_name == "bare" else server_name.replace("app-", "app, ")
        if server_name != "bare":
            label += " students"
        figures.append(
            Figure(
                f"RSS per worker, {label} (max)",
                max(rss),
                "MB",
                note="workers: " + ", ".join(f"{mb:.1f}" for mb in rss),
            )
        )
    return figures
