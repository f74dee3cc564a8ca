#!/bin/sh
# Benchmark of the YUM publisher (not a timed test): for a corpus of N small rpms it times, in the
# same run and on the same files,
#   - our YUM metadata (read, SHA-256, primary/filelists/other, gzip, repomd) vs createrepo_c with
#     and without --no-database,
#   - a complete cold publish (read, re-sign every rpm, repodata, repomd.xml.asc, switch) with an
#     Ed25519 and an RSA-4096 key,
#   - adding one rpm to the published N vs createrepo_c --update (with and without --no-database),
#   - the signing cost per rpm (one header signature, one thread) for both key types,
# and prints medians, ratios and peak RSS (one extra run each under /usr/bin/time).
#   bench/yum-bench.sh [N...] [-- WORKDIR]      e.g.  bench/yum-bench.sh 1000 5000
# The corpus comes from bench/corpus.sh when the tree has it (shared with the APT benchmark), else
# from the same generator here (one rpmbuild of N subpackages, one in ten an appliance with a seed).
# Needs: rpmbuild, createrepo_c, hyperfine, GNU time, python3, Maven (builds repo-tools offline).
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
sizes=""
work=""
while [ $# -gt 0 ]; do
    case $1 in
        --) shift; work=${1:-}; break ;;
        *) sizes="$sizes $1" ;;
    esac
    shift
done
sizes=${sizes:-1000 5000}
work=${work:-$(mktemp -d /tmp/yum-bench.XXXXXX)}
runs=${RUNS:-5}
mkdir -p "$work"
for tool in rpmbuild createrepo_c hyperfine python3; do
    command -v "$tool" >/dev/null || { echo "yum-bench: $tool is missing; run 'sh scripts/install-deps.sh test'" >&2; exit 4; }
done
[ -x /usr/bin/time ] || { echo "yum-bench: /usr/bin/time is missing (package 'time')" >&2; exit 4; }

(cd "$here" && mvn -B -q -o -pl repo-tools -am -DskipTests package test-compile dependency:build-classpath \
    -Dmdep.outputFile="$here/repo-tools/target/bench-classpath.txt" -Dmdep.includeScope=test)
cp="$(cat "$here/repo-tools/target/bench-classpath.txt"):$here/repo-tools/target/classes:$here/repo-tools/target/test-classes"
# the launcher's flags (bin/repo-tools, with the -Xms16m the APT publisher's branch adds: a 24 GB host would
# otherwise start with a 375 MB heap and the RSS would show that, not what the publish needs)
java="java -XX:+UseSerialGC -Xshare:auto -Xms16m -cp $cp"
bench="$java org.vatools.repotools.publish.yum.YumPublishBenchmark"

rpm_corpus() { # N DIR: DIR/rpms (N rpms) and DIR/extra (one more)
    mkdir -p "$2/rpms" "$2/extra"
    gen() { # FIRST LAST OUT
        top=$(mktemp -d)
        mkdir -p "$top/SPECS"
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
        } > "$top/SPECS/bench.spec"
        rpmbuild -bb --quiet --define "_topdir $top" --define "_binary_payload w9.gzdio" "$top/SPECS/bench.spec" >/dev/null 2>&1
        find "$top/RPMS" -name 'bench-*.rpm' -exec mv {} "$3/" \;
        rm -rf "$top"
    }
    [ "$(find "$2/rpms" -name '*.rpm' | wc -l)" -ge "$1" ] || gen 0 $(($1 - 1)) "$2/rpms"
    [ -n "$(find "$2/extra" -name '*.rpm')" ] || gen 999999 999999 "$2/extra"
}

keys="$work/keys"
for alg in ed25519 rsa4096; do
    [ -f "$keys/$alg/signing-key.asc" ] || "$here/repo-tools/bin/repo-tools" keygen -q --out "$keys/$alg" --algorithm "$alg" >/dev/null
done
sde=$(($(date +%s) + 5))

median() { python3 -c 'import json,sys; print("%.3f" % json.load(open(sys.argv[1]))["results"][0]["median"])' "$1"; }
rss() { # peak RSS in MiB of one run of "$@"
    /usr/bin/time -f '%M' -o "$work/rss" "$@" >/dev/null 2>&1
    echo $(( $(cat "$work/rss") / 1024 ))
}
time_it() { # NAME PREPARE COMMAND RUNS: median seconds into $work/NAME.median
    hyperfine -N --style none --warmup 1 --runs "$4" --prepare "$2" --export-json "$work/$1.json" "$3" >/dev/null
    median "$work/$1.json" > "$work/$1.median"
}

echo "| job | N | median s | peak RSS MiB |"
echo "|---|---:|---:|---:|"
for n in $sizes; do
    c="$work/corpus-$n"
    if [ -x "$here/bench/corpus.sh" ] || [ -f "$here/bench/corpus.sh" ]; then
        sh "$here/bench/corpus.sh" "$n" "$c" >/dev/null
    else
        rpm_corpus "$n" "$c"
    fi
    extra=$(find "$c/extra" -name '*.rpm' | head -1)
    cr="$work/cr-$n"
    rm -rf "$cr" && mkdir -p "$cr/packages" && ln "$c"/rpms/*.rpm "$cr/packages/"

    time_it "cr-nodb-$n" "rm -rf $cr/repodata" "createrepo_c --no-database -q $cr" "$runs"
    r1=$(rss createrepo_c --no-database -q "$cr")
    time_it "cr-db-$n" "rm -rf $cr/repodata" "createrepo_c -q $cr" "$runs"
    r2=$(rss createrepo_c -q "$cr")
    out="$work/meta-$n"
    time_it "meta-$n" "rm -rf $out" "$bench metadata $out $c/rpms" "$runs"
    rm -rf "$out"; r3=$(rss $bench metadata "$out" "$c/rpms")
    repo="$work/repo-$n"
    for alg in ed25519 rsa4096; do
        k="$keys/$alg/signing-key.asc"
        r=$runs; [ "$alg" = rsa4096 ] && r=3
        time_it "pub-$alg-$n" "rm -rf $repo" "$bench publish $k $repo $sde $c/rpms" "$r"
        rm -rf "$repo"; eval "r_$alg=\$(rss $bench publish $k $repo $sde $c/rpms)"
    done
    # add one: a published repository of N (Ed25519) restored before each run
    base="$work/base-$n"
    rm -rf "$base" "$repo" && $bench publish "$keys/ed25519/signing-key.asc" "$base" "$sde" "$c/rpms" 2>/dev/null
    time_it "add-$n" "sh -c 'rm -rf $repo && cp -a $base $repo'" "$bench publish $keys/ed25519/signing-key.asc $repo $((sde + 60)) $extra" "$runs"
    rm -rf "$repo" && cp -a "$base" "$repo"; r4=$(rss $bench publish "$keys/ed25519/signing-key.asc" "$repo" $((sde + 60)) "$extra")
    crbase="$work/crbase-$n"; cru="$work/cru-$n"
    rm -rf "$crbase" && cp -a "$cr" "$crbase" && createrepo_c -q --no-database "$crbase"
    time_it "cru-nodb-$n" "sh -c 'rm -rf $cru && cp -a $crbase $cru && cp $extra $cru/packages/'" "createrepo_c -q --update --no-database $cru" "$runs"
    rm -rf "$cru" && cp -a "$crbase" "$cru" && cp "$extra" "$cru/packages/"; r5=$(rss createrepo_c -q --update --no-database "$cru")
    rm -rf "$crbase" && cp -a "$cr" "$crbase" && createrepo_c -q "$crbase"
    time_it "cru-db-$n" "sh -c 'rm -rf $cru && cp -a $crbase $cru && cp $extra $cru/packages/'" "createrepo_c -q --update $cru" "$runs"
    rm -rf "$cru" && cp -a "$crbase" "$cru" && cp "$extra" "$cru/packages/"; r6=$(rss createrepo_c -q --update "$cru")

    echo "| createrepo_c --no-database | $n | $(cat "$work/cr-nodb-$n.median") | $r1 |"
    echo "| createrepo_c (sqlite too) | $n | $(cat "$work/cr-db-$n.median") | $r2 |"
    echo "| our YUM metadata (read, SHA-256, XML, gzip; no signing) | $n | $(cat "$work/meta-$n.median") | $r3 |"
    echo "| our cold publish, Ed25519 (re-sign all, repodata, .asc, switch) | $n | $(cat "$work/pub-ed25519-$n.median") | $r_ed25519 |"
    echo "| our cold publish, RSA-4096 | $n | $(cat "$work/pub-rsa4096-$n.median") | $r_rsa4096 |"
    echo "| our add one to N (Ed25519) | $n | $(cat "$work/add-$n.median") | $r4 |"
    echo "| createrepo_c --update --no-database, one added | $n | $(cat "$work/cru-nodb-$n.median") | $r5 |"
    echo "| createrepo_c --update (sqlite too), one added | $n | $(cat "$work/cru-db-$n.median") | $r6 |"
    python3 - "$work" "$n" <<'PY'
import sys
w, n = sys.argv[1], sys.argv[2]
m = lambda k: float(open(f"{w}/{k}-{n}.median").read())
print(f"| ratio: our metadata / createrepo_c --no-database | {n} | {m('meta') / m('cr-nodb'):.2f} | |")
print(f"| ratio: our metadata / createrepo_c | {n} | {m('meta') / m('cr-db'):.2f} | |")
print(f"| ratio: our add one / createrepo_c --update --no-database | {n} | {m('add') / m('cru-nodb'):.2f} | |")
PY
done
for alg in ed25519 rsa4096; do
    count=2000; [ "$alg" = rsa4096 ] && count=200
    $bench sign "$keys/$alg/signing-key.asc" "$count"
done
# for reference: rpmsign (gpg, RSA-4096) adding a signature to 50 of the rpms
if command -v rpmsign >/dev/null && command -v gpg >/dev/null; then
    g="$work/gnupg"; rm -rf "$g" "$work/rpmsign"; mkdir -m 700 "$g"; mkdir "$work/rpmsign"
    GNUPGHOME=$g gpg --batch --passphrase '' --quick-gen-key 'Bench <bench@example.org>' rsa4096 sign never 2>/dev/null
    set -- $(find "$c/rpms" -name '*.rpm' | sort | head -50)
    cp "$@" "$work/rpmsign/"
    start=$(date +%s%N)
    GNUPGHOME=$g rpmsign --define "_gpg_name Bench" --define "__gpg /usr/bin/gpg" --define "_gpg_path $g" \
        --addsign "$work"/rpmsign/*.rpm >/dev/null 2>&1
    end=$(date +%s%N)
    echo "rpmsign --addsign (gpg, rsa4096): 50 rpms in $(( (end - start) / 1000000 )) ms = $(( (end - start) / 50000000 )) ms per rpm"
    gpgconf --homedir "$g" --kill gpg-agent
fi
echo "work folder: $work"
