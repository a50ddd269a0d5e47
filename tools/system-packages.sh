#!/usr/bin/env bash
# The system packages the tests need, in one place; `make test`, `make test-e2e` and .ci/run call it.
#
#   tools/system-packages.sh           install what is missing (Debian/Ubuntu, as root or with
#                                      passwordless sudo); elsewhere print the command and exit 1
#   tools/system-packages.sh --check   print what is missing, install nothing (exit 1 when
#                                      something is missing, 0 when all is there)
#
# ONEONONE_CHROMIUM names another Chromium or Chrome (default /usr/bin/chromium);
# ONEONONE_HUNSPELL_DIR another dictionary folder (default /usr/share/hunspell).
# Only shell built-ins look for the tools, so a test can fake them with PATH and those two.
set -euo pipefail

mode=install
case "${1:-}" in
  "") ;;
  --check) mode=check ;;
  -h | --help)
    sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'
    exit 0
    ;;
  *)
    echo "system-packages: unknown option '$1' (use --check or nothing)" >&2
    exit 2
    ;;
esac

chromium="${ONEONONE_CHROMIUM:-/usr/bin/chromium}"
dict_dir="${ONEONONE_HUNSPELL_DIR:-/usr/share/hunspell}"

# One line per Debian package: the package, then what it gives the tests.
PACKAGES=(
  "make|runs the Makefile"
  "chromium|the browser for the Voila + Playwright tests"
  "nodejs|runs configurable-http-proxy (JupyterHub tier) and npm"
  "npm|installs axe-core and configurable-http-proxy from package-lock.json"
  "hunspell|the Dutch spelling check"
  "hunspell-nl|the Dutch dictionary"
  "poppler-utils|pdftotext, to read the PDF report in tests/unit/test_report.py"
)

present() {
  case "$1" in
    make) command -v make >/dev/null 2>&1 ;;
    chromium) [ -x "$chromium" ] ;;
    nodejs) command -v node >/dev/null 2>&1 ;;
    npm) command -v npm >/dev/null 2>&1 ;;
    hunspell) command -v hunspell >/dev/null 2>&1 ;;
    hunspell-nl) [ -e "$dict_dir/nl_NL.dic" ] || [ -e "$dict_dir/nl.dic" ] ;;
    poppler-utils) command -v pdftotext >/dev/null 2>&1 ;;
  esac
}

missing=()
for line in "${PACKAGES[@]}"; do
  package="${line%%|*}"
  if ! present "$package"; then
    missing+=("$package")
    echo "missing: $package (${line#*|})"
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "system packages: all present (${#PACKAGES[@]} checked)"
  exit 0
fi

# A Chromium the user named elsewhere is theirs to provide: apt cannot put it at that path.
custom_chromium=""
if [ -n "${ONEONONE_CHROMIUM:-}" ] && [ "$chromium" != /usr/bin/chromium ]; then
  for package in "${missing[@]}"; do
    [ "$package" = chromium ] && custom_chromium=yes
  done
fi
apt_packages=()
for package in "${missing[@]}"; do
  [ "$package" = chromium ] && [ -n "$custom_chromium" ] && continue
  apt_packages+=("$package")
done
command_line="apt-get install -y --no-install-recommends ${apt_packages[*]:-}"

tell() {
  # How to finish by hand, then stop: the tests would fail without these.
  if [ -n "$custom_chromium" ]; then
    echo "ONEONONE_CHROMIUM=$chromium is not an executable: point it at a Chromium or Chrome."
  fi
  if [ ${#apt_packages[@]} -gt 0 ]; then
    local sudo="sudo "
    [ "$EUID" -eq 0 ] && sudo=""
    echo "Run: ${sudo}apt-get update && ${sudo}$command_line"
    echo "(not Debian or Ubuntu? install the same tools under your system's names;"
    echo " ONEONONE_CHROMIUM=/path/to/chrome names another Chromium or Chrome)"
  fi
}

if [ "$mode" = check ]; then
  tell
  exit 1
fi

if [ ${#apt_packages[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
  sudo=""
  if [ "$EUID" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      echo "system-packages: not root and no passwordless sudo, so nothing was installed."
      tell
      exit 1
    fi
  fi
  echo "== installing ${apt_packages[*]} (Debian packages)"
  as_root() {
    # sudo resets the environment, so the variable travels through env.
    if [ -n "$sudo" ]; then
      sudo env DEBIAN_FRONTEND=noninteractive "$@"
    else
      DEBIAN_FRONTEND=noninteractive "$@"
    fi
  }
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${apt_packages[@]}"
  apt_packages=()
fi

if [ ${#apt_packages[@]} -gt 0 ] || [ -n "$custom_chromium" ]; then
  [ ${#apt_packages[@]} -gt 0 ] && echo "system-packages: no apt-get here, so nothing was installed."
  tell
  exit 1
fi
# Installed: look again, so a package that did not bring its tool is named now, not in a test.
exec "$BASH" "$0" --check
