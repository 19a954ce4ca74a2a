#!/usr/bin/env bash
# Installs what the real-VS-Code tests need, from the npm registry and Debian only:
#   apt          Debian chromium (drives the workbench headless), libkrb5-dev (code-server's `kerberos`
#                module compiles from source because its prebuilt download fails here) and pngquant (the
#                README's pictures in 16 colours, for --update-screenshots)
#   code-server  code-server@4.100.3 into $IANA_E2E_HOME/cs, with the ripgrep download pre-seeded from npm
# usage: scripts/e2e/install.sh [apt] [code-server]     (default: both; each step is skipped when already done)
# Every network step is retried three times with a growing pause and bounded by `timeout`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
. "$HERE/env.sh"
steps=${*:-apt code-server}

log() { printf '[e2e-install %s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# retry SECONDS CMD...: runs CMD under a time limit, up to three times, pausing 10 s then 20 s between tries.
retry() {
  local limit=$1; shift
  local n
  for n in 1 2 3; do
    if timeout --kill-after=30 "$limit" "$@"; then return 0; fi
    log "attempt $n failed: $*"
    [ "$n" -lt 3 ] && sleep $((n * 10))
  done
  return 1
}

SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo -n"

install_apt() {
  if [ -x "$CHROMIUM_BIN" ] && dpkg -s libkrb5-dev >/dev/null 2>&1 && command -v pngquant >/dev/null; then
    log "chromium, libkrb5-dev and pngquant already installed"; return 0
  fi
  export DEBIAN_FRONTEND=noninteractive
  retry 180 $SUDO apt-get update -qq
  retry 600 $SUDO apt-get install -y -q --no-install-recommends -o DPkg::Lock::Timeout=300 chromium libkrb5-dev pngquant
  "$CHROMIUM_BIN" --version
}

# @vscode/ripgrep@1.15.11 (inside code-server 4.100.3) downloads `rg` from GitHub in its postinstall unless
# this tarball is already in its cache; the same binary ships in the npm package @vscode/ripgrep-linux-x64.
seed_ripgrep_cache() {
  local cache=$TMPDIR/vscode-ripgrep-cache-1.15.11
  local tarball=$cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz
  [ -s "$tarball" ] && return 0
  local d; d=$(mktemp -d "$TMPDIR/rg.XXXX")
  (cd "$d" && retry 300 npm pack -q @vscode/ripgrep-linux-x64@1.18.0 >/dev/null && tar xzf ./*.tgz)
  mkdir -p "$cache"
  tar czf "$tarball.part" -C "$d/package/bin" rg && mv "$tarball.part" "$tarball"
  rm -rf "$d"
  log "ripgrep cache seeded"
}

install_code_server() {
  local dir=$IANA_E2E_HOME/cs marker=$IANA_E2E_HOME/cs/.installed-$CODE_SERVER_VERSION
  if [ -f "$marker" ] && [ -x "$CODE_SERVER_BIN" ]; then log "code-server $CODE_SERVER_VERSION already installed"; return 0; fi
  seed_ripgrep_cache
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{"name":"iana-ports-e2e-code-server","private":true}' > "$dir/package.json"
  # yes: node-pty's postinstall runs `npx node-gyp`; unsafe_perm: the postinstall scripts must run as root too.
  export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false npm_config_fund=false \
    npm_config_update_notifier=false
  log "npm install code-server@$CODE_SERVER_VERSION (about 2 minutes; log: $dir/install.log)"
  if ! (cd "$dir" && retry 600 npm install "code-server@$CODE_SERVER_VERSION" --foreground-scripts >"$dir/install.log" 2>&1); then
    tail -40 "$dir/install.log"; return 1
  fi
  "$CODE_SERVER_BIN" --version
  touch "$marker"
}

for s in $steps; do
  case $s in
    apt) install_apt ;;
    code-server) install_code_server ;;
    *) echo "unknown step: $s (expected apt or code-server)" >&2; exit 2 ;;
  esac
done
log "done ($steps)"
