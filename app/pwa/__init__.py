"""The phone app: server-served pages, the manifest and the service worker."""

from flask import Blueprint

bp = Blueprint("pwa", __name__, template_folder="templates", static_folder="static",
               static_url_path="/static")


@bp.get("/login")
def login_page():
    return "login"
