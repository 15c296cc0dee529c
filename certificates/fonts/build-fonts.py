"""Build the fonts of certificates/fonts/ from Debian's Noto packages (development time only).

Run through build-fonts.sh. Needs Debian's fonts-noto-core, fonts-noto-mono, fonts-noto-cjk and
python3-fonttools (fontTools 4.38). Deterministic: the same packages give the same files.
"""

import glob
import os
import sys

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

NOTO = "/usr/share/fonts/truetype/noto"
CJK_TTC = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
HERE = os.path.dirname(os.path.abspath(__file__))
WORDING = os.path.join(HERE, "..", "wording")

# (source file, output file, code points to keep: None = every character of the font)
NOTO_FONTS = [
    ("NotoSans-Regular.ttf", "NotoSans-Regular.ttf", None),
    ("NotoSans-Bold.ttf", "NotoSans-Bold.ttf", None),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Regular.ttf", None),
    ("NotoSansArabic-Bold.ttf", "NotoSansArabic-Bold.ttf", None),
    ("NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Regular.ttf", None),
    ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Regular.ttf", None),
    ("NotoSansThai-Regular.ttf", "NotoSansThai-Regular.ttf", None),
    ("NotoSansGeorgian-Regular.ttf", "NotoSansGeorgian-Regular.ttf", None),
    ("NotoSansArmenian-Regular.ttf", "NotoSansArmenian-Regular.ttf", None),
    # The signature and certificate number only: printable ASCII.
    ("NotoSansMono-Regular.ttf", "NotoSansMono-Regular.ttf", list(range(0x20, 0x7F))),
]


def options(all_features):
    o = subset.Options()
    o.layout_features = ["*"] if all_features else o.layout_features  # default set otherwise
    o.hinting = False  # PDF viewers rasterise without TrueType hints; saves about a third
    o.desubroutinize = True
    o.name_IDs = ["*"]
    o.name_languages = ["*"]
    o.notdef_outline = True
    o.glyph_names = False
    o.drop_tables += ["DSIG", "vhea", "vmtx", "VORG"]
    return o


def save(font, path):
    if "glyf" in font:
        # fontkit's TrueType subsetter (used by pdf-lib) copies glyph records verbatim and writes *short*
        # loca offsets, which need every glyph 2-byte aligned; fontTools drops padding when it writes long
        # offsets, which makes pdf-lib embed garbled glyphs. Pad every glyph to 4 bytes.
        font["glyf"].padding = 4
    font.save(path, reorderTables=True)
    print(f"{os.path.basename(path)}: {os.path.getsize(path):,} bytes")


def cjk_code_points():
    """GB 2312 hanzi and symbols, JIS X 0208 level-1 kanji, kana, KS X 1001 Hangul, CJK punctuation and
    full-width forms, and every CJK character the wording files use."""
    chars = set()

    def double_byte(codec, rows, cols):
        for a in rows:
            for b in cols:
                try:
                    chars.add(bytes([a, b]).decode(codec))
                except UnicodeDecodeError:
                    pass

    double_byte("gb2312", range(0xA1, 0xAA), range(0xA1, 0xFF))  # GB 2312 symbols, kana, punctuation
    double_byte("gb2312", range(0xB0, 0xF8), range(0xA1, 0xFF))  # GB 2312 hanzi (6,763)
    double_byte("euc_jp", range(0xA1, 0xA9), range(0xA1, 0xFF))  # JIS X 0208 symbols and kana
    double_byte("euc_jp", range(0xB0, 0xD0), range(0xA1, 0xFF))  # JIS X 0208 level 1 kanji (2,965)
    double_byte("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))  # KS X 1001 Hangul syllables (2,350)
    for first, last in [
        (0x3000, 0x303F),  # CJK symbols and punctuation
        (0x3040, 0x30FF),  # hiragana, katakana
        (0x31F0, 0x31FF),  # katakana phonetic extensions
        (0x3131, 0x318E),  # Hangul compatibility jamo
        (0xFF01, 0xFF5E),  # full-width forms
        (0xFF61, 0xFF9F),  # half-width katakana
    ]:
        chars.update(chr(c) for c in range(first, last + 1))
    for path in sorted(glob.glob(os.path.join(WORDING, "*.yaml"))):
        with open(path, encoding="utf-8") as f:
            chars.update(f.read())
    # Latin, Greek, Cyrillic and general punctuation come from Noto Sans, earlier in every fallback chain.
    return sorted(ord(c) for c in chars if ord(c) >= 0x2E80)


def to_quadratic(font, max_err=1.0):
    """CFF (cubic) outlines to TrueType (quadratic) ones: pdf-lib's CFF subsetter writes broken CID-keyed
    fonts (poppler: "Embedded font file may be invalid"), while its TrueType subsetter is sound."""
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    del font["CFF "]
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for key in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, key, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 3.0  # no glyph names
    font.sfntVersion = "\x00\x01\x00\x00"


def main():
    for source, target, code_points in NOTO_FONTS:
        font = TTFont(os.path.join(NOTO, source), recalcTimestamp=False)
        subsetter = subset.Subsetter(options(all_features=True))
        if code_points is None:
            code_points = sorted(font.getBestCmap().keys())
        subsetter.populate(unicodes=code_points)
        subsetter.subset(font)
        save(font, os.path.join(HERE, target))

    # Noto Sans CJK SC is face 2 of the collection (JP, KR, SC, TC, HK, then the Mono faces).
    collection = TTCollection(CJK_TTC, recalcTimestamp=False)
    font = collection.fonts[2]
    assert font["name"].getDebugName(6) == "NotoSansCJKsc-Regular", "unexpected face order in " + CJK_TTC
    subsetter = subset.Subsetter(options(all_features=False))
    subsetter.populate(unicodes=cjk_code_points())
    subsetter.subset(font)
    to_quadratic(font)
    save(font, os.path.join(HERE, "NotoSansCJKsc-Regular-Subset.ttf"))


if __name__ == "__main__":
    sys.exit(main())
