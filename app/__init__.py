"""Stagewijs: the application factory. Creating the app starts nothing (no scheduler, no DB)."""

import inspect
import os
import secrets

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from app.config import config_from_env


class _Flask(Flask):
    """Flask, with its "is this hook async?" answer read off the function's code flags: it
    asked inspect.iscoroutinefunction about every hook and view on every request (nothing
    here is async). Anything without plain code (a partial, a marked function) still goes to
    Flask's own check."""

    def ensure_sync(self, func):
        code = getattr(getattr(func, "__func__", func), "__code__", None)
        if code is not None and not code.co_flags & _ASYNC and not _marked_async(func):
            return func
        return super().ensure_sync(func)


_ASYNC = inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_ASYNC_GENERATOR


def _marked_async(func):
    # inspect.markcoroutinefunction (Python 3.12) and asyncio's older marker.
    return hasattr(func, "_is_coroutine_marker") or hasattr(func, "_is_coroutine")


def create_app(config=None):
    from app.api.json_body import ApiRequest, JSONProvider

    app = _Flask(__name__, instance_relative_config=True, static_folder=None)
    # Every JSON body, however a view reads it, is parsed in app/api/json_body.py.
    app.request_class = ApiRequest
    app.json = JSONProvider(app)
    app.config.from_object(config_from_env())
    if isinstance(config, dict):
        app.config.update(config)
    elif config is not None:
        app.config.from_object(config)
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(app)
    from app.api.auth.fast_me import FastMe
    from app.api.conversations.fast_poll import FastPoll
    from app.api.fast_create import FastCreate

    # Conversations (#10): the open phones' "anything new?" without the framework when nothing is.
    app.wsgi_app = FastPoll(app, app.wsgi_app)
    # Foundation (#13): "who is logged in?", asked at every app start and page.
    app.wsgi_app = FastMe(app, app.wsgi_app)
    # Foundation (#13): a phone's hour-entry create without the framework's dispatch.
    app.wsgi_app = FastCreate(app, app.wsgi_app)
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        # The client's address (login throttling) and scheme (cookies, Origin, HSTS) as the
        # proxies in front saw them; without this setting such headers are ignored, so a client
        # cannot choose the address it is counted under.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)

    from app import db as database
    from app import security
    from app.api import register_api
    from app.cli import register_cli
    from app.pwa import bp as pwa_bp

    database.init_database(app.config["DATABASE_URL"])
    security.init_app(app)
    register_api(app)
    app.register_blueprint(pwa_bp)
    register_cli(app)
    return app


def _instance_secret(app):
    """A per-install secret kept in instance/, made on first start (never committed)."""
    os.makedirs(app.instance_path, exist_ok=True)
    path = os.path.join(app.instance_path, "secret_key")
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another worker made it first
        pass
    else:
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    with open(path) as fh:
        return fh.read().strip()
