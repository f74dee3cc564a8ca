#!/bin/sh
# Micro-benchmark of the .deb and .rpm readers (not a timed test): builds a corpus of N small
# packages with dpkg-deb and rpmbuild, then times reading all of them in one JVM.
#   [DEB_COMPRESSION=gzip|xz|zstd] bench/package-readers.sh [N] [WORKDIR]
# Needs: dpkg-deb, rpmbuild, hyperfine, Maven (the core module is compiled offline first).
set -eu
n=${1:-1000}
work=${2:-$(mktemp -d)}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work/debs" "$work/rpms"

if [ "$(ls "$work/debs" | wc -l)" -lt "$n" ]; then
    i=0
    while [ "$i" -lt "$n" ]; do
        root="$work/root-$i"
        mkdir -p "$root/DEBIAN" "$root/usr/share/virtual-appliance/bench-$i" "$root/usr/share/doc/bench-$i"
        printf 'Package: bench-%s\nVersion: 1.0.%s-1\nArchitecture: all\nMaintainer: Bench <bench@example.org>\nDepends: debconf, apache2 | nginx\nDescription: benchmark package %s\n A small package for timing the readers.\n' "$i" "$i" "$i" > "$root/DEBIAN/control"
        echo "bench-$i bench-$i/title string Bench $i" > "$root/usr/share/virtual-appliance/bench-$i/bench-$i.seed"
        echo "name: bench-$i" > "$root/usr/share/virtual-appliance/bench-$i/appliance.yaml"
        echo "copyright $i" > "$root/usr/share/doc/bench-$i/copyright"
        dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" -b "$root" "$work/debs/bench-${i}_1.0.$i-1_all.deb" >/dev/null
        rm -rf "$root"
        i=$((i + 1))
    done
fi

if [ "$(ls "$work/rpms" | wc -l)" -lt "$n" ]; then
    top="$work/rpmtop"
    mkdir -p "$top/SPECS"
    spec="$top/SPECS/bench.spec"
    {
        printf 'Name: bench\nVersion: 1.0\nRelease: 1\nSummary: benchmark\nLicense: MIT\nBuildArch: noarch\n%%description\nbench\n'
        i=0
        while [ "$i" -lt "$n" ]; do
            printf '%%package -n bench-%s\nSummary: benchmark package %s\nRequires: httpd\nProvides: virtual-appliance\n%%description -n bench-%s\nA small package for timing the readers.\n' "$i" "$i" "$i"
            i=$((i + 1))
        done
        printf '%%install\n'
        printf 'for i in $(seq 0 %s); do mkdir -p %%{buildroot}/usr/share/virtual-appliance/bench-$i; echo "bench-$i bench-$i/title string Bench $i" > %%{buildroot}/usr/share/virtual-appliance/bench-$i/bench-$i.seed; echo "name: bench-$i" > %%{buildroot}/usr/share/virtual-appliance/bench-$i/appliance.yaml; done\n' "$((n - 1))"
        i=0
        while [ "$i" -lt "$n" ]; do
            printf '%%files -n bench-%s\n/usr/share/virtual-appliance/bench-%s\n' "$i" "$i"
            i=$((i + 1))
        done
    } > "$spec"
    rpmbuild -bb --quiet --define "_topdir $top" --define "_binary_payload w9.gzdio" "$spec" >/dev/null
    find "$top/RPMS" -name 'bench-*.rpm' -exec mv {} "$work/rpms/" \;
fi

(cd "$here" && mvn -B -q -o -pl core -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$here/core/target/bench-classpath.txt" -Dmdep.includeScope=runtime)
cp=$(cat "$here/core/target/bench-classpath.txt"):$here/core/target/classes:$here/core/target/test-classes
echo "corpus: $(ls "$work/debs" | wc -l) debs ($(du -sh "$work/debs" | cut -f1)), $(ls "$work/rpms" | wc -l) rpms ($(du -sh "$work/rpms" | cut -f1))"
for mode in index extract list; do
    java -cp "$cp" org.vatools.core.pkg.ReadBenchmark "$mode" 5 "$work/debs" "$work/rpms"
done
hyperfine --warmup 1 --runs 10 \
    "java -cp $cp org.vatools.core.pkg.ReadBenchmark index 1 $work/debs" \
    "java -cp $cp org.vatools.core.pkg.ReadBenchmark index 1 $work/rpms" \
    "java -cp $cp org.vatools.core.pkg.ReadBenchmark extract 1 $work/debs" \
    "java -cp $cp org.vatools.core.pkg.ReadBenchmark extract 1 $work/rpms"
