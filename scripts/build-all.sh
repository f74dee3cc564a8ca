#!/usr/bin/env bash
# The main job on shipped defaults: builds the tools, then every appliance in
# appliance-packages/ into .deb and .rpm packages under dist/packages/.
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh build
mvn -B -ntp -q -DskipTests package
: "${SOURCE_DATE_EPOCH:=$(git log -1 --format=%ct 2>/dev/null || echo 1793491200)}"
export SOURCE_DATE_EPOCH
repo-tools/bin/repo-tools build --out dist/packages appliance-packages/*/
echo "packages: $(pwd)/dist/packages"
