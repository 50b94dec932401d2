#!/usr/bin/env bash
# Runs a private rsyslogd (same config as the syslog integration tests) in
# the foreground, for pointing `lanner run` at by hand:
#
#   tests/syslog/run-rsyslog.sh [DIR] [PORT]
#
# then, in lanner.yaml: outputs.syslog: [{transport: unix, path: DIR/sock/log}]
# or [{transport: tcp, address: "127.0.0.1:PORT"}]. With DIR/tls/ca.pem,
# server.pem and server-key.pem present (any PEM CA + server certificate),
# a TLS input is added too (TLS_PORT, default ephemeral, written to
# DIR/tls-port; TLS_AUTHMODE anon or x509/certvalid):
# [{transport: tls, address: "127.0.0.1:TLS_PORT", tls_ca_file: DIR/tls/ca.pem}].
# Parsed messages appear
# one per line in DIR/out.log as
#   PRI|TIMESTAMP|HOSTNAME|APP-NAME|PROCID|MSGID|STRUCTURED-DATA|MSG
# Ctrl-C stops it. Never touches /dev/log or a system rsyslog.
set -euo pipefail

RSYSLOGD=${LANNER_RSYSLOGD:-/usr/sbin/rsyslogd}
if [ ! -x "$RSYSLOGD" ]; then
	echo "run-rsyslog: $RSYSLOGD not found; run 'make setup' (scripts/setup-host.sh installs rsyslog)" >&2
	exit 1
fi
DIR=${1:-$(mktemp -d /tmp/lanner-rsyslog.XXXXXX)}
PORT=${2:-0}
HERE=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$DIR/work"
rm -f "$DIR/port" "$DIR/rsyslogd.pid"
sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" "$HERE/rsyslog.conf.in" >"$DIR/rsyslog.conf"
if [ -f "$DIR/tls/ca.pem" ] && [ -f "$DIR/tls/server.pem" ] && [ -f "$DIR/tls/server-key.pem" ]; then
	tls=$(sed -e "s|@DIR@|$DIR|g" -e "s|@TLSPORT@|${TLS_PORT:-0}|g" \
		-e "s|@AUTHMODE@|${TLS_AUTHMODE:-anon}|g" "$HERE/rsyslog-tls-input.conf.in")
	printf '%s\n' "$tls" >>"$DIR/rsyslog.conf"
	rm -f "$DIR/tls-port"
	echo "run-rsyslog: TLS input on ${TLS_PORT:-0} (port in $DIR/tls-port once listening)"
fi
if ! check=$("$RSYSLOGD" -N1 -f "$DIR/rsyslog.conf" 2>&1); then
	echo "$check" >&2
	exit 1
fi
echo "run-rsyslog: unix socket $DIR/sock/log, output $DIR/out.log"
[ "$PORT" = 0 ] && echo "run-rsyslog: tcp port written to $DIR/port once listening"
exec "$RSYSLOGD" -n -f "$DIR/rsyslog.conf" -i "$DIR/rsyslogd.pid"
