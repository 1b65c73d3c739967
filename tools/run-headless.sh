#!/bin/bash
# run-headless.sh COMMAND [ARG…]
#
# Runs COMMAND on a private Xvfb display with a private D-Bus session bus and
# a throw-away HOME and XDG base directories, so that Mesa's shader cache,
# dconf, AT-SPI, portals and the like never touch the real home directory.
# dbus-run-session runs inside xvfb-run, so D-Bus-activated services get
# DISPLAY (TOOLCHAIN.md §5.1, pitfalls 11 and 12). The scratch directory is
# created under $HEADLESS_BASE (default: $TMPDIR or /tmp) and removed
# afterwards. Exits with COMMAND's status.
#
#   tools/run-headless.sh meson test -C build --print-errorlogs
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

if [ $# -eq 0 ]; then
  echo "usage: $0 COMMAND [ARG…]" >&2
  exit 2
fi

for program in xvfb-run dbus-run-session; do
  if ! command -v "$program" >/dev/null 2>&1; then
    echo "$0: $program not found (apt install xvfb xauth dbus)" >&2
    exit 127
  fi
done

base=${HEADLESS_BASE:-${TMPDIR:-/tmp}}
scratch=$(mktemp -d "$base/trellis-headless.XXXXXX") || exit 1

cleanup ()
{
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

mkdir -p "$scratch/home" "$scratch/config" "$scratch/data" "$scratch/cache" \
         "$scratch/state" "$scratch/runtime"
chmod 700 "$scratch/runtime"

status=0
HOME=$scratch/home \
XDG_CONFIG_HOME=$scratch/config \
XDG_DATA_HOME=$scratch/data \
XDG_CACHE_HOME=$scratch/cache \
XDG_STATE_HOME=$scratch/state \
XDG_RUNTIME_DIR=$scratch/runtime \
  xvfb-run -a -s '-screen 0 1920x1080x24 -nolisten tcp' \
    dbus-run-session -- "$@" || status=$?

exit "$status"
