#!/bin/sh
# check-mime.sh UPDATE-MIME-DATABASE FILE
#
# Builds a throw-away MIME database from FILE alone and fails when
# update-mime-database complains (it exits 0 even when it cannot parse the
# file) or when a declared type does not end up in the database.
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 UPDATE-MIME-DATABASE FILE" >&2
  exit 2
fi

tool=$1
file=$2

tmp=$(mktemp -d "${TMPDIR:-/tmp}/trellis-mime.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

db=$tmp/mime
mkdir -p "$db/packages"
cp "$file" "$db/packages/"

# The XDG variables name the scratch directory only to silence the
# "not in the search path" note.
XDG_DATA_DIRS=$tmp XDG_DATA_HOME=$tmp "$tool" "$db" >"$tmp/log" 2>&1 || {
  cat "$tmp/log" >&2
  exit 1
}
cat "$tmp/log"

if grep -E -i -q 'fail|error|warning|unknown|invalid' "$tmp/log"; then
  echo "$file: update-mime-database reported problems" >&2
  exit 1
fi

types=$(sed -n 's/.*<mime-type[^>]*type="\([^"]*\)".*/\1/p' "$file")
if [ -z "$types" ]; then
  echo "$file: declares no <mime-type>" >&2
  exit 1
fi
for type in $types; do
  if ! grep -q -x -F "$type" "$db/types"; then
    echo "$file: $type is missing from the generated database" >&2
    exit 1
  fi
  if ! grep -q "^[0-9]*:$type:" "$db/globs2"; then
    echo "$file: $type has no glob" >&2
    exit 1
  fi
done
echo "$file: OK ($types)"
