# tests/fuzz/fuzz.mk - libFuzzer targets for every parser a user's bytes
# reach (included at the end of the Makefile).
#
#   make fuzz            build each target tests/fuzz/fuzz-*.c with clang
#                        (-fsanitize=fuzzer,address,undefined) into
#                        $(O)/fuzz/, then run each for FUZZ_SECONDS (default
#                        60) on a copy of its seed corpus tests/fuzz/corpus/
#                        <target>/ plus its small crashes/ inputs (under
#                        64 KB; bigger ones would slow every mutation, and
#                        fuzz-regress runs them all).  Fails when a
#                        target crashes, leaks, hangs or breaks a promise;
#                        the run folder $(O)/fuzz/run-<target>.* with the
#                        crashing input and fuzz.log is kept and named.
#   make fuzz-regress    run each target once over its seed corpus and
#                        tests/fuzz/crashes/<target>/ (seconds; for check).
#   make fuzz-build      only build the targets.
#
#   FUZZ_TARGETS="fuzz-csv fuzz-yaml"   some targets only (default all)
#   FUZZ_SECONDS=600                    longer runs
#   FUZZ_ARGS="-jobs=2 -workers=2"      more libFuzzer options
#   make -j2 fuzz                       targets run side by side
#
# Every crash found becomes a regression input: save it (named for what it
# found) under tests/fuzz/crashes/<target>/ with the fix.  Needs clang and
# libFuzzer (Debian: clang-14 libclang-rt-14-dev).  The lib sources are
# compiled again with clang; libwushe.a is not used.

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_ARGS    ?=
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all \
                -fno-omit-frame-pointer -g -O1
FUZZ_CFLAGS   = $(filter-out $(SANFLAGS),$(WCFLAGS)) $(FUZZ_SAN)
FUZZ_ALL      = $(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz-*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_BINS     = $(FUZZ_TARGETS:%=$(O)/fuzz/%)
FUZZ_LIBOBJ   = $(LIBSRC:lib/%.c=$(O)/fuzz/obj/%.o) $(O)/fuzz/obj/schema.o \
                $(O)/fuzz/obj/pg-schema.o
# libFuzzer options of every run: a hang is a failure after 20 s (10 s
# for one regression input: the slow-* inputs took minutes before fixes)
FUZZ_OPTS     = -timeout=20 -rss_limit_mb=2048 -print_final_stats=1
FUZZ_REGRESS_OPTS = -timeout=10 -rss_limit_mb=2048

$(O)/fuzz/obj/%.o: lib/%.c $(wildcard lib/*.h)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(O)/fuzz/obj/schema.o: $(O)/obj/schema.c lib/wushe.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $(O)/obj/schema.c

$(O)/fuzz/obj/pg-schema.o: $(O)/obj/pg-schema.c lib/wushe.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -c -o $@ $(O)/obj/pg-schema.c

$(O)/fuzz/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/fuzz.h lib/wushe.h \
    $(FUZZ_LIBOBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Itests/fuzz -o $@ $< \
	    $(FUZZ_LIBOBJ) $(LDLIBS)

fuzz-build: $(FUZZ_BINS)

# One run per target: a scratch corpus (the seeds and the crash inputs
# copied, so the tree is not touched), artifacts in the same folder.
fuzz: $(FUZZ_TARGETS:%=fuzz-run-%)

fuzz-run-%: $(O)/fuzz/%
	@w=$$(mktemp -d "$(abspath $(O))/fuzz/run-$*.XXXXXX") && \
	mkdir -p "$$w/corpus" && \
	find tests/fuzz/corpus/$* tests/fuzz/crashes/$* -type f -size -64k \
	    -exec cp {} "$$w/corpus/" \; 2>/dev/null; \
	echo "fuzz: $* for $(FUZZ_SECONDS)s"; \
	if TMPDIR="$$w" $(abspath $(O))/fuzz/$* $(FUZZ_OPTS) $(FUZZ_ARGS) \
	    -max_total_time=$(FUZZ_SECONDS) -artifact_prefix="$$w/" \
	    "$$w/corpus" > "$$w/fuzz.log" 2>&1; then \
	    grep -E '^(stat::number_of_executed_units|stat::average_exec_per_sec|#[0-9]+.*DONE)' \
	        "$$w/fuzz.log" | sed "s/^/fuzz: $*: /"; \
	    rm -rf "$$w"; \
	else \
	    tail -n 60 "$$w/fuzz.log"; \
	    echo "fuzz: $*: FAILED; input and log kept in $$w" >&2; \
	    exit 1; \
	fi

# Every seed and every saved crash input, once each.
fuzz-regress: $(FUZZ_TARGETS:%=fuzz-regress-%)

fuzz-regress-%: $(O)/fuzz/%
	@set -- $$(find tests/fuzz/corpus/$* tests/fuzz/crashes/$* -type f \
	    2>/dev/null | sort); \
	if [ $$# -eq 0 ]; then echo "fuzz-regress: $*: no inputs" >&2; \
	    exit 1; fi; \
	if $(O)/fuzz/$* $(FUZZ_REGRESS_OPTS) "$$@" > $(O)/fuzz/$*.regress.log 2>&1; \
	then echo "fuzz-regress: $*: $$# inputs ok"; \
	else tail -n 60 $(O)/fuzz/$*.regress.log; \
	    echo "fuzz-regress: $*: FAILED (log $(O)/fuzz/$*.regress.log)" >&2; \
	    exit 1; fi

.PHONY: fuzz fuzz-build fuzz-regress
.PRECIOUS: $(O)/fuzz/fuzz-% $(O)/fuzz/obj/%.o

# ---- the regression inputs in `make check`, without clang: each target
# built with the normal cc and tests/fuzz/driver.c (a main() that feeds
# every file to LLVMFuzzerTestOneInput) against libwushe.a, into
# $(O)/obj/fuzz-regress/; tests/run-checks.sh runs each over its whole
# corpus/ and crashes/ folders (the large slow inputs too) as one test.
FUZZ_DRIVER_BINS = $(FUZZ_ALL:%=$(O)/obj/fuzz-regress/%)

$(O)/obj/fuzz-regress/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/driver.c \
    tests/fuzz/fuzz.h lib/wushe.h $(LIBA)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WCFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $< \
	    tests/fuzz/driver.c $(LIBA) $(LDLIBS)

fuzz-driver: $(FUZZ_DRIVER_BINS)
.PHONY: fuzz-driver
