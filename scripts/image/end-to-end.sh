#!/usr/bin/env bash
# The end-to-end half of scripts/check-image.sh: starts the image's own command from its
# mounted root and talks to it over HTTP, once with SQLite (the image's default) and once with
# PostgreSQL when this machine has it installed (compose.yaml's `folio-postgres`). Run it only
# through check-image.sh, which starts it in fresh mount, network and PID namespaces
# (`unshare`), so every mount made here, the loopback ports and any process left behind vanish
# when it exits.
#
# Usage: end-to-end.sh IMAGE_ROOT INSPECT_JSON WORK_DIR
set -euo pipefail

image_root=$1
inspect_json=$2
work=$3
here="$(cd "$(dirname "$0")" && pwd)"
url=http://127.0.0.1:8000
log=/dev/null

pass() { printf '  ok    %s\n' "$*"; }
info() { printf '  info  %s\n' "$*"; }
fail() {
    printf '  FAIL  %s\n' "$*" >&2
    if [ -s "$log" ]; then
        echo "  --- last lines of $log ---" >&2
        tail -n 40 "$log" | sed 's/^/  | /' >&2
    fi
    exit 1
}

# The container's view: the image read-only (like `--read-only`: nothing may write outside
# /data and /tmp), a tmpfs /tmp, a minimal /dev, and (per pass) a fresh volume on /data.
ip link set lo up
root="$work/root"
mkdir -p "$root"
mount --bind "$image_root" "$root"
mount -o remount,bind,ro "$root"
mount -t proc proc "$root/proc"
mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
mount -t tmpfs -o mode=755,nosuid tmpfs "$root/dev"
for node in null zero full random urandom tty; do
    touch "$root/dev/$node"
    mount --bind "/dev/$node" "$root/dev/$node"
done
mkdir "$root/dev/shm" && mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"

jq '.Config' "$inspect_json" > "$work/config.json"
env_args=()  # `-e NAME=VALUE` of the current pass, for the server and `exec`ed commands alike
in_image() {
    python3 "$here/run_in_root.py" --root "$root" --config "$work/config.json" "${env_args[@]}" "$@"
}

# One container's life: fresh volume, start, health, CLI, API, clean stop.
exercise() {
    local name=$1 data="$work/data-$1"
    log="$work/server-$name.log"
    mkdir "$data"
    chown --reference="$image_root/data" "$data"
    chmod --reference="$image_root/data" "$data"
    mount --bind "$data" "$root/data"

    # The image's own command (Entrypoint + Cmd), as `docker run IMAGE` would start it.
    local started=$SECONDS
    python3 "$here/run_in_root.py" --root "$root" --config "$work/config.json" "${env_args[@]}" \
        > "$log" 2>&1 &
    local server=$!  # run_in_root.py execs the image's command: this is the server's own PID
    until curl -fsS -o "$work/healthz.json" "$url/healthz" 2> /dev/null; do
        kill -0 "$server" 2> /dev/null || fail "the server exited before /healthz answered"
        [ $((SECONDS - started)) -lt 90 ] || fail "/healthz did not answer within 90 s"
        sleep 0.5
    done
    [ "$(jq -r .status "$work/healthz.json")" = ok ] || fail "/healthz said $(cat "$work/healthz.json")"
    pass "the image's command serves /healthz after $((SECONDS - started)) s: $(jq -c . "$work/healthz.json")"

    # The image's HEALTHCHECK command, run inside the image as a runtime would.
    local check
    mapfile -t check < <(jq -r '.Healthcheck.Test[]' "$inspect_json")
    case "${check[0]}" in
        CMD) check=("${check[@]:1}") ;;
        CMD-SHELL) check=(/bin/sh -c "${check[1]}") ;;
        *) fail "unexpected HEALTHCHECK form: ${check[*]}" ;;
    esac
    in_image -- "${check[@]}" || fail "the HEALTHCHECK command failed against a running server"
    pass "the HEALTHCHECK command succeeds inside the image"

    # A first user and a token with the image's CLI (`docker compose exec folio folio ...`).
    printf 'check-image-password\n' | in_image -- folio user create checker --password-stdin \
        > "$work/user.out" 2>&1 || { log="$work/user.out"; fail "folio user create"; }
    pass "folio user create checker --password-stdin"
    in_image -- folio token create checker > "$work/token.out" 2> "$work/token.err" \
        || { log="$work/token.err"; fail "folio token create"; }
    local token
    token=$(grep -v '^[[:space:]]*$' "$work/token.out" | tail -n 1 | tr -d '[:space:]')
    [ -n "$token" ] || fail "folio token create printed no token"
    pass "folio token create checker printed a token"

    # The API: refused without the token, an article with it.
    jq -n --rawfile html "$here/article.html" \
        '{url: "https://example.org/2024/lighthouse-keepers", html: $html}' > "$work/extract.json"
    local status title words
    status=$(curl -sS -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' \
        --data @"$work/extract.json" "$url/api/v1/extract")
    [ "$status" = 401 ] || fail "POST /api/v1/extract without a token answered $status, not 401"
    pass "POST /api/v1/extract without a token: 401"
    status=$(curl -sS -o "$work/article.json" -w '%{http_code}' -H 'Content-Type: application/json' \
        -H "Authorization: Bearer $token" --data @"$work/extract.json" "$url/api/v1/extract")
    [ "$status" = 200 ] || fail "POST /api/v1/extract answered $status: $(head -c 400 "$work/article.json")"
    title=$(jq -r .title "$work/article.json")
    words=$(jq -r .word_count "$work/article.json")
    case "${title,,}" in
        *"lighthouse keepers"*) ;;
        *) fail "the extracted title is '$title'" ;;
    esac
    [ "$words" -gt 150 ] || fail "the extracted article has only $words words"
    pass "POST /api/v1/extract with the token: 200, \"$title\", $words words"
    rss() { awk '/^VmRSS/ { printf "%d MB", $2 / 1024 }' "/proc/$1/status"; }
    local workers
    workers=$(pgrep -P "$server" | while read -r pid; do rss "$pid"; echo; done | paste -sd, - | sed 's/,/, /g') || true
    info "memory: server $(rss "$server"), workers ${workers:-none}"

    # State landed in the volume, owned by the image's user (the root folder is read-only).
    local owner strangers
    owner=$(stat -c %u "$data")
    [ -n "$(ls -A "$data")" ] || fail "nothing was written to /data"
    strangers=$(find "$data" ! -user "$owner" -printf '%P ')
    [ -z "$strangers" ] || fail "files in /data not owned by uid $owner: $strangers"
    pass "/data holds $(find "$data" -mindepth 1 -printf '%P ' | head -c 200)(all owned by uid $owner)"

    # A clean stop: SIGTERM, as `docker stop` sends.
    kill -TERM "$server"
    local stopped=$SECONDS code=0
    while kill -0 "$server" 2> /dev/null; do
        [ $((SECONDS - stopped)) -lt 30 ] || fail "the server was still running 30 s after SIGTERM"
        sleep 0.2
    done
    wait "$server" || code=$?
    [ "$code" = 0 ] || fail "the server exited with status $code after SIGTERM"
    pass "SIGTERM stops the server cleanly (exit 0) in $((SECONDS - stopped)) s"
    umount "$root/data"
}

echo "  -- SQLite in /data (the default)"
exercise sqlite
[ -e "$work/data-sqlite/folio.db" ] || fail "no folio.db in /data after the SQLite run"

# PostgreSQL as compose.yaml's folio-postgres uses it, if this machine has a server to start.
initdb="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
if [ ! -x "$initdb" ] || ! id postgres > /dev/null 2>&1; then
    info "PostgreSQL run skipped: no PostgreSQL server installed (apt-get install postgresql)"
    exit 0
fi
echo "  -- PostgreSQL (FOLIO_DATABASE_URL), a throwaway $("$initdb" --version | awk '{ print $3 }') server"
pg="$work/postgres"
chmod 711 "$work"
install -d -o postgres -g postgres -m 700 "$pg"
log="$work/initdb.log"
runuser -u postgres -- "$initdb" -D "$pg/data" -U folio -A trust -E UTF8 --locale=C --no-sync \
    > "$log" 2>&1 || fail "initdb"
log="$pg/server.log"
runuser -u postgres -- "$(dirname "$initdb")/pg_ctl" -D "$pg/data" -l "$log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -c port=5432 -c fsync=off -k $pg" > /dev/null \
    || fail "pg_ctl start"
trap 'runuser -u postgres -- "$(dirname "$initdb")/pg_ctl" -D "$pg/data" -m fast -w stop > /dev/null' EXIT
runuser -u postgres -- "$(dirname "$initdb")/createdb" -h 127.0.0.1 -U folio folio \
    || fail "createdb folio"
env_args=(--env "FOLIO_DATABASE_URL=postgresql+psycopg://folio@127.0.0.1:5432/folio")
exercise postgres
[ ! -e "$work/data-postgres/folio.db" ] || fail "the PostgreSQL run wrote a SQLite folio.db"
pass "nothing went to SQLite: the library is in PostgreSQL"
