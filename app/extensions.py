"""Extension objects, created unbound; create_app() binds them to an app."""

import peewee
from flask_login import LoginManager

db = peewee.DatabaseProxy()
login_manager = LoginManager()
