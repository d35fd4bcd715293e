"""The data files: provenance headers, patterns that compile and are written in the matching form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.cues import cue_regex, trigger_regex, trigger_rules, wrap
from dashboard.extract.events import _PRESS, find_mentions, hints, trigger_starts
from dashboard.extract.lexicon import DATA_DIR, read_table
from dashboard.extract.normalize import norm
from dashboard.extract.scan import WordMasks


@pytest.fixture(autouse=True, scope="module")
def _every_cut_compiled():
    """Alternations compile a set of alternatives on its third request and run the whole alternation before that:
    here every set is compiled on its first, so that each property test below runs the cut alternations."""
    from dashboard.extract.cues import Alternation

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Alternation, "_COMPILE_AT", 1)
        yield

DATA_FILES = sorted(p.name for p in DATA_DIR.glob("*.csv"))
PATTERN_FILES = ["event_triggers.csv", "event_cues.csv"]
# letters the matching form never contains (folded by the normaliser)
NOT_IN_MATCHING_FORM = re.compile("[أإآٱىة\u064b-\u0652\u0640]")


@pytest.mark.parametrize("name", DATA_FILES)
def test_every_data_file_says_where_it_comes_from(name: str) -> None:
    head = [line for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()[:40] if line.startswith("#")]
    assert head, f"{name} has no provenance header"
    assert re.search(r"source|sources|from", " ".join(head), re.I), f"{name}: the header must say where it comes from"
    assert read_table(name), f"{name} has no rows"


@pytest.mark.parametrize("name", PATTERN_FILES)
def test_patterns_compile_and_are_in_matching_form(name: str) -> None:
    for row in read_table(name):
        re.compile(wrap(row["pattern"]))
        assert not NOT_IN_MATCHING_FORM.search(row["pattern"]), f"{name}: {row['pattern']} is not in matching form"


def test_every_cue_kind_compiles() -> None:
    for kind in {row["kind"] for row in read_table("event_cues.csv")}:
        assert cue_regex(kind).pattern


def test_trigger_kinds_are_known() -> None:
    kinds = {r.kind for r in trigger_rules()}
    assert kinds <= {"group", "meeting", "nato", "noun", "verb", "call", "talks", "visit_verb"}


SAMPLES = [
    "اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا", "مجموعة رامشتاين", "اجتماع \"رامشتاين\"", "رامشتاين-25",
    "تحالف الراغبين", "\"التحالف\" الراغبين", "ائتلاف الدول الراغبة", "مديري التسليح الوطنيين",
    "المديرون الوطنيون للتسلح", "مجلس الناتو-أوكرانيا", "وزراء دفاع حلف شمال الأطلسي", "قمة الناتو",
    "اتصال هاتفي", "اتصالاً هاتفياً", "المحادثة الهاتفية", "بحث هاتفيا مع", "تلقى اتصالا", "محادثات بين",
    "مباحثات مع", "التقى الرئيس", "استقبل", "اجتمع الوزير مع نظيره", "التأمت", "يلتئم", "انعقد", "اجتماعات",
    "القمة", "لقاء", "مؤتمر", "جلسة", "الدورة", "udcg", "Ramstein", "اتصل الرئيس الفرنسي بنظيره",
    "قادة الحلف", "وزراء خارجية الحلف", "قمة الحلف", "مجلس شمال الأطلسي", "الائتلاف الداعم لأوكرانيا",
    "وزراء دفاع الاتحاد الأوروبي", "مجموعة الاتصال", "زار الوزير", "وصل الرئيس إلى كييف", "زيارة إلى كييف", "هاتفيا",
    "مكالمة مع نظيره", "خلال اتصال", "حديث بينهما", "اجتماع سفراء الناتو", "الناتو", "مثلث فايمار",
    # forms whose gate stem was once missing (a prefix before the stem, a hamza seat in a suffix)
    "يستقبل الرئيس", "سيستقبل الرئيس", "خلال لقائها", "عشية قمتي الحلف", "تحالف المتطوعين",
    "اتصال تم بين الرئيس الفرنسي ونظيره",
    # triggers added with the dev set's later batches
    "المفاوضات بين الوفدين", "مفاوضات مع نظيره", "المحادثات الثلاثية بين", "محادثات جرت أمس في جنيف بين الوفدين",
    "وزراء دفاع الدول الأعضاء في الحلف", "سفراء الاتحاد الأوروبي", "مجلس الاتحاد الأوروبي",
]


@pytest.mark.parametrize("phrase", SAMPLES)
def test_samples_trigger_and_pass_the_gate(phrase: str) -> None:
    text = norm(phrase)
    assert find_mentions(text), phrase


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "في", "و", "الوزير", "بروكسل", "،", "اليوم", "الأمريكي"]), max_size=12))
def test_the_gate_never_hides_a_trigger(words: list[str]) -> None:
    """Every text the trigger regex matches contains one of the gate's stems, so the gate only saves time."""
    text = norm(" ".join(words))
    regex, _ = trigger_regex()
    for m in regex.finditer(text):
        assert hints(m.group()), m.group()


def test_data_dir_is_inside_the_package() -> None:
    assert Path(DATA_DIR).parent.name == "dashboard"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "في", "و", "الوزير", "بروكسل", "،", "اليوم", "صيغة", "رامشتاين", "هاتفيا",
                                 "بحث", "تلقى", "اتصالا", "الاجتماع", "وزراء", "دفاع", "الناتو"]), max_size=14))
def test_anchored_trigger_search_equals_a_full_scan(words: list[str]) -> None:
    """find_mentions tries the trigger regex only near the gate's stems; a full scan finds the same triggers."""
    text = norm(" ".join(words))
    regex, rules = trigger_regex()
    found = [m for m in regex.finditer(text) if m.end() > m.start()]
    full = [(m.start(), m.end()) for m in found]
    fast = [(m.start, m.end) for m in find_mentions(text)]

    def overlaps(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
        return any(a[0] < b[1] and b[0] < a[1] for b in spans)

    def verb_before_noun(k: int) -> bool:  # find_mentions lets the noun after a meeting verb carry the mention
        m = found[k]
        nxt = found[k + 1] if k + 1 < len(found) else None
        return (rules[int(str(m.lastgroup)[1:])].kind == "verb" and nxt is not None
                and rules[int(str(nxt.lastgroup)[1:])].kind in ("noun", "nato", "meeting")
                and len(text[m.end() : nxt.start()].split()) <= 1)

    assert all(overlaps(f, full) for f in fast)
    assert all(overlaps(full[k], fast) for k in range(len(full)) if not _is_press(text, full[k][1])
               and not verb_before_noun(k))


def _is_press(text: str, end: int) -> bool:
    return bool(_PRESS.match(text[end:]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "برئاسة", "بقيادة", "تترأسها", "لم يحضر", "غياب", "بمشاركة", "تضم المجموعة",
                                 "سيعقد اجتماعا", "في السابق", "في اليوم نفسه", "مساء", "من المقرر", "لن", "أعلن",
                                 "يتوجه", "هذا", "منذ", "على هامش", "الوزير", "بريطانيا", "،", "اليوم"]), max_size=14))
def test_the_cue_gates_never_hide_a_cue(words: list[str]) -> None:
    """Every cue kind behind its literal gate finds exactly what its full regex finds."""
    text = norm(" ".join(words))
    kinds = {row["kind"] for row in read_table("event_cues.csv")}
    for kind in kinds:
        gated = cue_regex(kind)
        assert [m.span() for m in gated.finditer(text)] == [m.span() for m in gated.regex.finditer(text)], kind
        # and inside a window, where the words outside it must not let a cue in
        a, b = len(text) // 3, len(text) - len(text) // 4
        assert [m.span() for m in gated.finditer(text, a, b)] == [m.span() for m in gated.regex.finditer(text, a, b)]
        assert (gated.search(text, a, b) is None) == (gated.regex.search(text, a, b) is None), kind


# The plain way to find where triggers can start, which trigger_starts does in one automaton pass: every stem (a
# visit verb's only at its word's start, after clitics), then the word of each and the two words before it.
_HINT_SPEC = re.compile(
    "اجتماع|قم[هت]|لقاء|لقائ|مؤتمر|جلس|دوره|مجموع|تحالف|ائتلاف|تسل|مجلس|لجنه|وزراء|وزيرات|اتصال|اتصل|مكالم|محادث|مباحث|مفاوض|"
    "هاتف|التق|ستقبل|جتمع|لتقي|التام|لتئم|عقد|رام|حديث|اتحاد|ناتو|اطلسي|حلف|زياره|مثلث|udcg|ramstein|"
    "(?<![\u0621-\u064a])[وف]?س?[يت]?(?:زار|زور|وصل|صل)"
)
_WORD_SPEC = re.compile("[\u0621-\u064aa-z]+")


def _trigger_starts_spec(text: str) -> list[int]:
    starts = [w.start() for w in _WORD_SPEC.finditer(text)]
    found: set[int] = set()
    for h in _HINT_SPEC.finditer(text):
        k = max(i for i, s in enumerate(starts) if s <= h.start())
        found.update(starts[max(0, k - 2) : k + 1])
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "وزارة", "اتصل", "يزور", "سيصل", "فوصل", "تتواصل", "المواصلة", "x", "ab",
                                 "زارa", "aزار", "2024", "،", "(", "الوزير", "في"]), max_size=14),
       st.sampled_from(["", " ", "، ", "a"]))
def test_trigger_starts_are_the_words_before_each_stem(words: list[str], glue: str) -> None:
    text = norm(glue.join(words))
    assert trigger_starts(text) == _trigger_starts_spec(text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "في", "و", "الوزير", "بروكسل", "،", "صيغة", "هاتفيا", "الاجتماع", "x"]),
                max_size=14))
def test_the_cut_trigger_regex_finds_what_the_whole_finds(words: list[str]) -> None:
    """At every place find_mentions tries, the alternation cut to the triggers whose words are in the sentence
    matches what the whole alternation matches, with the same rule (group)."""
    from dashboard.extract.cues import trigger_alternation

    text = norm(" ".join(words))
    whole, _ = trigger_regex()
    cut = trigger_alternation().regex_for(text)
    for c in range(len(text) + 1):
        m = whole.match(text, c)
        n = cut.match(text, c) if cut is not None else None
        assert (m and (m.span(), m.lastgroup)) == (n and (n.span(), n.lastgroup)), (text, c)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*SAMPLES, "برئاسة", "وبرئاسة", "تترأسها", "لم يحضر", "غياب", "بمشاركة", "قاد", "فقادت",
                                 "سيعقد اجتماعا", "في السابق", "منذ", "لن", "الوزير", "،", "اليوم", "ترأس", "x", "2024",
                                 "دعا إلى", "تحت إشراف", "رئيس مشارك"]), max_size=14))
def test_one_boundary_for_all_cues_finds_what_one_per_cue_finds(words: list[str]) -> None:
    """cue_regex writes the leading word boundary once for the whole alternation; the same alternation with the
    boundary in front of each cue (the plain way to write it) finds the same spans."""
    text = norm(" ".join(words))
    for kind in sorted({row["kind"] for row in read_table("event_cues.csv")}):
        pats = [row["pattern"] for row in read_table("event_cues.csv") if row["kind"] == kind]
        plain = re.compile("|".join(wrap(p, clitics=kind not in ("nonfact", "since")) for p in pats))
        assert [m.span() for m in cue_regex(kind).regex.finditer(text)] == [m.span() for m in plain.finditer(text)]


ORDINAL_WORDS = ["الاجتماع", "اجتماع", "الثالث", "الخامس عشر", "الحادي والعشرين", "للمرة", "المرة", "الثانية", "رابع",
                 "العاشرة", "في", "الحرب", "حرب", "عامها", "العام", "الرابع", "من", "الغزو", "لمجموعة", "رامشتاين",
                 "قمة", "الدورة", "28", "(", ")", "الـ", "جولة", "السنة", "الأولى", "،", "النزاع", "الصراع", "على"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ORDINAL_WORDS), max_size=14))
def test_the_ordinal_gates_never_hide_a_match(words: list[str]) -> None:
    """The war-year patterns sit behind literal gates read from the patterns themselves (cues.gated), the meeting-number
    patterns are matched only before their trigger words (ordinals._anchored): either way, each finds exactly what the
    bare pattern finds."""
    from dashboard.extract import ordinals
    from dashboard.extract.cues import Alternation

    text = norm(" ".join(words))
    gated = [v for v in vars(ordinals).values() if isinstance(v, Alternation)]
    assert len(gated) >= 4
    for g in gated:
        assert [m.span() for m in g.finditer(text)] == [m.span() for m in g.regex.finditer(text)], g.pattern[:40]
        assert (g.search(text) is None) == (g.regex.search(text) is None)
    for (regex, _, reach), positions in zip(ordinals._TRIGGERS, ordinals._trigger_positions(text), strict=True):
        anchored = ordinals._anchored(regex, text, positions, reach)
        assert [m.span() for m in anchored] == [m.span() for m in regex.finditer(text)], regex.pattern[:40]


CUE_SCAN_WORDS = [*SAMPLES, "برئاسة", "تترأسها", "لم يحضر", "غياب", "بمشاركة", "تضم المجموعة", "سيعقد اجتماعا",
                  "في السابق", "في اليوم نفسه", "مساء", "من المقرر", "لن", "لا", "أعلن", "قال", "يتوجه", "هذا", "منذ",
                  "على هامش", "الوزير", "بريطانيا", "،", "اليوم", "القادم", "x", "2024", "(", '"', "يزور", "سيصل",
                  "فوصل", "وزارة", "تتواصل", "زارa", "ab", "الاجتماع", "للقمة", "شهريا", "الدوري", "في الناتو",
                  "في مقر حلف شمال الأطلسي", "فيما", "لكن", ":", "؛"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_SCAN_WORDS), max_size=16), st.integers(0, 200), st.integers(0, 200),
       st.integers(0, 200), st.integers(0, 200))
def test_one_scan_of_the_sentence_serves_every_cue_search_in_it(words: list[str], i: int, j: int, a: int,
                                                               b: int) -> None:
    """The reader looks up the words of all its cues (and triggers) once per sentence (events._Cues) and runs each
    cue on the sentence, on a window of it or on a slice of it: the same matches as the whole alternation there."""
    from dashboard.extract.cues import trigger_alternation
    from dashboard.extract.events import _CUE_KINDS, _FLAG_WORDS, _alternations, _Cues

    text = norm(" ".join(words))
    cues = _Cues(text)
    assert cues.hints() == hints(text)  # the same pass finds the trigger gate's stems
    # and the words of the alternations, as their own scan does
    scan = WordMasks(_alternations().word_bits).mask(text)  # the alternations' words, in a pass of their own
    assert cues._found & ((1 << _alternations().width) - 1) == scan
    for flag, words in _FLAG_WORDS.items():  # and the words of the patterns behind flags
        assert cues.holds(flag) == any(w in text for w in words), flag
    piece = text[min(i, j) : max(i, j)]
    for kind in (*_CUE_KINDS, "trigger"):
        whole = (trigger_alternation() if kind == "trigger" else cue_regex(kind)).regex
        for part, lo, hi in ((text, 0, len(text)), (text, min(a, b), max(a, b)), (piece, 0, len(piece)),
                             (piece, min(a, b), max(a, b))):
            got = [(m.span(), m.lastgroup) for m in cues.finditer(kind, part, lo, hi)]
            assert got == [(m.span(), m.lastgroup) for m in whole.finditer(part, lo, hi)], (kind, part, lo, hi)
            found = cues.search(kind, part, lo, hi)
            plain = whole.search(part, lo, hi)
            assert (found and (found.span(), found.lastgroup)) == (plain and (plain.span(), plain.lastgroup))


def _gated_alternatives() -> list[tuple[str, str, set[str]]]:
    """(name, alternative written out with its boundaries, its gate words) of every cue and trigger alternative."""
    from dashboard.extract.cues import trigger_alternation

    out = []
    kinds = sorted({row["kind"] for row in read_table("event_cues.csv")})
    for name, alt in [("trigger", trigger_alternation()), *((k, cue_regex(k)) for k in kinds)]:
        bits = alt.word_bits
        for i, a in enumerate(alt.alternatives):
            words = {w for w, b in bits.items() if b >> i & 1}
            if words:  # an alternative with no gate word always runs
                out.append((name, f"{alt.before}(?:{a}){alt.after}", words))
    return out


GATED = _gated_alternatives()


@settings(max_examples=600, deadline=None)
@given(st.data())
def test_every_text_an_alternative_matches_holds_one_of_its_gate_words(data: st.DataObject) -> None:
    """The gate words cues._required reads from a pattern (runs of few plain strings spelled out, what a lookahead
    reads) are in every text the pattern matches in: texts drawn from the pattern itself, around its match too."""
    name, pattern, words = data.draw(st.sampled_from(GATED))
    text = data.draw(st.from_regex(re.compile(pattern)))
    assert re.search(pattern, text)
    assert any(w in text for w in words), (name, pattern, text, words)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(CUE_SCAN_WORDS), max_size=16), st.integers(0, 200), st.integers(0, 200))
def test_a_sentence_without_a_flags_words_has_no_match_of_its_pattern(words: list[str], a: int, b: int) -> None:
    """The reader runs the clause cut, meeting-noun, habit and at-NATO patterns only on a sentence that holds one of
    their words (events._Cues.holds): where it holds none, the pattern finds nothing there, nor in a piece of it."""
    from dashboard.extract import events

    text = norm(" ".join(words))
    cues = events._Cues(text)
    lo, hi = min(a, b), max(a, b)
    for flag, regex in (("cut", events._CLAUSE_CUT), ("ref_noun", events._REF_NOUN),
                        ("habitual", events._HABITUAL), ("at_nato", events._AT_NATO)):
        if not cues.holds(flag):
            assert regex.search(text) is None and regex.search(text[lo:hi]) is None, flag
    assert cues.cuts() == ([m.end() for m in events._CLAUSE_CUT.finditer(text)],
                           [m.start() for m in events._CLAUSE_CUT.finditer(text)])


def test_a_set_of_alternatives_is_compiled_on_its_third_request() -> None:
    """Until then the whole alternation answers (the same matches); a set asked for once is never compiled."""
    from dashboard.extract.cues import Alternation

    alt = Alternation(["(?P<x>اجتماع)", "(?P<y>قمه)", "(?P<z>لقاء)"], "(?<![ء-ي])", "(?![ء-ي])")
    alt._COMPILE_AT = 3
    text = "عقدت قمه ثم اجتماع"
    found = alt.word_bits["قمه"]
    got = [alt.regex_with(found) for _ in range(4)]
    assert got[0] is alt.regex and got[1] is alt.regex
    assert got[2] is not alt.regex and got[3] is got[2] and got[2].pattern.count("(?P<") == 1
    assert [m.span() for m in got[2].finditer(text)] == [(5, 8)]
    assert [(m.span(), m.lastgroup) for m in alt.regex.finditer(text)] == [((5, 8), "y"), ((12, 18), "x")]
    once = alt.word_bits["لقاء"]
    assert alt.regex_with(once) is alt.regex and once not in alt._compiled
