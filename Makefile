# lanner top-level build. `make demo` shows lanner's main job in a booted
# guest; `make test` runs every test (host and guest kernels).
#
#   make setup      install host packages (apt; idempotent)
#   make build      release build of the agent
#   make static     static agent, driver-loader + driver test binaries for guests (build/static/)
#   make glibc217   portable agent + driver-loader for glibc 2.17 (EL7) and newer
#                   (build/glibc217/, cargo-zigbuild), then the GLIBC symbol check
#   make glibc-check  GLIBC check of build/glibc217/* only (GLIBC_MAX=2.17)
#   make kmod KDIR=<kernel headers>   build lanner.ko against one kernel
#   make checkpatch kernel coding style of kmod/ and the ABI header
#   make check      fmt + clippy + checkpatch + unit/integration tests on the host
#                   (and the GLIBC check's own test, tests/glibc/)
#   make vm-test    guest-kernel tests only (5.10, 6.1, 6.12), one PASS/FAIL line per kernel,
#                   and the package boot (6.1: dpkg + DKMS + systemd in a Debian guest);
#                   DRIVER=kmod or DRIVER=bpf tests one driver (default: both + parity)
#   make package    .deb and .rpm of lanner and lanner-dkms in build/package/
#                   (the glibc 2.17 build; PKG_BIN_DIR or PKG_LANNER_BIN/PKG_LOADER_BIN
#                   to pass others)
#   make package-test  build the packages and check them: rpm/dpkg scratch-root
#                   install, upgrade keeping an edited config, removal, scriptlets,
#                   lintian + rpmlint (packaging/test.sh; root)
#   make test       setup + check + glibc217 + vm-test + package-test
#   make bench      events/s per core through decode + state + rules (stable
#                   ruleset, three event mixes) and alerts/s per output on
#                   loopback; record results in BENCHMARKS.md
#   make bench-ir   the rules mixes in instructions per event (callgrind)
#   make demo       boot a guest and watch alerts reach rsyslog live

SHELL := /bin/bash
CARGO ?= cargo
TARGET := x86_64-unknown-linux-gnu
STATIC_DIR := build/static
KERNELS ?= 5.10 6.1 6.12
# Both drivers and their parity test by default; DRIVER=kmod or DRIVER=bpf
# runs one.
DRIVER ?= kmod,bpf
# Portable build: runs on glibc 2.17 (EL7) and newer. Packages ship the
# binaries from PKG_BIN_DIR (lanner, driver-loader); `make glibc217` fills it.
GLIBC217_DIR := build/glibc217
GLIBC_MAX ?= 2.17
PKG_BIN_DIR ?= $(GLIBC217_DIR)
# The binaries the packages ship.
PKG_LANNER_BIN ?= $(PKG_BIN_DIR)/lanner
PKG_LOADER_BIN ?= $(PKG_BIN_DIR)/driver-loader
PKG_ENV = LANNER_BIN=$(abspath $(PKG_LANNER_BIN)) DRIVER_LOADER_BIN=$(abspath $(PKG_LOADER_BIN))

.PHONY: all setup build static glibc217 glibc217-tools glibc-check glibc-check-test kmod checkpatch \
	check fmt clippy unit vm-test test demo bench bench-ir clean package-bins package package-test

all: build

setup:
	@if [ "$$(id -u)" = 0 ]; then scripts/setup-host.sh; else sudo scripts/setup-host.sh; fi

build:
	$(CARGO) build --release --workspace

# Static binaries run in guests that carry no libc of their own.
static:
	RUSTFLAGS="-C target-feature=+crt-static" $(CARGO) build --release \
		--target $(TARGET) -p lanner -p lanner-drivertest -p lanner-driver-loader
	@mkdir -p $(STATIC_DIR)
	cp target/$(TARGET)/release/lanner target/$(TARGET)/release/lanner-drivertest \
		target/$(TARGET)/release/driver-loader $(STATIC_DIR)/

# zig + cargo-zigbuild, pinned, into .cache/glibc217-tools (idempotent).
glibc217-tools:
	scripts/install-glibc217-tools.sh

glibc217: glibc217-tools
	CARGO=$(CARGO) scripts/build-glibc217.sh $(GLIBC217_DIR)
	$(MAKE) glibc-check

glibc-check:
	scripts/check-glibc.sh $(GLIBC217_DIR)/lanner $(GLIBC217_DIR)/driver-loader MAX=$(GLIBC_MAX)

# The GLIBC check itself, against host-compiled binaries (seconds).
glibc-check-test:
	tests/glibc/check-glibc-test.sh

kmod:
	$(MAKE) -C kmod KDIR=$(KDIR)

fmt:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets -- -D warnings

unit:
	$(CARGO) test --workspace

checkpatch:
	scripts/checkpatch.sh

check: fmt clippy checkpatch unit glibc-check-test

# The package boot (6.1) installs the .debs `package` builds.
vm-test: static package
	VM_DRIVERS=$(DRIVER) tests/vm/run.sh $(KERNELS)

# What the packages ship: the portable (glibc 2.17) build, symbol-checked.
package-bins: glibc217

package: package-bins
	$(PKG_ENV) packaging/build.sh

# Root: rpm --root / dpkg --root chroot into scratch roots to run the scriptlets.
package-test: package-bins
	@if [ "$$(id -u)" = 0 ]; then $(PKG_ENV) packaging/test.sh; \
	else sudo $(PKG_ENV) packaging/test.sh; fi

test: setup check glibc217 vm-test package-test

demo: setup static
	tests/vm/demo.sh

bench:
	$(CARGO) bench -p lanner --bench rules --bench outputs

# Instructions per event of each mix (callgrind; repeatable on a busy
# machine). Prints "mix: N Ir/event".
bench-ir:
	scripts/bench-ir.sh

clean:
	$(CARGO) clean
	rm -rf build
