#!/usr/bin/env bash
# Chinese (Simplified) fonts for PDF output, called by scripts/setup.sh.
#
# Debian's fonts-noto-cjk ships one OpenType collection per weight whose faces share a single CFF
# table named "NotoSerifCJKjp-…": LibreOffice draws the SC glyphs but embeds them under the JP name,
# so a PDF cannot be told apart from a Japanese one. Google's per-region builds (Noto Serif SC,
# Noto Sans SC, TrueType, SIL OFL) carry SC names; they ship in the npm packages below, from which
# only the weights the documents use are kept. Kaiti comes from Debian (fonts-lxgw-wenkai).
# anjian/publish/fontconfig/fonts.conf maps the GB/T 9704 font names onto these families.
set -euo pipefail

fontdir="${ANJIAN_FONT_DIR:-/usr/local/share/fonts/anjian-sc}"
version="0.4.3"
wanted=(
  "noto-serif-sc 400Regular/NotoSerifSC_400Regular.ttf"
  "noto-serif-sc 700Bold/NotoSerifSC_700Bold.ttf"
  "noto-sans-sc 400Regular/NotoSansSC_400Regular.ttf"
)

missing=0
for entry in "${wanted[@]}"; do
  [ -f "$fontdir/$(basename "${entry#* }")" ] || missing=1
done
[ "$missing" = 0 ] && exit 0

command -v npm >/dev/null || { echo "需要 npm 以安装中文字体 / npm is needed for the SC fonts" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
sudo=""
[ "$(id -u)" -ne 0 ] && [ ! -w "$(dirname "$fontdir")" ] && sudo="sudo"
$sudo mkdir -p "$fontdir"
for package in noto-serif-sc noto-sans-sc; do
  echo "安装字体 / installing fonts: @expo-google-fonts/$package@$version"
  (cd "$work" && npm pack --silent "@expo-google-fonts/$package@$version" >/dev/null)
  for entry in "${wanted[@]}"; do
    [ "${entry%% *}" = "$package" ] || continue
    file="${entry#* }"
    tar -xzf "$work/expo-google-fonts-$package-$version.tgz" -C "$work" "package/$file"
    $sudo install -m 0644 "$work/package/$file" "$fontdir/$(basename "$file")"
  done
done
$sudo fc-cache -f "$fontdir" >/dev/null
