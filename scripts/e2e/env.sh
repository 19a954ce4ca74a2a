# Sourced by the e2e scripts. Puts everything the real-VS-Code harness installs or writes under one cache
# directory, so that code-server and Chromium never write to ~/.config or ~/.local and a run leaves no trace.
IANA_E2E_HOME=${IANA_E2E_HOME:-/tmp/iana-ports-e2e}
export IANA_E2E_HOME
export XDG_CONFIG_HOME=$IANA_E2E_HOME/xdg/config XDG_DATA_HOME=$IANA_E2E_HOME/xdg/data \
  XDG_CACHE_HOME=$IANA_E2E_HOME/xdg/cache XDG_STATE_HOME=$IANA_E2E_HOME/xdg/state TMPDIR=$IANA_E2E_HOME/tmp
# code-server 4.100.3 is VS Code 1.100.3, the last line that runs on Node 20 (engines.vscode is ^1.100.0).
CODE_SERVER_VERSION=4.100.3
CODE_SERVER_BIN=$IANA_E2E_HOME/cs/node_modules/.bin/code-server
export CHROMIUM_BIN=${CHROMIUM_BIN:-/usr/bin/chromium}
mkdir -p "$TMPDIR"
