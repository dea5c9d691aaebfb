# iacrev — a terminal workbench for reviewing IaC training tasks.
#
#   make          build ./iacrev
#   make test     install missing Debian packages, build, run every test
#   make demo     install, build, open the workbench on the demo repository
#   make bench    benchmarks against git and tig on a generated large repository
#   make install  PREFIX=/usr/local DESTDIR=
#
# The public targets that may install packages (test, demo, bench) run
# `deps` first and then a sub-make, so that pkg-config is asked after the
# packages exist.

CC       ?= cc
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
DATADIR  ?= $(PREFIX)/share/iacrev
MANDIR   ?= $(PREFIX)/share/man
PKGS     := ncursesw libgit2 libcmark jansson
TEST_PKGS := cmocka

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell pkg-config --cflags $(TEST_PKGS) 2>/dev/null)
TEST_LIBS   := $(shell pkg-config --libs $(TEST_PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wformat=2
CPPFLAGS += -D_GNU_SOURCE -DIACREV_DATADIR='"$(DATADIR)"'
CFLAGS   ?= -O2 -g
ALL_CFLAGS = -std=c11 $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) $(CFLAGS) -MMD -MP
LDLIBS   += $(PKG_LIBS) -lpthread -lm
SAN      := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer

LIB_SRC  := $(wildcard core/*.c views/*.c cli/*.c) $(filter-out tui/main.c,$(wildcard tui/*.c))
MAIN_SRC := tui/main.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)

OBJ      := $(patsubst %.c,build/obj/%.o,$(LIB_SRC))
ASAN_OBJ := $(patsubst %.c,build/asan/%.o,$(LIB_SRC))
FUZZ_SRC := $(wildcard tests/fuzz/fuzz_*.c)
UNITS    := $(patsubst tests/unit/%.c,build/test/%,$(UNIT_SRC))
FUZZ_REPLAY := $(patsubst tests/fuzz/%.c,build/asan/fuzz/%,$(FUZZ_SRC))
ASAN_UNITS := $(patsubst tests/unit/%.c,build/asan/test/%,$(UNIT_SRC))

.PHONY: all deps test check unit unit-asan fuzz-seeds cli-tests e2e e2e-asan leaks-valgrind demo demo-repo bench fuzz fuzz-run install uninstall clean

all: iacrev

# Keep intermediate objects (the fuzz driver) between runs.
.SECONDARY:

iacrev: build/obj/tui/main.o build/libiacrev.a
	$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)

build/asan/iacrev: build/asan/tui/main.o build/asan/libiacrev.a
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/libiacrev.a: $(OBJ)
	@rm -f $@
	ar rcs $@ $^

build/asan/libiacrev.a: $(ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/asan/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

build/test/%: tests/unit/%.c tests/unit/testlib.h build/libiacrev.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -o $@ $< build/libiacrev.a $(TEST_LIBS) $(LDLIBS)

build/asan/test/%: tests/unit/%.c tests/unit/testlib.h build/asan/libiacrev.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -O1 $(SAN) -o $@ $< build/asan/libiacrev.a $(TEST_LIBS) $(LDLIBS)

# A fuzz target replayed over its seeds and past crashes (no libFuzzer).
build/asan/fuzz/%: tests/fuzz/%.c build/asan/tests/fuzz/driver.o build/asan/libiacrev.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ $< build/asan/tests/fuzz/driver.o build/asan/libiacrev.a $(LDLIBS)

# libFuzzer builds (clang): `make fuzz FUZZ_TIME=600 FUZZ_JOBS=2` runs every
# target, FUZZ_JOBS at a time (tests/fuzz/CAMPAIGNS.md keeps the figures).
FUZZ_CC    ?= clang
FUZZ_TIME  ?= 60
FUZZ_SAN   := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_OBJ   := $(patsubst %.c,build/fuzz/%.o,$(LIB_SRC))
FUZZ_BINS  := $(patsubst tests/fuzz/%.c,build/fuzz/bin/%,$(FUZZ_SRC))

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -g -O1 -MMD -MP $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

build/fuzz/libiacrev.a: $(FUZZ_OBJ)
	@rm -f $@
	ar rcs $@ $^

build/fuzz/bin/%: tests/fuzz/%.c build/fuzz/libiacrev.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -std=c11 $(WARN) $(CPPFLAGS) $(PKG_CFLAGS) -g -O1 -MMD -MP $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< build/fuzz/libiacrev.a $(LDLIBS)

fuzz:
	@IACREV_EXTRA_DEPS=clang scripts/deps
	@$(MAKE) --no-print-directory fuzz-run

fuzz-run: $(FUZZ_BINS)
	@tests/fuzz/run $(FUZZ_TIME) $(FUZZ_BINS)

deps:
	@scripts/deps

# `test` installs what is missing, then runs the suite in a fresh make.
test: deps
	@$(MAKE) --no-print-directory check

check: all build/asan/iacrev build/gen-repo $(UNITS) $(ASAN_UNITS) $(FUZZ_REPLAY)
	@tests/run-units build/test $(UNITS)
	@tests/run-units build/asan/test $(ASAN_UNITS)
	@tests/fuzz/replay $(FUZZ_REPLAY)
	@rm -rf build/hostile-cache
	@IACREV_HOSTILE_CACHE=$(CURDIR)/build/hostile-cache IACREV=$(CURDIR)/build/asan/iacrev tests/run-scripts cli tests/cli
	@IACREV_HOSTILE_CACHE=$(CURDIR)/build/hostile-cache IACREV=$(CURDIR)/build/asan/iacrev tests/run-scripts e2e tests/e2e
	@rm -rf build/hostile-cache
	@echo "make test: all tests passed"

unit: $(UNITS)
	@tests/run-units build/test $(UNITS)

unit-asan: $(ASAN_UNITS)
	@tests/run-units build/asan/test $(ASAN_UNITS)

fuzz-seeds: $(FUZZ_REPLAY)
	@tests/fuzz/replay $(FUZZ_REPLAY)

cli-tests: iacrev build/asan/iacrev
	@IACREV=$(CURDIR)/build/asan/iacrev tests/run-scripts cli tests/cli

# `make test` runs the e2e suite with the ASan+UBSan binary (leaks too);
# `make e2e` with the optimised one, `make e2e-asan` as `make test` does.
e2e: iacrev
	@IACREV=$(CURDIR)/iacrev tests/run-scripts e2e tests/e2e

e2e-asan: build/asan/iacrev
	@IACREV=$(CURDIR)/build/asan/iacrev tests/run-scripts e2e tests/e2e

# valgrind --leak-check=full over the demo repository (slow: not in `make test`).
leaks-valgrind: iacrev
	@tests/leaks-valgrind

DEMO_REPO := build/demo-repo
# Every task file, spaces escaped (a task has "lib/PROMPT 3.md").
DEMO_SRC := $(shell find share/demo/tasks -type f 2>/dev/null | sed 's/ /\\ /g')

demo-repo: $(DEMO_REPO)/.git/iacrev-demo

# make-repo writes this marker last, in a repository it builds aside and moves
# into place; a stamp in the work tree would show in `git status`.
$(DEMO_REPO)/.git/iacrev-demo: share/demo/make-repo $(DEMO_SRC)
	share/demo/make-repo $(DEMO_REPO)

demo: deps
	@$(MAKE) --no-print-directory all demo-repo
	./iacrev -C $(DEMO_REPO)

# Benchmarks also compare with tig and use GNU time for peak memory.
bench:
	@IACREV_EXTRA_DEPS="time tig hyperfine" scripts/deps
	@$(MAKE) --no-print-directory all build/gen-repo
	bench/run

# The large-repository generator: plain C, the project's warnings (it
# picks formats from its own tables of literals, hence format-nonliteral).
build/gen-repo: bench/gen-repo.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(WARN) -Wno-format-nonliteral $(CPPFLAGS) $(CFLAGS) -o $@ $< -lm

install: iacrev
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 iacrev $(DESTDIR)$(BINDIR)/iacrev
	cp -R share/demo $(DESTDIR)$(DATADIR)/
	install -m 644 share/iacrev.1 $(DESTDIR)$(MANDIR)/man1/iacrev.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/iacrev $(DESTDIR)$(MANDIR)/man1/iacrev.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build iacrev

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d) build/obj/tui/main.d build/asan/tui/main.d
# libFuzzer objects and targets track their headers too (a struct that grew
# must never meet an object built before it did)
-include $(FUZZ_OBJ:.o=.d) $(FUZZ_BINS:=.d)
