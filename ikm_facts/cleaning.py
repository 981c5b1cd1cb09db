"""Cleaning raw article text (menus, "Baca juga", captions, bylines) and splitting sentences.

Scraped news carries the site around the article: section menus, share counters, "Baca juga"
links to other articles, photo captions, bylines, comment and font widgets. ``clean_article``
drops such whole lines and keeps the headline and the body; ``split_sentences`` cuts the
cleaned text into sentences without breaking at "Kab.", "Rp." or "6.779".

>>> cleaned = clean_article("Ekonomi\\nIKM Sulteng Tumbuh Pesat\\nBaca juga: Lain\\nIKM tumbuh.")
>>> cleaned.headline, cleaned.text
('IKM Sulteng Tumbuh Pesat', 'IKM Sulteng Tumbuh Pesat\\nIKM tumbuh.')
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from ikm_facts.model import Sentence

__all__ = ["CleanedArticle", "clean_article", "split_sentences"]


@dataclass(frozen=True, slots=True)
class CleanedArticle:
    headline: str | None
    text: str  # headline (if any) and body, boilerplate removed; offsets of facts refer to this


# Characters that become a plain space: no-break and zero-width spaces, and control characters
# (binary garbage), so that every later step sees ordinary text.
_SPACE_LIKE = "\u00a0\u200b\u200c\u200d\u2060\ufeff\u202f\u2007\u3000\u2028\u2029\x85\t\x0b\x0c\x7f"
_CONTROL = "\x00-\x08\x0e-\x1f"
# Runs of spaces become one; any other space-like or control character becomes a space. This is
# "[ odd]{2,}|[odd]" written to open with a character class, which lets the regex engine skip in
# C to the next candidate: a run of two or more, or else one odd character (a look-behind over
# the character just taken).
_ODD_SPACES = re.compile(
    f"[ {_SPACE_LIKE}{_CONTROL}](?:[ {_SPACE_LIKE}{_CONTROL}]+|(?<=[{_SPACE_LIKE}{_CONTROL}]))"
)

# Only short lines can be boilerplate; a longer line is body text and skips every check, which
# also keeps a 10 MB line without breaks linear.
_MAX_BOILERPLATE_CHARS = 400
_MIN_HEADLINE_WORDS, _MAX_HEADLINE_WORDS = 4, 20
_SENTENCE_END = tuple('.!?"”’')
_SLIPPED_THOUSANDS = re.compile(r"\d{3}\s+[a-z]")
# "SINTANG - ", "PALU, KOMPAS.com -", "Ambon (ANTARA) -": a dateline opening the story.
_DATELINE_START = re.compile(
    r"[A-Z][\w.,'() ]{1,40}?\s[-–—]\s|[A-Z][A-Z. ]{2,30},\s"
    r"|(?i:[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net)),"
)
# A line that opens with an ordinary lower-case word, not a web address.
_PLAIN_WORD_START = re.compile(r"[a-z]+(?:-[a-z]+)?[\s,;:]")
# Lengths of the lines of text wrapped at a fixed width.
_WRAP_MIN, _WRAP_MAX = 40, 110

# fmt: off
# Whole lines that are widgets, compared lower-case without a trailing colon.
_WIDGET_LINES = frozenset((
    "sebarkan artikel ini", "bagikan", "bagikan artikel ini", "bagikan berita ini", "share",
    "share this", "share this article", "tweet", "whatsapp", "facebook", "twitter", "telegram",
    "line", "linkedin", "email", "e-mail", "copy link", "salin link", "salin tautan", "print",
    "cetak", "komentar", "tulis komentar", "kirim komentar", "beri komentar",
    "berikan komentar", "lihat komentar", "lihat semua komentar", "top", "terbaru",
    "terpopuler", "advertisement", "iklan", "scroll to continue",
    "scroll to continue with content", "scroll untuk melanjutkan",
    "scroll untuk melanjutkan membaca", "loading", "sponsored", "konten sponsor",
    "pengaturan font", "ukuran font", "you cannot copy content of this page",
    "dilarang mengcopy konten ini", "ilustrasi", "ikuti kami", "follow us",
    "simak berita lainnya", "berita terkait", "artikel terkait", "baca juga", "baca pula",
    "lihat juga", "simak juga", "related", "terkait",
))
# Words that name a news site's sections; a line made of them is a menu.
_SECTION_WORDS = frozenset((
    "nasional", "internasional", "mondial", "ekonomi", "bisnis", "finansial", "keuangan",
    "megapolitan", "metro", "regional", "daerah", "nusantara", "olahraga", "sport",
    "sepakbola", "bola", "otomotif", "tekno", "teknologi", "sains", "hiburan", "lifestyle",
    "gaya", "hidup", "wisata", "travel", "kuliner", "kesehatan", "pendidikan", "politik",
    "hukum", "opini", "kolom", "editorial", "perspektif", "wawancara", "foto", "video",
    "infografis", "indeks", "terkini", "terpopuler", "home", "beranda", "berita", "news",
    "rona", "kupas", "splash", "edisi", "weekend", "humaniora", "dunia", "jateng", "jatim",
    "jabar", "properti", "karier", "seleb", "entertainment", "galeri", "tv", "live", "epaper",
    "e-paper",
))
# Words written with a final dot that do not end a sentence ("Kab. Sigi", "Rp. 5 juta").
_ABBREVIATIONS = frozenset((
    "kab", "kec", "kel", "prov", "ds", "rp", "dll", "dsb", "dst", "dkk", "tsb", "yth", "no",
    "h", "hj", "dr", "drg", "ir", "drs", "dra", "prof", "jl", "jln", "tbk", "pt", "cv", "st",
    "bpk", "bp", "sdr", "sdri", "muh", "moh", "moch", "mr", "mrs", "ny", "tn", "kol", "letkol",
    "brigjen", "mayjen", "letjen", "jend", "kapt", "se", "msi", "mm", "mt", "mh", "mpd", "spd",
    "ssos", "sh", "skom", "ssi", "msc", "phd", "vol", "hlm", "tgl", "telp", "tlp", "ttd", "dgn",
    "yg", "kpd", "utk", "sbg", "spt", "vs",
))
# fmt: on

# Lines that start with a sure marker of boilerplate: other articles, captions, bylines, tags.
_MARKER_LINE = re.compile(
    r"(?i)(?:"
    r"(?:baca|lihat|simak)\s+(?:juga|pula|selengkapnya)\b"
    r"|(?:berita|artikel)\s+(?:terkait|lainnya)\s*:"
    r"|\(?\s*(?:foto|photo|ilustrasi|sumber\s+foto)\s*[:/]"
    r"|\(\s*(?:foto|ilustrasi)\b[^)]*\)\s*$"
    r"|(?:reporter|wartawan|redaktur|penulis|editor|pewarta|penyunting|kontributor|jurnalis"
    r"|fotografer|editing)\s*:"
    r"|tags?\s*:|topik\s*:|kata\s+kunci\s*:"
    r"|©|copyright\b"
    # "Artikel ini telah tayang di Tribunlampung.co.id dengan judul ...": the headline again
    r"|(?:artikel|berita|tulisan)\s+ini\s+(?:telah|sudah)\s+(?:tayang|terbit|dimuat)\b"
    r")"
)
# A site's own address in a menu line ("LOMBOKINSIDE.COM", "riaunews.id").
_WEB_ADDRESS = re.compile(r"(?i)\b[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|co|id|net|org|news)\b")
# One letter or digit: a character for which str.isalnum() is true (the class is \w without "_").
_ALNUM = re.compile(r"[^\W_]")
_MENU_SEPARATORS = (" | ", " > ", " / ", " · ", " • ")
_COUNTER_WORD = (
    r"(?:shares?|views?|dilihat|dibaca|dibagikan|bagikan|komentar|comments?|likes?|suka|"
    r"facebook|twitter|whatsapp|telegram|line|linkedin|e-?mail|pinterest|copy\s+link|"
    r"salin\s+(?:link|tautan)|x|threads|instagram|print|cetak)"
)
_COUNTER_LINE = re.compile(
    rf"(?i)(?:[\d.,]+\s*)?{_COUNTER_WORD}\s*:?\s*(?:[\d.,]+\s*(?:kali|x)?)?"
    rf"(?:\s*[|·•,]?\s*(?:[\d.,]+\s*)?{_COUNTER_WORD}\s*:?\s*(?:[\d.,]+\s*(?:kali|x)?)?)*"
)
# Markers that a body sentence might also start with; they lose against a real sentence.
_WEAK_MARKER_LINE = re.compile(
    r"(?i)(?:(?:oleh|laporan|sumber|dok|dokumentasi)\s*[:.]|ilustrasi\b)"
)
# A "Baca juga" that stands alone: the next short line is the other article's headline.
_STANDALONE_READ_MORE = re.compile(
    r"(?i)(?:(?:baca|lihat|simak)\s+(?:juga|pula)|(?:berita|artikel)\s+(?:terkait|lainnya))\s*:?\s*$"
)
# "Reporter:" or "Editor:" alone on its line: the name is on the next one ("Editor:\nFulan").
_BARE_BYLINE_LABEL = re.compile(
    r"(?i)(?:reporter|wartawan|redaktur|penulis|editor|pewarta|penyunting|kontributor|jurnalis"
    r"|fotografer)\s*:\s*$"
)
_MAX_NAME_WORDS = 5
# A caption whose credit comes last: "Kabid IKM saat meninjau sentra. Foto : Fulan".
_CAPTION_SUFFIX = re.compile(
    r"(?i)[\s(](?:foto|photo|dok)\s*:\s*[^.!?:]{1,60}\)?$"
    # "... merampungkan pesanan masker. Tribunlampung.co.id/Dedi Sutomo", "(ANTARA/Fulan)":
    # a photo credit, an outlet and a photographer, closes the caption.
    r"|[\s(](?:[\w-]+(?:\.[\w-]+)*\.(?:com|co\.id|id|net)|antara(?:\s+foto)?|dok\.?)\s*/\s*"
    r"[^\W\d][\w .'-]{1,40}\)?$"
    # "... sebesar 18,87 persen Tempo/Tony Hartawan", "ANTARA FOTO/Umarul Faruq)": an outlet or
    # agency in capitals or by name, a slash, the photographer
    r"|\s\(?(?-i:[A-Z]{3,}[\w.]*|Tempo|Antara|Kompas|Republika|Istimewa|Ist|Dok|Humas\w*|Tribun\w*)"
    r"\s?/\s?(?!(?:kota|kabupaten|kab|provinsi)\b)(?-i:[A-Z][\w'-]*(?:\s[A-Z][\w'-]*){0,3})\)?$"
)
# Short code lines that sign a story: "ers/E-10", "(ant/xyz)", "(*)".
_CODE_LINE = re.compile(r"\(?\s*[\w*]{1,10}(?:\s*/\s*[\w*-]{1,10})*\s*\)?")
# "A A A Pengaturan Font": letter buttons of a font widget.
_FONT_WIDGET = re.compile(r"(?i)(?:a\s+){2,}a?\s*(?:pengaturan|ukuran)?\s*(?:font)?")
# A line that is only a date and a time ("Senin, 15 Juni 2020 | 14:30 WIB") is no headline.
_DATE_LINE = re.compile(
    r"(?i)(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|\d{1,2}\s+(?:januari|februari|"
    r"maret|april|mei|juni|juli|agustus|september|oktober|november|desember))"
)


def clean_article(raw: str) -> CleanedArticle:
    """Drop site boilerplate, keep the headline and the body.

    The returned ``text`` is the headline (when there is one) as its first line, then the body
    lines, joined by "\\n"; no-break and zero-width spaces have become plain spaces.
    """
    lines = _unwrapped(_normal_lines(raw))
    headline: str | None = None
    body: list[str] = []
    seen: set[str] = set()
    body_started = False
    skip_next_short = False
    skip_name = False
    for line in lines:
        if not line:
            continue
        if skip_next_short:
            # "Baca Juga" over a block of other articles' titles: each goes with it.
            if _is_short_title(line):
                continue
            skip_next_short = False
        if _is_boilerplate(line):
            skip_next_short = bool(_STANDALONE_READ_MORE.match(line))
            skip_name = bool(_BARE_BYLINE_LABEL.match(line))
            continue
        if skip_name:
            skip_name = False
            if _word_count(line) <= _MAX_NAME_WORDS and not line.endswith("."):
                continue  # the name under a bare "Editor:" label
        key = line.casefold()
        if key in seen:
            continue  # a headline or caption repeated by the page layout
        if not body_started:
            if _looks_like_headline(line) and (
                headline is None or _is_shouting(headline) or not _is_shouting(line)
            ):
                # Of the title-like lines above the story, the last is its headline: earlier
                # ones name the site ("ANTARA News Sulawesi Tengah", "DINAS PERINDUSTRIAN DAN
                # PERDAGANGAN PROVINSI KALIMANTAN SELATAN"), written in mixed case or capitals.
                headline = line
                seen.add(key)
                continue
            if _looks_like_body(line):
                body_started = True
            elif _word_count(line) < _MIN_HEADLINE_WORDS:
                continue  # a section or place label above the story: "Ekonomi", "Kendari"
        seen.add(key)
        if body and _continues(body[-1], line):
            body[-1] = f"{body[-1]} {line}"  # a hard-wrapped sentence, joined again
            continue
        body.append(line)
    text_lines = [headline, *body] if headline is not None else body
    return CleanedArticle(headline=headline, text="\n".join(text_lines))


def _unwrapped(lines: list[str]) -> list[str]:
    """Lines of text wrapped at a fixed width (every ~70 characters, mid-sentence) joined back
    into paragraphs; other text is returned as it is. Wrapping is recognised by many lines of
    similar length that stop without ending a sentence and run on into the next line."""
    broken = sum(
        1
        for line, following in itertools.pairwise(lines)
        if _WRAP_MIN <= len(line) <= _WRAP_MAX and following and not _ends_line(line)
    )
    if broken < 3 or broken * 3 < sum(1 for line in lines if len(line) >= _WRAP_MIN):
        return lines
    joined: list[str] = []
    for line in lines:
        if (
            line
            and joined
            and joined[-1]
            and not _ends_line(joined[-1])
            and not line.startswith(("-", "–", "—", "•", "*"))  # a list item: "- Kota Palu: 20"
            and not _MARKER_LINE.match(line)
            and not _DATELINE_START.match(line)  # the story starts after its headline
        ):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def _ends_line(line: str) -> bool:
    return line.endswith((*_SENTENCE_END, ":", ";"))


def _continues(previous: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence that ``previous`` broke off: text wrapped at a
    fixed width ("... menggelar pelatihan bagi\n60 perajin ...") breaks mid-sentence, and the
    next line opens with a lower-case word."""
    return (
        len(previous) >= _WRAP_MIN
        and not _ends_line(previous)
        and bool(_PLAIN_WORD_START.match(line))  # not "jpnn.com, JAKARTA - ..."
    )


def _normal_lines(raw: str) -> list[str]:
    lines = raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    # Every space-like and control character is unprintable, and no run of them crosses a line
    # break: a printable line without a double space is left alone, without a regex pass.
    return [
        (line if line.isprintable() and "  " not in line else _ODD_SPACES.sub(" ", line)).strip()
        for line in lines
    ]


def _word_count(line: str) -> int:
    """``len(line.split())`` for a line from ``_normal_lines``. Such a line is stripped and its
    spaces are single plain spaces, so in ASCII (no other kind of space) counting them is the
    same, without building the list of words."""
    return line.count(" ") + 1 if line and line.isascii() else len(line.split())


def _is_boilerplate(line: str) -> bool:
    if len(line) > _MAX_BOILERPLATE_CHARS:
        return False
    # Most lines open with a letter: that answers the test below without a scan.
    if not line[:1].isalpha() and not any(c.isalpha() for c in line):
        return True  # share counters and widget debris: "962", "×", "()"
    if line.lower().rstrip(" :").strip() in _WIDGET_LINES:
        return True
    if _MARKER_LINE.match(line):
        return True
    if _is_sentence(line):
        return False  # from here on only guesses, which never win against a real sentence
    return bool(
        _WEAK_MARKER_LINE.match(line)
        or _CAPTION_SUFFIX.search(line)
        or (_CODE_LINE.fullmatch(line) and ("/" in line or line.startswith("(")))
        or _FONT_WIDGET.fullmatch(line)
        or _is_menu(line)
        or _is_counter(line)
    )


def _is_sentence(line: str) -> bool:
    """A body sentence: ends like a sentence and is longer than a caption or a title."""
    return line.endswith(_SENTENCE_END) and _word_count(line) > 12


def _is_menu(line: str) -> bool:
    """A site's menu or breadcrumbs: "Home » Ekonomi » Industri", "Berita > Ekonomi > Papua",
    "TRIBUNJATIM.COM | Home | Berita Jatim | Surabaya", "Pontianak Today — Beranda Kalbar
    Pontianak Ekonomi Hukum Olahraga Opini"."""
    separators = sum(line.count(mark) for mark in _MENU_SEPARATORS)
    marked = separators >= 2 or "»" in line or "›" in line or " > " in line
    if not marked and sum(map(_SECTION_WORDS.__contains__, line.lower().split())) < 3:
        # Without separators only three section words or more make a menu (the last test
        # below), and most lines are turned away here, cheaply. Counting on the plain words
        # gives the same number: a section word has no dot, so taking out web addresses
        # leaves it whole and makes no new one.
        return False
    # A web address has a dot; the words kept are those with a letter or digit.
    plain = _WEB_ADDRESS.sub(" ", line) if "." in line else line
    words = list(filter(_ALNUM.search, plain.split()))
    if len(words) < 2 or any(c in " ".join(words) for c in ".,;!?"):
        return False
    if separators >= 2 or ("»" in line or "›" in line):
        return True  # breadcrumbs or a menu bar
    if " > " in line and len(words) <= 6 and all(w[:1].isupper() for w in words):
        return True  # "Siaran Pers > IKMA"
    sections = sum(w.lower() in _SECTION_WORDS for w in words)
    capitalised = sum(w[:1].isupper() or w[:1].isdigit() for w in words)
    return len(words) >= 3 and sections >= 3 and capitalised == len(words)


def _is_counter(line: str) -> bool:
    """Share and view counters: "Share: 0 | Views: 1.027", "Dilihat 1.284 kali Bagikan:
    Facebook Twitter WhatsApp", "215 Shares"."""
    return bool(_COUNTER_LINE.fullmatch(line))


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    if not _MIN_HEADLINE_WORDS <= len(words) <= _MAX_HEADLINE_WORDS:
        return False
    if line.endswith((".", ",", ";", ":")) or line[0] in "\"“'(-–—•*":
        return False
    if _DATE_LINE.match(line) and sum(c.isdigit() for c in line) >= 4:
        return False
    return sum(w[:1].isalpha() for w in words) >= 3


def _is_shouting(line: str) -> bool:
    return line.isupper()


def _looks_like_body(line: str) -> bool:
    return line.endswith(_SENTENCE_END) or _word_count(line) > _MAX_HEADLINE_WORDS


def _is_short_title(line: str) -> bool:
    return _word_count(line) <= 15 and not line.endswith(".")


# Sentences ------------------------------------------------------------------------------------

# A dot, "!", "?" or an ellipsis, possibly inside closing quotes, followed by a space: a candidate
# end of sentence. A line break always ends one.
# Written as r"[.!?…]+[closers]*(?=\s)|\n" would be, but opening with a character class, which
# lets the regex engine skip in C to the next candidate; a look-behind tells a line break.
_CANDIDATE_END = re.compile(r"[.!?…\n](?:(?<=\n)|(?<!\n)[.!?…]*[\"”’'\)\]]*(?=\s))")
# The word before a dot, read backwards from the dot: one anchored match on a short reversed
# slice instead of a search that tries every position before it.
_TOKEN_REVERSED = re.compile(r"[^\s(\[\"“‘']+")
_OPENERS = "\"“‘'([-–—•*"


def split_sentences(text: str) -> list[Sentence]:
    """Cut ``text`` into sentences; offsets refer to ``text``.

    >>> [s.text for s in split_sentences("Kab. Sigi punya 6.779 IKM. Rp. 5 juta cair.")]
    ['Kab. Sigi punya 6.779 IKM.', 'Rp. 5 juta cair.']
    """
    sentences: list[Sentence] = []
    start = 0
    for match in _CANDIDATE_END.finditer(text):
        if match.group() != "\n" and not _ends_sentence(text, match):
            continue
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    after = match.end()
    while after < len(text) and text[after] in " \t\u00a0\r":
        after += 1
    if after >= len(text) or text[after] == "\n":
        return True
    nxt = text[after]
    if not (nxt.isupper() or nxt.isdigit() or nxt in _OPENERS):
        return False  # "dll. dan", "kata dia? tanya" : the sentence goes on in lower case
    mark = match.group()
    if mark != ".":
        return True  # "!", "?", an ellipsis, or a dot inside closing quotes
    start = match.start()
    # As r"[^\s(\[\"“‘']+$" searched before the dot would: "$" also matches before a final
    # line break, so a dot that opens a line looks at the word that ends the line before.
    stop = start - 1 if text[start - 1 : start] == "\n" else start
    token = _TOKEN_REVERSED.match(text[max(0, start - 30) : stop][::-1])
    if token is None:
        return True
    word = token.group()[::-1]
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "Gati W. Wibawaningsih"
    if word.isdigit() and len(word) <= 3 and _SLIPPED_THOUSANDS.match(text, after):
        return False  # "terdapat 138. 419 usaha": a thousands dot with a space slipped in
    if word.lower() in _ABBREVIATIONS:
        return False
    # Dotted titles and abbreviations: "S.E.", "M.Si.", "S.Sos."
    parts = word.split(".")
    return not (len(parts) > 1 and all(p.isalpha() and len(p) <= 4 for p in parts))


def _append(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    # str.strip() drops exactly the characters that str.isspace() accepts, in C.
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        start += len(piece) - len(piece.lstrip())
        sentences.append(Sentence(start, start + len(stripped), stripped))
