#!/usr/bin/env bash
# The main job on shipped defaults: builds the tools, then every appliance in
# appliance-packages/ into .deb and .rpm packages under dist/packages/, then publishes them into
# a signed repository under dist/repo/ with the key in dist/keys/ (created on first use).
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh build
mvn -B -ntp -q -DskipTests package
: "${SOURCE_DATE_EPOCH:=$(git log -1 --format=%ct 2>/dev/null || echo 1793491200)}"
export SOURCE_DATE_EPOCH
rt=repo-tools/bin/repo-tools
$rt build --out dist/packages appliance-packages/*/
echo "packages: $(pwd)/dist/packages"

# the repository's signing key: made once, kept (back it up; clients trust its public half)
if [ ! -f dist/keys/signing-key.asc ]; then
    $rt keygen --out dist/keys --name "Virtual Appliance Tools local repository" >/dev/null
    echo "created signing key dist/keys/signing-key.asc (public: dist/keys/archive-keyring.gpg)"
fi
# signatures must not predate the key: a key made now signs at least at its creation time
key_time=$(stat -c %Y dist/keys/signing-key.asc)
[ "$SOURCE_DATE_EPOCH" -ge "$key_time" ] || SOURCE_DATE_EPOCH=$key_time
# --format apt: the YUM publisher is not in this build yet; switch to 'all' when it is
$rt publish --repo dist/repo --key dist/keys/signing-key.asc --format apt \
    --origin "Virtual Appliance Tools" --label "Virtual Appliance Tools" --source-date-epoch "$SOURCE_DATE_EPOCH" \
    dist/packages
$rt verify -q --repo dist/repo --keyring dist/keys/archive-keyring.gpg
echo "repository: $(pwd)/dist/repo (serve it with: $rt serve --repo dist/repo)"
