# Spilno. `make run` serves the site with demo content; `make test` runs every test.
# Both install whatever is missing first (Rust tools from crates.io, npm packages, Debian packages).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

CARGO_LEPTOS_VERSION := 0.3.10
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p}' Cargo.lock)
export PATH := $(CURDIR)/end2end/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DATA_DIR ?= data
export SPILNO_TEST_POSTGRES ?= postgres://postgres@127.0.0.1:5432/postgres
BIN := target/release/spilno

.PHONY: run test bench tools rust-tools node-tools system-tools postgres build lint clean

run: tools build
	$(BIN) --data-dir $(DATA_DIR) load-demo
	$(BIN) --data-dir $(DATA_DIR) serve

test: tools postgres build
	cargo test --workspace --locked
	cd end2end && npx playwright test

bench: tools build
	bash server/bench.sh

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings
	cargo clippy -p app --lib --target wasm32-unknown-unknown --no-default-features --features hydrate --locked -- -D warnings

# The release site: server binary, size-tuned wasm (wasm-opt from npm's binaryen), CSS, with
# brotli and gzip copies of every asset, so the server never compresses them per request.
build:
	cargo leptos build --release --split --precompress --cargo-locked

tools: rust-tools node-tools system-tools

rust-tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@[ "$$(cargo leptos --version 2>/dev/null)" = "cargo-leptos $(CARGO_LEPTOS_VERSION)" ] || \
	  cargo install cargo-leptos --locked --version $(CARGO_LEPTOS_VERSION) --features no_downloads
	@# The CLI must equal the wasm-bindgen crate pinned in Cargo.lock. Not --locked: its own
	@# lockfile names a crate version the registry may lack.
	@[ "$$(wasm-bindgen --version 2>/dev/null)" = "wasm-bindgen $(WASM_BINDGEN_VERSION)" ] || \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force

node-tools:
	@[ end2end/node_modules/.package-lock.json -nt end2end/package-lock.json ] || (cd end2end && npm ci --no-audit --no-fund)

system-tools:
	@missing=""; \
	for tool in chromium:chromium wrk:wrk curl:curl pg_isready:postgresql-client; do \
	  command -v "$${tool%%:*}" >/dev/null || missing="$$missing $${tool##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres): started, or installed and started.
postgres:
	@if ! pg_isready -q -h 127.0.0.1 -p 5432; then \
	  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then \
	    $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq postgresql; \
	  fi; \
	  $(SUDO) pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql | sort -V | tail -1) main start || true; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done; \
	fi
	@pg_isready -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is required at 127.0.0.1:5432 and could not be started" >&2; exit 1; }
	@psql "$$SPILNO_TEST_POSTGRES" -tAc 'SELECT 1' >/dev/null || { echo "cannot connect to $$SPILNO_TEST_POSTGRES (trust auth, user postgres expected)" >&2; exit 1; }

clean:
	cargo clean
