#!/usr/bin/env bash
# Installs the Debian packages PowerDesk's tests need: Chromium for the browser tests (and its
# headless shell, which runs them headless for a fraction of the processor time), a CJK
# font so that Chinese renders, gettext for the translation catalogues, Pango for WeasyPrint (the
# monthly report's PDF), poppler-utils (pdftoppm, pdftotext: the test that reads the PDF back),
# and (with --postgres) the PostgreSQL server. Safe to run again: it installs only what is missing.
set -euo pipefail

want_postgres=0
[ "${1:-}" = "--postgres" ] && want_postgres=1

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-wqy-microhei)
command -v msgfmt >/dev/null 2>&1 || missing+=(gettext)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
[ -x /usr/bin/redis-server ] || command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ "$want_postgres" = 1 ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  missing+=(postgresql)
fi

# Wanted, not needed: the browser tests run in the full Chromium where the shell is missing.
optional=()
[ -x /usr/bin/chromium-headless-shell ] || optional+=(chromium-headless-shell)

[ ${#missing[@]} -eq 0 ] && [ ${#optional[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=
elif command -v sudo >/dev/null 2>&1 && { [ ${#missing[@]} -gt 0 ] || sudo -n true 2>/dev/null; }; then
  SUDO=sudo
elif [ ${#missing[@]} -eq 0 ]; then
  echo "Optional Debian package not installed (no root): ${optional[*]}" >&2
  exit 0
else
  echo "PowerDesk needs these Debian packages: ${missing[*]}. Install them as root." >&2
  exit 1
fi
$SUDO apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
if [ ${#optional[@]} -gt 0 ]; then
  echo "Installing optional system packages: ${optional[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${optional[@]}" >/dev/null ||
    echo "Could not install ${optional[*]}: the browser tests use the full Chromium" >&2
fi
