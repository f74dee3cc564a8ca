#!/usr/bin/env bash
# Every test tier: unit tests, integration tests against the real tools (dpkg-deb, lintian,
# rpm, rpmlint, gpgv, apt-get, dnf) and end-to-end tests in a throwaway Debian root.
# Installs what the tests need first (Debian 12, as root).
set -euo pipefail
cd "$(dirname "$0")/.."
sh scripts/install-deps.sh test
mvn -B -ntp -Pe2e verify "$@"
