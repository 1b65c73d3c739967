#!/bin/sh
# validate-ui.sh SHIM FILE
#
# Runs `gtk4-builder-tool validate FILE` with SHIM (the ui-validate-shim
# module) preloaded so that libadwaita and project types are known; see
# TOOLCHAIN.md §3.1. Exits 77 (skipped) without a display, since the tool
# needs one (it crashes on a GtkShortcutsWindow otherwise), and when SHIM is
# ASan-instrumented, since that cannot be preloaded into an uninstrumented
# program. GTK4_BUILDER_TOOL overrides the tool's path.
#
# Copyright 2026 The Trellis authors
# SPDX-License-Identifier: GPL-3.0-or-later

set -eu

if [ $# -ne 2 ]; then
  echo "usage: $0 SHIM FILE" >&2
  exit 2
fi

shim=$1
file=$2
tool=${GTK4_BUILDER_TOOL:-gtk4-builder-tool}

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "SKIP: no display (run under tools/run-headless.sh or xvfb-run)"
  exit 77
fi

if [ ! -f "$shim" ]; then
  echo "$0: $shim does not exist" >&2
  exit 1
fi
case $shim in
  /*) ;;
  *) shim=$PWD/$shim ;;
esac

if ldd "$shim" 2>/dev/null | grep -q -E 'lib(asan|tsan|lsan|ubsan)\.so'; then
  echo "SKIP: $shim is built with a sanitizer and cannot be preloaded"
  exit 77
fi

LD_PRELOAD=$shim${LD_PRELOAD:+:$LD_PRELOAD}
export LD_PRELOAD

# GTK 4.8's builder tool now and then crashes on start-up when the machine
# is busy (seen as SIGSEGV in parallel test runs, never on a rerun). A crash
# says nothing about the file, so it is retried; a validation error is not.
for attempt in 1 2 3; do
  status=0
  "$tool" validate "$file" || status=$?
  if [ "$status" -lt 128 ]; then
    exit "$status"
  fi
  echo "$tool crashed (status $status) on attempt $attempt" >&2
done
exit "$status"
