# Mubiao: an OKR system for company intranets.  GNU make.
#   make            build the programs into build/
#   make run        install what is missing, build, serve on 127.0.0.1:8080/okr/
#   make stop       stop what make run started
#   make test       install what is missing, build, run every test
#   make check      build, the unit tests and the nginx pass only: the
#                   edit-test loop
#   make bench      the performance table: static, warm and rendered pages,
#                   renders in-process, the meeting load, check-ins, memory;
#                   also build/bench.tsv
#   make bench-scale  the same pages with 1,000 and 1,000,000 KRs
#   make install PREFIX=/usr/local DESTDIR=   /   make uninstall

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/sbin
LIBEXEC	?= $(PREFIX)/libexec/mubiao
SHARE	?= $(PREFIX)/share/mubiao
ETCDIR	?= $(PREFIX)/etc
MANDIR	?= $(PREFIX)/share/man
PORT	?= 8080

CC	?= cc
CFLAGS	?= -O2 -g
WARN	 = -std=c11 -Wall -Wextra -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wshadow -Wpointer-arith
# What the programs fall back on without -c or a setting: the installed
# paths.  build/paths keeps them and changes only when they do, so that
# `make install PREFIX=…` after a plain `make` rebuilds what names them.
PATHDEF	 = -DMUBIAO_CONF_PATH='"$(ETCDIR)/mubiao.conf"' \
	   -DMUBIAO_XSLT_DIR='"$(SHARE)/xslt"' -DMUBIAO_BIN_DIR='"$(LIBEXEC)"'
CPPFLAGS += -D_GNU_SOURCE -Iinclude -I/usr/include/libxml2 $(PATHDEF)
LDLIBS	 = -lfcgi -ldb-5.3 -lxslt -lxml2 -lnettle -lm

# Modules shared by the programs: every cgi/*.c but the programs' own,
# archived, so that a program links only the modules it calls.
WORKERS	 = okr-read okr-edit okr-meet
PROG_SRC = $(WORKERS:%=cgi/%.c) cgi/mubiao-super.c cgi/mubiao-admin.c cgi/mubiao-notify.c
LIB_SRC	 = $(filter-out $(PROG_SRC),$(wildcard cgi/*.c))
LIB_OBJ	 = $(LIB_SRC:cgi/%.c=build/%.o)
PROGS	 = $(WORKERS:%=build/%) build/mubiao-super build/mubiao-admin build/mubiao-notify
UNIT	 = build/test-okr build/test-codec build/test-req build/test-form build/test-csrf \
	   build/test-html build/test-store build/test-pcache build/test-cards \
	   build/test-health build/test-notify-send
# The programs the suite, `make bench` and the asan build run: with the
# test hooks (MUBIAO_FAULT, MUBIAO_BENCH, the X-Mubiao-Doc header), which
# `make all` and `make install` leave out.
TESTDEF	 = -DMUBIAO_TEST
TEST_PROGS = $(PROGS:build/%=build/test/%)
TEST_OBJ = $(LIB_SRC:cgi/%.c=build/test/%.o)
# Each object's headers, as the compiler saw them (build/**/*.d).
DEPFLAGS = -MMD -MP

# Debian packages of what we build with, run and test against.
DEB_PKGS = build-essential libfcgi-dev libdb5.3-dev db5.3-util libxml2-dev \
	   libxml2-utils libxslt1-dev nettle-dev nginx curl libcmocka-dev wrk openssl \
	   procps chromium fonts-wqy-microhei python3-feedparser apache2 clang \
	   valgrind tzdata libcurl4-openssl-dev
NEED	 = /usr/include/fcgiapp.h /usr/include/db.h /usr/include/libxml2/libxml/tree.h \
	   /usr/include/libxslt/xslt.h /usr/include/cmocka.h /usr/sbin/nginx \
	   /usr/bin/curl /usr/bin/xmllint /usr/bin/db5.3_verify /usr/bin/wrk \
	   /usr/bin/openssl /usr/bin/pkill /usr/include/nettle/hmac.h /usr/bin/chromium \
	   /usr/lib/python3/dist-packages/feedparser/__init__.py /usr/sbin/apache2 \
	   /usr/lib/apache2/modules/mod_proxy_fcgi.so /usr/bin/clang /usr/bin/valgrind \
	   /usr/share/zoneinfo/Asia/Shanghai /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
	   /usr/include/x86_64-linux-gnu/curl/curl.h

# libcurl only where the notifications are sent (notify.c): the workers
# never load it, nor its TLS libraries, into their memory.
CURL_PROGS = mubiao-notify mubiao-admin
$(foreach b,build build/test build/asan,$(CURL_PROGS:%=$(b)/%)) build/test-notify-send: \
	LDLIBS += -lcurl

.PHONY: all deps run stop test check test-progs bench bench-scale install uninstall clean \
	fuzz fuzz-smoke asan FORCE

all: $(PROGS)

build/%.o: cgi/%.c | build
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

build build/test:
	mkdir -p $@

build/paths: FORCE | build
	@echo "$(ETCDIR) $(SHARE) $(LIBEXEC)" > $@.new; if cmp -s $@.new $@; then rm $@.new; else mv $@.new $@; fi

build/conf.o build/mubiao-super.o: build/paths

# The archive of one build's modules (the objects in the same folder).
%/libmubiao.a:
	rm -f $@
	$(AR) rcs $@ $^

build/libmubiao.a: $(LIB_OBJ)

$(PROGS): build/%: build/%.o build/libmubiao.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

.PRECIOUS: build/test/%.o

build/test/%.o: cgi/%.c | build/test
	$(CC) $(WARN) $(CPPFLAGS) $(TESTDEF) $(CFLAGS) $(DEPFLAGS) -c $< -o $@

build/test/libmubiao.a: $(TEST_OBJ)

$(TEST_PROGS): build/test/%: build/test/%.o build/test/libmubiao.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

test-progs: $(TEST_PROGS)

build/test-%: tests/unit/test-%.c build/test/libmubiao.a | build
	$(CC) $(WARN) $(CPPFLAGS) $(TESTDEF) $(CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< \
		build/test/libmubiao.a $(LDLIBS) -lcmocka

# Installs the Debian packages only when something is missing, so a
# machine that has them needs no network and no root.
deps:
	@missing=; for f in $(NEED); do [ -e $$f ] || missing="$$missing $$f"; done; \
	if [ -n "$$missing" ]; then \
		echo "missing:$$missing; installing Debian packages"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(DEB_PKGS); \
	fi

run: deps all
	@sh conf/devstack.sh start "$(CURDIR)/var" $(PORT)

stop:
	@sh conf/devstack.sh stop "$(CURDIR)/var"

test: deps all test-progs $(UNIT) asan fuzz-smoke
	@MUBIAO_FUZZ_TIME=$$(cat build/fuzz/time) sh tests/run.sh $(UNIT)

check: deps all test-progs $(UNIT)
	@MUBIAO_PASSES=nginx sh tests/run.sh $(UNIT)

bench: deps test-progs
	@MUBIAO_BUILD=build/test sh tests/bench.sh

# The same pages with 1,000 and with 1,000,000 KRs (about 3 minutes, 2 GB
# of disk while it runs).
bench-scale: deps test-progs
	@MUBIAO_BUILD=build/test sh tests/bench-scale.sh

# The files that name installed paths, written with the paths of this
# install: the sources name make's defaults (/usr/local/...), so that they
# read as they are and the test stacks can map them the same way.
SNIPPETS = nginx-mubiao.conf nginx-mubiao-maps.conf apache-mubiao.conf mubiao-super.service
SUBST	 = sed -e 's|/usr/local/etc|$(ETCDIR)|g' -e 's|/usr/local/sbin|$(BINDIR)|g' \
	   -e 's|/usr/local/libexec/mubiao|$(LIBEXEC)|g' -e 's|/usr/local/share/mubiao|$(SHARE)|g'

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)/xslt/i18n \
		$(DESTDIR)$(ETCDIR)/mubiao $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(MANDIR)/man5
	install -m 755 build/mubiao-super build/mubiao-admin $(DESTDIR)$(BINDIR)
	install -m 755 $(WORKERS:%=build/%) build/mubiao-notify $(DESTDIR)$(LIBEXEC)
	install -m 644 xslt/*.xsl xslt/*.css xslt/*.js xslt/*.rng xslt/XML.md $(DESTDIR)$(SHARE)/xslt
	install -m 644 xslt/i18n/*.xml $(DESTDIR)$(SHARE)/xslt/i18n
	for f in conf/*.8; do $(SUBST) $$f > $(DESTDIR)$(MANDIR)/man8/$${f#conf/} || exit 1; done
	for f in conf/*.5; do $(SUBST) $$f > $(DESTDIR)$(MANDIR)/man5/$${f#conf/} || exit 1; done
	for f in $(SNIPPETS); do $(SUBST) conf/$$f > $(DESTDIR)$(ETCDIR)/mubiao/$$f || exit 1; done
	chmod 644 $(patsubst conf/%,$(DESTDIR)$(MANDIR)/man8/%,$(wildcard conf/*.8)) \
		$(DESTDIR)$(MANDIR)/man5/mubiao.conf.5 $(SNIPPETS:%=$(DESTDIR)$(ETCDIR)/mubiao/%)
	[ -e $(DESTDIR)$(ETCDIR)/mubiao.conf ] || \
		{ $(SUBST) conf/mubiao.conf > $(DESTDIR)$(ETCDIR)/mubiao.conf && \
		chmod 644 $(DESTDIR)$(ETCDIR)/mubiao.conf; }

# The config is the admin's; a snippet stays when it differs from what
# install writes (the admin edited it), and is removed otherwise.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mubiao-super $(DESTDIR)$(BINDIR)/mubiao-admin
	rm -rf $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)
	rm -f $(DESTDIR)$(MANDIR)/man8/mubiao-admin.8 $(DESTDIR)$(MANDIR)/man8/mubiao-super.8 \
		$(DESTDIR)$(MANDIR)/man8/okr-read.8 $(DESTDIR)$(MANDIR)/man8/okr-edit.8 \
		$(DESTDIR)$(MANDIR)/man8/okr-meet.8 $(DESTDIR)$(MANDIR)/man8/mubiao-notify.8 \
		$(DESTDIR)$(MANDIR)/man5/mubiao.conf.5
	@for f in $(SNIPPETS); do t=$(DESTDIR)$(ETCDIR)/mubiao/$$f; [ -e $$t ] || continue; \
		if $(SUBST) conf/$$f | cmp -s - $$t; then rm -f $$t; \
		else echo "kept $$t (edited)"; fi; done
	@rmdir $(DESTDIR)$(ETCDIR)/mubiao 2>/dev/null || true
	@echo "kept $(DESTDIR)$(ETCDIR)/mubiao.conf and the store"

# libFuzzer harnesses (tests/fuzz/), built with clang and ASan+UBSan into
# build/fuzz/: the query/form parser, the cookie and Accept-Language
# parser, the XML import's parser and schema check.  `make test` runs each
# for FUZZ_SECONDS; `make fuzz` for ten minutes.  A finding stops make.
FUZZCC	 = clang
FUZZFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
FUZZ	 = build/fuzz/fuzz-query build/fuzz/fuzz-cookie build/fuzz/fuzz-import
FUZZ_SECONDS ?= 15

build/fuzz:
	mkdir -p build/fuzz

.PRECIOUS: build/fuzz/%.o

build/fuzz/%.o: cgi/%.c | build/fuzz
	$(FUZZCC) $(WARN) $(CPPFLAGS) $(FUZZFLAGS) $(DEPFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

build/fuzz/libmubiao.a: $(LIB_SRC:cgi/%.c=build/fuzz/%.o)

build/fuzz/fuzz-%: tests/fuzz/fuzz-%.c build/fuzz/libmubiao.a
	$(FUZZCC) $(WARN) $(CPPFLAGS) $(FUZZFLAGS) $(DEPFLAGS) -fsanitize=fuzzer -o $@ $< \
		build/fuzz/libmubiao.a $(LDLIBS)

fuzz-smoke: $(FUZZ)
	@s=$$(date +%s); for f in query cookie import; do \
		mkdir -p build/fuzz/corpus-$$f; \
		echo "# fuzz: $$f for $(FUZZ_SECONDS) s"; \
		MUBIAO_RNG=xslt/mubiao.rng build/fuzz/fuzz-$$f -max_total_time=$(FUZZ_SECONDS) \
		    -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
		    build/fuzz/corpus-$$f tests/fuzz/seeds/$$f 2>build/fuzz/$$f.log || \
		    { tail -40 build/fuzz/$$f.log; exit 1; }; \
		grep -h 'stat::number_of_executed_units' build/fuzz/$$f.log; \
	done; echo $$(( $$(date +%s) - s )) > build/fuzz/time

fuzz:
	$(MAKE) fuzz-smoke FUZZ_SECONDS=600

# The programs again with ASan and UBSan, into build/asan/: `make test`
# runs the whole suite against them too (behind nginx); any report of
# either sanitizer fails it.
ASANFLAGS = -g -O1 -fno-omit-frame-pointer -fsanitize=address,undefined \
	   -fno-sanitize-recover=undefined
ASAN_PROGS = $(PROGS:build/%=build/asan/%)

build/asan:
	mkdir -p build/asan

.PRECIOUS: build/asan/%.o

build/asan/%.o: cgi/%.c | build/asan
	$(CC) $(WARN) $(CPPFLAGS) $(TESTDEF) $(ASANFLAGS) $(DEPFLAGS) -c $< -o $@

build/asan/libmubiao.a: $(LIB_SRC:cgi/%.c=build/asan/%.o)

$(ASAN_PROGS): build/asan/%: build/asan/%.o build/asan/libmubiao.a
	$(CC) $(ASANFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)


asan: $(ASAN_PROGS)

clean:
	rm -rf build

-include $(wildcard build/*.d build/*/*.d)
# An object built before its .d existed (an older tree's build/) is taken
# to depend on every header: else a changed struct links stale code.
$(foreach o,$(LIB_OBJ) $(PROGS:%=%.o) $(TEST_OBJ) $(TEST_PROGS:%=%.o) \
  $(LIB_SRC:cgi/%.c=build/asan/%.o) $(ASAN_PROGS:%=%.o),\
  $(if $(wildcard $(o:.o=.d)),,$(eval $(o): $(wildcard include/*.h))))
