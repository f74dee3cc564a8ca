#!/bin/sh
# Installs what building (and, with "test", testing) needs on Debian 12 / Ubuntu 22.04+, as root.
# Idempotent: packages already present are not downloaded again.
#   scripts/install-deps.sh build   the JDK and Maven
#   scripts/install-deps.sh test    also the real tools the tests hand our output to
set -eu

build_pkgs="openjdk-17-jdk-headless maven ca-certificates"
test_pkgs="dpkg-dev lintian rpm rpmlint createrepo-c dnf gnupg apt-utils debconf-utils
 mmdebstrap zstd xz-utils openssh-server openssh-client iproute2 curl python3 fakeroot
 reprepro aptly hyperfine time shellcheck python3-venv cpio rpm2cpio"

want=$build_pkgs
[ "${1:-build}" = test ] && want="$build_pkgs $test_pkgs"

missing=""
for p in $want; do
    dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null | grep -q '^ii' || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages:$missing; run as root or install them with apt-get" >&2
    exit 4
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
