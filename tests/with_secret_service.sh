#!/bin/sh
# Run a command inside a private D-Bus session with an unlocked, throw-away gnome-keyring.
#
#   tests/with_secret_service.sh uv run pytest            # the whole suite, Secret Service test included
#   tests/with_secret_service.sh uv run pytest -m secret_service
#
# Needs (Debian/Ubuntu): apt-get install -y gnome-keyring dbus-x11 libsecret-tools
# The keyring's files live in a temporary directory, so a developer's own keyrings are never touched.
# FTD_SECRET_SERVICE=1 turns "service missing" into a test failure instead of a skip.
set -eu

cd "$(dirname "$0")/.."

for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with_secret_service.sh: $tool not found; apt-get install -y gnome-keyring dbus-x11 libsecret-tools" >&2
        exit 1
    fi
done

keyring_home="$(mktemp -d)"
trap 'rm -rf "$keyring_home"' EXIT INT TERM
mkdir -m 700 "$keyring_home/data" "$keyring_home/runtime"

# The D-Bus daemon (and the keyring daemon it activates) inherit these; the command gets the caller's own
# XDG_DATA_HOME back so uv still finds its managed Pythons.
export FTD_CALLER_XDG_DATA_HOME="${XDG_DATA_HOME-}"
export FTD_CALLER_XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR-}"
XDG_DATA_HOME="$keyring_home/data" XDG_RUNTIME_DIR="$keyring_home/runtime" \
dbus-run-session -- sh -c '
    set -e
    printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    restore() { if [ -n "$2" ]; then export "$1=$2"; else unset "$1"; fi; }
    restore XDG_DATA_HOME "$FTD_CALLER_XDG_DATA_HOME"
    restore XDG_RUNTIME_DIR "$FTD_CALLER_XDG_RUNTIME_DIR"
    FTD_SECRET_SERVICE=1 exec "$@"
' sh "$@"
