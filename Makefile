# privx-roles: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT        ?= swift
DEBIAN_DEPS  := libncursesw5-dev tmux
BIN          := .build/debug
RELEASE_BIN  := .build/release

.PHONY: all deps build release demo sim test soak bench screenshots clean

all: build

## deps: install the Debian packages the build and the tests need (apt-get as root, else print the command)
deps:
	@missing=""; \
	for p in $(DEBIAN_DEPS); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ]; then \
		echo "installing:$$missing"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "missing Debian packages:$$missing"; \
		echo "run:  sudo apt-get install -y$$missing"; \
		exit 1; \
	fi

## build: debug build of every target and the tests
build: deps
	$(SWIFT) build --build-tests

## release: optimized build of the two executables
release: deps
	$(SWIFT) build -c release

## demo: the real console against an in-process simulator with seeded data
demo: deps
	$(SWIFT) build --product privx-roles
	$(BIN)/privx-roles --demo

## sim: the role-store simulator alone, with the demo credentials printed
sim: deps
	$(SWIFT) build --product privx-rolestore-sim
	$(BIN)/privx-rolestore-sim --print-demo-credentials
	$(BIN)/privx-rolestore-sim --port 8443 --seed small

## test: install, build, and run every test (unit, integration over real HTTP, end-to-end in tmux)
# The end-to-end suites block on tmux and subprocesses; they run on their own after the rest so they
# cannot starve the concurrency pool that the HTTP tests' timing (token expiry) depends on.
test: build
	$(SWIFT) test --skip-build --disable-xctest --no-parallel --skip EndToEndTests
	$(SWIFT) test --skip-build --disable-xctest --filter EndToEndTests

## soak: the long random-use runs (100 000 keys on MemoryTerminal, 5 000 through ncurses in tmux) plus the fault suites
# PRIVX_MONKEY_SEED=N replays a run (the seed is printed with "keys survived").
soak: build
	PRIVX_MONKEY_KEYS=100000 $(SWIFT) test --skip-build --disable-xctest --filter 'MonkeyTests|FaultPathTests|SessionRobustnessTests'
	PRIVX_TMUX_MONKEY_KEYS=5000 $(SWIFT) test --skip-build --disable-xctest --filter ConsoleEndToEndTests

## bench: release build, then every benchmark of issue 7 (one table, PASS/FAIL per budget, bench/results/latest.json)
bench: deps
	@python3 -c "import pyte" 2>/dev/null || python3 -m pip install --quiet pyte 2>/dev/null || \
		python3 -m pip install --quiet --break-system-packages pyte
	$(SWIFT) build -c release
	$(RELEASE_BIN)/privx-bench run --bin-dir $(RELEASE_BIN) --output bench/results/latest.json

## screenshots: PNGs of the real console in screenshots/ (tmux captures rendered by pyte + Pillow)
screenshots: deps
	@dpkg-query -W -f='$${Status}' fonts-dejavu-core 2>/dev/null | grep -q "install ok installed" || \
		{ if [ "$$(id -u)" = "0" ]; then DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core; \
		  else echo "run:  sudo apt-get install -y fonts-dejavu-core"; exit 1; fi; }
	@python3 -c "import pyte, PIL" 2>/dev/null || python3 -m pip install --quiet pyte Pillow 2>/dev/null || \
		python3 -m pip install --quiet --break-system-packages pyte Pillow
	$(SWIFT) build --product privx-roles
	python3 scripts/screenshots.py

clean:
	rm -rf .build
