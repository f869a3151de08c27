#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL: `scripts/with-postgres.sh pytest tests/api`.
# Installs Debian's server when missing (as root), starts it on a free loopback port in a
# temporary folder, exports TEST_DATABASE_URL, and removes it all afterwards.
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    echo "PostgreSQL is not installed (needs: apt-get install postgresql)" >&2
    exit 1
  fi
fi
data=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
run_as=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$data"
  run_as=(runuser -u postgres --)
fi
"${run_as[@]}" "$bin/initdb" -D "$data/db" -A trust -U postgres >/dev/null
"${run_as[@]}" "$bin/pg_ctl" -D "$data/db" -l "$data/db/log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
trap '"${run_as[@]}" "$bin/pg_ctl" -D "$data/db" -m immediate stop >/dev/null; rm -rf "$data"' EXIT
"${run_as[@]}" "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres stagewijs_test
export TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/stagewijs_test"
"$@"
