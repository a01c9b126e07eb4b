#!/bin/sh
# api | worker | setup | cli <args>
set -e
command="${1:-api}"
shift || true
case "$command" in
  api) exec node --enable-source-maps dist/apps/api/src/main.js ;;
  worker) exec node --enable-source-maps dist/apps/worker/src/main.js ;;
  setup) exec node dist/apps/cli/src/main.js db setup ;;
  cli) exec node dist/apps/cli/src/main.js "$@" ;;
  *) echo "unknown command '$command': use api, worker, setup or cli" >&2; exit 2 ;;
esac
