#!/usr/bin/env bash
# Install Debian's headless Chromium and its WebDriver for the web tests (tests/web).
# The tests skip, saying why, when /usr/bin/chromium or /usr/bin/chromedriver is missing.
# Usage (as root, or with sudo): bash scripts/install-browser.sh
set -euo pipefail

if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    echo "chromium and chromedriver already installed: $(/usr/bin/chromium --version 2>/dev/null || true)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-dejavu-core >/dev/null
echo "installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) / $(/usr/bin/chromedriver --version 2>/dev/null || echo chromedriver)"
