"""Command-line tools: `flask --app wsgi <command>`.

db-upgrade    bring the database to the current schema (numbered migrations, app/migrations/)
init-db       db-upgrade, the nine activity categories, optionally an institution
seed-demo     load the demo school (logins in the README); --if-empty: only on a fresh install
create-user   add one account; the password is asked for (or --password)
apply-retention  remove what is kept past its retention, every rule of the privacy registry
                 (the scheduler runs it daily; `purge-expired` is its old name)
run-exports   make the copies of people's data (exports) that wait in the queue (the scheduler:
              every minute)
vapid-keys    make the web-push key pair in instance/ when there is none
scheduler     run the reminders' scheduler (its own process; `make run` starts it)
deliver-due   send the reminders that are due now, once (the scheduler does it every 30 s)
"""

import click
from flask.cli import with_appcontext

from app import schema
from app.extensions import db
from app.models import Company, Institution, User
from app.models.users import ROLES
from app.services.reference import ensure_categories


def register_cli(app):
    app.cli.add_command(db_upgrade_command)
    app.cli.add_command(init_db_command)
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(create_user_command)
    app.cli.add_command(apply_retention_command)
    app.cli.add_command(apply_retention_command, "purge-expired")
    app.cli.add_command(run_exports_command)
    app.cli.add_command(vapid_keys_command)
    app.cli.add_command(scheduler_command)
    app.cli.add_command(deliver_due_command)


def create_schema():
    """The current schema, then the reference data; safe to run on every start."""
    adopted, applied = schema.upgrade()
    with db.atomic():
        ensure_categories()
    return adopted, applied


@click.command("db-upgrade")
@with_appcontext
def db_upgrade_command():
    """Apply pending schema migrations (safe to repeat; keeps every row)."""
    adopted, applied = create_schema()
    for name in adopted:
        click.echo(f"Recognised an existing database: recorded {name} as applied.")
    for name in applied:
        click.echo(f"Applied {name}.")
    if not applied:
        click.echo("Database is up to date.")


@click.command("init-db")
@with_appcontext
@click.option("--institution", "institution_name", help="Also create this institution (school).")
def init_db_command(institution_name):
    """Create missing tables and the activity categories (safe to repeat)."""
    create_schema()
    click.echo("Database ready: current schema and the 9 activity categories.")
    if institution_name:
        institution, created = Institution.get_or_create(name=institution_name)
        verb = "Created" if created else "Found"
        click.echo(f"{verb} institution {institution.id}: {institution.name}")


@click.command("seed-demo")
@with_appcontext
@click.option("--if-empty", is_flag=True, help="Do nothing when any account exists already.")
def seed_demo_command(if_empty):
    """Load the demo school: 30 students, trainers, teachers and weeks of hours."""
    from app import demo

    create_schema()
    if if_empty and User.select().exists():
        click.echo("Accounts exist already: demo data not loaded.")
        return
    if User.select().where(User.email.in_(demo.LOGIN_EMAILS)).exists():
        raise click.ClickException("The demo data is loaded already (demo logins exist).")
    summary = demo.seed_demo()
    click.echo(
        "Demo school loaded: {users} accounts, {placements} placements, {weeks} weeks, "
        "{entries} hour entries.".format(**summary)
    )
    click.echo(f"Log in with password '{demo.DEMO_PASSWORD}' as:")
    for email in demo.LOGIN_EMAILS:
        click.echo(f"  {email}")


@click.command("create-user")
@with_appcontext
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--institution-id", type=int, help="Needed when there is more than one school.")
@click.option("--company-id", type=int, help="The company a praktijkopleider works for.")
@click.password_option(
    "--password", help="Asked for when left out.", confirmation_prompt=True, prompt=True
)
def create_user_command(email, name, role, institution_id, company_id, password):
    """Create one account; the password is hashed with argon2id."""
    from app.errors import DomainError
    from app.messages import translate
    from app.services.users import create_user

    create_schema()
    institution = _institution(institution_id)
    company = None
    if company_id is not None:
        company = Company.get_or_none(
            (Company.id == company_id) & (Company.institution == institution.id)
        )
        if company is None:
            raise click.BadParameter(
                f"no company {company_id} at institution {institution.id}",
                param_hint="--company-id",
            )
    try:
        user = create_user(institution, email, name, role, password, company=company)
    except DomainError as error:
        message = translate(error.code, "en", **error.params)
        hint = {"company": "--company-id"}.get(error.field, f"--{error.field}")
        raise click.BadParameter(message, param_hint=hint) from None
    click.echo(f"Created {role} {user.id}: {user.name} <{user.email}>")


def _institution(institution_id):
    if institution_id is not None:
        institution = Institution.get_or_none(Institution.id == institution_id)
        if institution is None:
            raise click.BadParameter(
                f"no institution {institution_id}", param_hint="--institution-id"
            )
        return institution
    institutions = list(Institution.select().limit(2))
    if len(institutions) == 1:
        return institutions[0]
    if not institutions:
        raise click.ClickException(
            "No institution yet: run `flask --app wsgi init-db --institution NAME` first."
        )
    raise click.BadParameter(
        "there are several institutions: choose one", param_hint="--institution-id"
    )


@click.command("apply-retention")
@with_appcontext
@click.option("--rule", "rules", multiple=True, help="Only this rule (repeatable).")
def apply_retention_command(rules):
    """Remove what is kept past its retention (every rule of the privacy registry; run daily).

    Safe to repeat and to run twice at once."""
    from app.privacy import retention

    try:
        removed = retention.run(only=set(rules) or None)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    for name, count in removed.items():
        click.echo(f"{name}: {count} removed")


@click.command("run-exports")
@with_appcontext
@click.option("--max", "max_jobs", type=click.IntRange(min=1), help="Stop after this many.")
def run_exports_command(max_jobs):
    """Make the copies of people's data that wait in the queue (run every minute)."""
    from app.privacy import export

    built = export.process_queued(max_jobs)
    click.echo(f"{built} export(s) made.")


@click.command("vapid-keys")
@with_appcontext
def vapid_keys_command():
    """Make the VAPID key pair for web push (kept in instance/, never in the repository)."""
    from app.push import vapid

    made = vapid.ensure_keys()
    click.echo(
        ("Made" if made else "Found") + f" the web-push key; public key: {vapid.public_key()}"
    )


@click.command("scheduler")
@with_appcontext
def scheduler_command():
    """Run the scheduler until stopped (reminders, deliveries, retention, exports)."""
    import logging

    from flask import current_app

    from app import scheduler

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    create_schema()
    app = current_app._get_current_object()
    click.echo("Scheduler started (Ctrl-C stops it).")
    try:
        scheduler.build(app).start()
    except (KeyboardInterrupt, SystemExit):
        click.echo("Scheduler stopped.")


@click.command("deliver-due")
@with_appcontext
def deliver_due_command():
    """Send what is due now (once)."""
    from app.services.delivery import deliver_due

    click.echo(deliver_due())
