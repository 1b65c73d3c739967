#!/bin/sh
# check-flatpak-manifest.sh FLATPAK-BUILDER MANIFEST
#
# Offline checks of the Flatpak manifest:
#  1. flatpak-builder --show-manifest parses it; any warning (such as an
#     unknown property) fails the check;
#  2. the parsed manifest is checked for what flatpak-builder does not
#     catch: enum values (buildsystem, source type) and the sandbox policy
#     (no host or home filesystem access; files go through portals).
#
# flatpak-builder leaves a .flatpak-builder/ directory in the current
# directory and may create a user installation, so it runs in a scratch
# directory with FLATPAK_USER_DIR pointing inside it.
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 FLATPAK-BUILDER MANIFEST" >&2
  exit 2
fi

builder=$1
case $2 in
  /*) manifest=$2 ;;
  *) manifest=$PWD/$2 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/trellis-flatpak.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/work" "$tmp/user" "$tmp/home"

status=0
(
  cd "$tmp/work"
  HOME=$tmp/home FLATPAK_USER_DIR=$tmp/user XDG_CACHE_HOME=$tmp/home/.cache \
    "$builder" --show-manifest "$manifest"
) >"$tmp/manifest.json" 2>"$tmp/stderr" || status=$?

if [ -s "$tmp/stderr" ]; then
  cat "$tmp/stderr" >&2
fi
if [ "$status" -ne 0 ]; then
  echo "$manifest: flatpak-builder --show-manifest failed (exit $status)" >&2
  exit 1
fi
if grep -q -i -E 'warning|critical|error' "$tmp/stderr"; then
  echo "$manifest: flatpak-builder reported problems" >&2
  exit 1
fi

# python3 may be a pyenv shim without apt modules; only the standard library
# is needed here, but prefer the system interpreter.
python=
for candidate in /usr/bin/python3 python3; do
  if command -v "$candidate" >/dev/null 2>&1; then
    python=$candidate
    break
  fi
done
if [ -z "$python" ]; then
  echo "python3 not found; only the flatpak-builder parse was checked"
  exit 0
fi

"$python" - "$tmp/manifest.json" "$manifest" <<'PY'
import json
import sys

parsed, name = sys.argv[1], sys.argv[2]
with open(parsed, encoding="utf-8") as f:
    manifest = json.load(f)

problems = []

BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}
SOURCE_TYPES = {"archive", "git", "bzr", "svn", "dir", "file", "script", "inline",
                "shell", "patch", "extra-data"}
FORBIDDEN_FS = ("host", "host-os", "host-etc", "home")

for key in ("id", "runtime", "runtime-version", "sdk", "command", "modules"):
    if key not in manifest:
        problems.append(f"missing top-level '{key}'")

for arg in manifest.get("finish-args", []):
    if arg.startswith("--filesystem="):
        target = arg.split("=", 1)[1].split(":", 1)[0]
        if target in FORBIDDEN_FS or target.startswith("~"):
            problems.append(f"finish-arg {arg}: use portals instead")

def walk(modules, path):
    for i, module in enumerate(modules):
        if isinstance(module, str):
            continue  # an included module file; flatpak-builder checked it
        where = f"{path}/{module.get('name', i)}"
        if "name" not in module:
            problems.append(f"{where}: module without a name")
        bs = module.get("buildsystem", "autotools")
        if bs not in BUILDSYSTEMS:
            problems.append(f"{where}: unknown buildsystem '{bs}'")
        sources = module.get("sources", [])
        for j, source in enumerate(sources):
            if isinstance(source, str):
                continue
            kind = source.get("type")
            if kind not in SOURCE_TYPES:
                problems.append(f"{where}/sources/{j}: unknown type '{kind}'")
            if kind == "git" and not (source.get("commit") or source.get("tag")
                                      or source.get("branch")):
                problems.append(f"{where}/sources/{j}: git source without commit/tag/branch")
            if kind in ("archive", "file") and "url" in source and not any(
                    source.get(k) for k in ("sha256", "sha512", "sha1", "md5")):
                problems.append(f"{where}/sources/{j}: remote {kind} without a checksum")
        walk(module.get("modules", []), where)

walk(manifest.get("modules", []), "modules")

for p in problems:
    print(f"{name}: {p}", file=sys.stderr)
if problems:
    sys.exit(1)
print(f"{name}: OK ({manifest['id']}, {manifest['runtime']}//{manifest['runtime-version']})")
PY
