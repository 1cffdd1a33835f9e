#!/usr/bin/env bash
# The demo: installs the pinned nats-server if needed, then runs the whole pipeline on the bundled sample
# articles and prints the stories that form. Extra arguments go to `dateline up`.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-nats.sh
exec cargo run --release --locked -p dateline -- up --demo "$@"
