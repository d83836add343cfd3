#!/usr/bin/env bash
# Builds the real Dockerfile with podman and proves the image works, without a registry or a
# container runtime (neither is available on the machines that build Folio):
#   1. base   - the Dockerfile's python:*-slim-<debian> base is made locally with debootstrap
#               and tagged under the official name (only when that name is not already there);
#   2. build  - `podman build` of the Dockerfile as it is, both stages, RUN steps included;
#   3. config - non-root USER, VOLUME /data, HEALTHCHECK, port, environment;
#   4. files  - the image's root (mounted): no compiler, no pip cache, no build leftovers, and
#               the installed package is the current source;
#   5. run    - the image's own command from that root with chroot, in fresh namespaces
#               (scripts/image/end-to-end.sh): /healthz, a user and a token made with the
#               image's CLI, an authenticated extract, a clean SIGTERM stop; with SQLite, then
#               with PostgreSQL if the machine has it installed.
# Prints each check; exits non-zero on the first failure. Needs root, podman, debootstrap.
#
# Environment: FOLIO_IMAGE_CHECK_STORE  podman storage for the check, the cached base included
#                                       (default /var/lib/folio-image-check)
#              FOLIO_IMAGE_CHECK_DRIVER overlay or vfs (default: overlay where the kernel mounts
#                                       it, as here; vfs copies every layer whole, ten times slower)
#              FOLIO_IMAGE_CHECK_KEEP=1 leave the built image mounted for a look
#              PIP_INDEX_URL            passed to the build when set (else pip's own config's
#                                       index-url, if any; else PyPI)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
store="${FOLIO_IMAGE_CHECK_STORE:-/var/lib/folio-image-check}"
image=localhost/folio:check

step() { printf '\n== %s\n' "$*"; }
pass() { printf '  ok    %s\n' "$*"; }
fail() { printf '  FAIL  %s\n' "$*" >&2; exit 1; }
took() { printf '  (%s: %d s)\n' "$1" $((SECONDS - $2)); }

[ "$(id -u)" = 0 ] || fail "run as root (podman storage, chroot and namespaces need it)"
for tool in podman debootstrap unshare jq curl python3 ip; do
    command -v "$tool" > /dev/null || fail "$tool is not installed (apt-get install podman debootstrap jq curl iproute2)"
done

overlay_works() {
    local probe
    mkdir -p "$store"
    probe="$(mktemp -d "$store/probe.XXXXXX")"
    mkdir "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
    unshare --mount sh -c "mount -t overlay overlay -o lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work $probe/merged" 2> /dev/null
    local works=$?
    rm -rf "$probe"
    return $works
}
driver="${FOLIO_IMAGE_CHECK_DRIVER:-}"
if [ -z "$driver" ]; then
    if overlay_works; then driver=overlay; else driver=vfs; fi
fi
# One storage per driver: podman refuses to open a storage with another driver.
podman() {
    command podman --root "$store/$driver" --runroot "/run/folio-image-check/$driver" \
        --storage-driver "$driver" "$@"
}
echo "podman storage: $store/$driver ($driver driver)"

work="$(mktemp -d /tmp/folio-image-check.XXXXXX)"
mounted=""
cleanup() {
    if [ -n "$mounted" ] && [ "${FOLIO_IMAGE_CHECK_KEEP:-}" != 1 ]; then
        podman image unmount "$image" > /dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
all=$SECONDS

# --- 1. base ---------------------------------------------------------------------------------
base="$(sed -n 's/^ARG PYTHON_IMAGE=//p' "$repo/Dockerfile")"
[ -n "$base" ] || fail "the Dockerfile has no 'ARG PYTHON_IMAGE=...' line"
step "base image $base"
started=$SECONDS
exists=0
podman image exists "$base" || exists=$?
[ "$exists" -le 1 ] || fail "podman cannot read its storage in $store (remove that folder to start afresh)"
if [ "$exists" = 0 ]; then
    pass "cached: $(podman image inspect --format '{{index .Labels "folio.stand-in"}}' "$base" | sed 's/^$/the real image/')"
else
    # python:3.11.17-slim-bookworm -> Python 3.11 on Debian bookworm; Debian's python3 there
    # must be the same minor version for the stand-in to be honest.
    tag="${base##*:}"
    suite="${tag##*-}"
    want_python="$(printf '%s' "$tag" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')"
    # The machine's own Debian mirror, read from its apt sources (never written down here).
    # shellcheck disable=SC2016  # $(REPO_URI) is apt's field syntax, not the shell's
    mirror="$(apt-get indextargets --format '$(REPO_URI)' "Release: $suite" 'Identifier: Packages' | head -n 1)"
    if [ -z "$mirror" ]; then
        # shellcheck disable=SC2016
        mirror="$(apt-get indextargets --format '$(REPO_URI)' 'Identifier: Packages' | grep -v security | head -n 1)"
    fi
    [ -n "$mirror" ] || fail "no Debian mirror in the apt sources (run apt-get update first)"
    rootfs="$work/stand-in"
    echo "  debootstrap $suite (python3, python3-venv, ca-certificates); about a minute"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
        "$suite" "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap $suite"; }
    got_python="$(chroot "$rootfs" python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    [ "$got_python" = "$want_python" ] \
        || fail "Debian $suite has Python $got_python, the Dockerfile's base has $want_python"
    # Where the official image keeps its interpreter: the Dockerfile calls `python`.
    ln -s /usr/bin/python3 "$rootfs/usr/local/bin/python3"
    ln -s python3 "$rootfs/usr/local/bin/python"
    # This machine's trust store: pip inside the build reaches the registry through it.
    cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    # The official image's config (its PATH, locale and default command).
    tar -C "$rootfs" -c . | podman import \
        --change 'ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
        --change 'ENV LANG=C.UTF-8' \
        --change "LABEL folio.stand-in=\"debootstrap $suite, Python $got_python, made by scripts/check-image.sh\"" \
        --change 'CMD ["python3"]' \
        - "docker.io/library/$base" > "$work/import.log" 2>&1 \
        || { cat "$work/import.log" >&2; fail "podman import of the stand-in"; }
    rm -rf "$rootfs"
    pass "made a stand-in from Debian $suite (Python $got_python) and tagged it $base"
fi
took base "$started"

# --- 2. build --------------------------------------------------------------------------------
step "podman build of $repo/Dockerfile"
build_args=()
index_url="${PIP_INDEX_URL:-$(python3 -m pip config get global.index-url 2>/dev/null || true)}"
if [ -n "$index_url" ]; then
    build_args+=(--build-arg "PIP_INDEX_URL=$index_url")
    echo "  pip index: from PIP_INDEX_URL / pip config"
else
    echo "  pip index: pip's default (PyPI)"
fi
started=$SECONDS
# --format docker: the OCI image format has no HEALTHCHECK.
podman build --isolation chroot --pull=never --format docker --layers \
    "${build_args[@]}" --tag "$image" --file "$repo/Dockerfile" "$repo" \
    > "$work/build.log" 2>&1 \
    || { tail -n 40 "$work/build.log" >&2; fail "podman build (log above)"; }
cached=$(grep -c -- '--> Using cache' "$work/build.log" || true)
steps=$(grep -c 'STEP [0-9]*/' "$work/build.log" || true)
pass "built $image ($((steps - cached)) of $steps steps run, $cached from the layer cache)"
took build "$started"

# --- 3. config -------------------------------------------------------------------------------
step "image config"
podman image inspect "$image" | jq '.[0]' > "$work/inspect.json"
config() { jq -r "$1" "$work/inspect.json"; }
mounted="$(podman image mount "$image")"
root="$mounted"

user="$(config '.Config.User // ""')"
[ -n "$user" ] || fail "no USER: the image would run as root"
uid="$(python3 -c '
import sys
name = sys.argv[2].split(":")[0]
rows = [line.split(":") for line in open(sys.argv[1] + "/etc/passwd")]
print(next((r[2] for r in rows if name in (r[0], r[2])), name))' "$root" "$user")"
[ "$uid" != 0 ] || fail "USER $user is root"
pass "USER $user (uid $uid, $(awk -F: -v u="$uid" '$3 == u { print $1 }' "$root/etc/passwd"))"

config '.Config.Volumes // {} | keys[]' | grep -qx /data || fail "no VOLUME /data"
config '.Config.Env[]' | grep -qx 'FOLIO_DATA_DIR=/data' || fail "FOLIO_DATA_DIR is not /data"
[ "$(stat -c %u "$root/data")" = "$uid" ] || fail "/data is not owned by uid $uid"
pass "VOLUME /data, FOLIO_DATA_DIR=/data, owned by uid $uid"

workers="$(config '.Config.Env[]' | sed -n 's/^FOLIO_WORKERS=//p')"
[ -n "$workers" ] || fail "no FOLIO_WORKERS default in the image's environment"
pass "FOLIO_WORKERS=$workers (gunicorn workers, overridable with -e)"

config '.Config.ExposedPorts // {} | keys[]' | grep -qx 8000/tcp || fail "port 8000 is not exposed"
command="$(config '(.Config.Entrypoint // []) + (.Config.Cmd // []) | join(" ")')"
case "$command" in *"serve"*"--port 8000"*) ;; *) fail "the command does not serve on 8000: $command" ;; esac
pass "EXPOSE 8000, command: $command"

healthcheck="$(config '.Healthcheck.Test // [] | join(" ")')"
case "$healthcheck" in *"/healthz"*) ;; *) fail "no HEALTHCHECK on /healthz (got: '$healthcheck')" ;; esac
pass "HEALTHCHECK $healthcheck"

# --- 4. files --------------------------------------------------------------------------------
step "image files"
compilers="$(find "$root/usr" -path '*/bin/*' \( -name gcc -o -name 'gcc-[0-9]*' -o -name cc \
    -o -name c++ -o -name g++ -o -name clang -o -name 'x86_64-linux-gnu-gcc*' \) -printf '/%P ')"
[ -z "$compilers" ] || fail "compilers in the final image: $compilers"
pass "no compiler (gcc, cc, c++, clang)"
caches="$(find "$root" -xdev -type d \( -path '*/.cache/pip' -o -name 'pip-build-*' \
    -o -name 'pip-ephem-wheel-cache-*' \) -printf '/%P ' 2>/dev/null)"
[ -z "$caches" ] || fail "pip caches in the final image: $caches"
pass "no pip cache"
for leftover in wheels src opt/build; do
    [ ! -e "$root/$leftover" ] || fail "build leftover in the final image: /$leftover"
done
pass "no build-stage leftovers (/wheels, /src, /opt/build)"

site="$(find "$root/opt/folio/lib" -maxdepth 3 -type d -path '*/site-packages/folio' | head -n 1)"
[ -n "$site" ] || fail "folio is not installed in /opt/folio"
stale="$(cd "$repo/server/folio" && find . -name '*.py' -print0 | while IFS= read -r -d '' file; do
    cmp -s "$file" "$site/$file" || printf '%s ' "${file#./}"
done)"
[ -z "$stale" ] || fail "the image's folio differs from the source: $stale"
pass "the installed folio package matches server/folio ($(find "$repo/server/folio" -name '*.py' | wc -l) modules)"
pass "image size $(podman image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }')"

# --- 5. run ----------------------------------------------------------------------------------
step "the image's command, run from its root with chroot"
started=$SECONDS
unshare --mount --net --pid --ipc --fork --propagation private --mount-proc \
    bash "$repo/scripts/image/end-to-end.sh" "$root" "$work/inspect.json" "$work" \
    || fail "end-to-end run"
took run "$started"

printf '\nAll image checks passed in %d s.\n' $((SECONDS - all))
