#!/usr/bin/env bash
# Trellis: the two commands.
#   ./run.sh         set up, build, and start Trellis on the demo workspace
#   ./run.sh test    set up, build, and run every test; ends with "N passed, N failed"
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
top=$PWD
mode=${1:-run}

# Debian 12 / Ubuntu packages the build, the tests and the app need.
packages=(
  build-essential pkg-config meson ninja-build gettext itstool
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libgtk-4-bin libadwaita-1-dev
  libsqlite3-dev sqlite3 libjson-glib-dev libcairo2-dev libpango1.0-dev
  libicu-dev libxlsxwriter-dev
  desktop-file-utils appstream libxml2-utils shared-mime-info
  xvfb xauth dbus dbus-x11 at-spi2-core locales fonts-wqy-microhei
  imagemagick flatpak-builder
)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

install_packages() {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    local sudo=()
    if [[ $(id -u) -ne 0 ]]; then
      if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
        sudo=(sudo)
      else
        echo "Trellis needs these packages; install them as root and run again:" >&2
        echo "  apt-get install ${missing[*]}" >&2
        exit 1
      fi
    fi
    log "Installing ${#missing[@]} packages: ${missing[*]}"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q \
      -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}"
  fi

  # Chinese and English UTF-8 locales, for the translated UI and its screenshots.
  if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf8$'; then
    if [[ $(id -u) -eq 0 ]]; then
      log "Generating the zh_CN.UTF-8 and en_US.UTF-8 locales"
      sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/; s/^# *en_US.UTF-8 UTF-8/en_US.UTF-8 UTF-8/' /etc/locale.gen
      locale-gen >/dev/null
    else
      echo "Note: the zh_CN.UTF-8 locale is missing; Chinese screenshots will be skipped." >&2
    fi
  fi
}

build() {
  local dir=$1; shift
  if [[ ! -f $dir/build.ninja ]]; then
    log "Configuring $dir"
    meson setup "$dir" --prefix="$top/$dir/install" "$@" >/dev/null
  fi
  log "Building $dir"
  meson compile -C "$dir" >/dev/null
}

# Counts meson's results: OK passed; FAIL, ERROR, TIMEOUT and UNEXPECTEDPASS failed.
count_results() {
  /usr/bin/python3 - "$@" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except FileNotFoundError:
        failed += 1
        print(f"missing test log {path}", file=sys.stderr)
        continue
    for line in lines:
        if not line.strip():
            continue
        r = json.loads(line)["result"]
        if r in ("OK", "EXPECTEDFAIL"):
            passed += 1
        elif r == "SKIP":
            skipped += 1
        else:
            failed += 1
if skipped:
    print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
}

install_packages

case $mode in
  run)
    build build
    meson install -C build --quiet >/dev/null
    export XDG_DATA_DIRS="$top/build/install/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
    export GSETTINGS_SCHEMA_DIR="$top/build/install/share/glib-2.0/schemas"
    shift || true
    exec "$top/build/install/bin/trellis" --demo "$@"
    ;;
  test)
    build build
    rm -f build/meson-logs/testlog.json build-asan/meson-logs/testlog.json
    log "Running the tests (core, CLI, data validators, UI under Xvfb)"
    tools/run-headless.sh meson test -C build --print-errorlogs --no-rebuild || true
    # The core again with AddressSanitizer and UndefinedBehaviorSanitizer.
    build build-asan -Db_sanitize=address,undefined -Dbuildtype=debug -Dui_tests=false
    log "Running the core tests with ASan and UBSan"
    GDK_DEBUG=gl-disable meson test -C build-asan --suite core --suite charts --print-errorlogs --no-rebuild \
      --timeout-multiplier 5 || true
    count_results build/meson-logs/testlog.json build-asan/meson-logs/testlog.json
    ;;
  *)
    echo "usage: ./run.sh [test]" >&2
    exit 2
    ;;
esac
