#!/usr/bin/env bash
# Owns: the guest-kernel test run - the one entry point `make vm-test` calls.
# usage: tests/vm/run.sh [VER...]      VER: 5.10 6.1 6.12 (default: all)
# Fetches/caches the Debian kernels, builds lanner.ko per kernel, builds the initramfs,
# boots the guests in parallel under qemu (per kernel: the test boot, then driver-loader's
# fallback boots with module.sig_enforce=1 and with lockdown=integrity), then check.py prints
# PASS/FAIL per kernel and "N passed, M failed". Exit status 0 only if every kernel passed.
# env: VM_JOBS (guests at once, default nproc), ACCEL, VM_TIMEOUT, VM_SMP, VM_MEM, VM_PVH (boot.sh),
#      VM_REFRESH, VM_OFFLINE, VM_APT_MAX_AGE (fetch-kernel.sh), VM_SRC, VM_KCC (build-kmod.sh),
#      VM_LANNER, VM_DRIVERTEST, VM_DRIVER_LOADER, VM_RULES (mkinitramfs.sh)
#      VM_LOADER_BOOTS (fallback boots per kernel, default "sig_enforce lockdown"; "" = none)
#      VM_PKG_KERNELS (kernels that also get the package boot - a Debian root with systemd
#      installing the built .debs, mkpkgroot.sh + guest/pkgtest.sh; default "6.1"; "" = none)
#      VM_DEBS (where the .debs are, default build/package: make package)
set -euo pipefail
. "$(dirname "$0")/lib.sh"

KERNELS=("$@"); [ ${#KERNELS[@]} -gt 0 ] || KERNELS=("${ALL_KERNELS[@]}")
for v in "${KERNELS[@]}"; do known_kernel "$v"; done
JOBS=${VM_JOBS:-$(nproc)}
T0=$(now_s)
mkdir -p "$BUILD"

# A kernel that fails before booting gets setup-error.txt, which check.py reports.
fail_setup() {
	local why; why=$(sed -E 's/\[vm [0-9:]+\] (error: )?//' <<< "$2")
	echo "$why" > "$BUILD/$1/setup-error.txt"; log "$1: $why"
}
ok=()
for v in "${KERNELS[@]}"; do
	mkdir -p "$BUILD/$v"
	rm -f "$BUILD/$v"/{setup-error.txt,verdict.txt,boot.env,kernel.txt,loader-boots.txt}
	rm -rf "$BUILD/$v/results" "$BUILD/$v"/boot-*
done

# 1. Kernels (in parallel: network bound).
t=$(now_s)
pids=()
for v in "${KERNELS[@]}"; do "$VM_DIR/fetch-kernel.sh" "$v" > "$BUILD/$v/fetch.log" 2>&1 & pids+=($!); done
i=0
for v in "${KERNELS[@]}"; do
	if wait "${pids[$i]}"; then ok+=("$v"); (. "$CACHE/k/$v/kernel.env"; echo "$KREL" > "$BUILD/$v/kernel.txt"); else fail_setup "$v" "kernel fetch failed: $(tail -1 "$BUILD/$v/fetch.log")"; fi
	i=$((i + 1))
done
log "kernels ready in $(elapsed "$t") s: $(for v in ${ok[@]+"${ok[@]}"}; do . "$CACHE/k/$v/kernel.env"; printf '%s ' "$KREL"; done)"

# 2. Module per kernel (in parallel: separate trees).
t=$(now_s); built=(); pids=()
for v in ${ok[@]+"${ok[@]}"}; do "$VM_DIR/build-kmod.sh" "$v" > "$BUILD/$v/build.log" 2>&1 & pids+=($!); done
i=0
for v in ${ok[@]+"${ok[@]}"}; do
	if wait "${pids[$i]}"; then built+=("$v")
	else fail_setup "$v" "lanner.ko build failed: $(grep -m1 -E 'error|Error' "$BUILD/$v/build.log" || tail -1 "$BUILD/$v/build.log")"; fi
	i=$((i + 1))
done
log "modules built in $(elapsed "$t") s"

# 3. Initramfs (shared base + one small archive per kernel). A failure here fails every kernel.
t=$(now_s)
if [ ${#built[@]} -gt 0 ]; then
	if "$VM_DIR/mkinitramfs.sh" "${built[@]}" > "$BUILD/initramfs.log" 2>&1; then
		log "initramfs built in $(elapsed "$t") s"
	else
		for v in "${built[@]}"; do fail_setup "$v" "initramfs build failed: $(tail -1 "$BUILD/initramfs.log")"; done
		built=()
	fi
fi

# 3b. The package boot's Debian root (cached) + the .debs, per kernel asked for.
PKG_KERNELS=${VM_PKG_KERNELS-6.1}
pkg=()
for v in $PKG_KERNELS; do
	case " ${built[*]-} " in *" $v "*) ;; *) continue ;; esac
	rm -rf "$BUILD/$v/boot-pkg"; mkdir -p "$BUILD/$v/boot-pkg"
	t=$(now_s)
	if "$VM_DIR/mkpkgroot.sh" "$v" > "$BUILD/$v/pkgroot.log" 2>&1; then
		pkg+=("$v"); log "$v: package-boot root ready in $(elapsed "$t") s"
	else
		echo "results=setup-failed: $(tail -1 "$BUILD/$v/pkgroot.log")" > "$BUILD/$v/boot-pkg/boot.env"
		log "$v: package-boot root failed: $(tail -1 "$BUILD/$v/pkgroot.log")"
	fi
done

# 4. Boot, at most JOBS guests at once: the package boots (longest: DKMS compiles under TCG)
#    and the long test boots first, the short fallback boots fill the slots they leave.
#    loader-boots.txt tells check.py which fallback boots to expect.
LOADER_BOOTS=${VM_LOADER_BOOTS-sig_enforce lockdown}
t=$(now_s)
queue=()
for v in ${pkg[@]+"${pkg[@]}"}; do queue+=("$v pkg"); done
for v in ${built[@]+"${built[@]}"}; do queue+=("$v test"); echo "$LOADER_BOOTS" > "$BUILD/$v/loader-boots.txt"; done
for b in $LOADER_BOOTS; do for v in ${built[@]+"${built[@]}"}; do queue+=("$v $b"); done; done
running=0
for q in ${queue[@]+"${queue[@]}"}; do
	if [ $running -ge "$JOBS" ]; then wait -n || :; running=$((running - 1)); fi
	read -r qv qm <<< "$q"
	"$VM_DIR/boot.sh" "$qv" "$qm" & running=$((running + 1))
done
wait || :
log "guests done in $(elapsed "$t") s (${#queue[@]} boots)"

# 5. Verdict, from the evidence each guest sent back.
dirs=(); for v in "${KERNELS[@]}"; do dirs+=("$BUILD/$v"); done
rc=0; "$VM_DIR/check.py" "${dirs[@]}" | tee "$BUILD/summary.txt" || rc=${PIPESTATUS[0]}
pdirs=(); for v in $PKG_KERNELS; do pdirs+=("$BUILD/$v"); done
if [ ${#pdirs[@]} -gt 0 ]; then
	"$VM_DIR/check_pkg.py" "${pdirs[@]}" | tee -a "$BUILD/summary.txt" || rc=1
fi
log "total $(elapsed "$T0") s; console logs: $BUILD/<kernel>/console.log, evidence: $BUILD/<kernel>/results/"
exit "$rc"
