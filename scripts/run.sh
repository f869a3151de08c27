#!/usr/bin/env bash
# `make run`: the scheduler (reminders) beside gunicorn; stopping one stops both.
set -euo pipefail
bin=${BIN:-.venv/bin}
port=${PORT:-8000}
"$bin/flask" --app wsgi scheduler &
scheduler=$!
trap 'kill "$scheduler" 2>/dev/null || true; wait "$scheduler" 2>/dev/null || true' EXIT
"$bin/gunicorn" --workers 2 --bind "0.0.0.0:$port" --access-logfile - wsgi:app
