# lanner top-level build. `make demo` shows lanner's main job in a booted
# guest; `make test` runs every test (host and guest kernels).
#
#   make setup      install host packages (apt; idempotent)
#   make build      release build of the agent
#   make static     static agent + driver test binaries for guests (build/static/)
#   make kmod KDIR=<kernel headers>   build lanner.ko against one kernel
#   make checkpatch kernel coding style of kmod/ and the ABI header
#   make check      fmt + clippy + checkpatch + unit/integration tests on the host
#   make vm-test    guest-kernel tests only (5.10, 6.1, 6.12), one PASS/FAIL line per kernel;
#                   DRIVER=kmod or DRIVER=bpf tests one driver (default: both + parity)
#   make package    .deb and .rpm of lanner and lanner-dkms in build/package/
#                   (release binaries; PKG_LANNER_BIN/PKG_LOADER_BIN to pass others)
#   make package-test  build the packages and check them: rpm/dpkg scratch-root
#                   install, upgrade keeping an edited config, removal, scriptlets,
#                   lintian + rpmlint (packaging/test.sh; root)
#   make test       setup + check + vm-test + package-test
#   make bench      events/s per core through decode + state + rules (stable
#                   ruleset, three event mixes); record results in BENCHMARKS.md
#   make bench-ir   the same mixes in instructions per event (callgrind)
#   make demo       boot a guest and watch alerts reach rsyslog live

SHELL := /bin/bash
CARGO ?= cargo
TARGET := x86_64-unknown-linux-gnu
STATIC_DIR := build/static
KERNELS ?= 5.10 6.1 6.12
# Both drivers and their parity test by default; DRIVER=kmod or DRIVER=bpf
# runs one.
DRIVER ?= kmod,bpf
# The binaries the packages ship.
PKG_LANNER_BIN ?= target/release/lanner
PKG_LOADER_BIN ?= target/release/driver-loader
PKG_ENV = LANNER_BIN=$(abspath $(PKG_LANNER_BIN)) DRIVER_LOADER_BIN=$(abspath $(PKG_LOADER_BIN))

.PHONY: all setup build static kmod checkpatch check fmt clippy unit vm-test test demo bench bench-ir clean \
	package-bins package package-test

all: build

setup:
	@if [ "$$(id -u)" = 0 ]; then scripts/setup-host.sh; else sudo scripts/setup-host.sh; fi

build:
	$(CARGO) build --release --workspace

# Static binaries run in guests that carry no libc of their own.
static:
	RUSTFLAGS="-C target-feature=+crt-static" $(CARGO) build --release \
		--target $(TARGET) -p lanner -p lanner-drivertest
	@mkdir -p $(STATIC_DIR)
	cp target/$(TARGET)/release/lanner target/$(TARGET)/release/lanner-drivertest $(STATIC_DIR)/

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

check: fmt clippy checkpatch unit

vm-test: static
	VM_DRIVERS=$(DRIVER) tests/vm/run.sh $(KERNELS)

# Release builds of what the packages ship (only these two crates).
package-bins:
	$(CARGO) build --release -p lanner -p lanner-driver-loader

package: package-bins
	$(PKG_ENV) packaging/build.sh

# Root: rpm --root / dpkg --root chroot into scratch roots to run the scriptlets.
package-test: package-bins
	@if [ "$$(id -u)" = 0 ]; then $(PKG_ENV) packaging/test.sh; \
	else sudo $(PKG_ENV) packaging/test.sh; fi

test: setup check vm-test package-test

demo: setup static
	tests/vm/demo.sh

bench:
	$(CARGO) bench -p lanner --bench rules

# Instructions per event of each mix (callgrind; repeatable on a busy
# machine). Prints "mix: N Ir/event".
bench-ir:
	scripts/bench-ir.sh

clean:
	$(CARGO) clean
	rm -rf build
