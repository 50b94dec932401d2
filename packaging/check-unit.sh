#!/usr/bin/env bash
# Owns: the check that lanner's systemd units run on systemd 219 (EL7).
# usage: check-unit.sh [UNIT...]   (default: packaging/systemd/*.service)
# Every directive (and the few values that came later than their
# directive) must be in the table below with the systemd version that
# introduced it; a directive newer than MAX (219) or missing from the
# table fails, so a new directive needs its version looked up before use.
# Versions: systemd's NEWS and the "Added in version" notes of
# systemd.directives(7); "<=N" entries predate N's man pages and are given
# as N. Exit 0 only when every unit passes; every offence is printed.
set -euo pipefail
MAX=${MAX:-219}
cd "$(dirname "$0")"
units=("$@")
[ ${#units[@]} -gt 0 ] || units=(systemd/*.service)

declare -A since=(
	# [Unit]
	[Description]=1 [Documentation]=187 [After]=1 [Before]=1 [Wants]=1
	[Requires]=1 [Conflicts]=1 [ConditionPathExists]=1
	[StartLimitIntervalSec]=230 [StartLimitBurst]=1 [ConditionKernelCommandLine]=1
	# [Service]
	[Type]=1 [ExecStart]=1 [ExecStartPre]=1 [ExecStartPost]=1 [ExecStop]=1
	[ExecStopPost]=1 [ExecReload]=1 [ExecCondition]=243 [Restart]=1
	[RestartSec]=1 [RestartSteps]=254 [StartLimitInterval]=1 [TimeoutStartSec]=188
	[TimeoutStopSec]=188 [TimeoutSec]=1 [KillMode]=1 [KillSignal]=1
	[Environment]=1 [EnvironmentFile]=1 [RuntimeDirectory]=211
	[RuntimeDirectoryMode]=211 [StateDirectory]=235 [LogsDirectory]=235
	[CacheDirectory]=235 [ConfigurationDirectory]=235 [LimitNOFILE]=1
	[LimitMEMLOCK]=1 [LimitCORE]=1 [UMask]=1 [Nice]=1 [OOMScoreAdjust]=1
	[PrivateTmp]=1 [NoNewPrivileges]=187 [PrivateDevices]=209
	[PrivateNetwork]=33 [ProtectSystem]=214 [ProtectHome]=214
	[ProtectKernelModules]=232 [ProtectKernelTunables]=232
	[ProtectControlGroups]=232 [ProtectKernelLogs]=244 [ProtectClock]=245
	[ProtectHostname]=242 [ProtectProc]=247 [ReadWritePaths]=231
	[ReadOnlyPaths]=231 [ReadWriteDirectories]=1 [ReadOnlyDirectories]=1
	[CapabilityBoundingSet]=1 [AmbientCapabilities]=229 [SystemCallFilter]=187
	[SystemCallArchitectures]=209 [MemoryDenyWriteExecute]=231
	[RestrictRealtime]=231 [RestrictNamespaces]=233 [LockPersonality]=235
	[RestrictSUIDSGID]=242 [DynamicUser]=235 [TasksMax]=227 [MemoryMax]=231
	[MemoryLimit]=1 [OOMPolicy]=243 [StandardOutput]=1 [StandardError]=1
	[SyslogIdentifier]=1 [User]=1 [Group]=1 [WorkingDirectory]=1
	# [Install]
	[WantedBy]=1 [RequiredBy]=1 [Alias]=1 [Also]=1
)
# Values newer than their directive: "Directive=value" -> version.
declare -A value_since=(
	[Type=exec]=240 [KillMode=mixed]=209 [ProtectSystem=strict]=232
	[ProtectHome=tmpfs]=238 [StandardOutput=file]=236
	[StandardOutput=append]=240 [StandardOutput=truncate]=248
	[Restart=on-abnormal]=215
)

fail=0
for u in "${units[@]}"; do
	n=0
	while IFS= read -r line; do
		n=$((n + 1))
		case $line in '' | '#'* | ';'* | '['*) continue ;; esac
		key=${line%%=*}
		val=${line#*=}
		if [ "$key" = "$line" ]; then
			echo "$u:$n: not a directive: $line" >&2; fail=1; continue
		fi
		v=${since[$key]:-}
		if [ -z "$v" ]; then
			echo "$u:$n: $key: not in check-unit.sh's table (look up the systemd version that introduced it and add it)" >&2
			fail=1; continue
		fi
		if [ "$v" -gt "$MAX" ]; then
			echo "$u:$n: $key needs systemd $v, newer than $MAX (EL7)" >&2; fail=1
		fi
		vv=${value_since[$key=$val]:-}
		if [ -n "$vv" ] && [ "$vv" -gt "$MAX" ]; then
			echo "$u:$n: $key=$val needs systemd $vv, newer than $MAX (EL7)" >&2; fail=1
		fi
	done <"$u"
	[ "$n" -gt 0 ] || { echo "$u: empty" >&2; fail=1; }
done
if [ "$fail" -ne 0 ]; then
	echo "check-unit: FAIL" >&2
	exit 1
fi
echo "check-unit: ${units[*]}: every directive exists in systemd $MAX"
