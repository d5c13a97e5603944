#!/usr/bin/env bash
# Set up anjian on Debian with Python 3.11: system packages, a virtual environment, the package.
#   scripts/setup.sh          runtime (LibreOffice for .doc/.wps and PDF output, CJK fonts)
#   scripts/setup.sh --test   also the test tools (Chromium for browser tests, poppler, gettext, the PostgreSQL
#                             server and moto[server] for the topology test)
#   scripts/setup.sh --s3     also django-storages[s3] (boto3), for files in an S3-compatible store
#                             (the flags combine: scripts/setup.sh --test --s3)
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
extras=()
for arg in "$@"; do
  case "$arg" in
    --test) want_tests=1; extras+=(test) ;;
    --s3) extras+=(s3) ;;
    *) echo "unknown option: $arg (expected --test, --s3)" >&2; exit 2 ;;
  esac
done

packages=(python3-venv libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk fonts-arphic-gkai00mp
          fonts-lxgw-wenkai)
command -v npm >/dev/null || packages+=(npm)  # for scripts/install-fonts.sh
[ "$want_tests" = 1 ] && packages+=(chromium poppler-utils gettext postgresql postgresql-client wrk)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "安装系统软件包 / installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Chinese (SC) fonts for PDFs from npm packages; why: scripts/install-fonts.sh.
bash scripts/install-fonts.sh

python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null || python=python3
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/pip install -q --upgrade pip
if [ "${#extras[@]}" -gt 0 ]; then
  .venv/bin/pip install -q -e ".[$(IFS=,; echo "${extras[*]}")]"
else
  .venv/bin/pip install -q -e .
fi
echo "就绪 / ready: .venv/bin/anjian"
