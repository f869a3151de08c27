"""Extension objects, created unbound; create_app() binds them to an app."""

import flask_login
import peewee
from flask import current_app


class LoginManager(flask_login.LoginManager):
    def _session_protection_failed(self):
        # Session protection is off here (app/security.py: sessions end by their version).
        # flask-login 0.6 hashes the client's address and browser (SHA-512) on every request
        # before it looks whether protection is on at all.
        if not current_app.config.get("SESSION_PROTECTION", self.session_protection):
            return False
        return super()._session_protection_failed()


db = peewee.DatabaseProxy()
login_manager = LoginManager()
