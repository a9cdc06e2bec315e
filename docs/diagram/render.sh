#!/bin/sh
# Regenerates the README's process pictures from the BPMN files:
#   docs/images/risk-item.png|svg and docs/images/supervision.png|svg
# Needs Node.js, Debian's chromium and a CJK font:
#   apt-get install -y chromium fonts-wqy-microhei
# npm installs bpmn-js and playwright-core only; no browser is downloaded.
set -eu
cd "$(dirname "$0")"
if [ ! -d node_modules ]; then
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
fi
node render.mjs ../../processes/risk-item.bpmn ../../processes/supervision.bpmn
