"""Accounts in the browser: create the first account, sign in, sign out."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from folio import auth
from folio.app_context import db_session, services
from folio.auth.passwords import MIN_PASSWORD_LENGTH
from folio.errors import BadInput
from folio.web.blueprint import bp
from folio.web.feedback import sentence, tell
from folio.web.session_auth import current_user, has_users, local_path, log_in, log_out

# One message for an unknown name and a wrong password: which of the two it was is not said.
LOGIN_FAILED = "That user name and password do not match."
MAX_PASSWORD_LENGTH = 1024  # argon2 would hash a megabyte too, slowly


@bp.route("/setup", methods=["GET", "POST"])
def first_run():
    """"Create your account": only while nobody has one, so a new install needs no command line."""
    if has_users():
        abort(404)
    values = {"name": request.form.get("name", "").strip()}
    if request.method == "GET":
        return render_template("auth/setup.html", values=values, min_password=MIN_PASSWORD_LENGTH)
    password = request.form.get("password", "")
    error = None
    if password != request.form.get("password_again", ""):
        error = "The two passwords are not the same."
    elif len(password) > MAX_PASSWORD_LENGTH:
        error = f"A password has at most {MAX_PASSWORD_LENGTH} characters."
    else:
        try:
            user = auth.create_user(db_session(), values["name"], password, services().config.argon2)
        except BadInput as problem:
            error = sentence(problem.message)
    if error:
        return render_template("auth/setup.html", values=values, error=error,
                               min_password=MIN_PASSWORD_LENGTH), 400
    log_in(user)
    tell(f"Welcome to Folio, {user.name}. Your library is ready.")
    return redirect(url_for("web.library_page"), 303)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":  # every attempt counts, even the right password waits when over
        services().rate_limits.sign_in.take()
    next_path = local_path(request.values.get("next"))
    if current_user() is not None:
        return redirect(next_path)
    name = request.form.get("name", "").strip()
    if request.method == "GET":
        return render_template("auth/login.html", name=name, next_path=next_path)
    password = request.form.get("password", "")
    user = None
    if name and password and len(password) <= MAX_PASSWORD_LENGTH:
        user = auth.authenticate(db_session(), name, password, services().config.argon2)
    if user is None:
        return render_template("auth/login.html", name=name, next_path=next_path, error=LOGIN_FAILED), 401
    log_in(user)
    return redirect(next_path, 303)


@bp.post("/logout")
def logout():
    log_out()
    tell("You are signed out.")
    return redirect(url_for("web.login"), 303)

