"""The rules behind :mod:`lnob_methods.voices.redact`: patterns, cue phrases and word lists.

Every rule is a regular expression or a word list a reader can check against a sentence; nothing
is learned. Rules run on the text with Devanagari and Bengali digits read as ASCII digits (a
same-length translation), so every offset is an offset of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from lnob_methods.core import paths, yamlio

NAMES_FILE = paths.DATA / "voices" / "names.yaml"
DIGITS = str.maketrans("०१२३४५६७८९০১২৩৪৫৬৭৮৯", "01234567890123456789")

# Letters are \w minus digits and "_", plus the combining marks Python's \w leaves out
# (Vietnamese tones written apart, Devanagari and Bengali vowel signs, ZWJ/ZWNJ).
_MARKS = "\u0300-\u036f\u0900-\u0963\u0971-\u097f\u0980-\u09e5\u09f0\u09f1\u200c\u200d"
LETTER = rf"(?:[^\W\d_]|[{_MARKS}])"
BEFORE = rf"(?<!\w)(?<![{_MARKS}])"  # not inside a word or a number
AFTER = rf"(?!\w)(?![{_MARKS}])"
WORD_RE = re.compile(rf"{LETTER}+(?:['’\-]{LETTER}+)*")
# Case endings written onto a Nepali or Bangla word ("ललितपुरमा", "গাজীপুরের").
SUFFIXES = sorted(
    "हरूलाई हरूको हरू लाई बाट सँग देखि तिर को की का ले मा जी ের র য় য় তে কে ে ও ই রা দের টা টি".split(),
    key=len,
    reverse=True,
)
_SUFFIX_ALT = "|".join(SUFFIXES)

EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
PHONE_RE = re.compile(r"(?<![\w+@./-])(?:\+ ?)?\d+(?:[ .\-]\d+)*(?![\w@]|[.\-/]\d)")
_CURRENCY_BEFORE = re.compile(r"(?:ksh|kes|shs?|rs|npr|tk|usd|vnd|\$|৳|रु|रू)\.?\s*$", re.I)
_CURRENCY_AFTER = re.compile(
    r"^\s*(?:/=|shillings?|bob|rupees?|taka|dong|đồng|đ\b|vnd|usd|रुपैयाँ|টাকা|triệu|nghìn)", re.I
)
_ID_CUES_LATIN = (
    r"national\s+id(?:\s+card)?|id\s+card|id|nid|citizenship|passport|birth\s+certificate|"
    r"birth\s+registration|huduma(?:\s+namba)?|kitambulisho|cccd|cmnd|căn\s+cước(?:\s+công\s+dân)?|"
    r"chứng\s+minh(?:\s+nhân\s+dân|\s+thư)?|hộ\s+chiếu"
)
_ID_CUES_NATIVE = (
    r"नागरिकता|परिचयपत्र|राहदानी|पासपोर्ट|जन्मदर्ता|জাতীয়\s+পরিচয়পত্র|পরিচয়পত্র|এনআইডি|"
    r"জন্ম\s+নিবন্ধন|পাসপোর্ট"
)
ID_CUE_RE = re.compile(
    rf"(?:{BEFORE}(?:{_ID_CUES_LATIN}){AFTER}|{BEFORE}(?:{_ID_CUES_NATIVE}))"
    r"(?P<gap>(?:(?:no|nr)\.\s*|[^\d\n.।?!]|\.(?!\s)){0,40}?)"
    r"(?P<num>(?<![A-Za-z])[A-Za-z]{0,2}\d(?:[\d\-/]|\s(?=\d))*\d)(?!\d)",
    re.I,
)
_PHONE_WORDS = re.compile(r"phone|mobile|simu|điện thoại|sđt|फोन|मोबाइल|ফোন|মোবাইল|email", re.I)
ID_PATTERN_RE = re.compile(
    r"(?<![\d+/-])(?:\d{1,2}-\d{1,2}-\d{2}[-/]\d{3,6}|\d{17}|\d{13}|\d{12})(?![\d/-])"
)


class Tok(NamedTuple):
    """One word of a testimony, with what the name and place rules need to know about it."""

    start: int
    end: int
    text: str
    low: str  # lower case
    key: str  # name-list key: folded lower case (Latin scripts) or the word itself
    stem: str  # a Nepali or Bangla word without its case ending; else ``key``
    script: str  # "latin", "ne" (Devanagari) or "bn" (Bengali)
    cap: bool  # Latin word with a capital first letter (not an all-capitals acronym)
    initial: bool  # first word of a sentence
    joined: bool  # only spaces since the previous word
    sep: str  # what stands between the previous word and this one, spaces left out
    blocked: bool  # inside a protected name: admin-1, organisation, month, country...
    place: bool  # inside a gazetteer place name


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# ----- word lists: lower case, as written (Vietnamese keeps its diacritics) ----------------------
STOP = {
    "en": _words(
        "a an the and or but if so because as at by for from in into of on to with without about "
        "after before since until when while where who which what why how this that these those "
        "there here then than i i'm me my we us our you your he him his she her it its they them "
        "their all any both each every few many most some such no not only also even still yet "
        "now today yesterday tomorrow last next first one two three four five six seven eight "
        "nine ten please thank thanks yes okay ok dear hello sir madam mr mrs ms miss dr mama baba "
        "bi bwana mzee uncle aunt auntie pastor sister brother teacher chief father mother son "
        "daughter husband wife friend neighbour neighbor child children people person women woman "
        "men man girls girl boys boy family community county government ministry office ward "
        "school primary secondary university college hospital health centre center clinic church "
        "mosque temple market station road street river lake mount national social protection "
        "programme program project fund union association group committee council assembly court "
        "police bank department unit youth disability disabilities persons relief cash transfer "
        "card insurance water food land province district village town city municipality slum "
        "settlement estate ngo ngos un hiv aids tb muslim christian hindu buddhist catholic form "
        "class standard grade chairman chairlady leader member members my"
    ),
    "sw": _words(
        "na ni wa ya za la cha kwa katika kutoka huko hapa pale sisi mimi wewe yeye wao yangu "
        "wangu changu yetu wetu lake wake yake lakini tena pia sasa leo jana kesho mwaka mwezi "
        "siku wiki watu mtu watoto mtoto mama baba bibi babu dada kaka mzee bi bwana mwalimu "
        "daktari jirani rafiki mume mke mwanangu serikali kaunti shule hospitali kanisa msikiti "
        "soko kijiji mtaa jiji mji chifu bunge asante habari tafadhali ndio hapana kila wengi "
        "wote baadhi baada kabla ila kama ikiwa hata au kwanza"
    ),
    "vi": _words(  # single syllables only when no common name uses them (not "tâm", "thanh")
        "tôi chúng ta mình bạn anh chị em ông bà cô chú bác dì cậu mợ thím cụ con cháu mẹ bố cha "
        "ba má vợ chồng nhà gia đình người các những một khi nhưng và hoặc nếu vì vậy nên thì là "
        "ở tại từ đến cho của với trong ngoài trên dưới sau trước hôm nay qua tháng ngày tuần "
        "hội ban ủy uỷ ubnd trạm bệnh viện sở phòng đảng quỹ dự án chương trình ty xã thôn làng "
        "bản huyện tỉnh phường quận ấp phố trấn tế mặt trận phụ nữ cựu giáo viên cán bộ chủ tịch "
        "phó xin cảm ơn vâng dạ không có được mỗi mọi rất đã đang sẽ cũng còn vẫn đều năm chiều "
        "tối"
    ),
    "ne": _words(
        "म मेरो मेरी मेरा हामी हाम्रो हाम्रा हाम्री तिमी तपाईं उनी उनको उनका उनकी उ उसको उहाँ "
        "उहाँको यो त्यो यी ती यहाँ त्यहाँ हो हुँ हौं हुन् हुन छ छु छौं छन् छिन् थियो थिए थिइन् र "
        "तथा अनि पनि नै त चाहिँ भन्ने भनिन्छ के एउटा एउटै उही त्यही यही एक दुई तीन सानो ठूलो ठूली सानी पुरानो "
        "नयाँ नजिकको छिमेकी अर्को आफ्नो सबै कुनै धेरै थोरै गरिब दुर्गम अहिले आज हिजो भोलि नाम "
        "थर दर्ता छैन थिएन होइन लेख्न राख्न थाहा गाउँ सहर शहर घर कोठा डेरा जिल्ला प्रदेश दिदी "
        "दाइ दाजु बहिनी भाइ आमा बुवा बा काका काकी छोरा छोरी श्रीमान श्रीमती सर मेडम जी"
    ),
    "bn": _words(
        "আমি আমার আমাকে আমরা আমাদের তুমি তোমার আপনি আপনার সে তার তাঁর তিনি ও ওর ওনার এই সেই "
        "ওই এক একটা একটি দুই তিন ছোট বড় পুরনো পুরানো নতুন পাশের নিজের কোন কোনো সব সবাই অনেক "
        "গরিব এবং আর কিন্তু তবে বা হয় হলো হল ছিল আছে নেই না কি তো যে যা এখন আজ কাল বয়স নাম "
        "জানি জানে মনে গ্রাম শহর বাড়ি ঘর রুম বাসা রাস্তা ফুটপাত এখানে সেখানে জেলা বিভাগ ভাই "
        "আপা বোন মা বাবা স্বামী স্ত্রী ছেলে মেয়ে চাচা খালা মামা দাদা দিদি নানা নানী সাহেব বলেন "
        "বলে থেকে দিয়ে জন্য সাথে সঙ্গে কাছে চাচাতো মামাতো খালাতো ফুফাতো মেজো সেজো আপন"
    ),
}
STOP["sw"] = STOP["sw"] | STOP["en"]  # Kenyan testimonies mix Kiswahili and English

# (a) cue phrases before a name; "strong" cues also take a lower-case list name.
NAME_CUES_STRONG = [
    c.split()
    for c in (
        "my name is|his name is|her name is|i am called|i'm called|jina langu ni|jina lake ni|"
        "naitwa|ninaitwa|anaitwa|aitwaye|tên tôi là|tôi tên là|tôi tên|em tên là|em tên|tên là|"
        "tên của tôi là|cháu tên là|con tên là|मेरो नाम|আমার নাম"
    ).split("|")
]
NAME_CUES_WEAK = [c.split() for c in "called|named|i am|i'm|call me|mimi ni|tôi là".split("|")]
GENITIVE_NAME_CUE = {"नाम", "নাম"}  # "उनको नाम", "স্বামীর নাম": after a possessive word
# (b) titles and kinship words before a name (Latin scripts), and words they may skip.
TITLES = _words(
    "mr mrs ms miss dr mama baba bi bwana mzee pastor uncle aunt auntie sister brother madam "
    "mwalimu dada kaka bibi babu shangazi daktari chief teacher neighbour neighbor friend husband "
    "wife son daughter mother father cousin grandmother grandfather niece nephew jirani rafiki "
    "mwanangu mume mke ông bà anh chị cô chú em bác dì cậu mợ thím cụ thầy"
)
TITLE_SKIP = _words("yangu wangu wetu yetu wake yake giáo")
ABBREVIATIONS = _words("mr mrs ms dr st no md মো ডা डा")
NATIVE_TITLES = _words("श्री श्रीमती सुश्री डा শ্রী শ্রীমতী মিসেস ডাঃ ডা")
KIN_BEFORE = _words(
    "दिदी बहिनी छोरा छोरी श्रीमान श्रीमती भाइ दाइ आमा बुवा साथी छिमेकी মেয়ে ছেলে স্বামী "
    "স্ত্রী বোন ভাই মা বাবা বান্ধবী প্রতিবেশী"
)
KIN_AFTER = _words(
    "दिदी दाइ दाजु बहिनी भाइ जी काका काकी सर ভাই আপা আপু ভাবি চাচা চাচী খালা মামা দাদা দিদি "
    "সাহেব বু বুবু bhai bhaiya apa apu didi dai ji"
)
# Place cues: words before a place (Latin scripts) and place nouns after one.
PLACE_CUES = [
    c.split()
    for c in (
        "village of|town of|live in|lived in|living in|lives in|moved from|moved to|come from|"
        "came from|comes from|born in|grew up in|kijiji cha|kijijini|mtaa wa|kitongoji cha|"
        "tunaishi|ninaishi|naishi|anaishi|wanaishi|tuliishi|nilizaliwa|tulihamia|nilihamia|"
        "kutoka|huko|eneo la|làng|xã|thôn|bản|huyện|phường|quận|ấp|ở|từ|quê"
    ).split("|")
]
LOWER_OK_PLACE_CUES = {("kijiji", "cha"), ("mtaa", "wa"), ("kitongoji", "cha")}
PLACE_NOUNS = _words(
    "village settlement slum district estate market sub-county place area town "
    "गाउँ बस्ती टोल जिल्ला गाउँपालिका नगरपालिका बजार গ্রাম বস্তি জেলা উপজেলা ইউনিয়ন বাজার স্টেশন"
)
# The cues above by their first word, so a text is scanned once.
NAME_CUES: dict[str, list[tuple[list[str], bool]]] = {}
for _cue, _strong in [(c, True) for c in NAME_CUES_STRONG] + [(c, False) for c in NAME_CUES_WEAK]:
    NAME_CUES.setdefault(_cue[0], []).append((_cue, _strong))
PLACE_CUES_BY_FIRST: dict[str, list[list[str]]] = {}
for _cue in PLACE_CUES:
    PLACE_CUES_BY_FIRST.setdefault(_cue[0], []).append(_cue)
# Cue words are never part of a name ("Naitwa Wanjiru" at the start of a sentence).
_CUE_WORDS = frozenset(w for c in NAME_CUES_STRONG + NAME_CUES_WEAK + PLACE_CUES for w in c)
STOP.update({lang: STOP[lang] | _CUE_WORDS for lang in ("en", "sw", "vi")})
# Nepali and Bangla "<place>-मा बस्छु" (live in), "<place>-बाट आएँ" / "<place> থেকে এসেছি" (came from).
LIVE_VERBS = ("बस्छ", "बस्थ", "बसेक", "बस्ने", "থাক")
COME_VERBS = ("आए", "आयौं", "आइ", "बसाइँ", "এসে", "আস", "এলাম")
FROM_WORDS = {"থেকে"}

# Never redacted: organisations, SDG terms, faith, illness, months, weekdays, countries.
PROTECTED = (
    "ActionAid|Action Aid|Amnesty International|Amnesty|BRAC|CARE|CARE International|CBM|IFRC|"
    "Red Cross|Red Crescent|Plan International|Save the Children|SOS Children's Villages|SOS|VSO|"
    "World Vision|WWF|UNICEF|UNDP|UN Women|United Nations|SDG|SDGs|Sustainable Development Goals|"
    "Sustainable Development Goal|Leave No One Behind|LNOB|Agenda 2030|God|Allah|Jesus|Christ|"
    "Mungu|Yesu|Covid|Covid-19|Corona|coronavirus|Ebola|Christmas|Easter|Eid|Ramadan|Dashain|"
    "Tihar|Tết|Phật|Chúa|Trời|Bible|Quran|Koran|Muslim|Christian|Hindu|Buddhist|Catholic|"
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Januari|Februari|Machi|Aprili|Mei|Juni|Julai|Agosti|Septemba|Oktoba|Novemba|Desemba|Monday|"
    "Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jumatatu|Jumanne|Jumatano|Alhamisi|"
    "Ijumaa|Jumamosi|Jumapili|Kenya|Kenyan|Kenyans|Uganda|Tanzania|Somalia|Ethiopia|South Sudan|"
    "Sudan|Nepal|Nepali|Nepalese|India|Indian|Qatar|Malaysia|Saudi Arabia|Saudi|Dubai|UAE|"
    "Kuwait|Bangladesh|Bangladeshi|Myanmar|Rohingya|Vietnam|Viet Nam|Vietnamese|China|Chinese|"
    "Laos|Cambodia|Korea|Japan|Taiwan|Africa|African|Asia|Europe|English|Swahili|Kiswahili|"
    "Ủy ban nhân dân|Uỷ ban nhân dân|Nhà nước|Chính phủ|Công ty|Ngân hàng|Thành phố|Trung tâm|"
    "Hội Nông dân|Nông dân|Cựu chiến binh|Đoàn Thanh niên|Thanh niên|Bác sĩ|Y tế|"
    "नेपाल|भारत|कतार|मलेसिया|साउदी|दुबई|भगवान|ईश्वर|कोभिड|कोरोना|दशैं|तिहार|बैशाख|जेठ|असार|"
    "साउन|भदौ|असोज|कात्तिक|मंसिर|पुस|माघ|फागुन|चैत|বাংলাদেশ|ভারত|মালয়েশিয়া|সৌদি|"
    "আল্লাহ|ভগবান|ঈশ্বর|কোভিড|করোনা|ঈদ|রমজান|ব্র্যাক|সেভ দ্য চিলড্রেন|কেয়ার|ওয়ার্ল্ড ভিশন|"
    "বৈশাখ|জ্যৈষ্ঠ|আষাঢ়|শ্রাবণ|ভাদ্র|আশ্বিন|কার্তিক|অগ্রহায়ণ|পৌষ|মাঘ|ফাল্গুন|চৈত্র"
).split("|")
# Admin-1 names as people also write them (exonyms, new names, Devanagari and Bengali script).
ADMIN1_EXTRA = {
    "KEN": ["Nairobi City", "Muranga"],
    "NPL": "Sudurpashchim Sudurpaschim Madhes कोशी मधेश बागमती गण्डकी लुम्बिनी कर्णाली".split()
    + ["सुदूरपश्चिम"],
    "BGD": "Chattogram Barishal ঢাকা চট্টগ্রাম খুলনা রাজশাহী বরিশাল সিলেট রংপুর ময়মনসিংহ".split(),
    "VNM": ["Hanoi", "Haiphong", "Danang", "Ho Chi Minh", "Saigon", "Sai Gon"],
}
# Gazetteer names that are also everyday lower-case words ("mara ya kwanza" = the first time).
COMMON_LOWER = _words(
    "kwanza starehe kilimani manyatta soy gem turbo mustang hue dang bara voi bahati"
)


# ----- folding and phrase matching ---------------------------------------------------------------
_FOLD_EXTRA = {"đ": "d", "Đ": "D", "’": "'", "ʼ": "'", "–": "-"}


@lru_cache(maxsize=8192)
def _fold_char(c: str) -> str:
    if c in _FOLD_EXTRA:
        return _FOLD_EXTRA[c]
    o = ord(c)
    if 0x300 <= o <= 0x36F:
        return ""
    if o < 0x250 or 0x1E00 <= o <= 0x1EFF:
        return unicodedata.normalize("NFD", c)[0]
    return c


def fold(text: str) -> tuple[str, list[int] | None]:
    """Return ``text`` without Latin diacritics ("Ba Đình" -> "Ba Dinh"), and an index.

    The index gives, for each kept character, its position in ``text`` (``None`` when the text is
    ASCII and nothing changed).
    """
    if text.isascii():
        return text, None
    out, index = [], []
    for i, c in enumerate(text):
        f = _fold_char(c)
        if f:
            out.append(f)
            index.append(i)
    return "".join(out), index


_SPACES = re.compile(r"[\s\-–]+")
# What ends a sentence between two words (a word after it starts one).
_SENTENCE_END = re.compile(r"[.!?।॥\n:;\"“”]")


@lru_cache(maxsize=65536)
def norm(name: str) -> str:
    """Return the key a place or phrase is looked up by: folded, lower case, single spaces."""
    return _SPACES.sub(" ", fold(name)[0].lower()).strip()


def phrase_pattern(phrases: Iterable[str]) -> re.Pattern | None:
    """Return a regex for whole-word phrases, longest first.

    Any case, spaces or hyphens between words, and a Nepali or Bangla case ending allowed after
    the phrase ("ललितपुरमा").
    """
    keys = sorted({norm(p) for p in phrases if str(p).strip()}, key=len, reverse=True)
    if not keys:
        return None
    alts = "|".join(r"[\s\-]+".join(re.escape(w) for w in k.split(" ")) for k in keys)
    return re.compile(rf"{BEFORE}(?:{alts})(?=(?:{_SUFFIX_ALT})?{AFTER})", re.I)


def phrase_spans(pattern, folded: str, index, size: int) -> list[tuple[int, int, str]]:
    """Return (start, end, key) in the original text for each match of ``pattern``."""
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(folded):
        if index is None:
            out.append((m.start(), m.end(), norm(m.group())))
        else:
            end = index[m.end()] if m.end() < len(index) else size
            out.append((index[m.start()], end, norm(m.group())))
    return out


PROTECTED_RE = phrase_pattern(PROTECTED)


# ----- names list ------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def name_lists() -> tuple[dict[str, dict[str, str]], dict[str, frozenset[str]]]:
    """Return the names list by script, and the names that count even in lower case.

    The first is {script: {key: "strong" | "ambiguous" | "group"}}; the second, per language,
    the Latin keys that are a name even written in lower case: English and Kenyan names in
    English text, Kenyan names in Kiswahili ("sita" is six, not Sita), none in Vietnamese.
    """
    raw = yamlio.safe_load_file(NAMES_FILE)
    rank = {"given": "strong", "family": "strong", "ambiguous": "ambiguous", "groups": "group"}
    order = ["strong", "ambiguous", "group"]  # the more cautious class wins
    out: dict[str, dict[str, str]] = {"latin": {}, "ne": {}, "bn": {}}
    lower: dict[str, set[str]] = {"en": set(), "sw": set()}
    for lang, lists in raw.items():
        script = lang if lang in ("ne", "bn") else "latin"
        for cls, names in lists.items():
            for name in names:
                key = norm(str(name)) if script == "latin" else str(name)
                old = out[script].get(key, "strong")
                out[script][key] = max(old, rank[cls], key=order.index)
                if lang in lower and rank[cls] == "strong":
                    lower[lang].add(key)
    lower["en"] |= lower["sw"]
    ok = {
        lang: frozenset(k for k in keys if out["latin"][k] == "strong") - STOP[lang]
        for lang, keys in lower.items()
    }
    return out, ok


# ----- tokens ------------------------------------------------------------------------------------
def _script(c: str) -> str:
    o = ord(c)
    return "ne" if 0x900 <= o <= 0x97F else "bn" if 0x980 <= o <= 0x9FF else "latin"


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suf in SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 2:
            return word[: -len(suf)]
    return word


def tokens(t: str, protected: list, places: list) -> list[Tok]:
    """Split ``t`` into words, marking sentence starts and words inside protected or places."""
    out: list[Tok] = []
    prev_end, prev_low = 0, ""
    for m in WORD_RE.finditer(t):
        s, e, w = m.start(), m.end(), m.group()
        gap = t[prev_end:s]
        initial = not out or bool(_SENTENCE_END.search(gap))
        if initial and out and prev_low in ABBREVIATIONS and gap.strip() == ".":
            initial = False
        script = _script(w[0])
        low = w.lower()
        key = norm(w) if script == "latin" else w
        out.append(
            Tok(
                s,
                e,
                w,
                low,
                key,
                key if script == "latin" else _stem(w),
                script,
                script == "latin" and w[0].isupper() and not (len(w) > 1 and w.isupper()),
                initial,
                bool(out) and gap.strip(" \t") == "",
                gap.strip(),
                any(a < e and s < b for a, b, *_ in protected),
                any(a <= s and e <= b for a, b, *_ in places),
            )
        )
        prev_end, prev_low = e, low
    return out


# ----- places from cue words -------------------------------------------------------------------
def matches(toks: list[Tok], i: int, cue: list[str]) -> bool:
    """Return whether the words from ``toks[i]`` are ``cue``, with only spaces between them."""
    k = len(cue)
    return [t.low for t in toks[i : i + k]] == cue and all(t.joined for t in toks[i + 1 : i + k])


def cued_places(toks: list[Tok], stops: dict, language: str) -> list[tuple[int, int, str]]:
    """Return places found from cue words: "kijiji cha X", "X village", "X गाउँमा", "থেকে"."""
    out, n = [], len(toks)
    most = 4 if language == "vi" else 3
    for i, tk in enumerate(toks):
        stop = stops[tk.script]
        for cue in PLACE_CUES_BY_FIRST.get(tk.low, ()):
            j = i + len(cue)
            if j < n and toks[j].joined and matches(toks, i, cue):
                # "kijiji cha <any word>"; otherwise capitalised words only
                lower = tuple(cue) in LOWER_OK_PLACE_CUES
                k = j
                while k < n and k - j < most and (k == j or toks[k].joined):
                    w = toks[k]
                    if w.blocked or w.low in stop or not (w.cap or lower and k == j):
                        break
                    k += 1
                if k > j:
                    out.append((toks[j].start, toks[k - 1].end, "place"))
        if i == 0 or not tk.joined:
            continue
        prev = toks[i - 1]
        if tk.low in PLACE_NOUNS or (tk.script != "latin" and tk.stem in PLACE_NOUNS):
            if tk.script == "latin":
                h = i
                while h > 0 and i - h < 2 and toks[h].joined and toks[h - 1].cap:
                    if toks[h - 1].blocked or toks[h - 1].low in stop:
                        break
                    h -= 1
                if h < i:
                    out.append((toks[h].start, prev.end, "place"))
            elif not prev.blocked and prev.low not in stop and prev.stem not in stop:
                out.append((prev.start, prev.end, "place"))
        if tk.script == "latin" or prev.blocked:
            continue
        # "<place>-मा बस्छु" (I live in), "<place>-बाट आएँ" / "<place> থেকে এসেছি" (came from)
        came = any(t.low.startswith(COME_VERBS) for t in toks[i : i + 2])
        lives = tk.low.startswith(LIVE_VERBS) and prev.text.endswith(("मा", "ে", "য়", "তে"))
        if (lives or came and prev.text.endswith("बाट")) and prev.stem != prev.text:
            if prev.stem not in stop and prev.stem not in PLACE_NOUNS:
                out.append((prev.start, prev.start + len(prev.stem), "place"))
        if tk.low in FROM_WORDS and prev.low not in stop and prev.low not in PLACE_NOUNS:
            if any(t.low.startswith(COME_VERBS) for t in toks[i + 1 : i + 3]):
                out.append((prev.start, prev.end, "place"))
    return out


# ----- numbers ---------------------------------------------------------------------------------
def emails(t: str) -> list[tuple[int, int, str]]:
    """Return e-mail addresses."""
    return [(m.start(), m.end(), "email") for m in EMAIL_RE.finditer(t)]


def id_numbers(t: str) -> tuple[list, list]:
    """Return (all ID numbers, those found after a cue word) as (start, end, "id_number")."""
    cued = []
    for m in ID_CUE_RE.finditer(t):
        num = m.group("num")
        if 5 <= sum(c.isdigit() for c in num) <= 20 and not _PHONE_WORDS.search(m.group("gap")):
            cued.append((m.start("num"), m.end("num"), "id_number"))
    found = list(cued)
    for m in ID_PATTERN_RE.finditer(t):
        if m.group()[:3] not in ("254", "977", "880") and not any(
            a < m.end() and m.start() < b for a, b, _ in cued
        ):
            found.append((m.start(), m.end(), "id_number"))
    return found, cued


def phones(t: str) -> list[tuple[int, int, str]]:
    """Return phone numbers: 9 to 15 digits, not years, amounts or ID-like digit runs."""
    out = []
    for m in PHONE_RE.finditer(t):
        s = m.group()
        plus = s.startswith("+")
        groups = re.split(r"[ .\-]", s.lstrip("+ "))
        digits = "".join(groups)
        if not 9 <= len(digits) <= 15 or any(len(g) < 2 for g in groups[1:]):
            continue
        if _CURRENCY_BEFORE.search(t[max(0, m.start() - 6) : m.start()]):
            continue
        if _CURRENCY_AFTER.search(t[m.end() : m.end() + 12]):
            continue
        if not plus:
            if all(len(g) == 4 and g[:2] in ("19", "20") for g in groups):
                continue  # years
            if "." in s and not re.search(r"[ \-]", s) and digits[0] != "0":
                if len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:]):
                    continue  # an amount in thousands: 150.000.000 (đồng)
            if len(groups) == 1 and (len(digits) >= 12 or (len(digits) == 10 and s[0] not in "09")):
                continue  # ID-like: CCCD 12, NID 10/13/17 digits
        out.append((m.start(), m.end(), "phone"))
    return out
