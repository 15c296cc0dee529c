#!/usr/bin/env bash
# Rebuild the fonts of this folder from Debian's Noto packages. Run by hand at development time, after
# changing a wording file with new CJK characters; never at run time or in CI. The output is committed.
set -euo pipefail
cd "$(dirname "$0")"
if ! /usr/bin/python3 -c 'import fontTools' 2>/dev/null || [ ! -d /usr/share/fonts/truetype/noto ] ||
  [ ! -f /usr/share/fonts/truetype/noto/NotoSansMono-Regular.ttf ] ||
  [ ! -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc ]; then
  echo "Needs: apt-get install -y python3-fonttools fonts-noto-core fonts-noto-mono fonts-noto-cjk" >&2
  exit 1
fi
/usr/bin/python3 build-fonts.py
