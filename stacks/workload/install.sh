#!/usr/bin/env bash
# Installs the CloudMart API from this bundle directory on Amazon Linux 2023 and starts it
# under systemd. The instance user data runs it as root after installing Node.js 20:
#
#   bash install.sh /etc/cloudmart/api.env
#
# The environment file holds the API's non-secret settings (PORT, AWS_REGION,
# DB_SECRET_ARN, REDIS_HOST, ...; see README.md in stacks/workload). Running it again
# installs the new bundle and restarts the service. Exits non-zero, with the service's
# last log lines, when the API does not answer /healthz in time.
#
# Overrides (environment): NODE_BIN (the node binary), CLOUDMART_HEALTH_TIMEOUT (seconds,
# default 180). For tests only: INSTALL_ROOT stages every file below that directory
# instead of / and lifts the root requirement; systemctl, useradd, getent and chown are
# still called, so the test puts stand-ins for them first on PATH.
set -euo pipefail

ENV_FILE=${1:-/etc/cloudmart/api.env}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=${INSTALL_ROOT:-/}
ROOT=${ROOT%/}
SERVICE=cloudmart-api
SERVICE_USER=cloudmart
APP_DIR=/opt/cloudmart-api
LOG_DIR=/var/log/cloudmart
LOG_FILE=$LOG_DIR/api.log
UNIT_FILE=/etc/systemd/system/$SERVICE.service
HEALTH_TIMEOUT=${CLOUDMART_HEALTH_TIMEOUT:-180}

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }

[[ -n $ROOT || $(id -u) -eq 0 ]] || die "run as root (the user data does), or set INSTALL_ROOT to stage the files elsewhere."
[[ -f $HERE/server.mjs && -f $HERE/$SERVICE.service ]] || die "server.mjs or $SERVICE.service is missing beside install.sh; rebuild the bundle (buildWorkloadBundle)."
[[ -f $ROOT$ENV_FILE ]] || die "environment file $ROOT$ENV_FILE does not exist; the user data writes it before running install.sh."

# Node.js 20 or newer. Amazon Linux 2023's nodejs20 package installs /usr/bin/node-20 and
# may leave `node` pointing at another version, so look for both.
find_node() {
  local candidate
  for candidate in "${NODE_BIN:-}" "$(command -v node || true)" /usr/bin/node-20 /usr/bin/node-22; do
    [[ -n $candidate && -x $candidate ]] || continue
    local major
    major=$("$candidate" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
    if (( major >= 20 )); then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}
NODE=$(find_node) || die "Node.js 20 or newer was not found (install nodejs20 first, or set NODE_BIN)."
say "using $NODE ($("$NODE" --version))"

# A system user without a shell or home owns nothing but the log.
if ! getent passwd "$SERVICE_USER" >/dev/null; then
  useradd --system --no-create-home --home-dir /nonexistent --shell /sbin/nologin "$SERVICE_USER"
  say "created system user $SERVICE_USER"
fi

# The application: root-owned and read-only for the service.
install -d -m 0755 "$ROOT$APP_DIR"
for file in server.mjs server.mjs.map THIRD-PARTY-NOTICES.txt manifest.json; do
  if [[ -f $HERE/$file ]]; then install -m 0644 "$HERE/$file" "$ROOT$APP_DIR/$file"; fi
done

# The log file the CloudWatch agent ships; systemd opens it (as root) in append mode.
install -d -m 0755 "$ROOT$LOG_DIR"
touch "$ROOT$LOG_FILE"
chmod 0644 "$ROOT$LOG_FILE"
chown "$SERVICE_USER:$SERVICE_USER" "$ROOT$LOG_DIR" "$ROOT$LOG_FILE"
if [[ -d $ROOT/etc/logrotate.d ]]; then
  cat >"$ROOT/etc/logrotate.d/$SERVICE" <<EOF
$LOG_FILE {
  daily
  maxsize 50M
  rotate 3
  compress
  missingok
  notifempty
  copytruncate
}
EOF
fi

# Settings may name secrets' ARNs but hold no secret; still, only root reads them.
chmod 0600 "$ROOT$ENV_FILE"

install -d -m 0755 "$ROOT$(dirname "$UNIT_FILE")"
sed -e "s|@NODE@|$NODE|g" -e "s|@APP_DIR@|$APP_DIR|g" -e "s|@ENV_FILE@|$ENV_FILE|g" \
    -e "s|@LOG_FILE@|$LOG_FILE|g" -e "s|@USER@|$SERVICE_USER|g" \
    "$HERE/$SERVICE.service" >"$ROOT$UNIT_FILE"
chmod 0644 "$ROOT$UNIT_FILE"

systemctl daemon-reload
systemctl enable "$SERVICE" >/dev/null 2>&1
systemctl restart "$SERVICE"
say "started $SERVICE; waiting for /healthz"

# The port the API listens on: PORT from the environment file, else the default.
PORT=$(sed -n -E 's/^[[:space:]]*(export[[:space:]]+)?PORT[[:space:]]*=[[:space:]]*"?([0-9]+)"?[[:space:]]*$/\2/p' "$ROOT$ENV_FILE" | tail -n 1)
PORT=${PORT:-8080}
HEALTH_URL="http://127.0.0.1:$PORT/healthz"

healthy() {
  if command -v curl >/dev/null; then
    curl -fsS --max-time 2 "$HEALTH_URL" >/dev/null 2>&1
  else
    "$NODE" -e "fetch(process.argv[1], { signal: AbortSignal.timeout(2000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))" "$HEALTH_URL"
  fi
}

deadline=$((SECONDS + HEALTH_TIMEOUT))
until healthy; do
  if (( SECONDS >= deadline )); then
    echo "install.sh: $SERVICE did not answer $HEALTH_URL within ${HEALTH_TIMEOUT}s. Last log lines:" >&2
    tail -n 20 "$ROOT$LOG_FILE" >&2 || true
    systemctl --no-pager status "$SERVICE" >&2 || true
    exit 1
  fi
  sleep 1
done
say "$SERVICE is healthy at $HEALTH_URL"
