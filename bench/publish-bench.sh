#!/usr/bin/env bash
# Benchmark of the APT publish (not a timed test): for each corpus size, times in the same run
#   ours      repo-tools publish (cold: a new repository; add-one: one package into a repository of N)
#   ours-hardlink   the same with --hardlink (inputs linked into the pool instead of copied)
#   ours-ed25519    the same with an Ed25519 key instead of RSA-4096
#   apt-ftparchive  packages + gzip -9n + xz -6 + release + gpg --clearsign + gpg -abs (cold: plain;
#                   add-one: with its --db cache, the pool already holding the new package)
#   reprepro  includedeb of every package + export (.gz, .xz) + signing; add-one: includedeb of one
#   aptly     repo add + publish (signed, -skip-contents); add-one: repo add one + publish update
# Medians of hyperfine runs, ratios to ours, peak RSS of one run each (/usr/bin/time -v), growth 1000→5000.
# All indexes hold one architecture (amd64), so every tool does the same work.
#   bench/publish-bench.sh [WORKDIR] [N...]      (default: /tmp/vatools-bench 1000 5000)
# Needs: repo-tools built (mvn -DskipTests package), dpkg-deb, rpmbuild, apt-utils, reprepro, aptly, gnupg,
# hyperfine, GNU time, python3.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/vatools-bench}
shift || true
sizes=${*:-1000 5000}
rt="$here/repo-tools/bin/repo-tools"
mkdir -p "$work"
work=$(cd "$work" && pwd)
results="$work/results"
mkdir -p "$results"
for tool in hyperfine apt-ftparchive reprepro aptly gpg xz /usr/bin/time python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool: run 'sh scripts/install-deps.sh test'" >&2; exit 4; }
done
[ -f "$here/repo-tools/target/repo-tools.jar" ] || (cd "$here" && mvn -B -q -o -DskipTests -pl repo-tools -am package)

# one key for every tool: ours reads the file, the others get it imported into a throwaway GnuPG home
if [ ! -f "$work/keys/signing-key.asc" ]; then
    "$rt" keygen -q --out "$work/keys" --name "Benchmark Archive" >/dev/null
fi
if [ ! -f "$work/keys-ed25519/signing-key.asc" ]; then
    "$rt" keygen -q --out "$work/keys-ed25519" --algorithm ed25519 --name "Benchmark Archive" >/dev/null
fi
# the tool under test runs from a copy, so rebuilding the checkout meanwhile cannot disturb a run
rm -rf "$work/tool" && mkdir -p "$work/tool/bin" && cp "$rt" "$work/tool/bin/" \
    && cp -r "$here/repo-tools/target" "$work/tool/target"
rt="$work/tool/bin/repo-tools"
export GNUPGHOME="$work/gnupg"
if [ ! -d "$GNUPGHOME" ]; then
    mkdir -m 700 "$GNUPGHOME"
    gpg --batch --quiet --import "$work/keys/signing-key.asc"
fi
fpr=$(gpg --with-colons --list-secret-keys | awk -F: '/^fpr/{print $10; exit}')
trap 'gpgconf --homedir "$GNUPGHOME" --kill all || true' EXIT

write_scripts() { # write_scripts N CORPUS
    local n=$1 c=$2 d="$work/s$n"
    mkdir -p "$d"
    # apt-ftparchive: the pipeline FACTS.md measured; run inside a folder whose pool/ is the corpus
    cat > "$d/aft.sh" <<AFT
set -e
cd "\$1"
mkdir -p dists/stable/main/binary-amd64
apt-ftparchive \${AFT_DB:+--db "\$AFT_DB"} packages pool > dists/stable/main/binary-amd64/Packages
gzip -9n -k -f dists/stable/main/binary-amd64/Packages
xz -6 -k -f dists/stable/main/binary-amd64/Packages
apt-ftparchive -o APT::FTPArchive::Release::Suite=stable -o APT::FTPArchive::Release::Architectures=amd64 \
    -o APT::FTPArchive::Release::Components=main -o APT::FTPArchive::Release::Acquire-By-Hash=yes \
    release dists/stable > Release.new && mv Release.new dists/stable/Release
gpg --batch --yes -u $fpr --clearsign -o dists/stable/InRelease dists/stable/Release
gpg --batch --yes -u $fpr -abs -o dists/stable/Release.gpg dists/stable/Release
AFT
    cat > "$d/reprepro-conf" <<REP
Codename: stable
Architectures: amd64
Components: main
DebIndices: Packages Release . .gz .xz
SignWith: $fpr
REP
    cat > "$d/aptly.conf" <<APTLY
{"rootDir": "$work/aptly-root", "gpgDisableSign": false, "gpgDisableVerify": true, "gpgProvider": "gpg",
 "skipContentsPublishing": true, "architectures": ["amd64"]}
APTLY
}

median() { python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results']; [print(x['command'], sorted(x['times'])[len(x['times'])//2], min(x['times']), max(x['times']), len(x['times'])) for x in r]" "$1"; }

rss() { # rss LABEL PREPARE COMMAND: peak RSS of one run in KiB
    bash -c "$2" >/dev/null 2>&1
    /usr/bin/time -f "%M" -o "$results/rss.tmp" bash -c "$3" >/dev/null 2>&1 || true
    echo "$1 $(tail -1 "$results/rss.tmp")" >> "$results/rss-$n.txt"
}

for n in $sizes; do
    c="$work/c$n"
    sh "$here/bench/corpus.sh" "$n" "$c"
    write_scripts "$n" "$c"
    d="$work/s$n"
    extra_deb=$(ls "$c"/extra/*.deb)
    runs=5
    [ "$n" -ge 5000 ] && runs=3
    : > "$results/rss-$n.txt"

    # cold publishes
    ours_cold="$rt publish -q --repo $work/ours --key $work/keys/signing-key.asc --architectures amd64 $c/debs"
    ours_cold_link="$rt publish -q --repo $work/ours --key $work/keys/signing-key.asc --architectures amd64 --hardlink $c/debs"
    ours_cold_ed="$rt publish -q --repo $work/ours --key $work/keys-ed25519/signing-key.asc --architectures amd64 $c/debs"
    aft_prep="rm -rf $work/aft && mkdir -p $work/aft && ln -s $c/debs $work/aft/pool"
    aft_cold="bash $d/aft.sh $work/aft"
    rep_prep="rm -rf $work/rep && mkdir -p $work/rep/conf && cp $d/reprepro-conf $work/rep/conf/distributions"
    rep_cold="reprepro -s -b $work/rep includedeb stable $c/debs/*.deb"
    aptly_prep="rm -rf $work/aptly-root && aptly -config=$d/aptly.conf repo create -distribution=stable -component=main bench >/dev/null"
    aptly_cold="aptly -config=$d/aptly.conf repo add bench $c/debs >/dev/null 2>&1 && aptly -config=$d/aptly.conf publish repo -batch -gpg-key=$fpr -architectures=amd64 -skip-contents bench >/dev/null"
    hyperfine --style basic --runs "$runs" --export-json "$results/cold-$n.json" \
        --setup "sync" \
        --prepare "rm -rf $work/ours" -n ours "$ours_cold" \
        --prepare "rm -rf $work/ours" -n ours-hardlink "$ours_cold_link" \
        --prepare "rm -rf $work/ours" -n ours-ed25519 "$ours_cold_ed" \
        --prepare "$aft_prep" -n apt-ftparchive "$aft_cold" \
        --prepare "$rep_prep" -n reprepro "$rep_cold" \
        --prepare "$aptly_prep" -n aptly "$aptly_cold" > "$results/cold-$n.log" 2>&1
    rss cold-ours "rm -rf $work/ours" "$ours_cold"
    rss cold-ours-hardlink "rm -rf $work/ours" "$ours_cold_link"
    rss cold-ours-ed25519 "rm -rf $work/ours" "$ours_cold_ed"
    rss cold-apt-ftparchive "$aft_prep" "$aft_cold"
    rss cold-reprepro "$rep_prep" "$rep_cold"
    rss cold-aptly "$aptly_prep" "$aptly_cold"

    # bases for add-one: each tool's repository of N, made once
    rm -rf "$work/base-ours" && $rt publish -q --repo "$work/base-ours" --key "$work/keys/signing-key.asc" --architectures amd64 "$c/debs"
    rm -rf "$work/base-aft" && mkdir -p "$work/base-aft/pool" && cp -l "$c"/debs/*.deb "$work/base-aft/pool/" \
        && AFT_DB="$work/base-aft/cache.db" bash "$d/aft.sh" "$work/base-aft" && cp -l "$extra_deb" "$work/base-aft/pool/"
    bash -c "$rep_prep" && bash -c "$rep_cold" && rm -rf "$work/base-rep" && mv "$work/rep" "$work/base-rep"
    bash -c "$aptly_prep" && bash -c "$aptly_cold" && rm -rf "$work/base-aptly" && mv "$work/aptly-root" "$work/base-aptly"

    ours_add="$rt publish -q --repo $work/ours --key $work/keys/signing-key.asc $extra_deb"
    ours_add_ed="$rt publish -q --repo $work/ours --key $work/keys-ed25519/signing-key.asc $extra_deb"
    aft_add="env AFT_DB=$work/aft/cache.db bash $d/aft.sh $work/aft"
    rep_add="reprepro -s -b $work/rep includedeb stable $extra_deb"
    aptly_add="aptly -config=$d/aptly.conf repo add bench $extra_deb >/dev/null 2>&1 && aptly -config=$d/aptly.conf publish update -batch -gpg-key=$fpr -skip-contents stable >/dev/null"
    hyperfine --style basic --runs "$runs" --export-json "$results/add-$n.json" \
        --prepare "rm -rf $work/ours && cp -a $work/base-ours $work/ours && sync" -n ours "$ours_add" \
        --prepare "rm -rf $work/ours && cp -a $work/base-ours $work/ours && sync" -n ours-ed25519 "$ours_add_ed" \
        --prepare "rm -rf $work/aft && cp -a $work/base-aft $work/aft && sync" -n apt-ftparchive "$aft_add" \
        --prepare "rm -rf $work/rep && cp -a $work/base-rep $work/rep && sync" -n reprepro "$rep_add" \
        --prepare "rm -rf $work/aptly-root && cp -a $work/base-aptly $work/aptly-root && sync" -n aptly "$aptly_add" \
        > "$results/add-$n.log" 2>&1
    rss add-ours "rm -rf $work/ours && cp -a $work/base-ours $work/ours" "$ours_add"
    rss add-ours-ed25519 "rm -rf $work/ours && cp -a $work/base-ours $work/ours" "$ours_add_ed"
    rss add-apt-ftparchive "rm -rf $work/aft && cp -a $work/base-aft $work/aft" "$aft_add"
    rss add-reprepro "rm -rf $work/rep && cp -a $work/base-rep $work/rep" "$rep_add"
    rss add-aptly "rm -rf $work/aptly-root && cp -a $work/base-aptly $work/aptly-root" "$aptly_add"
    # what the indexes weigh
    du -b "$work/base-ours/apt/dists/stable/main/binary-amd64/Packages"* "$work/base-aft/dists/stable/main/binary-amd64/Packages"* \
        > "$results/sizes-$n.txt"
done

python3 - "$results" $sizes <<'PY'
import json, sys
res, sizes = sys.argv[1], sys.argv[2:]
def load(kind, n):
    r = json.load(open(f"{res}/{kind}-{n}.json"))["results"]
    return {x["command"]: sorted(x["times"])[len(x["times"]) // 2] for x in r}
def rss(n):
    d = {}
    for line in open(f"{res}/rss-{n}.txt"):
        k, v = line.split()
        d[k] = int(v) // 1024
    return d
for kind, title in (("cold", "cold publish of N packages"), ("add", "add one package to N and publish")):
    print(f"\n{title} (median seconds; ratio = ours / tool; peak RSS MiB)")
    print("| tool | " + " | ".join(f"N={n}" for n in sizes) + " | growth |")
    print("|---|" + "---|" * (len(sizes) + 1))
    data = {n: load(kind, n) for n in sizes}
    mem = {n: rss(n) for n in sizes}
    for tool in data[sizes[0]]:
        cells = []
        for n in sizes:
            t = data[n][tool]
            ours = data[n]["ours"]
            m = mem[n].get(f"{kind}-{tool}", 0)
            cells.append(f"{t:.2f} s (ours/tool {ours / t:.2f}, {m} MiB)")
        growth = data[sizes[-1]][tool] / data[sizes[0]][tool] if len(sizes) > 1 else 1
        print(f"| {tool} | " + " | ".join(cells) + f" | {growth:.1f}x |")
PY
echo "raw results: $results"
