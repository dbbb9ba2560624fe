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
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter
ifdef WERROR
WARN    += -Werror
endif
REFDIR  := $(CURDIR)/fixtures/ref
CFLAGS  ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(CFLAGS) $(PKG_CFLAGS) \
             -DAC_REFDIR='"$(REFDIR)"' -DAC_SQLDIR='"$(CURDIR)/sql"' -DAC_VERSION='"0.1.0"'
LDLIBS  := $(PKG_LIBS) -lcsv -lm

LIB_SRC := $(filter-out src/main.c, $(wildcard base/*.c src/*.c etl/*.c cube/*.c))
HDRS    := $(wildcard base/*.h src/*.h etl/*.h cube/*.h)
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
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LDLIBS)

build/rel/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/san/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

build/san/aidcube: $(SOBJ) build/san/src/main.o
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $^ $(LDLIBS)

build/san/tests/%: tests/unit/%.c $(SOBJ) tests/unit/unit.h
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ $< $(SOBJ) $(LDLIBS)

build/fuzz/%.o: %.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g $(FUZZ_SAN) -c -o $@ $<

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FOBJ)
	$(FUZZ_CC) $(ALL_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined -o $@ $< $(FOBJ) $(LDLIBS)

fuzz-build: $(FUZZ_BIN)

# run each harness for FUZZ_SECONDS from the fixtures and seeds as corpus
fuzz: deps
	$(MAKE) fuzz-build
	bash tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_BIN)

deps:
	@bash tests/deps.sh

demo: deps
	$(MAKE) aidcube
	@# exit 1: rows of the Mali list are rejected on purpose (out/rejects.tsv)
	./aidcube build fixtures/sources fixtures/sheets -o out --split fund; \
	    st=$$?; [ $$st -le 1 ] || exit $$st
	@echo "workbooks written to out/; rows not loaded: out/rejects.tsv"

test: deps
	$(MAKE) WERROR=1 build/san/aidcube $(UNIT_BIN)
	LC_ALL=C TZ=UTC bash tests/run.sh build/san/aidcube

accept: build/san/aidcube
	LC_ALL=C TZ=UTC ACCEPT=1 bash tests/run.sh build/san/aidcube

# the cube's benchmark links only the layers it needs (base, etl, the model and the cube)
BENCH_OBJ := $(patsubst %.c,build/rel/%.o,$(filter-out etl/wh_read.c,$(wildcard base/*.c etl/*.c)) cube/model.c cube/cube.c)
build/rel/bench_cube: tests/bench/bench_cube.c $(BENCH_OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(BENCH_OBJ) $(LDLIBS)

# the project's own .xlsx writer for the spreadsheet fixtures (tests/sheet_forms.sh)
build/rel/tsv2xlsx: tests/tools/tsv2xlsx.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< -lxlsxwriter

bench: aidcube build/rel/bench_cube
	bash tests/bench.sh ./aidcube build/rel/bench_cube

clean:
	rm -rf build aidcube out
