# wushe - community social-work records toolkit
.SUFFIXES:

PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
SHAREDIR ?= $(PREFIX)/share/wushe
CC       ?= cc
CFLAGS   ?= -O2 -g

# O is where objects and binaries go: "." by default, "build-san" for the
# sanitizer build, so the two never mix.  Any folder works: make O=/tmp/b.
ifeq ($(SANITIZE),1)
O        ?= build-san
SANFLAGS  = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
endif
O        ?= .

PKGS     = sqlite3 yaml-0.1 libutf8proc xlsxwriter nettle
WCFLAGS  = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           -Wall -Wextra -Werror -Wno-unused-parameter -Ilib \
           $(shell pkg-config --cflags $(PKGS)) $(SANFLAGS)
LDLIBS   = $(shell pkg-config --libs $(PKGS)) -lm

CMDS     = $(patsubst cmd/%.c,%,$(wildcard cmd/*.c))
BINS     = $(CMDS:%=$(O)/bin/%)
LIBSRC   = $(wildcard lib/*.c)
LIBOBJ   = $(LIBSRC:lib/%.c=$(O)/obj/lib/%.o) $(O)/obj/schema.o \
           $(O)/obj/pg-schema.o
LIBA     = $(O)/obj/libwushe.a
UNITSRC  = $(wildcard tests/unit/*.c)
UNITS    = $(UNITSRC:tests/unit/%.c=$(O)/obj/unit/%)
SCHEMA   = $(sort $(wildcard schema/[0-9][0-9][0-9]-*.sql))
MANPAGES = $(wildcard man/*.[157])

all: $(BINS)

$(O)/obj/lib/%.o: lib/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WCFLAGS) -c -o $@ $<

# the grant report's files share a private header
$(filter $(O)/obj/lib/grant%.o,$(LIBOBJ)): lib/grant-model.h

$(O)/obj/schema.c: $(SCHEMA) tools/embed-schema.sh
	@mkdir -p $(@D)
	sh tools/embed-schema.sh $(SCHEMA) > $@.tmp && mv $@.tmp $@

$(O)/obj/schema.o: $(O)/obj/schema.c lib/wushe.h
	$(CC) $(CFLAGS) $(WCFLAGS) -c -o $@ $(O)/obj/schema.c

# the city store's DDL (wushe-db export --to postgres) as one string
$(O)/obj/pg-schema.c: schema/pg/city.sql
	@mkdir -p $(@D)
	{ echo '#include "wushe.h"'; echo 'const char ws_pg_schema[] ='; \
	    sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' \
	    schema/pg/city.sql; echo ';'; } > $@.tmp && mv $@.tmp $@

$(O)/obj/pg-schema.o: $(O)/obj/pg-schema.c lib/wushe.h
	$(CC) $(CFLAGS) $(WCFLAGS) -c -o $@ $(O)/obj/pg-schema.c

$(LIBA): $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/bin/%: cmd/%.c $(LIBA) lib/wushe.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WCFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

$(O)/obj/unit/%: tests/unit/%.c tests/unit/unit.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WCFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

units: $(UNITS)

check: all units
	WUSHE_BIN=$(abspath $(O)/bin) WUSHE_UNITS="$(UNITS)" \
	    sh tests/run-checks.sh $(MANPAGES)

# SQLite alone on the wushe schema, for the intake benchmarks
$(O)/obj/bench-alone: tests/bench/alone.c $(LIBA) lib/wushe.h
	$(CC) $(CFLAGS) $(WCFLAGS) $(LDFLAGS) -o $@ $< $(LIBA) $(LDLIBS)

bench: all $(O)/obj/bench-alone
	WUSHE_BIN=$(abspath $(O)/bin) \
	    WUSHE_BENCH_ALONE=$(abspath $(O)/obj/bench-alone) \
	    sh tests/bench/run.sh

demo: all
	WUSHE_BIN=$(abspath $(O)/bin) sh examples/demo.sh

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 \
	    $(DESTDIR)$(SHAREDIR)/examples
	cp -f $(BINS) $(DESTDIR)$(BINDIR)/
	for m in $(MANPAGES); do \
	    s=$${m##*.}; cp -f $$m $(DESTDIR)$(MANDIR)/man$$s/; done
	cp -f examples/*.yaml $(DESTDIR)$(SHAREDIR)/examples/

uninstall:
	for c in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$c; done
	for m in $(MANPAGES); do \
	    s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf bin obj locale fuzz build-san demo.db demo.db-wal demo.db-shm demo-analysts.db wushe.pot

.PHONY: all units check bench demo install uninstall clean

# ---- grant-report: message catalogs (GNU gettext).  po/LANG.po is
# compiled with msgfmt into $(O)/locale/LANG/LC_MESSAGES/wushe.mo (tests
# point WUSHE_LOCALEDIR at $(O)/locale) and installed under LOCALEDIR,
# whose path is built into libwushe.
LOCALEDIR ?= $(PREFIX)/share/locale
POFILES   = $(wildcard po/*.po)
MOFILES   = $(POFILES:po/%.po=$(O)/locale/%/LC_MESSAGES/wushe.mo)
WCFLAGS  += -DWS_LOCALEDIR='"$(LOCALEDIR)"'

all: $(MOFILES)

$(O)/locale/%/LC_MESSAGES/wushe.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ $<

install: install-mo
install-mo: $(MOFILES)
	for p in $(POFILES:po/%.po=%); do \
	    mkdir -p $(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES && \
	    cp -f $(O)/locale/$$p/LC_MESSAGES/wushe.mo \
	    $(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES/; done
uninstall: uninstall-mo
uninstall-mo:
	for p in $(POFILES:po/%.po=%); do \
	    rm -f $(DESTDIR)$(LOCALEDIR)/$$p/LC_MESSAGES/wushe.mo; done
.PHONY: install-mo uninstall-mo

# ---- issue 14: make po lists every label, message and --help line
# (tools/po-extract.sh) and merges them into po/zh_CN.po to translate
po: all
	sh tools/po-extract.sh $(abspath $(O)/bin) > $(O)/wushe.pot
	msgmerge -q --no-wrap -U --backup=none po/zh_CN.po $(O)/wushe.pot
	msgcmp po/zh_CN.po $(O)/wushe.pot
.PHONY: po

# ---- faults (issue 6): crash safety under kill -9 and concurrency
# (tests/faults/run.sh, bounded by FAULTS_TIMEOUT seconds per script), and
# a bats suite run under valgrind with every binary wrapped (VALGRIND_SUITES,
# default case-assign): any leak or memory error fails it.
VALGRIND_SUITES ?= case-assign

faults: all
	WUSHE_BIN=$(abspath $(O)/bin) sh tests/faults/run.sh

valgrind: all
	WUSHE_BIN=$(abspath $(O)/bin) sh tests/faults/valgrind.sh \
	    $(VALGRIND_SUITES:%=tests/%.bats)

.PHONY: faults valgrind

# ---- fuzzing (issue 6): make fuzz, make fuzz-regress
include tests/fuzz/fuzz.mk

# ---- issue 19: the fuzz regression inputs run in check (built with cc,
# tests/fuzz/fuzz.mk), and make mutants (tests/mutants/README)
check: $(FUZZ_DRIVER_BINS)
check: export WUSHE_FUZZ = $(abspath $(FUZZ_DRIVER_BINS))
mutants: all
	sh tests/mutants/run.sh
.PHONY: mutants

# ---- issue 13: bash completion, one file for every command (the
# options come from each command's --help, the table of lib/opt.c)
COMPDIR ?= $(PREFIX)/share/bash-completion/completions
install: install-completion
install-completion:
	mkdir -p $(DESTDIR)$(COMPDIR)
	sed 's/@CMDS@/$(CMDS)/' tools/wushe.bash > $(DESTDIR)$(COMPDIR)/wushe
	for c in $(CMDS); do ln -sf wushe $(DESTDIR)$(COMPDIR)/$$c; done
uninstall: uninstall-completion
uninstall-completion:
	rm -f $(DESTDIR)$(COMPDIR)/wushe
	for c in $(CMDS); do rm -f $(DESTDIR)$(COMPDIR)/$$c; done
.PHONY: install-completion uninstall-completion
