#!/usr/bin/env bash
# Re-scan timings on one corpus, in one hyperfine run: ripgrep searching the five design-card
# patterns (the floor), ferret with a warm cache and nothing changed, ferret after touching one
# file, and cold scans with --jobs 1 and --jobs 2.
# usage: benches/rescan.sh FERRET_BINARY CORPUS_DIR [RUNS]
set -euo pipefail
ferret=$(realpath "$1"); corpus=$(realpath "$2"); runs=${3:-5}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
command -v rg >/dev/null || { apt-get update -qq && apt-get install -y -qq ripgrep >/dev/null; }
rules=allow-attribute,unwrap-or-default,map-err-discard,unbounded-channel,sql-interpolation
cache=$(mktemp -d)
touched=$(find "$corpus" -name '*.rs' | sort | sed -n 1p)
scan="$ferret --rules $rules --include-tests --format json --cache-dir $cache $corpus"
$scan >/dev/null || true   # warm the cache
out=$(mktemp -d)
hyperfine -N --warmup 1 --runs "$runs" --ignore-failure --export-json "$out/t.json" \
  -n ripgrep "rg -c -e '#!?\[allow\(' -e 'unwrap_or_default\(\)' -e 'map_err\(\|_' -e 'unbounded' -e 'format!\(' --type rust $corpus" \
  -n warm "$scan" \
  -n touch-one --prepare "touch $touched" "$scan" \
  -n jobs-1 "$ferret --rules $rules --include-tests --no-cache --format json --jobs 1 $corpus" \
  -n jobs-2 "$ferret --rules $rules --include-tests --no-cache --format json --jobs 2 $corpus" >/dev/null
python3 - "$out/t.json" <<'PY'
import json, sys
r = {x['command']: x['median'] for x in json.load(open(sys.argv[1]))['results']}
for k, v in r.items():
    print(f"{k:10s} median {v:.3f} s")
print(f"ratio warm/ripgrep {r['warm']/r['ripgrep']:.1f}")
print(f"ratio jobs-1/jobs-2 {r['jobs-1']/r['jobs-2']:.2f}")
PY
rm -rf "$out" "$cache"
