# Mubiao: an OKR system for company intranets.  GNU make.
#   make            build the programs into build/
#   make run        install what is missing, build, serve on 127.0.0.1:8080/okr/
#   make stop       stop what make run started
#   make test       install what is missing, build, run every test
#   make bench      load-test the home page against the same page served statically
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
CPPFLAGS += -D_GNU_SOURCE -Iinclude -I/usr/include/libxml2
LDLIBS	 = -lfcgi -ldb-5.3 -lxslt -lxml2 -lcrypto -lm

# Modules shared by the programs.
LIB_SRC	 = cgi/arena.c cgi/codec.c cgi/conf.c cgi/csrf.c cgi/log.c cgi/okr.c cgi/priv.c \
	   cgi/render.c cgi/req.c cgi/store.c cgi/view.c cgi/demo.c cgi/form.c cgi/xmlio.c
LIB_OBJ	 = $(LIB_SRC:cgi/%.c=build/%.o)
WORKERS	 = okr-read okr-edit okr-meet
PROGS	 = $(WORKERS:%=build/%) build/mubiao-super build/mubiao-admin
UNIT	 = build/test-okr build/test-codec build/test-req build/test-form build/test-csrf

# Debian packages of what we build with, run and test against.
DEB_PKGS = build-essential libfcgi-dev libdb5.3-dev db5.3-util libxml2-dev \
	   libxml2-utils libxslt1-dev libssl-dev nginx curl libcmocka-dev wrk openssl \
	   procps chromium python3-feedparser
NEED	 = /usr/include/fcgiapp.h /usr/include/db.h /usr/include/libxml2/libxml/tree.h \
	   /usr/include/libxslt/xslt.h /usr/include/cmocka.h /usr/sbin/nginx \
	   /usr/bin/curl /usr/bin/xmllint /usr/bin/db5.3_verify /usr/bin/wrk \
	   /usr/bin/openssl /usr/bin/pkill /usr/include/openssl/hmac.h /usr/bin/chromium \
	   /usr/lib/python3/dist-packages/feedparser/__init__.py

.PHONY: all deps run stop test unit-test integration-test bench install uninstall clean

all: $(PROGS)

build/%.o: cgi/%.c include/*.h | build
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

build:
	mkdir -p build

$(PROGS): build/%: build/%.o $(LIB_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

build/test-%: tests/unit/test-%.c $(LIB_OBJ)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) -lcmocka

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

test: deps all $(UNIT)
	@sh tests/run.sh $(UNIT)

bench: deps all
	@sh tests/bench.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)/xslt/i18n \
		$(DESTDIR)$(ETCDIR) $(DESTDIR)$(MANDIR)/man8
	install -m 755 build/mubiao-super build/mubiao-admin $(DESTDIR)$(BINDIR)
	install -m 755 $(WORKERS:%=build/%) $(DESTDIR)$(LIBEXEC)
	install -m 644 xslt/*.xsl xslt/*.css xslt/*.rng $(DESTDIR)$(SHARE)/xslt
	install -m 644 xslt/i18n/*.xml $(DESTDIR)$(SHARE)/xslt/i18n
	install -m 644 conf/*.8 $(DESTDIR)$(MANDIR)/man8
	[ -e $(DESTDIR)$(ETCDIR)/mubiao.conf ] || \
		install -m 644 conf/mubiao.conf $(DESTDIR)$(ETCDIR)/mubiao.conf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/mubiao-super $(DESTDIR)$(BINDIR)/mubiao-admin
	rm -rf $(DESTDIR)$(LIBEXEC) $(DESTDIR)$(SHARE)
	rm -f $(DESTDIR)$(MANDIR)/man8/mubiao-admin.8
	@echo "kept $(DESTDIR)$(ETCDIR)/mubiao.conf and the store"

clean:
	rm -rf build
