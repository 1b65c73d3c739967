#!/bin/bash
# test-cli.sh — drives trellis-cli as a user would and checks exit statuses
# and output. Usage: test-cli.sh PATH/TO/trellis-cli
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

cli=${1:?usage: test-cli.sh TRELLIS-CLI}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/trellis-cli-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export TRELLIS_NOW=2026-05-18
failures=0
checks=0

fail () {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

# run STATUS ARGS…: runs trellis-cli, keeps stdout in $tmp/out and stderr in
# $tmp/err, and checks the exit status.
run () {
  local expected=$1 status
  shift
  checks=$((checks + 1))
  "$cli" "$@" >"$tmp/out" 2>"$tmp/err"
  status=$?
  if [ "$status" -ne "$expected" ]; then
    fail "trellis-cli $* exited with $status, expected $expected"
    sed 's/^/    stderr: /' "$tmp/err" >&2
  fi
}

expect_out () {
  grep -qF -- "$1" "$tmp/out" || fail "stdout of the last command lacks “$1”: $(head -c 400 "$tmp/out")"
}

expect_err () {
  grep -qF -- "$1" "$tmp/err" || fail "stderr of the last command lacks “$1”: $(head -c 400 "$tmp/err")"
}

expect_no_out () {
  [ ! -s "$tmp/out" ] || fail "the last command wrote to stdout: $(head -c 200 "$tmp/out")"
}

# same_column REGEX [start|end]: on every line of the last stdout that REGEX
# (Python syntax) matches, the match starts (or ends) at the same display
# column, a Chinese character counting two. At least one of those lines must
# have a wide character before that point, or the check proves nothing.
same_column () {
  checks=$((checks + 1))
  python3 - "$tmp/out" "$@" <<'PY' || fail "columns do not line up at /$1/: $(head -c 600 "$tmp/out")"
import re, sys, unicodedata

path, pattern = sys.argv[1], sys.argv[2]
edge = sys.argv[3] if len(sys.argv) > 3 else "start"

def width(text):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1
               for c in text)

columns, wide = set(), False
for line in open(path, encoding="utf-8").read().splitlines():
    m = re.search(pattern, line)
    if m is None:
        continue
    before = line[:m.start() if edge == "start" else m.end()]
    columns.add(width(before))
    wide = wide or width(before) > len(before)
sys.exit(0 if len(columns) == 1 and wide else 1)
PY
}

# --- help ---------------------------------------------------------------

run 0 --help
for command in init demo info export import goals help; do
  expect_out "  $command "
done

run 2
expect_err "Usage:"

run 2 frobnicate
expect_err "trellis-cli: unknown command “frobnicate”"

for command in init demo info export import goals; do
  run 0 "$command" --help
  expect_out "Usage:"
  expect_out "trellis-cli $command"
  run 0 help "$command"
  expect_out "trellis-cli $command"
done

run 0 help demo
expect_out "--employees=N"
expect_out "--seed=S"
expect_out "--year=Y"
expect_out "--out=FILE"
expect_out "--force"

run 0 help demo
expect_out "--today=YYYY-MM-DD"

run 0 help goals
expect_out "--cycle=ID"
expect_out "--today=YYYY-MM-DD"
expect_out "--json"
expect_out "--check-weights"

run 0 help export
expect_out "--format=FORMAT"
expect_out "--out=OUT"

run 0 help info
expect_out "--json"

run 2 help frobnicate
expect_err "unknown command"

run 0 --version
expect_out "trellis-cli "

# --- init ---------------------------------------------------------------

run 0 init "$tmp/empty.trellis"
expect_out "empty.trellis"
[ -f "$tmp/empty.trellis" ] || fail "init did not create the file"
[ "$(stat -c %a "$tmp/empty.trellis")" = 600 ] || fail "the workspace is not private (mode 600)"

run 1 init "$tmp/empty.trellis"
expect_err "trellis-cli: "
expect_err "already exists"

run 2 init
expect_err "expected one FILE"

run 0 info "$tmp/empty.trellis"
expect_out "Schema version"
expect_out "employees"

# --- demo ---------------------------------------------------------------

run 0 demo --employees 200 --seed 7 --out "$tmp/demo.trellis"
expect_out "Generated 200 employees in "
expect_out "demo.trellis is "
expect_out " MB"

run 0 export "$tmp/demo.trellis" --out "$tmp/first.json"

run 1 demo --employees 200 --out "$tmp/demo.trellis"
expect_err "already exists (use --force to replace it)"

# The same options give the same workspace.
run 0 demo --employees 200 --seed 7 --out "$tmp/demo.trellis" --force
expect_out "Generated 200 employees"
run 0 export "$tmp/demo.trellis" --out "$tmp/second.json"
cmp -s "$tmp/first.json" "$tmp/second.json" || fail "demo with the same options gave a different workspace"

ls "$tmp"/*.partial-* >/dev/null 2>&1 && fail "demo left a partial file behind"

run 2 demo --employees 200
expect_err "--out FILE is required"

run 2 demo --employees lots --out "$tmp/x.trellis"
expect_err "trellis-cli: "

run 2 demo --out "$tmp/x.trellis" extra
expect_err "unexpected argument"

# A demo the generator refuses leaves no file.
run 1 demo --employees 1 --out "$tmp/tiny.trellis"
expect_err "trellis-cli: "
[ -e "$tmp/tiny.trellis" ] && fail "a failed demo left its file"
ls "$tmp"/tiny.trellis.partial-* >/dev/null 2>&1 && fail "a failed demo left a partial file"

# The demo's today: the clock's in this year, 31 December in another, or --today.
run 0 demo --employees 60 --out "$tmp/today.trellis"
expect_out "up to 2026-05-18"
run 0 demo --employees 60 --year 2025 --out "$tmp/today.trellis" --force
expect_out "up to 2025-12-31"
run 0 demo --employees 60 --today 2026-02-10 --out "$tmp/today.trellis" --force
expect_out "up to 2026-02-10"
run 2 demo --employees 60 --today 2026-02-10 --year 2025 --out "$tmp/x.trellis"
expect_err "--today 2026-02-10 is not in --year 2025"
run 2 demo --employees 60 --today 2026-02-30 --out "$tmp/x.trellis"
expect_err "--today must be a date in the form YYYY-MM-DD"
[ -e "$tmp/x.trellis" ] && fail "a refused demo left its file"

# --- goals --------------------------------------------------------------

run 0 demo --employees 200 --seed 7 --today 2026-11-22 --out "$tmp/goals.trellis"
expect_out "goals and "
expect_out "check-ins up to 2026-11-22"

run 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22
expect_out "G000001  营收突破14亿元，扩大A类客户版图"
expect_out "康桥医疗器械集团 (C) · 2026 · weight 40.0 %"
expect_out "(aligned to K0"
expect_out " · Approved"
grep -q "^      .* · 2026-Q4 · " "$tmp/out" || fail "goals does not indent the cascade: $(head -c 400 "$tmp/out")"

run 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --json
expect_out '"aligned_progress" : '
expect_out '"key_results" : ['
expect_out '"owner_name" : "康桥医疗器械集团"'
cp "$tmp/out" "$tmp/goals.json"
run 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --json
cmp -s "$tmp/out" "$tmp/goals.json" || fail "goals --json is not deterministic"

# The deliberate weight mistakes of the demo, and a status of 0.
run 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --check-weights
expect_out "  2026-Q4  goals add up to 90.0 %"
expect_out "add up to 90.0 %"
# The owners (Chinese names) are padded by display width: the cycle and the
# sums line up.
same_column '(?<=  )2026(-[HQ][0-9])?(?=  )'
same_column '(?<=  )(goals add up|key results of)'
run 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --check-weights --json
expect_out '"sum" : '

# Without --cycle, every cycle; without --today, the clock's.
run 0 goals "$tmp/goals.trellis"
expect_out "2026-Q1"

run 2 goals "$tmp/goals.trellis" --today 2026-13-01
expect_err "--today must be a date in the form YYYY-MM-DD"
run 1 goals "$tmp/goals.trellis" --cycle 2031-Q1
expect_err "There is no cycle “2031-Q1”"
run 1 goals "$tmp/missing.trellis"
expect_err "no such file"
run 2 goals
expect_err "expected one FILE"

# --- Chinese output -----------------------------------------------------

# Under zh_CN the words are translated (--json keeps its English keys) and
# every padded column still lines up. The translations are the build tree's:
# tests/interchange/meson.build sets TRELLIS_LOCALEDIR.
if [ -n "${TRELLIS_LOCALEDIR:-}" ] && [ -f "$TRELLIS_LOCALEDIR/zh_CN/LC_MESSAGES/trellis.mo" ]; then
  zh_locale=C.UTF-8
  if locale -a 2>/dev/null | grep -qix 'zh_CN\.utf-\?8'; then
    zh_locale=zh_CN.UTF-8
  fi
  run_zh () {
    LC_ALL=$zh_locale LANG=zh_CN.UTF-8 LANGUAGE=zh_CN run "$@"
  }

  run_zh 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22
  expect_out "G000001  营收突破14亿元，扩大A类客户版图"
  expect_out "康桥医疗器械集团 (C) · 2026 · 权重 40.0 %"
  expect_out " · 已通过"
  grep -qE ' · (正常|落后|有风险|已达成) · ' "$tmp/out" ||
    fail "goals under zh_CN has no translated status: $(head -c 400 "$tmp/out")"
  if grep -qiE ' · (achieved|on[- ]track|behind|at[- ]risk|draft|submitted|approved|filed|returned)( ·|$)' "$tmp/out"; then
    fail "goals under zh_CN prints English status words: $(grep -m1 -iE ' · (on[- ]track|behind|approved)' "$tmp/out")"
  fi

  run_zh 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --json
  cmp -s "$tmp/out" "$tmp/goals.json" || fail "goals --json depends on the language"

  run_zh 0 goals "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --check-weights
  expect_out "  2026-Q4  目标权重合计为 90.0 %"
  same_column '(?<=  )2026(-[HQ][0-9])?(?=  )'
  same_column '(?<=  )(目标权重合计|G[0-9]+ 的关键结果)'

  # The labels (文件, 架构版本) pad to one column; the row counts end in one.
  run_zh 0 info "$tmp/demo.trellis"
  expect_out "架构版本"
  expect_out "数据表"
  grep -qE '^employees +200$' "$tmp/out" || fail "info under zh_CN does not show 200 employees"
  head -n 2 "$tmp/out" >"$tmp/labels" && mv "$tmp/labels" "$tmp/out"
  same_column '[^ ]+$'
  run_zh 0 info "$tmp/demo.trellis"
  tail -n +4 "$tmp/out" >"$tmp/table" && mv "$tmp/table" "$tmp/out"
  same_column '[^ ]+$' end

  run_zh 0 bench "$tmp/goals.trellis" --cycle 2026-Q4 --today 2026-11-22 --checkins 20 --repeat 1
  expect_out "达标"
  same_column ' (ms|MB)\b'
else
  echo "SKIP: the Chinese output (no TRELLIS_LOCALEDIR with zh_CN/LC_MESSAGES/trellis.mo)" >&2
fi

# --- info ---------------------------------------------------------------

run 0 info "$tmp/demo.trellis"
expect_out "Schema version"
grep -qE '^employees +200$' "$tmp/out" || fail "info does not show 200 employees: $(cat "$tmp/out")"
grep -qE '^departments +[1-9][0-9]*$' "$tmp/out" || fail "info does not count departments"

run 0 info --json "$tmp/demo.trellis"
expect_out '"schema_version" : '
expect_out '"employees" : 200'

run 1 info "$tmp/missing.trellis"
expect_err "no such file"
[ -e "$tmp/missing.trellis" ] && fail "info created a missing workspace"

# --- export -------------------------------------------------------------

run 0 export "$tmp/demo.trellis" --format json
expect_out '"format" : "trellis"'
expect_out '"version" : 1'
cp "$tmp/out" "$tmp/stdout.json"

run 0 export "$tmp/demo.trellis" --format json --out "$tmp/demo.json"
expect_no_out
cmp -s "$tmp/demo.json" "$tmp/stdout.json" || fail "export --out differs from export to stdout"

run 0 export "$tmp/demo.trellis"
cmp -s "$tmp/out" "$tmp/stdout.json" || fail "export without --format is not the JSON export"

run 2 export "$tmp/demo.trellis" --format csv
expect_err "unknown format “csv”"

# --- import and the round trip -------------------------------------------

run 0 init "$tmp/copy.trellis"
run 0 import "$tmp/copy.trellis" "$tmp/demo.json"
expect_out "Imported "
expect_out "200 employees"
expect_out "demo.json"

run 0 export "$tmp/copy.trellis" --out "$tmp/copy.json"
cmp -s "$tmp/demo.json" "$tmp/copy.json" || fail "the round trip changed the export"

# Importing the same file again: every id exists; nothing changes.
run 1 import "$tmp/copy.trellis" "$tmp/demo.json"
expect_err "trellis-cli: demo.json: departments[0] (id "
expect_err "already exists in the workspace"
run 0 export "$tmp/copy.trellis" --out "$tmp/copy2.json"
cmp -s "$tmp/demo.json" "$tmp/copy2.json" || fail "a failed import changed the workspace"

# A broken record: an unknown manager.
manager=$(grep -m1 -o '"id" : "E[^"]*"' "$tmp/demo.json" | sed 's/.*"\(E[^"]*\)"$/\1/')
department=$(grep -m1 -o '"department" : "[^"]*"' "$tmp/demo.json" | sed 's/.*"\([^"]*\)"$/\1/')
cat >"$tmp/broken.json" <<EOF
{
  "format": "trellis",
  "version": 1,
  "employees": [
    { "id": "X1", "name": "新人", "department": "$department", "manager": "$manager" },
    { "id": "X2", "name": "新人二", "department": "$department", "manager": "E99999" }
  ]
}
EOF
run 1 import "$tmp/demo.trellis" "$tmp/broken.json"
expect_err "trellis-cli: broken.json: employees[1] (id \"X2\"): field \"manager\": no employee with id \"E99999\""
run 0 export "$tmp/demo.trellis" --out "$tmp/after.json"
cmp -s "$tmp/demo.json" "$tmp/after.json" || fail "a rejected import changed the workspace"

# The same file, fixed, imports.
sed 's/E99999/X1/' "$tmp/broken.json" >"$tmp/fixed.json"
run 0 import "$tmp/demo.trellis" "$tmp/fixed.json"
expect_out "Imported 2 employees from "
expect_out "fixed.json"

printf 'garbage\n' >"$tmp/garbage.json"
run 1 import "$tmp/copy.trellis" "$tmp/garbage.json"
expect_err "trellis-cli: garbage.json:1:"

run 1 import "$tmp/copy.trellis" "$tmp/nothing-here.json"
expect_err "trellis-cli: "

run 2 import "$tmp/copy.trellis"
expect_err "expected a workspace FILE and an INPUT file"

# --- files that are not workspaces --------------------------------------

printf 'this is not a database\n%.0s' {1..100} >"$tmp/garbage.trellis"
cp "$tmp/garbage.trellis" "$tmp/garbage.orig"
for command in info export; do
  run 1 "$command" "$tmp/garbage.trellis"
  expect_err "trellis-cli: "
  expect_err "not a Trellis workspace"
done
run 1 import "$tmp/garbage.trellis" "$tmp/demo.json"
expect_err "not a Trellis workspace"
cmp -s "$tmp/garbage.trellis" "$tmp/garbage.orig" || fail "a refused file was changed"

if command -v sqlite3 >/dev/null; then
  sqlite3 "$tmp/other.sqlite" "CREATE TABLE t (x); PRAGMA application_id = 42;"
  run 1 info "$tmp/other.sqlite"
  expect_err "not a Trellis workspace"

  sqlite3 "$tmp/newer.trellis" "PRAGMA application_id = $((0x54524C53)); PRAGMA user_version = 99;"
  run 1 info "$tmp/newer.trellis"
  expect_err "newer version of Trellis"
fi

echo "$checks commands run, $failures failures"
[ "$failures" -eq 0 ]
