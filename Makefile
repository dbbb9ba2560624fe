# aidcube — one Makefile.
#
#   make          build ./aidcube (optimised)
#   make demo     install what is missing, build, run the main job on fixtures/
#   make test     install what is missing, build with ASan+UBSan, run every test
#   make accept   regenerate the golden files, print rows added/removed/changed
#                 per file (review the diff before committing)
#   make bench    measure the scanner and the pipeline (never asserted)

CC      ?= cc
PKGS    := libpcre2-8 libpq xlsxwriter libzip expat freexl
# a missing pkg-config package is an error, not an empty flag list
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) || echo PKG_CONFIG_FAILED)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) || echo PKG_CONFIG_FAILED)
ifneq ($(findstring PKG_CONFIG_FAILED,$(PKG_CFLAGS) $(PKG_LIBS)),)
ifeq ($(filter deps clean,$(MAKECMDGOALS)),)
$(error pkg-config cannot find one of: $(PKGS) (run `bash tests/deps.sh` as root))
endif
endif
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter
ifdef WERROR
WARN    += -Werror
endif
REFDIR  := $(CURDIR)/fixtures/ref
# CPPFLAGS, CFLAGS and LDFLAGS are the user's (a distribution's hardening
# flags): ours come first, theirs after, so theirs win
CFLAGS  ?= -O2 -g
# AC_SRCDIR: the source tree, whose fixtures/ref and sql a binary inside it
# reads when no folder is named (pipeline/pipeline_data.h)
AC_CPPFLAGS := -D_GNU_SOURCE -DAC_REFDIR='"$(REFDIR)"' -DAC_SQLDIR='"$(CURDIR)/sql"' \
               -DAC_SRCDIR='"$(CURDIR)"' \
               -DAC_VERSION='"0.1.0"' $(PKG_CFLAGS)
ALL_CFLAGS = -std=c11 -pthread $(WARN) $(AC_CPPFLAGS) $(CPPFLAGS) $(CFLAGS)
LDLIBS  := $(PKG_LIBS) -lcsv -lm -pthread

# the stages, lowest first: a folder includes only the folders before it
# (tests/t_layers.sh checks the #include lines)
LAYERS  := base read scan attribute model cube check export warehouse pipeline src
LIB_SRC := $(filter-out src/main.c, $(foreach d,$(LAYERS),$(wildcard $(d)/*.c)))
UNIT_SRC := $(wildcard tests/unit/test_*.c)

# release objects
OBJ     := $(patsubst %.c,build/rel/%.o,$(LIB_SRC) src/main.c)
# sanitizer objects (the test build)
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SOBJ    := $(patsubst %.c,build/san/%.o,$(LIB_SRC))
UNIT_BIN := $(patsubst tests/unit/%.c,build/san/tests/%,$(UNIT_SRC))

.PHONY: all demo test accept bench deps clean check-build unit fuzz fuzz-build
.SECONDARY:

# libFuzzer harnesses (clang): every tests/fuzz/fuzz_*.c against the library
FUZZ_SECONDS ?= 60
FUZZ_CC  ?= clang
FUZZ_SAN := -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
FOBJ     := $(patsubst %.c,build/fuzz/%.o,$(LIB_SRC))
FUZZ_BIN := $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))

all: aidcube

aidcube: $(OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

# -MMD: each object's header dependencies, in build/*/%.d
build/rel/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

build/san/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -MMD -MP -c -o $@ $<

build/san/aidcube: $(SOBJ) build/san/src/main.o
	$(CC) $(ALL_CFLAGS) $(SAN) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# the allocation-failure binary (tests/t_alloc_fail.sh): the sanitizer objects
# with our own code's allocations wrapped by tests/tools/failalloc.c, which
# fails the N-th when AIDCUBE_FAIL_ALLOC=N (the libraries' are not wrapped)
comma := ,
FAILALLOC_WRAP := malloc calloc realloc strdup strndup realpath __getdelim
build/san/aidcube-failalloc: $(SOBJ) build/san/src/main.o build/san/tests/tools/failalloc.o
	$(CC) $(ALL_CFLAGS) $(SAN) $(LDFLAGS) $(patsubst %,-Wl$(comma)--wrap=%,$(FAILALLOC_WRAP)) \
	    -o $@ $^ $(LDLIBS)

build/san/tests/%: tests/unit/%.c $(SOBJ)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -MMD -MP $(LDFLAGS) -o $@ $< $(SOBJ) $(LDLIBS)

build/fuzz/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g $(FUZZ_SAN) -MMD -MP -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FOBJ)
	$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -MMD -MP $(LDFLAGS) -o $@ $< $(FOBJ) $(LDLIBS)

-include $(shell find build -name '*.d' 2>/dev/null)

fuzz-build: $(FUZZ_BIN)

# run each harness for FUZZ_SECONDS from the fixtures and seeds as corpus
fuzz: deps
	$(MAKE) fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

deps:
	@bash tests/deps.sh

demo: deps
	$(MAKE) -j$(JOBS) aidcube
	@# exit 1: rows of the Mali list are rejected on purpose (out/rejects.tsv)
	./aidcube build fixtures/sources fixtures/sheets -o out --split fund; \
	    st=$$?; [ $$st -le 1 ] || exit $$st
	@echo "workbooks written to out/; rows not loaded: out/rejects.tsv"

JOBS    ?= $(shell nproc 2>/dev/null || echo 2)

test: deps
	$(MAKE) -j$(JOBS) WERROR=1 build/san/aidcube build/san/aidcube-failalloc $(UNIT_BIN) aidcube
	$(MAKE) -j$(JOBS) WERROR=1 fuzz-build
	LC_ALL=C TZ=UTC bash tests/run.sh build/san/aidcube

accept: build/san/aidcube
	LC_ALL=C TZ=UTC ACCEPT=1 bash tests/run.sh build/san/aidcube

# the cube's benchmark links only the layers it needs (up to the cube, and the
# document loop of pipeline/pipeline_run.c)
BENCH_OBJ := $(patsubst %.c,build/rel/%.o,$(foreach d,base read scan attribute model cube,$(wildcard $(d)/*.c)) pipeline/pipeline_run.c pipeline/pipeline_data.c)
build/rel/bench_cube: tests/bench/bench_cube.c tests/bench/bench_time.h $(BENCH_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BENCH_OBJ) $(LDLIBS)

# the text ETL's stages (decode, scan, attribute) timed apart, linked the same way
build/rel/bench_text: tests/bench/bench_text.c tests/bench/bench_time.h $(BENCH_OBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(BENCH_OBJ) $(LDLIBS)

# the project's own .xlsx writer for the spreadsheet fixtures (tests/sheet_forms.sh)
build/rel/tsv2xlsx: tests/tools/tsv2xlsx.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< -lxlsxwriter

bench: aidcube build/rel/bench_cube build/rel/bench_text
	bash tests/bench.sh ./aidcube build/rel/bench_cube build/rel/bench_text

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary (./aidcube, built
# when missing or stale), the reference data, the SQL migrations and the man
# page aidcube.1.  The binary finds the data from its own path (BIN/../share/aidcube,
# pipeline/pipeline_data.h): no prefix is compiled in, and the staged tree of
# DESTDIR works where it is.  `make uninstall` removes exactly these files,
# then the folders of share/aidcube if they are left empty.
PREFIX  ?= /usr/local
INST_BIN  = $(DESTDIR)$(PREFIX)/bin
INST_DATA = $(DESTDIR)$(PREFIX)/share/aidcube
INST_MAN  = $(DESTDIR)$(PREFIX)/share/man/man1
INST_REF := $(notdir $(wildcard fixtures/ref/*.tsv))
INST_SQL := $(notdir $(wildcard sql/[0-9][0-9][0-9]_*.sql))
INST_SHARDS := $(notdir $(wildcard sql/shards/*.sql))

# INSTALL_BIN: the binary installed (tests/t_install.sh installs the one
# under test, building nothing)
INSTALL_BIN ?= aidcube
.PHONY: install uninstall

install: $(INSTALL_BIN) aidcube.1
	install -d '$(INST_BIN)' '$(INST_DATA)/ref' '$(INST_DATA)/sql' '$(INST_DATA)/sql/shards' '$(INST_MAN)'
	install -m 755 '$(INSTALL_BIN)' '$(INST_BIN)/aidcube'
	install -m 644 $(addprefix fixtures/ref/,$(INST_REF)) '$(INST_DATA)/ref'
	install -m 644 $(addprefix sql/,$(INST_SQL)) '$(INST_DATA)/sql'
	install -m 644 $(addprefix sql/shards/,$(INST_SHARDS)) '$(INST_DATA)/sql/shards'
	install -m 644 aidcube.1 '$(INST_MAN)/aidcube.1'

uninstall:
	rm -f '$(INST_BIN)/aidcube' '$(INST_MAN)/aidcube.1'
	rm -f $(foreach f,$(INST_REF),'$(INST_DATA)/ref/$(f)') $(foreach f,$(INST_SQL),'$(INST_DATA)/sql/$(f)') \
	      $(foreach f,$(INST_SHARDS),'$(INST_DATA)/sql/shards/$(f)')
	rmdir '$(INST_DATA)/ref' '$(INST_DATA)/sql/shards' '$(INST_DATA)/sql' '$(INST_DATA)' 2>/dev/null || true

clean:
	rm -rf build aidcube out
