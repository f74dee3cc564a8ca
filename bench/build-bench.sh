#!/usr/bin/env bash
# Benchmark, not a test: builds N generated appliances (.deb and .rpm) with ONE 'repo-tools build'
# run, versus a loop of 'dpkg-deb -b' and 'rpmbuild -bb' over equivalent inputs (the same files,
# maintainer scripts, dependencies and gzip compression). Whole processes, timed by hyperfine;
# prints the medians and the ratio (goal: repo-tools <= 0.5 x the loop). Results: docs/performance.md.
#
#   bash bench/build-bench.sh            N=100 appliances, 5 timed runs each
#   N=20 RUNS=3 bash bench/build-bench.sh
#   KEEP=1 bash bench/build-bench.sh     keeps the generated inputs and prints where they are
set -euo pipefail
N=${N:-100}
RUNS=${RUNS:-5}
cd "$(dirname "$0")/.."
root=$(pwd)
for tool in hyperfine dpkg-deb rpmbuild rpm2cpio cpio python3; do
    command -v "$tool" >/dev/null || { echo "build-bench: $tool is missing; run 'sh scripts/install-deps.sh test'" >&2; exit 4; }
done
if [ ! -f repo-tools/target/repo-tools.jar ]; then
    mvn -B -q -o -pl repo-tools -am -DskipTests package
fi
work=$(mktemp -d /tmp/vatools-build-bench.XXXXXX)
if [ -n "${KEEP:-}" ]; then
    trap 'echo "build-bench: inputs kept in $work"' EXIT
else
    trap 'rm -rf "$work"' EXIT
fi
export SOURCE_DATE_EPOCH=1790000000

# ---- N appliances -------------------------------------------------------------------------
mkdir -p "$work/src/appliance-packages" "$work/src/seeds"
for i in $(seq -w 1 "$N"); do
    name="bench-$i-appliance"
    dir="$work/src/appliance-packages/$name"
    mkdir -p "$dir/scripts" "$dir/files"
    cat > "$dir/appliance.yaml" <<YAML
format: 1
name: $name
version: "1.$i"
release: "1"
summary: Generated appliance number $i for the build benchmark
description: |
  A generated appliance with a seed, a configuration file, maintainer steps and a
  backup hook, so that its packages are the size of a real appliance's.
maintainer: Bench Maintainer <bench@vatools.example.org>
license: GPL-2.0-or-later
homepage: https://vatools.example.org/bench/$i
depends:
  deb: [apache2, "php (>= 2:8.2)", libapache2-mod-php]
  rpm: [httpd, "php >= 8.0"]
recommends:
  deb: [curl]
  rpm: [curl]
files:
  - source: files/site.conf
    target: /etc/$name/site.conf
scripts:
  configure: scripts/configure
  remove: scripts/remove
backup:
  appdata: [/var/lib/$name]
  hooks:
    post-restore: scripts/post-restore
changelog:
  - version: "1.$i-1"
    date: "2026-11-01"
    changes: [Generated for the benchmark.]
YAML
    printf '#!/bin/sh\nmkdir -p /var/lib/%s\necho "title=$(va_answer bench/title)" > /var/lib/%s/site\n' "$name" "$name" > "$dir/scripts/configure"
    printf '#!/bin/sh\nrm -f /var/lib/%s/site\n' "$name" > "$dir/scripts/remove"
    printf '#!/bin/sh\necho restored\n' > "$dir/scripts/post-restore"
    printf '# site configuration of %s\nlisten = 80\n' "$name" > "$dir/files/site.conf"
    printf 'bench bench/title string Appliance %s\nbench bench/admin string admin\n' "$i" > "$work/src/seeds/$name.seed"
done

# ---- equivalent inputs for dpkg-deb and rpmbuild: the content of the packages repo-tools makes
repo-tools/bin/repo-tools build -q --out "$work/reference" "$work"/src/appliance-packages/*/
mkdir -p "$work/deb" "$work/rpm"
for deb in "$work"/reference/*.deb; do
    name=$(dpkg-deb -f "$deb" Package)
    dpkg-deb -R "$deb" "$work/deb/$name"
    grep -v '^Installed-Size:' "$work/deb/$name/DEBIAN/control" > "$work/deb/$name/DEBIAN/control.new"
    mv "$work/deb/$name/DEBIAN/control.new" "$work/deb/$name/DEBIAN/control"
done
for rpm in "$work"/reference/*.rpm; do
    name=$(rpm -qp --qf '%{NAME}' "$rpm")
    tree="$work/rpm/$name/tree"
    mkdir -p "$tree"
    (cd "$tree" && rpm2cpio "$rpm" | cpio -idm --quiet)
    {
        rpm -qp --qf 'Name: %{NAME}\nVersion: %{VERSION}\nRelease: %{RELEASE}\nSummary: %{SUMMARY}\nLicense: %{LICENSE}\nURL: %{URL}\nGroup: %{GROUP}\nBuildArch: noarch\n' "$rpm"
        echo "Provides: virtual-appliance"
        echo "Conflicts: virtual-appliance"
        rpm -qp --requires "$rpm" | grep -v -e '^rpmlib(' -e '^/bin/sh' | sed 's/^/Requires: /'
        rpm -qp --recommends "$rpm" | sed 's/^/Recommends: /'
        printf '%%description\n'; rpm -qp --qf '%{DESCRIPTION}\n' "$rpm"
        printf '%%install\nmkdir -p %%{buildroot}\ncp -a %s/. %%{buildroot}/\n' "$tree"
        printf '%%post\n'; rpm -qp --qf '%{POSTIN}\n' "$rpm"
        printf '%%preun\n'; rpm -qp --qf '%{PREUN}\n' "$rpm"
        printf '%%postun\n'; rpm -qp --qf '%{POSTUN}\n' "$rpm"
        printf '%%files\n'
        printf '%%dir %s\n' /usr/share/virtual-appliance "/usr/share/virtual-appliance/$name" \
            /usr/libexec/virtual-appliance "/usr/libexec/virtual-appliance/$name" "/usr/share/doc/$name"
        printf '%%config(noreplace) /etc/%s/site.conf\n' "$name"
        printf '%%license /usr/share/doc/%s/copyright\n' "$name"
        printf '/usr/share/virtual-appliance/%s/appliance.yaml\n/usr/share/virtual-appliance/%s/%s.seed\n' "$name" "$name" "$name"
        printf '/usr/libexec/virtual-appliance/%s/post-restore\n' "$name"
        printf '%%changelog\n'; rpm -qp --changelog "$rpm"
    } > "$work/rpm/$name/$name.spec"
done
cat > "$work/loop.sh" <<LOOP
#!/bin/sh
set -e
rm -rf "$work/out-loop" && mkdir -p "$work/out-loop"
for d in "$work"/deb/*/; do
    dpkg-deb -Zgzip --root-owner-group -b "\$d" "$work/out-loop/" >/dev/null
done
for s in "$work"/rpm/*/*.spec; do
    rpmbuild -bb --quiet --define "_topdir $work/rpmbuild" --define "_rpmdir $work/out-loop" \
        --define "_binary_payload w9.gzdio" "\$s" >/dev/null
done
LOOP
sh "$work/loop.sh"
debs=$(find "$work/out-loop" -name '*.deb' | wc -l); rpms=$(find "$work/out-loop" -name '*.rpm' | wc -l)
[ "$debs" = "$N" ] && [ "$rpms" = "$N" ] || { echo "build-bench: the loop made $debs .deb and $rpms .rpm, expected $N each" >&2; exit 1; }

# ---- timing -------------------------------------------------------------------------------
cd "$work"
hyperfine --style basic --runs "$RUNS" --warmup 1 --export-json "$work/times.json" \
    -n "repo-tools build ($N x deb+rpm, one process)" \
    "rm -rf $work/out-rt && $root/repo-tools/bin/repo-tools build -q --out $work/out-rt $work/src/appliance-packages/*/" \
    -n "loop: dpkg-deb -b + rpmbuild -bb ($N each)" \
    "sh $work/loop.sh" \
    -n "repo-tools --version (JVM start only)" \
    "$root/repo-tools/bin/repo-tools --version"
python3 - "$work/times.json" "$N" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
n = int(sys.argv[2])
ours, loop, start = (r["median"] for r in results)
cpu = [r["user"] + r["system"] for r in results]
print(f"\nmedian wall time: repo-tools {ours:.2f} s, loop {loop:.2f} s, JVM start {start:.2f} s")
print(f"mean CPU time (user + system): repo-tools {cpu[0]:.2f} s, loop {cpu[1]:.2f} s")
print(f"per package: repo-tools {(ours - start) / (2 * n) * 1000:.1f} ms after start-up, loop {loop / (2 * n) * 1000:.1f} ms")
print(f"ratio repo-tools / loop = {ours / loop:.3f} wall, {cpu[0] / cpu[1]:.3f} CPU (goal <= 0.5)")
PY
