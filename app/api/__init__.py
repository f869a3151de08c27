"""The JSON API: one package per resource, each a thin flask-smorest Blueprint."""

import importlib
import pkgutil

import peewee

from app.errors import DomainError, StagewijsApi, error_payload, handle_domain_error, user_locale
from app.messages import translate


def register_api(app):
    from app.api.common import IdConverter
    from app.api.kinds import register_kinds

    # Before any route is added: every <int:...> in a path is bounded to a database integer.
    app.url_map.converters["int"] = IdConverter
    # One Api per app: its OpenAPI document is built from what this app registers.
    api = StagewijsApi(app)
    app.extensions["stagewijs_api"] = api
    for blp in resource_blueprints():
        api.register_blueprint(blp)
    register_kinds(app)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(peewee.IntegrityError, handle_integrity_error)


def resource_blueprints():
    """Every resource package's `blp` (app/api/<name>/routes.py), in name order: a new
    resource package takes part by existing."""
    import app.api as package

    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__) if info.ispkg)
    return [importlib.import_module(f"app.api.{name}.routes").blp for name in names]


def handle_integrity_error(error):
    message = translate("integrity_error", user_locale())
    return error_payload(409, "integrity_error", message), 409
