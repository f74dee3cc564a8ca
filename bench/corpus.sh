#!/bin/sh
# Generates a corpus of N small packages for the publish benchmarks, once per folder:
#   DIR/debs/  N .deb files (dpkg-deb), one in ten an appliance (Provides: virtual-appliance, with a seed)
#   DIR/rpms/  N .rpm files (one rpmbuild of N subpackages), the same names, versions and appliances
#   DIR/extra/ one more .deb and one more .rpm: the package an add-one benchmark adds
# Usage: bench/corpus.sh N DIR     (needs dpkg-deb and rpmbuild; about 2 minutes for N=5000)
set -eu
n=${1:?usage: corpus.sh N DIR}
dir=${2:?usage: corpus.sh N DIR}
mkdir -p "$dir/debs" "$dir/rpms" "$dir/extra"

deb() { # deb INDEX OUTDIR
    i=$1
    name=bench-$i
    root=$(mktemp -d)
    mkdir -p "$root/DEBIAN" "$root/usr/share/doc/$name"
    extra=""
    if [ $((i % 10)) -eq 0 ]; then
        extra="Provides: virtual-appliance
Conflicts: virtual-appliance
Replaces: virtual-appliance
"
        mkdir -p "$root/usr/share/virtual-appliance/$name"
        printf '%s %s/title string Bench appliance %s\n' "$name" "$name" "$i" \
            > "$root/usr/share/virtual-appliance/$name/$name.seed"
    fi
    cat > "$root/DEBIAN/control" <<CONTROL
Package: $name
Version: 1.0.$i-1
Architecture: all
Maintainer: Bench Maintainer <bench@example.org>
Installed-Size: $((i % 400 + 8))
Depends: debconf (>= 0.5) | debconf-2.0, apache2 | nginx, php-fpm
${extra}Section: web
Priority: optional
Homepage: https://example.org/bench/$i
Description: benchmark package $i
 A small package for timing repository publishers. Its description is
 a few lines long, as most real packages' descriptions are.
CONTROL
    echo "Copyright $i, benchmark" > "$root/usr/share/doc/$name/copyright"
    dpkg-deb --root-owner-group -Zgzip -b "$root" "$2/${name}_1.0.$i-1_all.deb" >/dev/null
    rm -rf "$root"
}

rpms() { # rpms FIRST LAST OUTDIR
    top=$(mktemp -d)
    mkdir -p "$top/SPECS"
    spec="$top/SPECS/bench.spec"
    {
        printf 'Name: bench\nVersion: 1.0\nRelease: 1\nSummary: benchmark\nLicense: MIT\nBuildArch: noarch\n%%description\nbench\n'
        i=$1
        while [ "$i" -le "$2" ]; do
            printf '%%package -n bench-%s\nSummary: benchmark package %s\nVersion: 1.0.%s\nRequires: httpd\n' "$i" "$i" "$i"
            [ $((i % 10)) -eq 0 ] && printf 'Provides: virtual-appliance\nConflicts: virtual-appliance\n'
            printf '%%description -n bench-%s\nA small package for timing repository publishers.\n' "$i"
            i=$((i + 1))
        done
        printf '%%install\n'
        printf 'for i in $(seq %s %s); do mkdir -p %%{buildroot}/usr/share/doc/bench-$i; echo "Copyright $i" > %%{buildroot}/usr/share/doc/bench-$i/copyright; if [ $((i %% 10)) -eq 0 ]; then mkdir -p %%{buildroot}/usr/share/virtual-appliance/bench-$i; echo "bench-$i bench-$i/title string Bench appliance $i" > %%{buildroot}/usr/share/virtual-appliance/bench-$i/bench-$i.seed; fi; done\n' "$1" "$2"
        i=$1
        while [ "$i" -le "$2" ]; do
            printf '%%files -n bench-%s\n/usr/share/doc/bench-%s\n' "$i" "$i"
            [ $((i % 10)) -eq 0 ] && printf '/usr/share/virtual-appliance/bench-%s\n' "$i"
            i=$((i + 1))
        done
    } > "$spec"
    rpmbuild -bb --quiet --define "_topdir $top" --define "_binary_payload w9.gzdio" "$spec" >/dev/null 2>&1
    find "$top/RPMS" -name 'bench-*.rpm' -exec mv {} "$3/" \;
    rm -rf "$top"
}

have=$(find "$dir/debs" -name '*.deb' | wc -l)
if [ "$have" -lt "$n" ]; then
    i=$have
    while [ "$i" -lt "$n" ]; do
        (deb "$i" "$dir/debs") &
        j=$((i + 1))
        [ "$j" -lt "$n" ] && (deb "$j" "$dir/debs")
        wait
        i=$((i + 2))
    done
fi
[ -f "$dir/extra/bench-extra_1.0-1_all.deb" ] || { deb 999999 "$dir/extra" && mv "$dir/extra/bench-999999_1.0.999999-1_all.deb" "$dir/extra/bench-extra_1.0-1_all.deb"; }
if [ "$(find "$dir/rpms" -name '*.rpm' | wc -l)" -lt "$n" ]; then
    rpms 0 $((n - 1)) "$dir/rpms"
fi
if [ -z "$(find "$dir/extra" -name '*.rpm')" ]; then
    rpms 999999 999999 "$dir/extra"
fi
echo "corpus $dir: $(find "$dir/debs" -name '*.deb' | wc -l) debs ($(du -sh "$dir/debs" | cut -f1)), $(find "$dir/rpms" -name '*.rpm' | wc -l) rpms ($(du -sh "$dir/rpms" | cut -f1)), extra: $(ls "$dir/extra" | tr '\n' ' ')"
