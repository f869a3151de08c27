"""Log in, log out, who am I, change password."""

from flask import request, session
from flask_login import login_user, logout_user

from app.api.blueprint import Blueprint, public
from app.api.common import actor
from app.services import auth

from .schemas import LoginSchema, MeUpdateSchema, PasswordChangeSchema, UserSchema

blp = Blueprint("auth", __name__, url_prefix="/api/auth", description="Sessions and accounts")


@blp.post("/login")
@public
@blp.arguments(LoginSchema)
@blp.response(200, UserSchema)
@blp.alt_response(401, description="Wrong email or password")
@blp.alt_response(429, description="too_many_attempts, login_delayed; see Retry-After")
def login(data):
    """Log in with email and password; sets the session cookie"""
    user = auth.login(data["email"], data["password"], request.remote_addr or "")
    session.clear()
    session.permanent = True
    login_user(user)
    return user


@blp.post("/logout")
@blp.response(204)
def logout():
    """Log out everywhere: every session of this user ends"""
    auth.logout(actor())
    logout_user()
    session.clear()


@blp.get("/me")
@blp.response(200, UserSchema)
def me():
    """The logged-in user"""
    return actor()


@blp.patch("/me")
@blp.arguments(MeUpdateSchema)
@blp.response(200, UserSchema)
def update_me(data):
    """Change the user's own settings (language)"""
    return auth.set_locale(actor(), data["locale"])


@blp.post("/password")
@blp.arguments(PasswordChangeSchema)
@blp.response(204)
@blp.alt_response(422, description="wrong_password, password_too_short")
@blp.alt_response(429, description="Too many wrong passwords; see Retry-After")
def change_password(data):
    """Change the password; every other session of this user ends"""
    user = actor()
    auth.change_password(
        user, data["current_password"], data["new_password"], request.remote_addr or ""
    )
    # This device stays logged in with the new session version.
    login_user(user)
