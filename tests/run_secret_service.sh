#!/bin/sh
# Run only the tests marked secret_service against a real, throw-away gnome-keyring.
exec "$(dirname "$0")/with_secret_service.sh" uv run pytest -m secret_service -q -p no:cacheprovider "$@"
