#!/usr/bin/env bash
# The steps of the ferret GitHub Action (action.yml), one subcommand each. Inputs arrive as
# FERRET_* environment variables; results go to $GITHUB_OUTPUT and $GITHUB_PATH as the runner
# expects. tests/action.rs runs every step offline with a fake GITHUB_* environment.
set -euo pipefail

action_dir="${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/../.." && pwd)}"

# macOS runners have `shasum`, Linux and Windows (Git Bash) runners `sha256sum`.
sha256() {
    if command -v sha256sum >/dev/null; then sha256sum "$@"; else shasum -a 256 "$@"; fi
}

output() { # name value
    printf '%s=%s\n' "$1" "$2" >>"$GITHUB_OUTPUT"
}

fail() {
    printf '::error title=ferret action::%s\n' "$1"
    exit 2
}

# What to install and the cache key for it: the action's own source tree, keyed on a hash of
# what `cargo install` builds from; or `ref` of a git repository, keyed on the commit it names.
step_key() {
    local source rev id
    if [[ -z "${FERRET_REF:-}" ]]; then
        source="$action_dir"
        rev=""
        id=$(cd "$action_dir" &&
            find Cargo.toml Cargo.lock src rules -type f -print0 | LC_ALL=C sort -z |
            while IFS= read -r -d '' file; do sha256 "$file"; done | sha256 | cut -c1-16)
    else
        source="${FERRET_REPOSITORY:-}"
        if [[ -z "$source" ]]; then
            [[ -n "${FERRET_ACTION_REPOSITORY:-}" ]] ||
                fail "set the \`repository\` input: this runner does not say where the action came from"
            source="${FERRET_SERVER_URL:-https://github.com}/$FERRET_ACTION_REPOSITORY"
        fi
        if [[ "$FERRET_REF" =~ ^[0-9a-f]{40}$ ]]; then
            rev="$FERRET_REF"
        else
            # A tag or branch moves; the cache must follow the commit it names today.
            rev=$(git ls-remote "$source" "$FERRET_REF" "$FERRET_REF^{}" | tail -n1 | cut -f1)
            [[ -n "$rev" ]] || fail "no ref \`$FERRET_REF\` in $source"
        fi
        id="$rev"
    fi
    output key "ferret-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-$id"
    output root "${RUNNER_TEMP:-/tmp}/ferret-install"
    output source "$source"
    output rev "$rev"
}

# `cargo install --locked` into the cached root, unless the cache already restored it.
step_install() {
    local root="$FERRET_ROOT"
    if [[ -x "$root/bin/ferret" ]]; then
        echo "ferret: restored from the cache: $("$root/bin/ferret" --version)"
    elif [[ -z "${FERRET_REV:-}" ]]; then
        cargo install --locked --root "$root" --path "$FERRET_SOURCE"
    else
        cargo install --locked --root "$root" --git "$FERRET_SOURCE" --rev "$FERRET_REV" ferret
    fi
    echo "$root/bin" >>"$GITHUB_PATH"
}

# Runs ferret; never fails on findings here, so the SARIF upload still runs (see `finish`).
step_scan() {
    local format="${FERRET_FORMAT:-github}" args=() code=0
    # Split the `args` input on whitespace, without glob expansion.
    set -f
    # shellcheck disable=SC2206
    args=(${FERRET_ARGS:-})
    set +f
    if [[ "$format" == sarif ]]; then
        local sarif="${FERRET_SARIF_FILE:-ferret.sarif}"
        ferret --format sarif --output "$sarif" "${args[@]}" || code=$?
        if [[ -f "$sarif" ]]; then
            output sarif-file "$(cd "$(dirname "$sarif")" && pwd)/$(basename "$sarif")"
        fi
    else
        ferret --format "$format" "${args[@]}" || code=$?
    fi
    output exit-code "$code"
    if ((code > 1)); then
        fail "ferret exited with $code (usage or configuration error, see above)"
    fi
}

# Fails the job on findings (exit 1) unless `fail-on-findings` is false.
step_finish() {
    local code="${FERRET_EXIT_CODE:-}"
    [[ -n "$code" ]] || fail "ferret did not run"
    if ((code != 0)) && [[ "${FERRET_FAIL_ON_FINDINGS:-true}" == true ]]; then
        echo "ferret: findings at or above --fail-on (exit $code)"
        exit "$code"
    fi
}

case "${1:-}" in
key) step_key ;;
install) step_install ;;
scan) step_scan ;;
finish) step_finish ;;
*)
    echo "usage: $0 key|install|scan|finish" >&2
    exit 2
    ;;
esac
