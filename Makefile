# Build and install reportsyncd with its systemd integration.
#
#   make                                   release build
#   make install [DESTDIR=…] [PREFIX=…]    binaries, units, sysusers, tmpfiles, catalog, docs, default configs
#   make uninstall [DESTDIR=…] [PREFIX=…]  removes them again (the config file only if unchanged)
#
# Without DESTDIR, install also creates the users and folders, compiles the catalog and reloads systemd.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
CONFDIR = $(SYSCONFDIR)/reportsyncd
UNITDIR ?= $(PREFIX)/lib/systemd/system
CATALOGDIR ?= $(PREFIX)/lib/systemd/catalog
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
TMPFILESDIR ?= $(PREFIX)/lib/tmpfiles.d
DOCDIR ?= $(PREFIX)/share/doc/reportsyncd
SWIFT ?= swift

# The repository's files name the default locations; install rewrites them to the chosen ones.
LOCATE = sed -e 's|/usr/local/bin/|$(BINDIR)/|g' \
	-e 's|/etc/reportsyncd/|$(CONFDIR)/|g' \
	-e 's|/usr/local/share/doc/reportsyncd/|$(DOCDIR)/|g'

.PHONY: all build install uninstall

all: build

build:
	$(SWIFT) build -c release --product reportsyncd
	$(SWIFT) build -c release --product reportsyncd-publish
	$(SWIFT) build -c release --product reportsyncd-web

install: build
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/reportsyncd" "$(DESTDIR)$(BINDIR)/reportsyncd"
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/reportsyncd-publish" \
		"$(DESTDIR)$(BINDIR)/reportsyncd-publish"
	install -D -m 0755 "$$($(SWIFT) build -c release --show-bin-path)/reportsyncd-web" "$(DESTDIR)$(BINDIR)/reportsyncd-web"
	install -d "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(CATALOGDIR)"
	$(LOCATE) systemd/reportsyncd.service > "$(DESTDIR)$(UNITDIR)/reportsyncd.service"
	$(LOCATE) systemd/reportsyncd-publish.service > "$(DESTDIR)$(UNITDIR)/reportsyncd-publish.service"
	$(LOCATE) systemd/reportsyncd-web.service > "$(DESTDIR)$(UNITDIR)/reportsyncd-web.service"
	$(LOCATE) systemd/reportsyncd.catalog > "$(DESTDIR)$(CATALOGDIR)/reportsyncd.catalog"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/reportsyncd.service" "$(DESTDIR)$(UNITDIR)/reportsyncd-publish.service" \
		"$(DESTDIR)$(UNITDIR)/reportsyncd-web.service" \
		"$(DESTDIR)$(CATALOGDIR)/reportsyncd.catalog"
	install -D -m 0644 systemd/reportsyncd.sysusers "$(DESTDIR)$(SYSUSERSDIR)/reportsyncd.conf"
	install -D -m 0644 systemd/reportsyncd.tmpfiles "$(DESTDIR)$(TMPFILESDIR)/reportsyncd.conf"
	install -D -m 0644 docs/operating.md "$(DESTDIR)$(DOCDIR)/operating.md"
	test -e "$(DESTDIR)$(CONFDIR)/reportsyncd.conf" || \
		install -D -m 0644 systemd/reportsyncd.conf "$(DESTDIR)$(CONFDIR)/reportsyncd.conf"
	test -e "$(DESTDIR)$(CONFDIR)/publish.conf" || \
		install -D -m 0644 systemd/reportsyncd-publish.conf "$(DESTDIR)$(CONFDIR)/publish.conf"
	if [ -z "$(DESTDIR)" ]; then \
		systemd-sysusers "$(SYSUSERSDIR)/reportsyncd.conf" && \
		systemd-tmpfiles --create "$(TMPFILESDIR)/reportsyncd.conf" && \
		journalctl --update-catalog && \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	fi

uninstall:
	rm -f "$(DESTDIR)$(BINDIR)/reportsyncd" "$(DESTDIR)$(BINDIR)/reportsyncd-publish" \
		"$(DESTDIR)$(BINDIR)/reportsyncd-web" "$(DESTDIR)$(UNITDIR)/reportsyncd-web.service" \
		"$(DESTDIR)$(UNITDIR)/reportsyncd.service" "$(DESTDIR)$(UNITDIR)/reportsyncd-publish.service" \
		"$(DESTDIR)$(CATALOGDIR)/reportsyncd.catalog" \
		"$(DESTDIR)$(SYSUSERSDIR)/reportsyncd.conf" \
		"$(DESTDIR)$(TMPFILESDIR)/reportsyncd.conf" \
		"$(DESTDIR)$(DOCDIR)/operating.md"
	rmdir --ignore-fail-on-non-empty "$(DESTDIR)$(DOCDIR)" 2>/dev/null || true
	if [ ! -e "$(DESTDIR)$(CONFDIR)/reportsyncd.conf" ]; then \
		:; \
	elif cmp -s systemd/reportsyncd.conf "$(DESTDIR)$(CONFDIR)/reportsyncd.conf"; then \
		rm -f "$(DESTDIR)$(CONFDIR)/reportsyncd.conf" && rmdir --ignore-fail-on-non-empty "$(DESTDIR)$(CONFDIR)"; \
	else \
		echo "kept $(DESTDIR)$(CONFDIR)/reportsyncd.conf: it has local changes"; \
	fi
	if [ -z "$(DESTDIR)" ]; then \
		journalctl --update-catalog && \
		if [ -d /run/systemd/system ]; then systemctl daemon-reload; fi; \
	fi
