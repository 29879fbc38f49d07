#!/usr/bin/env bash
# Installs what the VS Code end-to-end test drives, idempotently (a stamp file
# makes reruns instant): Debian packages, code-server (VS Code in a browser)
# from npm into code-server/node_modules (pinned by code-server/package-lock.json),
# and its native modules built from source. code-server's own install script
# downloads nothing we need but fails offline, so scripts are skipped and the
# steps it would run are done here. Debian's Chromium renders the pages.
set -euo pipefail
cd "$(dirname "$0")"

apt_packages="chromium ripgrep fonts-dejavu-core libkrb5-dev libsecret-1-dev python3 make g++"
missing=""
for p in $apt_packages; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "install-code-server: apt-get install$missing"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# Headers of the running Node for the native modules (Debian/NodeSource
# packages put them in /usr/include/node, tarball installs beside bin/).
nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")"
gyp_nodedir="--nodedir=$nodedir"
if [ ! -f "$nodedir/include/node/node.h" ]; then
  echo "install-code-server: no Node headers in $nodedir/include/node; node-gyp will download them" >&2
  gyp_nodedir=""
fi

cs=code-server/node_modules/code-server
stamp=code-server/node_modules/.cedar-ls-installed
lockhash=$(sha256sum code-server/package-lock.json install-code-server.sh | sha256sum | cut -c1-16)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lockhash" ]; then
  exit 0
fi
(cd code-server && npm ci --ignore-scripts --no-audit --no-fund)
(cd "$cs/lib/vscode" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
(cd "$cs/lib/vscode/extensions" && npm install --omit=dev --ignore-scripts --no-audit --no-fund)
ln -sfn node_modules "$cs/lib/vscode/node_modules.asar"
# Native modules are built here from source with the Node headers in /usr
# (npm rebuild may skip packages' scripts under npm's install-scripts policy).
(cd code-server/node_modules/argon2 && node ../@mapbox/node-pre-gyp/bin/node-pre-gyp rebuild --build-from-source $gyp_nodedir --loglevel=error >/dev/null)
# node-pty's postinstall wants to npx a node-gyp only for compile_commands.json;
# build these with the node-gyp that ships inside npm instead.
node_gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
for m in @vscode/spdlog node-pty; do
  (cd "$cs/lib/vscode/node_modules/$m" && node "$node_gyp" rebuild $gyp_nodedir --loglevel=error >/dev/null)
done
mkdir -p "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin"
ln -sfn "$(command -v rg)" "$cs/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
echo "$lockhash" > "$stamp"
