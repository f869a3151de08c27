"""The JSON API: one package per resource, each a thin flask-smorest Blueprint."""

import peewee

from app.errors import DomainError, StagewijsApi, error_payload, handle_domain_error, user_locale
from app.messages import translate


def register_api(app):
    from app.api.auth.routes import blp as auth_blp
    from app.api.categories.routes import blp as categories_blp
    from app.api.common import IdConverter
    from app.api.entries.routes import blp as entries_blp
    from app.api.inbox.routes import blp as inbox_blp
    from app.api.kinds import register_kinds
    from app.api.placements.routes import blp as placements_blp
    from app.api.sync.routes import blp as sync_blp
    from app.api.weeks.routes import blp as weeks_blp

    # Before any route is added: every <int:...> in a path is bounded to a database integer.
    app.url_map.converters["int"] = IdConverter
    # One Api per app: its OpenAPI document is built from what this app registers.
    api = StagewijsApi(app)
    app.extensions["stagewijs_api"] = api
    for blp in (
        auth_blp,
        categories_blp,
        placements_blp,
        entries_blp,
        weeks_blp,
        inbox_blp,
        sync_blp,
    ):
        api.register_blueprint(blp)
    register_kinds(app)
    app.register_error_handler(DomainError, handle_domain_error)
    app.register_error_handler(peewee.IntegrityError, handle_integrity_error)


def handle_integrity_error(error):
    message = translate("integrity_error", user_locale())
    return error_payload(409, "integrity_error", message), 409
