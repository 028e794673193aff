# talentwatch: build, test and run on Debian 12 with Swift 6 (see README.md).
#
#   make run    install missing system packages, build, play the demo week (`talentwatch demo`), keep serving
#   make test   install missing system packages and the Python test venv, build warning-free, run all tests
#   make lint   check formatting with swift-format
#
# Builds are debug builds: `make test` and `make run` share one build directory, so running after testing
# compiles nothing, and the 2-core machines this runs on spend minutes less than on a release build.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

SWIFT ?= swift
PYTHON ?= python3
SWIFT_FLAGS := -Xswiftc -warnings-as-errors
DEPS := libsqlite3-dev libcurl4-openssl-dev libssl-dev libmicrohttpd-dev pkg-config python3-venv sqlite3 wrk openssl
VENV := .venv
VENV_STAMP := $(VENV)/.requirements-installed

.PHONY: all deps venv build run test lint format clean

all: build

## deps: install the Debian packages that are missing (as root, or through sudo).
deps:
	@command -v dpkg >/dev/null || { echo "make deps: dpkg not found; this needs Debian 12 (or Ubuntu)" >&2; exit 1; }
	@missing=""; \
	for package in $(DEPS); do \
	  dpkg -s "$$package" >/dev/null 2>&1 || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all system packages present"; exit 0; fi; \
	if [ "$$(id -u)" -eq 0 ]; then sudo=""; \
	elif command -v sudo >/dev/null; then sudo="sudo"; \
	else echo "make deps: missing packages:$$missing; run as root or install sudo" >&2; exit 1; fi; \
	echo "deps: installing$$missing"; \
	$$sudo apt-get update && \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $$missing

## venv: the Python virtual environment with the test clients from requirements-test.txt.
venv: $(VENV_STAMP)

$(VENV_STAMP): requirements-test.txt | deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## build: a debug build of everything, warnings as errors.
build: deps
	$(SWIFT) build $(SWIFT_FLAGS)

## run: build, then the main job on the embedded default: the provider sandbox, `serve` on SQLite under
## var/demo, the scripted demo week, the summary; then keeps serving until Ctrl-C.
run: build
	mkdir -p var
	$$($(SWIFT) build $(SWIFT_FLAGS) --show-bin-path)/talentwatch demo

## test: build the package and its tests warning-free, then run every test.
# `swift test` gets the same flags as the build so it reuses that build instead of compiling again.
# The venv's bin comes first on PATH so end-to-end tests find its Python clients. Tests run one at a time
# (--no-parallel): many start real servers and child processes, and on a 2-core machine running them all at
# once starved the timing-sensitive ones (measured: 524 tests serially in 111 s).
test: deps venv
	$(SWIFT) build --build-tests $(SWIFT_FLAGS)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(SWIFT) test $(SWIFT_FLAGS) --no-parallel

## lint: formatting as swift-format sees it, strictly.
lint:
	$(SWIFT) format lint --strict -r Sources Tests

## format: rewrite Sources and Tests in place with swift-format.
format:
	$(SWIFT) format -i -r Sources Tests

clean:
	rm -rf .build $(VENV)
