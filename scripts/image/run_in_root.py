"""Run a command in an image's unpacked root folder the way a container runtime would.

No container runtime works on the machines that build Folio, so scripts/check-image.sh runs
the image's own files with chroot instead, using what the image config says: its Env,
WorkingDir and User, and Entrypoint + Cmd unless a command is given (as `docker exec` does).
Namespaces and mounts are the caller's job (scripts/image/end-to-end.sh). Needs root.
"""

import argparse
import json
import os
import sys

# What Docker puts in PATH when the image's Env has none.
DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def read_table(root: str, name: str) -> list[list[str]]:
    """The rows of /etc/passwd or /etc/group inside the image."""
    try:
        with open(os.path.join(root, "etc", name), encoding="utf-8") as table:
            return [line.rstrip("\n").split(":") for line in table if line.strip()]
    except FileNotFoundError:
        return []


def resolve_user(root: str, spec: str) -> tuple[int, int, list[int], str]:
    """uid, gid, supplementary groups and home for a USER value ("name", "uid", "uid:gid")."""
    user, _, group = (spec or "0").partition(":")
    passwd = read_table(root, "passwd")
    groups = read_table(root, "group")
    entry = next((row for row in passwd if user in (row[0], row[2])), None)
    if entry is None and not user.isdigit():
        sys.exit(f"run_in_root: user {user!r} is not in the image's /etc/passwd")
    uid = int(entry[2]) if entry else int(user)
    gid = int(entry[3]) if entry else uid
    home = entry[5] if entry else "/"
    if group:
        found = next((row for row in groups if group in (row[0], row[2])), None)
        if found is None and not group.isdigit():
            sys.exit(f"run_in_root: group {group!r} is not in the image's /etc/group")
        gid = int(found[2]) if found else int(group)
    name = entry[0] if entry else None
    extra = [int(row[2]) for row in groups if name and name in row[3].split(",")]
    return uid, gid, sorted({gid, *extra}), home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", required=True, help="the image's root folder")
    parser.add_argument("--config", required=True, help="JSON file: the image's Config object")
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE",
                        help="add or override one environment variable (like `-e`)")
    parser.add_argument("command", nargs="*", help="run this instead of Entrypoint + Cmd")
    args = parser.parse_args()

    with open(args.config, encoding="utf-8") as handle:
        config = json.load(handle)
    env = dict(item.split("=", 1) for item in config.get("Env") or [])
    uid, gid, groups, home = resolve_user(args.root, config.get("User") or "")
    env.setdefault("PATH", DEFAULT_PATH)
    env.setdefault("HOME", home)
    env.setdefault("HOSTNAME", "folio-check")
    env.update(item.split("=", 1) for item in args.env)
    argv = args.command or (config.get("Entrypoint") or []) + (config.get("Cmd") or [])
    if not argv:
        sys.exit("run_in_root: the image has no Entrypoint or Cmd and no command was given")

    os.chroot(args.root)
    os.chdir(config.get("WorkingDir") or "/")
    os.setgroups(groups)
    os.setgid(gid)
    os.setuid(uid)
    os.execvpe(argv[0], argv, env)


if __name__ == "__main__":
    main()
