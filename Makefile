# lanner top-level build. `make demo` shows lanner's main job in a booted
# guest; `make test` runs every test (host and guest kernels).
#
#   make setup      install host packages (apt; idempotent)
#   make build      release build of the agent
#   make static     static agent, driver-loader + driver test binaries for guests (build/static/)
#   make kmod KDIR=<kernel headers>   build lanner.ko against one kernel
#   make checkpatch kernel coding style of kmod/ and the ABI header
#   make check      fmt + clippy + checkpatch + unit/integration tests on the host
#   make vm-test    guest-kernel tests only (5.10, 6.1, 6.12), one PASS/FAIL line per kernel;
#                   DRIVER=kmod or DRIVER=bpf tests one driver (default: both + parity)
#   make test       setup + check + vm-test
#   make bench      events/s per core through decode + state + rules (stable
#                   ruleset, three event mixes); record results in BENCHMARKS.md
#   make demo       boot a guest and watch alerts reach rsyslog live

SHELL := /bin/bash
CARGO ?= cargo
TARGET := x86_64-unknown-linux-gnu
STATIC_DIR := build/static
KERNELS ?= 5.10 6.1 6.12
# Both drivers and their parity test by default; DRIVER=kmod or DRIVER=bpf
# runs one.
DRIVER ?= kmod,bpf

.PHONY: all setup build static kmod checkpatch check fmt clippy unit vm-test test demo bench clean

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

test: setup check vm-test

demo: setup static
	tests/vm/demo.sh

bench:
	$(CARGO) bench -p lanner --bench rules

clean:
	$(CARGO) clean
	rm -rf build
