#!/usr/bin/env bash
# Install Debian's headless Java 17 runtime for `newsgraph spark-analyze` and its tests (tests/spark).
# The Spark tests skip, saying why, when no `java` is on PATH (nor JAVA_HOME set).
# Usage (as root, or with sudo): bash scripts/install-java.sh
set -euo pipefail

if command -v java >/dev/null 2>&1; then
    echo "java already installed: $(java -version 2>&1 | head -1)"
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
echo "installed: $(java -version 2>&1 | head -1)"
