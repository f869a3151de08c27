"""Command-line tools: `flask --app wsgi <command>`."""


def register_cli(app):
    pass
