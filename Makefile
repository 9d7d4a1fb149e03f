# privx-roles: the two commands a newcomer needs are `make demo` and `make test`.
SWIFT        ?= swift
DEBIAN_DEPS  := libncursesw5-dev tmux openssh-client
BIN          := .build/debug
RELEASE_BIN  := .build/release

# Packaging. The version lives in VERSION only (the BuildInfo plugin reads it for --version too).
VERSION      := $(shell tr -d ' \t\r\n' < VERSION)
DEB_ARCH     := $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DIST         := .build/dist
COMMIT       := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
RELEASE_DONE := $(DIST)/.complete-$(COMMIT)
DEB          := .build/privx-roles_$(VERSION)_$(DEB_ARCH).deb
# Release flags: Swift runtime and Foundation linked in, no $$ORIGIN rpath (nothing is installed beside the binary).
RELEASE_FLAGS := -c release --static-swift-stdlib --disable-local-rpath
PREFIX       ?= /usr/local
DESTDIR      ?=
BINDIR       ?= $(PREFIX)/bin
MANDIR       ?= $(PREFIX)/share/man
BASHCOMPDIR  ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR   ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR  ?= $(PREFIX)/share/fish/vendor_completions.d

.PHONY: all deps build release install uninstall deb package-test demo sim test soak bench screenshots clean

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

## release: the installable files in .build/dist: privx-roles (optimised, Swift runtime and Foundation linked
## statically, stripped; ldd checked), bash/zsh/fish completions and the man page, all from the argument parser
release: deps
	$(SWIFT) build $(RELEASE_FLAGS) --product privx-roles
	rm -rf $(DIST) && mkdir -p $(DIST)/completions $(DIST)/man
	strip --strip-all --remove-section=.comment -o $(DIST)/privx-roles $(RELEASE_BIN)/privx-roles
	scripts/check-ldd.sh $(DIST)/privx-roles
	$(DIST)/privx-roles --generate-completion-script bash | sed '1{/^#!/d}' > $(DIST)/completions/privx-roles.bash
	$(DIST)/privx-roles --generate-completion-script zsh > $(DIST)/completions/_privx-roles
	$(DIST)/privx-roles --generate-completion-script fish > $(DIST)/completions/privx-roles.fish
	SWIFT=$(SWIFT) scripts/generate-man.sh $(DIST)/privx-roles $(DIST)/man
	touch $(RELEASE_DONE)

# `make install` and `make deb` rebuild the release only when a source or the commit changed since the
# last one (so --version names the commit), so `make release && sudo make install` does not build as root.
RELEASE_INPUTS := Package.swift VERSION $(shell find Sources Plugins -type f 2>/dev/null)
$(RELEASE_DONE): $(RELEASE_INPUTS)
	$(MAKE) --no-print-directory release

## install: make install [PREFIX=/usr/local] [DESTDIR=staging]: the binary, completions and man page of `make release`
install: $(RELEASE_DONE)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 0755 $(DIST)/privx-roles $(DESTDIR)$(BINDIR)/privx-roles
	install -m 0644 $(DIST)/man/privx-roles.1 $(DESTDIR)$(MANDIR)/man1/privx-roles.1
	install -m 0644 $(DIST)/completions/privx-roles.bash $(DESTDIR)$(BASHCOMPDIR)/privx-roles
	install -m 0644 $(DIST)/completions/_privx-roles $(DESTDIR)$(ZSHCOMPDIR)/_privx-roles
	install -m 0644 $(DIST)/completions/privx-roles.fish $(DESTDIR)$(FISHCOMPDIR)/privx-roles.fish

## uninstall: removes exactly what `make install` put there (same PREFIX and DESTDIR)
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/privx-roles $(DESTDIR)$(MANDIR)/man1/privx-roles.1 \
		$(DESTDIR)$(BASHCOMPDIR)/privx-roles $(DESTDIR)$(ZSHCOMPDIR)/_privx-roles $(DESTDIR)$(FISHCOMPDIR)/privx-roles.fish

## deb: .build/privx-roles_VERSION_ARCH.deb: `make install` into Debian's paths, packed by dpkg-deb, checked by lintian
deb: $(RELEASE_DONE)
	rm -rf .build/deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/.build/deb/root PREFIX=/usr \
		ZSHCOMPDIR=/usr/share/zsh/vendor-completions
	scripts/build-deb.sh .build/deb $(VERSION) $(DEB_ARCH) $(DEB)

## package-test: a bare Debian 12 in .build/debian-root (debootstrap), the .deb installed there with apt-get
## as the README says, run headless against the host's simulator and as the console in tmux (needs root)
package-test: deb
	$(SWIFT) build $(RELEASE_FLAGS) --product privx-rolestore-sim
	scripts/package-test.sh $(DEB) $(RELEASE_BIN)/privx-rolestore-sim

## demo: the real console against an in-process simulator with seeded data
demo: deps
	$(SWIFT) build --product privx-roles
	$(BIN)/privx-roles --demo

## sim: the role-store simulator alone, with the demo credentials printed
sim: deps
	$(SWIFT) build --product privx-rolestore-sim
	$(BIN)/privx-rolestore-sim --print-demo-credentials
	$(BIN)/privx-rolestore-sim --port 8443 --seed small

## test: install, build, and run every test (unit, integration over real HTTP, end-to-end in tmux, the .deb on a bare Debian)
# The end-to-end suites block on tmux and subprocesses; they run on their own after the rest so they
# cannot starve the concurrency pool that the HTTP tests' timing (token expiry) depends on, and one at a
# time: their waits block a pool thread each, and the simulator they run in-process needs the pool too
# (two waiting tests on two cores left it no thread: prompts and answers timed out).
# Last, the release package on a bare Debian 12 (package-test: debootstrap, chroot; root only, as CI runs).
test: build
	$(SWIFT) test --skip-build --disable-xctest --no-parallel --skip EndToEndTests
	$(SWIFT) test --skip-build --disable-xctest --no-parallel --filter EndToEndTests
	@if [ "$$(id -u)" = "0" ]; then $(MAKE) --no-print-directory package-test; else \
		echo "make test: package-test NOT run: it needs root (debootstrap, chroot, mount); run: sudo make package-test"; fi

## soak: the long random-use runs (100 000 keys on MemoryTerminal, 5 000 through ncurses in tmux) plus the fault suites
# PRIVX_MONKEY_SEED=N replays a run (the seed is printed with "keys survived").
soak: build
	PRIVX_MONKEY_KEYS=100000 $(SWIFT) test --skip-build --disable-xctest --filter 'MonkeyTests|FaultPathTests|SessionRobustnessTests'
	PRIVX_TMUX_MONKEY_KEYS=5000 $(SWIFT) test --skip-build --disable-xctest --filter ConsoleEndToEndTests

## bench: the release build users install (RELEASE_FLAGS, as `make release`), then every benchmark of issues 7
## and 15 (one table, PASS/FAIL per budget, bench/results/latest.json)
# The same flags as `make release`, so the timed privx-roles is the installed binary (unstripped) and the
# two targets share one build instead of recompiling every module when switching.
bench: deps
	@python3 -c "import pyte" 2>/dev/null || python3 -m pip install --quiet pyte 2>/dev/null || \
		python3 -m pip install --quiet --break-system-packages pyte
	$(SWIFT) build $(RELEASE_FLAGS)
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

# --one-file-system: never follow a mount an interrupted package-test left in .build/debian-root.
clean:
	rm -rf --one-file-system .build
