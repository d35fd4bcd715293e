"""find_amounts, find_counts, find_donor on sentences written in the styles of Arabic news copy.

Every sentence here was written for these tests (agency copy, Egyptian, Gulf, Levantine and Maghrebi outlets,
machine-translated copy); none is taken from the seed articles.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract import amounts, fx
from dashboard.extract.amounts import find_amounts, find_counts, find_donor
from dashboard.extract.article import extract_article
from dashboard.extract.normalize import norm
from dashboard.extract.people import find_officials
from dashboard.extract.places import find_countries
from dashboard.extract.types import AmountHit, CountryHit

P = pytest.param
XFAIL = pytest.mark.xfail


def only_amount(raw: str, on: dt.date | None = None) -> AmountHit:
    hits = find_amounts(norm(raw), on)
    assert len(hits) == 1, hits
    return hits[0]


# --------------------------------------------------------------------------------------------------------------
# money: value, currency, qualifier, kind

AMOUNT_CASES = [
    # agency copy
    P("أعلنت وزارة الدفاع الأمريكية (البنتاغون)، يوم الجمعة، عن حزمة مساعدات عسكرية جديدة لأوكرانيا بقيمة 400 مليون "
      "دولار تشمل ذخائر لراجمات هيمارس.", 4e8, "USD", "exact", "package", id="agency-package-usd"),
    P("وقال البيان إن الحلفاء قدموا حتى الآن أكثر من 65 مليار دولار من المساعدات العسكرية لكييف.",
      65e9, "USD", "more_than", "cumulative_total", id="agency-so-far-more-than"),
    P("وتعهد الحلفاء خلال القمة بتقديم ما لا يقل عن 40 مليار يورو سنويا.",
      40e9, "EUR", "at_least", "pledge", id="agency-pledge-at-least"),
    P("وأقر الكونغرس الأمريكي حزمة بقيمة 61 مليار دولار لأوكرانيا بعد أشهر من التعطيل.",
      61e9, "USD", "exact", "package", id="agency-congress-package"),
    # Egyptian outlets (ى for ي, أمريكى)
    P("وكانت ألمانيا قد تعهدت الشهر الماضى بتقديم 1.4 مليار يورو إضافية لدعم كييف.",
      1.4e9, "EUR", "exact", "pledge", id="egyptian-pledge-euro"),
    P("وأشار إلى أن واشنطن أرسلت مساعدات بحوالى 24 مليار دولار أمريكى منذ بداية العام.",
      24e9, "USD", "about", "cumulative_total", id="egyptian-hawala-alef-maqsura"),
    P("وبلغت قيمة الصفقة مليارا و200 مليون دولار.", 1.2e9, "USD", "exact", "other",
      id="egyptian-billion-accusative-and-millions"),
    # Gulf outlets
    P("وبلغ إجمالي المساعدات البريطانية لأوكرانيا منذ بدء الحرب نحو 12.8 مليار جنيه إسترليني.",
      12.8e9, "GBP", "about", "cumulative_total", id="gulf-total-sterling"),
    P("وأكد الوزير أن بلاده ستقدم 3 مليارات جنيه سنويا ما دام ذلك ضروريا.",
      3e9, "GBP", "exact", "pledge", id="gulf-bare-junaih-is-sterling"),
    P("ورصدت المملكة المتحدة زهاء 2.5 مليار جنيه استرليني للمسيرات.",
      2.5e9, "GBP", "about", "other", id="gulf-zuhaa"),
    # Levantine outlets
    P("وقدّرت الحكومة الأوكرانية حاجتها التمويلية للعام المقبل بنحو 40 مليار دولار.",
      40e9, "USD", "about", "funding_gap", id="levantine-need-is-a-gap"),
    P("وتواجه كييف عجزاً في موازنتها يُقدّر بـ 19 مليار دولار.",
      19e9, "USD", "exact", "funding_gap", id="levantine-deficit-tatweel-clitic"),
    P("وقال إنّ أوكرانيا تحتاج إلى 6 مليارات دولار إضافية لشراء الذخيرة.",
      6e9, "USD", "exact", "funding_gap", id="levantine-needs"),
    # Maghrebi outlets
    P("وخصصت هولندا غلافا ماليا يناهز 2,5 مليار أورو لاقتناء طائرات مسيرة.",
      2.5e9, "EUR", "about", "other", id="maghrebi-decimal-comma-ouro"),
    P("وبلغت المساعدات الفرنسية أزيد من 3,8 مليار أورو إلى حد الآن.",
      3.8e9, "EUR", "more_than", "cumulative_total", id="maghrebi-azyad-ila-hadd-al-an"),
    # machine-translated copy
    P("وقال الوزير إن البلاد ستقدم ما يصل إلى 3 مليارات يورو من المساعدات العسكرية في عام 2025.",
      3e9, "EUR", "up_to", "pledge", id="mt-up-to-pledge"),
    P("الولايات المتحدة قدمت ما يقرب من 175 مليار دولار في المساعدة منذ الغزو.",
      175e9, "USD", "about", "cumulative_total", id="mt-svo-since-invasion"),
    # scales, words, signs, composites
    P("ووعدت اليابان بـ 4.5 مليار دولار.", 4.5e9, "USD", "exact", "pledge", id="ba-tatweel-pledge"),
    P("وقدمت كندا خمسة مليارات دولار كندي.", 5e9, "CAD", "exact", "other", id="words-five-billion-cad"),
    P("خصص البرلمان عشرة ملايين يورو للمستشفيات الميدانية.", 1e7, "EUR", "exact", "other", id="words-ten-million"),
    P("وتبلغ كلفة البرنامج ثلاثمائة مليون دولار.", 3e8, "USD", "exact", "other", id="words-three-hundred-million"),
    P("وأعلنت ملياري دولار لدعم الدفاع الجوي.", 2e9, "USD", "exact", "package", id="dual-two-billion-announced"),
    P("ومنحت السويد نصف مليار يورو.", 5e8, "EUR", "exact", "other", id="half-a-billion"),
    P("ورصدت مليار ونصف المليار دولار للذخيرة.", 1.5e9, "USD", "exact", "other", id="billion-and-a-half"),
    P("وقدمت 3 مليارات و200 مليون يورو.", 3.2e9, "EUR", "exact", "other", id="billions-and-millions"),
    P("وقدمت اليابان ما قيمته $4.5 مليار.", 4.5e9, "USD", "exact", "other", id="dollar-sign-before"),
    P("ورصدت المفوضية 1.1 مليار €.", 1.1e9, "EUR", "exact", "other", id="euro-sign-after"),
    P("وتبرع رجل أعمال بـ 500 ألف دولار.", 5e5, "USD", "exact", "other", id="thousands-with-digits"),
    P("وتبلغ قيمة العقد 1,300 مليون دولار.", 1.3e9, "USD", "exact", "other", id="thousands-separator-millions"),
    P("ارتفعت قيمة العقود إلى ما بين 5 و7 مليارات دولار.", 7e9, "USD", "up_to", "other", id="range-between-and"),
    P("وتقدر الكلفة بـ 5-7 مليارات دولار.", 7e9, "USD", "up_to", "other", id="range-dash"),
    P("ويكلف صاروخ باتريوت الواحد نحو 4 ملايين دولار تقريباً.", 4e6, "USD", "about", "other",
      id="about-and-taqriban-after"),
    P("وتبلغ قيمة المساعدات 600 مليون دولار على الأقل.", 6e8, "USD", "at_least", "other", id="at-least-after"),
    P("وأنفقت الحكومة أقل من 200 مليون يورو.", 2e8, "EUR", "less_than", "other", id="less-than"),
    P("وتصل قيمة القرض حتى 20 مليار يورو.", 20e9, "EUR", "up_to", "other", id="hatta-up-to"),
    P("وقدمت الحكومة ما يربو على 9 مليارات كرونة نرويجية.", 9e9, "NOK", "more_than", "cumulative_total",
      id="yarbu-ala-krone"),
    # other currencies
    P("وتعهدت طوكيو بتقديم 500 مليار ين.", 5e11, "JPY", "exact", "pledge", id="yen"),
    P("وقال الكرملين إن الإنفاق العسكري يتجاوز 13 تريليون روبل.", 13e12, "RUB", "more_than", "other",
      id="rouble-trillion-exceeds"),
    P("وخصصت كييف 150 مليار هريفنيا للدفاع.", 150e9, "UAH", "exact", "other", id="hryvnia"),
    P("وأعلنت الدنمارك تخصيص 1.2 مليار كرونة.", 1.2e9, "DKK", "exact", "package", id="bare-krone-from-context"),
    P("وبلغت التبرعات 10 ملايين جنيه مصري.", 1e7, "EGP", "exact", "other", id="egyptian-pound"),
    # kind: nearest cue, clause scope
    P("وتشمل الدفعة الجديدة، التي تبلغ قيمتها 250 مليون دولار، صواريخ ستينغر.", 2.5e8, "USD", "exact", "package",
      id="package-cue-in-earlier-clause"),
    P("بلغ مجموع ما قدمته ألمانيا 28 مليار يورو.", 28e9, "EUR", "exact", "cumulative_total", id="majmu-total"),
    P("وأعلنت برلين عن حزمة جديدة، مؤكدة أن إجمالي دعمها بلغ 28 مليار يورو.", 28e9, "EUR", "exact",
      "cumulative_total", id="nearest-cue-wins"),
    P("وكانت فجوة التمويل، بحسب الوزارة، نحو 12 مليار دولار.", 12e9, "USD", "about", "funding_gap",
      id="gap-cue-across-a-clause"),
    P("تحتاج أوكرانيا إلى مزيد من الدعم، وقدمت السويد 500 مليون يورو.", 5e8, "EUR", "exact", "other",
      id="need-cue-in-another-clause-is-ignored"),
    P("وأرسلت الولايات المتحدة أكثر من 60 مليار دولار.", 60e9, "USD", "more_than", "cumulative_total",
      id="approximate-sent-is-a-running-total"),
    P("وأرسلت الولايات المتحدة 300 مليون دولار.", 3e8, "USD", "exact", "other", id="exact-sent-stays-other"),
    P("ومنذ  بداية  الحرب  قدمت  فرنسا   خمسة  مليارات  يورو", 5e9, "EUR", "exact", "cumulative_total",
      id="double-spaces-everywhere"),
    P("وأعلنت واشنطن منذ يومين تخصيص 300 مليون دولار.", 3e8, "USD", "exact", "package",
      id="mundhu-two-days-ago-is-not-a-total-but-announced"),
    P("وقدمت الدنمارك منذ 2022 ما قيمته 8 مليارات يورو.", 8e9, "EUR", "exact", "cumulative_total", id="since-2022"),
    P("وتعاملت الحكومة بحزم مع الأزمة ورصدت 200 مليون يورو.", 2e8, "EUR", "exact", "other",
      id="bi-hazm-firmly-is-not-a-package"),
]


@pytest.mark.parametrize(("raw", "value", "currency", "qualifier", "kind"), AMOUNT_CASES)
def test_amount(raw: str, value: float, currency: str, qualifier: str, kind: str) -> None:
    sentence = norm(raw)
    hit = only_amount(raw)
    assert hit.value == pytest.approx(value)
    assert hit.currency == currency
    assert hit.qualifier == qualifier
    assert hit.kind == kind
    assert hit.text == sentence[hit.start : hit.end]
    if kind != "other":
        assert hit.kind_cue


USD_CASES = [
    P("وتعهدت ألمانيا بتقديم مليار يورو.", 1.08e9, id="eur-to-usd"),
    P("وقدمت بريطانيا 2 مليار جنيه إسترليني.", 2.56e9, id="gbp-to-usd"),
    P("وتعهدت طوكيو بتقديم 500 مليار ين.", 3.1e9, id="jpy-to-usd"),
    P("وقدمت كندا 500 مليون دولار كندي.", 3.65e8, id="cad-to-usd"),
    P("وقدمت واشنطن 66.5 مليار دولار.", 66.5e9, id="usd-is-usd"),
    P("وأرسلت السويد 10 مليارات كرونة سويدية.", 9.47e8, id="sek-to-usd"),
    P("وخصصت كييف 400 مليار هريفنيا.", 1.0e10, id="uah-to-usd"),
    P("وأعلنت فرنسا 2.3 مليار يورو (2.5 مليار دولار) لشراء الذخيرة.", 2.5e9, id="stated-dollar-equivalent-wins"),
    P("وقدمت السويد 5 مليارات كرونة سويدية، أي ما يعادل 470 مليون دولار.", 4.7e8, id="ay-ma-yuadil-equivalent"),
]


@pytest.mark.parametrize(("raw", "usd"), USD_CASES)
def test_value_usd(raw: str, usd: float) -> None:
    hit = only_amount(raw, dt.date(2024, 7, 1))  # the expected values are mid-2024 rates
    assert hit.value_usd == pytest.approx(usd, rel=0.02)


def test_no_rate_gives_no_usd() -> None:
    assert only_amount("وبلغت التبرعات 10 ملايين جنيه مصري.").value_usd is None


def test_two_amounts_in_one_sentence() -> None:
    raw = "وقدمت ألمانيا 5 مليارات يورو، فيما قدمت فرنسا نحو 3 مليارات يورو."
    hits = find_amounts(norm(raw))
    assert [(h.value, h.qualifier) for h in hits] == [(5e9, "exact"), (3e9, "about")]


NOT_MONEY = [
    P("وتطلق الصواريخ لـ300 كيلومتر تقريباً.", id="range-of-a-missile"),
    P("وقُتل 25 شخصًا في الهجوم على المدينة.", id="people-killed"),
    P("ودفعت روسيا بمئات الآلاف من الجنود إلى الجبهة.", id="hundreds-of-thousands-of-troops"),
    P("وارتفع الإنفاق الدفاعي 20% العام الماضي.", id="percent-sign"),
    P("وزادت الميزانية بنسبة 20 بالمئة.", id="percent-words"),
    P("وتضاعف إنتاج القذائف عشرة أضعاف.", id="a-factor"),
    P("بدأ الغزو في 24 فبراير 2022.", id="a-date"),
    P("للتواصل: 00201001234567", id="phone-number"),
    P("وحصلت أوكرانيا على مليارات الدولارات من المساعدات.", id="billions-of-dollars-vague"),
    P("وأنفقت عشرات الملايين من الدولارات.", id="tens-of-millions-vague"),
    P("وتبلغ الكلفة بضعة مليارات دولار.", id="a-few-billion-vague"),
    P("وتراجع سعر الدولار أمام الروبل.", id="currency-word-without-number"),
    P("وأطلقت روسيا 3 صواريخ و40 طائرة مسيرة.", id="weapons-counted"),
    P("وعقد الاجتماع قبل ثلاث سنوات في رامشتاين.", id="years-ago"),
    P("وشاركت 50 دولة في الاجتماع.", id="a-count-is-not-money"),
    P("", id="empty"),
]


@pytest.mark.parametrize("raw", NOT_MONEY)
def test_not_money(raw: str) -> None:
    assert find_amounts(norm(raw)) == []


KNOWN_GAPS = [
    P("وتبرعت الجالية بعشرة آلاف دولار.", 1e4,
      marks=XFAIL(strict=True, reason="thousands in words without a digit are skipped by the fast pre-test")),
    P("وأعلنت واشنطن حزمة بقيمة 2.5 مليار.", 2.5e9,
      marks=XFAIL(strict=True, reason="no currency word: an implied currency is not guessed")),
    P("وتبلغ قيمة العقد 1 300 مليون دولار.", 1.3e9,
      marks=XFAIL(strict=True, reason="a space as thousands separator is read as two numbers")),
]


@pytest.mark.parametrize(("raw", "value"), KNOWN_GAPS)
def test_known_gaps(raw: str, value: float) -> None:
    assert only_amount(raw).value == pytest.approx(value)


# --------------------------------------------------------------------------------------------------------------
# counts of countries

COUNT_CASES = [
    P("وحث ممثلي نحو 50 دولة على الوفاء بتعهداتهم.", 50, "about", "countries", id="about-50-countries"),
    P("يجتمع مسؤولو الدفاع من أكثر من 40 دولة في بروكسل.", 40, "more_than", "countries", id="more-than-40"),
    P("سينضم وزراء من 30 دولة إلى الاجتماع.", 30, "exact", "countries", id="plain-30"),
    P("لم تتفق الوفود الـ 33 على البيان الختامي.", 33, "exact", "delegations", id="definite-delegations-tatweel"),
    P("وأكد التزام الدول الخمس والثلاثين المشاركة في التحالف.", 35, "exact", "countries",
      id="definite-compound-in-words"),
    P("وشارك في الاجتماع 33 وفدا.", 33, "exact", "delegations", id="33-delegations"),
    P("اجتماع ضم وزراء دفاع نحو خمسين بلدا.", 50, "about", "countries", id="words-fifty-balad"),
    P("بمشاركة قرابة خمسين دولة.", 50, "about", "countries", id="qaraba-fifty-words"),
    P("وتعهدت الدول الخمسين بمواصلة الدعم.", 50, "exact", "countries", id="definite-word-number"),
    P("وأيد القرار أكثر من 50 عضوا في المجموعة.", 50, "more_than", "members", id="members"),
    P("وناقش قادة دول الناتو الـ32 ميزانية الحلف.", 32, "exact", "members", id="nato-32-is-members"),
    P("وتضم المجموعة 32 دولة عضوا.", 32, "exact", "members", id="member-states"),
    P("واجتمع ممثلو الدول الـ 27 الأعضاء في الاتحاد الأوروبي.", 27, "exact", "members", id="eu-27-members"),
    P("ويحضر الاجتماع حوالي 50 دولة عبر الفيديو.", 50, "about", "countries", id="hawali-50"),
    P("بحضور ما يزيد على 40 دولة ومنظمة دولية.", 40, "more_than", "countries", id="ma-yazid-ala"),
    P("وقالت ثلاث دول إنها سترسل قوات.", 3, "exact", "countries", id="three-countries-words"),
    P("وانضم إلى البيان ثلاثة وثلاثين وفدا.", 33, "exact", "delegations", id="compound-words-33"),
    P("ويضم التحالف 32 حليفا.", 32, "exact", "members", id="32-allies"),
    P("وأكد أن 50دولة أبدت استعدادها.", 50, "exact", "countries", id="digits-glued-to-noun"),
    P("شارك في الاجتماع ٤٥ دولة.", 45, "exact", "countries", id="arabic-indic-digits"),
    P("بمشاركة  نحو  ثلاثة   وثلاثين  دولة", 33, "about", "countries", id="double-spaces-words"),
    P("وحضر الاجتماع عشرون بلدا على الأقل.", 20, "at_least", "countries", id="at-least-after"),
]


@pytest.mark.parametrize(("raw", "value", "qualifier", "unit"), COUNT_CASES)
def test_count(raw: str, value: int, qualifier: str, unit: str) -> None:
    sentence = norm(raw)
    hits = find_counts(sentence)
    assert len(hits) == 1, hits
    h = hits[0]
    assert (h.value, h.qualifier, h.unit) == (value, qualifier, unit)
    assert h.text == sentence[h.start : h.end]


NOT_COUNTS = [
    P("وشاركت عدة دول في التدريبات.", id="several-countries"),
    P("وأرسلت عشرات الدول أسلحة إلى كييف.", id="tens-of-countries"),
    P("وتجمع العشرات أمام السفارة.", id="dozens"),
    P("واستمرت الحرب ثلاث سنوات.", id="three-years"),
    P("وقتل 25 شخصا في القصف.", id="people"),
    P("وعقد الاجتماع الثاني في بروكسل.", id="ordinal"),
    P("وصوت 25 عضوا في مجلس الشيوخ ضد المساعدات.", id="senators-are-not-countries"),
    P("وقال قادة مجموعة الدول السبع إنهم سيواصلون الدعم.", id="g7-is-a-name"),
    P("وأصبحت أحد الدول الداعمة لكييف.", id="one-of-the-countries"),
    P("وأكدت الدول الأوروبية دعمها.", id="no-number"),
    P("وقدمت 1000 دولة؟", id="implausible-number"),
    P("وقدمت 2.5 دولة", id="not-a-whole-number"),
    P("وصل المبعوث الدولي إلى 12 مدينة.", id="international-is-not-countries"),
]


@pytest.mark.parametrize("raw", NOT_COUNTS)
def test_not_a_count(raw: str) -> None:
    assert find_counts(norm(raw)) == []


@pytest.mark.xfail(strict=True, reason="the dual (دولتين) is not read as a count of two")
def test_dual_is_two_countries() -> None:
    assert [h.value for h in find_counts(norm("وقعت الاتفاقية بين دولتين."))] == [2]


# --------------------------------------------------------------------------------------------------------------
# donors


def countries(sentence: str, spec: list[tuple[str, str, str]]) -> list[CountryHit]:
    """CountryHits built by hand: (normalised fragment as it appears, ISO3, via)."""
    out = []
    for fragment, iso3, via in spec:
        i = sentence.find(norm(fragment))
        assert i >= 0, fragment
        out.append(CountryHit(i, i + len(norm(fragment)), norm(fragment), iso3, via))  # type: ignore[arg-type]
    return out


US = ("الولايات المتحدة", "USA", "name")
UA = ("أوكرانيا", "UKR", "name")

DONOR_CASES = [
    P("منذ تشكيل مجموعة الاتصال، قدم حلفاء كييف نحو 130 مليار دولار، بما في ذلك أكثر من 60 مليار دولار من "
      "الولايات المتحدة.", [US], ["ALL", "USA"], id="group-then-min-country"),
    P("وتقود الولايات المتحدة الجهود، بعد أن أرسلت معدات بأكثر من 15 مليار دولار من أجل الدفاع عن أوكرانيا.",
      [US, UA], ["USA"], id="subject-in-earlier-clause-min-ajl-is-not-from"),
    P("أعلنت ألمانيا عن حزمة مساعدات جديدة لأوكرانيا بقيمة 500 مليون يورو.",
      [("ألمانيا", "DEU", "name"), ("لأوكرانيا", "UKR", "name")], ["DEU"], id="verb-subject"),
    P("قدمت ألمانيا 5 مليارات يورو وفرنسا 3 مليارات يورو.",
      [("ألمانيا", "DEU", "name"), ("وفرنسا", "FRA", "name")], ["DEU", "FRA"], id="two-subjects"),
    P("ووافقت الولايات المتحدة على بيع أسلحة لبولندا بقيمة 10 مليارات دولار.",
      [US, ("لبولندا", "POL", "name")], ["USA"], id="recipient-with-lam-clitic"),
    P("وأرسلت ألمانيا إلى بولندا معدات بقيمة 200 مليون يورو.",
      [("ألمانيا", "DEU", "name"), ("بولندا", "POL", "name")], ["DEU"], id="recipient-after-ila"),
    P("قال زيلينسكي إن فجوة التمويل مع الولايات المتحدة تبلغ 40 مليار دولار.", [US], [None],
      id="a-gap-has-no-donor"),
    P("تعهدت ألمانيا، خلال اجتماع رامشتاين، بتقديم 500 مليون يورو.", [("ألمانيا", "DEU", "name")], ["DEU"],
      id="subject-across-commas"),
    P("أعلن وزير الدفاع البريطاني أن بلاده ستقدم 3 مليارات جنيه إسترليني سنويا.",
      [("البريطاني", "GBR", "demonym")], ["GBR"], id="demonym-before-pronoun-subject"),
    P("وقال الوزير في لندن إن الحلفاء تعهدوا بتقديم 40 مليار يورو.", [("لندن", "GBR", "capital")], ["ALL"],
      id="capital-as-place-allies-give"),
    P("بلغت المساعدات الأمريكية منذ بداية الحرب أكثر من 60 مليار دولار.",
      [("الأمريكية", "USA", "demonym")], ["USA"], id="no-verb-demonym-of-aid"),
    P("وأعلن الاتحاد الأوروبي عن 5 مليارات يورو لكييف.", [], [None], id="organisation-no-country"),
    P("وقال الرئيس الفرنسي إن الاتحاد الأوروبي سيقدم 50 مليار يورو.",
      [("الفرنسي", "FRA", "demonym")], [None], id="organisation-subject-beats-earlier-demonym"),
    P("وقدمت واشنطن للمملكة المتحدة وأوكرانيا مليار دولار.",
      [("واشنطن", "USA", "capital"), ("للمملكة المتحدة", "GBR", "name"), ("وأوكرانيا", "UKR", "name")],
      ["USA"], id="capital-metonym-as-giver"),
    P("وتلقت أوكرانيا من ألمانيا 5 مليارات يورو.", [UA, ("ألمانيا", "DEU", "name")], ["DEU"],
      id="received-from-country-right-before"),
    P("وقالت الحكومة إن المانحين قدموا 9 مليارات دولار لإعادة الإعمار.", [], ["ALL"], id="donors-all"),
    P("وقدم داعمو أوكرانيا أكثر من 100 مليار يورو.", [("أوكرانيا", "UKR", "name")], ["ALL"],
      id="supporters-of-ukraine"),
    P("وحصلت كييف على 2 مليار دولار مقدمة من كندا.", [("كندا", "CAN", "name")], ["CAN"], id="muqaddama-min"),
    P("وقالت ألمانيا إن أوكرانيا طلبت 3 مليارات يورو.", [("ألمانيا", "DEU", "name"), UA], ["DEU"],
      id="unsure-nearest-country-before"),
    P("وتقدم النرويج 10 مليارات كرونة من خلال صندوق خاص.", [("النرويج", "NOR", "name")], ["NOR"],
      id="present-tense-verb"),
    P("وقدمت ليتوانيا 20 مليون يورو.", [("ليتوانيا", "LTU", "name")], ["LTU"], id="lam-initial-name-is-not-to"),
    P("وأرسلت ألمانيا لليتوانيا 20 مليون يورو.", [("ألمانيا", "DEU", "name"), ("لليتوانيا", "LTU", "name")],
      ["DEU"], id="lam-clitic-before-lam-initial-name"),
]


@pytest.mark.parametrize(("raw", "spec", "donors"), DONOR_CASES)
def test_donor(raw: str, spec: list[tuple[str, str, str]], donors: list[str | None]) -> None:
    sentence = norm(raw)
    cs = countries(sentence, spec)
    hits = find_amounts(sentence)
    assert [find_donor(sentence, h, cs) for h in hits] == donors


@pytest.mark.xfail(strict=True, reason="a counted subject (50 دولة) is not read as all donors")
def test_counted_subject_is_all() -> None:
    sentence = norm("وقدمت 50 دولة أكثر من 100 مليار دولار.")
    assert [find_donor(sentence, h, []) for h in find_amounts(sentence)] == ["ALL"]


# --------------------------------------------------------------------------------------------------------------
# robustness and speed

ARABIC_BITS = st.sampled_from([
    "مليار", "مليون", "ألف", "دولار", "يورو", "جنيه", "ين", "كرونة", "$", "€", "£", " ", " و", "ب", "ل", "،", ",", ".",
    "نحو", "أكثر من", "حتى", "تقريبا", "دولة", "الوفود الـ", "عضوا", "في الكونغرس", "خمسة", "وعشرين", "نصف", "1,3",
    "66.5", "٣٣", "(", ")", "أي ما يعادل", "-", "بين", "من", "فجوة", "حزمة", "منذ", "تعهدت", "الولايات المتحدة",
])


@given(st.text())
@settings(max_examples=300, deadline=None)
def test_never_raises_on_any_text(s: str) -> None:
    for h in [*find_amounts(s), *find_counts(s)]:
        assert h.text == s[h.start : h.end]


@given(st.lists(ARABIC_BITS, max_size=25).map("".join), st.data())
@settings(max_examples=400, deadline=None)
def test_never_raises_on_amount_like_text(s: str, data: st.DataObject) -> None:
    s = norm(s)
    hits = find_amounts(s)
    for h in hits:
        assert h.text == s[h.start : h.end] and h.value > 0
        n = data.draw(st.integers(0, 3))
        cs = []
        for _ in range(n):
            a = data.draw(st.integers(0, len(s)))
            b = data.draw(st.integers(a, len(s)))
            cs.append(CountryHit(a, b, s[a:b], data.draw(st.sampled_from(["USA", "UKR", "DEU"])), "name"))
        assert find_donor(s, h, cs) in (None, "ALL", "USA", "DEU")
    for c in find_counts(s):
        assert c.text == s[c.start : c.end] and c.value >= 2




@given(st.lists(st.text(alphabet="ابتدلمنوي", min_size=1, max_size=8), min_size=1, max_size=12), st.integers(1, 5))
def test_cover_keys_are_in_every_stem(stems: list[str], n: int) -> None:
    keys = amounts._cover(stems, n)
    assert all(any(k in w for k in keys) for w in stems)
    assert all(len(k) <= n for k in keys)


@given(st.lists(st.sampled_from([*amounts._BIG_SCALE_STEMS, "ليو", "يون", "ايي", "لاي", "ملي", "ار", " ", "الف", "ن",
                                  "و"]), max_size=12).map("".join))
def test_big_scale_test_is_the_plain_lookup(s: str) -> None:
    assert amounts._has_big_scale(s) == any(st_ in s for st_ in amounts._BIG_SCALE_STEMS)


# --------------------------------------------------------------------------------------------------------------
# issue 12: kinds, givers, one figure in two currencies, a missing scale word, exchange rates by date
# (sentences written for these tests in agency, Egyptian, Gulf, Levantine and Maghrebi styles)

ON = dt.date(2025, 6, 4)


def rows(raw: str, on: dt.date | None = ON) -> list[tuple[float, str, str, str | None]]:
    """(value, currency, kind, donor) of every amount, with the real country and office-holder finders."""
    s = norm(raw)
    cs, officials = find_countries(s), find_officials(s, on)
    return [(h.value, h.currency, h.kind, find_donor(s, h, cs, officials)) for h in find_amounts(s, on)]


KIND_DONOR_CASES = [
    # the giver is the speaker's country, named by a demonym
    P("أعلن وزير الدفاع البريطاني عن حزمة بقيمة 500 مليون جنيه إسترليني خلال الاجتماع.",
      [(5e8, "GBP", "package", "GBR")], id="gulf-speaker-demonym-package"),
    P("وبلغ إجمالي المساعدات الأمريكية لكييف منذ بدء الغزو نحو 66 مليار دولار.",
      [(66e9, "USD", "cumulative_total", "USA")], id="egyptian-demonym-of-the-aid-total"),
    P("وأكد وزير الدفاع الألماني أن بلاده ستخصص 500 مليون يورو أخرى للدفاع الجوي.",
      [(5e8, "EUR", "pledge", "DEU")], id="levantine-speaker-his-country"),
    # the giver named by an office-holder alone
    P("وقال هيغسيث إن بلاده خصصت 500 مليون دولار للذخائر.", [(5e8, "USD", "other", "USA")],
      id="agency-official-name-speaks-for-his-country"),
    # a country as the subject
    P("قدّمت ألمانيا 7 مليارات يورو لأوكرانيا هذا العام.", [(7e9, "EUR", "other", "DEU")],
      id="levantine-country-subject"),
    P("وأعلنت الحكومة النروجية أنها ستخصص 5 مليارات كرونة نروجية لصندوق دعم أوكرانيا.",
      [(5e9, "NOK", "pledge", "NOR")], id="maghrebi-norway-spelling-and-fund"),
    # all the backers together
    P("وقال إن حلفاء كييف قدموا أكثر من 100 مليار دولار منذ بدء الغزو.",
      [(100e9, "USD", "cumulative_total", "ALL")], id="agency-allies-of-kyiv-since-the-invasion"),
    P("وقدمت الدول الغربية في المجمل 200 مليار دولار.", [(200e9, "USD", "cumulative_total", "ALL")],
      id="maghrebi-fi-al-mujmal"),
    P("وقال الأمين العام إن الحلف سوف يمنح أوكرانيا 40 مليار يورو خلال العام المقبل.",
      [(40e9, "EUR", "pledge", "ALL")], id="gulf-the-alliance-will-give"),
    P("قدم أعضاء المجموعة مساعدات تتجاوز قيمتها 55 مليار دولار، جاء أكثر من 35 مليارا منها من الولايات المتحدة.",
      [(55e9, "USD", "cumulative_total", "ALL"), (35e9, "USD", "cumulative_total", "USA")],
      id="agency-share-of-the-total-implied-currency"),
    # the recipient, a place or an opponent is never the giver
    P("وتسلّمت أوكرانيا حزمة بقيمة 3 مليارات دولار.", [(3e9, "USD", "package", None)],
      id="recipient-is-not-the-donor"),
    P("وخلال القمة المنعقدة في فرنسا، قال المسؤول إن الاتحاد الأوروبي سيقدم 500 مليون يورو.",
      [(5e8, "EUR", "pledge", None)], id="host-country-is-not-the-donor"),
    P("وتعد بريطانيا من أكبر الداعمين لأوكرانيا في حربها مع روسيا، إذ قدمت لكييف نحو 3 مليارات جنيه إسترليني.",
      [(3e9, "GBP", "cumulative_total", "GBR")], id="egyptian-one-of-the-biggest-backers-not-all-nor-russia"),
    P("وأعلنت السويد، التي انضمت إلى الناتو العام الماضي، عن حزمة بقيمة 1.2 مليار دولار.",
      [(1.2e9, "USD", "package", "SWE")], id="joined-nato-is-no-giver"),
    P("وتشمل الحزمة 200 مليون جنيه إسترليني من حكومة المملكة المتحدة.", [(2e8, "GBP", "package", "GBR")],
      id="from-the-government-of"),
    # kinds
    P("وأعلنت هولندا أنها ستقدم 3.5 مليار يورو حتى 2029.", [(3.5e9, "EUR", "pledge", "NLD")],
      id="pledge-until-a-later-year"),
    P("وقدمت هولندا 3.5 مليار يورو حتى 2023.", [(3.5e9, "EUR", "other", "NLD")],
      id="until-a-past-year-is-no-pledge"),
    P("وتعهدت النرويج بتقديم 1.5 مليار كرونة نرويجية سنويا.", [(1.5e9, "NOK", "pledge", "NOR")],
      id="gulf-yearly-pledge"),
    P("وأعلن الرئيس الأمريكي عن حزمة مساعدات عسكرية جديدة لأوكرانيا بإجمالي 225 مليون دولار.",
      [(2.25e8, "USD", "package", "USA")], id="package-worth-a-total-of-is-a-package"),
    P("وبلغ إجمالي المساعدات التي تعهدت بها الدنمارك 13 مليار كرونة دنماركية.",
      [(13e9, "DKK", "cumulative_total", "DNK")], id="total-of-what-was-pledged-is-a-total"),
    P("وكانت فرنسا قد أعلنت أنها ستقدم ملياري يورو إضافيين.", [(2e9, "EUR", "package", "FRA")],
      id="additional-tranche-is-a-package"),
    P("وقالت كييف إنها تحتاج إلى 6 مليارات دولار إضافية.", [(6e9, "USD", "funding_gap", None)],
      id="needed-beats-additional"),
    P("وأعلن البنتاغون عن حزمة بقيمة 500 مليون دولار، تاركا نحو 3.8 مليار دولار للإدارة المقبلة.",
      [(5e8, "USD", "package", "USA"), (3.8e9, "USD", "other", "USA")], id="a-package-cue-names-one-figure"),
    P("وتقدم الرئيس الأمريكي إلى الكونغرس بطلب لإقرار مساعدات عسكرية إضافية بقيمة 24 مليار دولار.",
      [(24e9, "USD", "other", "USA")], id="a-request-to-congress-is-no-package"),
    P("وطلبت الإدارة الأمريكية، من الكونجرس اعتماد 12 مليار دولار إضافية.", [(12e9, "USD", "other", "USA")],
      id="from-congress-in-the-amounts-clause"),
    P("وأكد الأمين العام أن الحلف ملتزم بتقديم 40 مليار يورو لأوكرانيا.", [(40e9, "EUR", "pledge", "ALL")],
      id="committed-adjective-is-a-pledge"),
    P("وقرر القادة تقديم قرض بقيمة 50 مليار يورو لدعم ميزانية كييف وجيشها للعامين المقبلين.",
      [(50e9, "EUR", "pledge", None)], id="for-the-next-two-years-is-a-pledge"),
    P("وأعلنت الحكومة الدنماركية عزمها رصد 12 مليار كرونة دنماركية لكييف.",
      [(12e9, "DKK", "pledge", "DNK")], id="announced-its-intention-is-a-pledge"),
    P("وأعلن رئيس الوزراء الكندي تقديم 450 مليون دولار كندي على مدى ثلاث سنوات لتدريب الطيارين.",
      [(4.5e8, "CAD", "pledge", "CAN")], id="over-three-years-is-a-pledge"),
    P("وتخطط السويد لإنفاق 90 مليار كرونة سويدية على دعم كييف في الفترة من 2024 إلى 2030.",
      [(90e9, "SEK", "pledge", "SWE")], id="a-period-to-a-later-year-is-a-pledge"),
    P("وقدمت النرويج أضخم حزمة أسلحة لكييف منذ بدء الحرب بقيمة 7 مليارات كرونة نرويجية.",
      [(7e9, "NOK", "package", "NOR")], id="the-biggest-package-since-the-war-is-no-total"),
    P("ووجهت هولندا 300 مليون يورو لتلبية احتياجات الدفاع الجوي الأوكراني.",
      [(3e8, "EUR", "other", "NLD")], id="to-meet-the-needs-is-no-gap"),
    P("ويبلغ حجم المساعدة التي أرسلتها الولايات المتحدة إلى كييف بذلك 9,2 مليار دولار.",
      [(9.2e9, "USD", "cumulative_total", "USA")], id="raises-to-the-size-of-the-aid"),
    P("ورصدت اليابان خلال العام الماضي نحو ملياري دولار لمساعدة أوكرانيا.",
      [(2e9, "USD", "cumulative_total", "JPN")], id="over-the-past-year-is-a-total"),
    P("وقد أرسلت بولندا أسلحة قيمتها 3 مليارات يورو، منذ بداية الحرب.", [(3e9, "EUR", "cumulative_total", "POL")],
      id="since-the-war-began-after-the-comma"),
    P("وتحتل كندا المرتبة الرابعة بين أكثر الدول دعما لأوكرانيا، بمبلغ 5 مليارات يورو.",
      [(5e9, "EUR", "cumulative_total", "CAN")], id="a-ranking-of-the-biggest-backers"),
    P("تنوي النرويج زيادة دعمها بـ 50 مليار كرونة نرويجية لترفعه إلى 85 مليار كرونة نرويجية.",
      [(50e9, "NOK", "pledge", "NOR"), (85e9, "NOK", "pledge", "NOR")], id="an-intention-covers-both-figures"),
    P("وكشفت كندا عن حزمة جديدة بقيمة 800 مليون دولار، منها 500 مليون دولار للذخائر و300 مليون دولار للطائرات المسيرة.",
      [(8e8, "USD", "package", "CAN"), (5e8, "USD", "package", "CAN"), (3e8, "USD", "package", "CAN")],
      id="parts-of-a-package-are-the-package"),
    P("وأنفقت السويد حتى الآن ما مجموعه 4 مليارات يورو، موزعة على 3 مليارات يورو عسكريا ومليار يورو إنسانيا.",
      [(4e9, "EUR", "cumulative_total", "SWE"), (3e9, "EUR", "cumulative_total", "SWE"),
       (1e9, "EUR", "cumulative_total", "SWE")], id="parts-of-a-total-are-the-total"),
    P("وأعلنت إيطاليا حزمة بقيمة 200 مليون يورو، وقالت إن فرنسا قدمت 300 مليون يورو.",
      [(2e8, "EUR", "package", "ITA"), (3e8, "EUR", "other", "FRA")], id="neg-a-second-sum-without-a-breakdown-word"),
    P("ويقدم الحلفاء الأوروبيون نحو 12 مليار يورو في السنة لكييف.", [(12e9, "EUR", "pledge", "ALL")],
      id="a-sum-per-year-is-a-pledge"),
    P("وقدمت بلجيكا ما قيمته 2.5 مليار يورو من العتاد لكييف، فضلا عن برامج تدريب، منذ اندلاع الحرب.",
      [(2.5e9, "EUR", "cumulative_total", "BEL")], id="since-the-war-began-two-clauses-on"),
    P("وأرسلت بلجيكا 300 مليون يورو، فيما خصصت فرنسا 2.5 مليار يورو منذ اندلاع الحرب.",
      [(3e8, "EUR", "other", "BEL"), (2.5e9, "EUR", "cumulative_total", "FRA")],
      id="neg-since-past-another-sum-is-that-sums"),
]


@pytest.mark.parametrize(("raw", "expected"), KIND_DONOR_CASES)
def test_kind_and_donor(raw: str, expected: list[tuple[float, str, str, str | None]]) -> None:
    got = rows(raw)
    assert [(pytest.approx(v), c, k, d) for v, c, k, d in expected] == got


NOT_AID = [
    P("ويبلغ سعر القذيفة الواحدة 3 آلاف دولار.", id="price-of-a-shell"),
    P("وارتفع سعر برميل النفط إلى 85 دولارا منذ بداية الحرب.", id="oil-price-since-the-war"),
    P("وقتل 43 جنديا في الهجوم على المدينة.", id="soldiers-killed"),
    P("وأرسلت روسيا 300 ألف جندي إلى الجبهة.", id="troops-sent"),
]


@pytest.mark.parametrize("raw", NOT_AID)
def test_not_aid(raw: str) -> None:
    assert find_amounts(norm(raw), ON) == []


TWO_CURRENCIES = [
    P("وأعلنت فرنسا تقديم 500 مليون يورو (نحو 540 مليون دولار) لشراء الذخيرة.", 5e8, "EUR", 5.4e8, "USD",
      id="brackets-with-about"),
    P("وأعلنت فرنسا تقديم 500 مليون يورو، أي حوالي 540 مليون دولار، لشراء الذخيرة.", 5e8, "EUR", 5.4e8, "USD",
      id="ay-hawali"),
    P("وخصصت ألمانيا 500 مليون يورو، وهو ما يعادل 540 مليون دولار.", 5e8, "EUR", 5.4e8, "USD",
      id="wa-huwa-ma-yuadil"),
    P("وأعلنت بريطانيا 300 مليون جنيه إسترليني/380 مليون دولار.", 3e8, "GBP", 3.8e8, "USD", id="slash"),
    P("وستقدم فرنسا ملياري يورو إضافيين (2.2 مليار دولار أمريكي).", 2e9, "EUR", 2.2e9, "USD",
      id="adjective-before-the-brackets"),
    P("وقدمت واشنطن 540 مليون دولار (500 مليون يورو).", 5.4e8, "USD", 5e8, "EUR", id="dollars-first"),
    P("وتخصص النرويج 85 مليار كرونة نرويجية (7.2 مليار يورو) العام المقبل.", 85e9, "NOK", 7.2e9, "EUR",
      id="krone-and-euro"),
    P("وأعلنت فرنسا 500 مليون يورو، 540 مليون دولار، للمسيرات.", 5e8, "EUR", 5.4e8, "USD",
      id="bare-comma-and-a-plausible-rate"),
]


@pytest.mark.parametrize(("raw", "value", "currency", "alt_value", "alt_currency"), TWO_CURRENCIES)
def test_one_figure_in_two_currencies(raw: str, value: float, currency: str, alt_value: float,
                                      alt_currency: str) -> None:
    hit = only_amount(raw, ON)
    assert (hit.value, hit.currency) == (pytest.approx(value), currency)
    assert (hit.alt_value, hit.alt_currency) == (pytest.approx(alt_value), alt_currency)
    if alt_currency == "USD":
        assert hit.value_usd == pytest.approx(alt_value) and hit.rate_source == "stated"


@pytest.mark.parametrize("raw", [
    P("وقدمت ألمانيا 5 مليارات يورو و3 مليارات دولار من القروض.", id="and-joins-two-figures"),
    P("وأعلنت فرنسا 500 مليون يورو، 100 مليون دولار منها للمسيرات.", id="bare-comma-and-an-implausible-rate"),
])
def test_two_figures_in_two_currencies_stay_two(raw: str) -> None:
    assert len(find_amounts(norm(raw), ON)) == 2


SCALE_CASES = [
    P("وبلغ إجمالي المساعدات الأمريكية لأوكرانيا منذ بداية الحرب 43.9 دولار.", 43.9e9, True,
      id="total-of-aid-without-billion"),
    P("وأعلن البنتاغون عن حزمة مساعدات جديدة بقيمة 400 دولار.", 4e8, True, id="package-of-hundreds-is-millions"),
    P("وأعلن البنتاغون عن حزمة مساعدات بقيمة 2.5 دولار.", 2.5e9, True, id="small-package-is-billions"),
    P("وتبرع مواطن بـ 50 دولارا لدعم الجيش.", 50.0, False, id="a-real-small-gift-without-a-kind"),
    P("وبلغت المساعدات منذ بداية الحرب 1500 دولار للأسرة.", 1500.0, False, id="thousand-or-more-is-as-written"),
    P("وبلغ إجمالي المساعدات 43.9 مليار دولار.", 43.9e9, False, id="with-its-scale-word"),
]


@pytest.mark.parametrize(("raw", "value", "inferred"), SCALE_CASES)
def test_missing_scale_word(raw: str, value: float, inferred: bool) -> None:
    hit = only_amount(raw, ON)
    assert hit.value == pytest.approx(value)
    assert hit.scale_inferred is inferred
    assert hit.text == norm(raw)[hit.start : hit.end]  # the figure as written stays


# exchange rates by date

def test_euro_on_two_dates_gives_two_dollar_values() -> None:
    s = norm("وتعهدت ألمانيا بتقديم مليار يورو.")
    early = find_amounts(s, dt.date(2022, 9, 28))[0]  # the euro stood below the dollar
    late = find_amounts(s, dt.date(2025, 6, 4))[0]
    assert 0.9e9 < early.value_usd < 1.0e9  # type: ignore[operator]
    assert 1.1e9 < late.value_usd < 1.2e9  # type: ignore[operator]
    assert (early.rate_date, late.rate_date) == (dt.date(2022, 9, 28), dt.date(2025, 6, 4))
    assert early.rate_source == late.rate_source == fx.ECB
    assert (early.value, early.currency) == (late.value, late.currency) == (1e9, "EUR")


@pytest.mark.parametrize(("day", "rate_day"), [
    P(dt.date(2024, 3, 2), dt.date(2024, 3, 1), id="saturday-takes-friday"),
    P(dt.date(2024, 3, 3), dt.date(2024, 3, 1), id="sunday-takes-friday"),
    P(dt.date(2023, 12, 25), dt.date(2023, 12, 22), id="christmas-takes-the-last-business-day"),
    P(dt.date(2024, 3, 1), dt.date(2024, 3, 1), id="a-business-day-is-itself"),
])
def test_days_without_a_rate(day: dt.date, rate_day: dt.date) -> None:
    rate = fx.usd_rate("GBP", day)
    assert rate is not None and rate.date == rate_day
    assert rate.usd_per_unit == fx.usd_rate("GBP", rate_day).usd_per_unit  # type: ignore[union-attr]


def test_no_date_and_dates_after_the_history_take_the_latest_rate() -> None:
    latest = fx.usd_rate("EUR")
    far = fx.usd_rate("EUR", dt.date(2099, 1, 1))
    assert latest is not None and far is not None and latest.date is not None
    assert far == latest and latest.date <= dt.date(2099, 1, 1)


@pytest.mark.parametrize(("code", "day", "source_has", "dated"), [
    P("RUB", dt.date(2021, 5, 5), fx.ECB, True, id="rouble-before-march-2022-from-the-ecb"),
    P("RUB", dt.date(2024, 5, 5), "currencies.csv", False, id="rouble-after-the-ecb-stopped-falls-back"),
    P("UAH", dt.date(2024, 5, 5), "currencies.csv", False, id="hryvnia-falls-back"),
    P("SAR", dt.date(2024, 5, 5), "peg", False, id="riyal-peg"),
])
def test_currencies_the_ecb_lacks(code: str, day: dt.date, source_has: str, dated: bool) -> None:
    rate = fx.usd_rate(code, day)
    assert rate is not None and source_has in rate.source
    assert (rate.date is not None) is dated


def test_a_currency_without_any_rate_has_no_dollar_value() -> None:
    hit = only_amount("وبلغت التبرعات 10 ملايين جنيه مصري.", ON)
    assert hit.value_usd is None and hit.rate_source is None


def test_rates_are_read_from_disk_never_downloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    import currency_converter.currency_converter as cc

    def no_network(*_a: object, **_k: object) -> None:
        raise AssertionError("the exchange rates must not be downloaded")

    monkeypatch.setattr(cc, "urlopen", no_network)
    fx._converter.cache_clear()
    try:
        assert fx.usd_rate("EUR", dt.date(2024, 6, 3)) is not None
    finally:
        fx._converter.cache_clear()


def _amount_rows(text: str, published: dt.date | None) -> list[dict[str, object]]:
    return extract_article("t", text, published).amounts


def test_article_rows_say_which_rate_and_day() -> None:
    [row] = _amount_rows("وأعلنت ألمانيا عن حزمة بقيمة 500 مليون يورو.", dt.date(2024, 3, 2))
    assert (row["value"], row["currency"]) == (5e8, "EUR")
    assert (row["rate_date"], row["rate_basis"], row["rate_source"]) == ("2024-03-01", "published", fx.ECB)
    assert row["value_usd"] == pytest.approx(5e8 * row["usd_rate"])  # type: ignore[operator]


def test_an_amount_with_its_own_day_takes_that_days_rate() -> None:
    [row] = _amount_rows("وفي 3 مارس 2022 أعلنت ألمانيا عن حزمة بقيمة 500 مليون يورو.", dt.date(2025, 6, 4))
    assert (row["rate_date"], row["rate_basis"]) == ("2022-03-03", "amount_date")
    [total] = _amount_rows("ومنذ 24 فبراير 2022 قدمت ألمانيا 28 مليار يورو.", dt.date(2025, 6, 4))
    assert (total["rate_date"], total["rate_basis"]) == ("2025-06-04", "published")  # a running total is as of now


def test_no_publication_date_takes_the_latest_rate() -> None:
    [row] = _amount_rows("وأعلنت ألمانيا عن حزمة بقيمة 500 مليون يورو.", None)
    assert row["rate_basis"] == "latest" and row["rate_date"] == fx.usd_rate("EUR").date.isoformat()  # type: ignore[union-attr]


def test_a_headline_and_its_lead_are_one_figure() -> None:
    text = ("دعم ألماني لأوكرانيا بقيمة 2.7 مليار يورو\n"
            "أعلنت الحكومة الألمانية اليوم عن حزمة مساعدات عسكرية لأوكرانيا بقيمة 2.7 مليار يورو.")
    [row] = _amount_rows(text, ON)
    assert (row["kind"], row["donor"], row["mentions"], row["sentence"]) == ("package", "DEU", 2, 1)


def test_a_sum_announced_then_spread_over_years_is_one_figure() -> None:
    text = ("أعلن القادة عن حزمة دعم لأوكرانيا بقيمة 60 مليار يورو.\n"
            "وتعهد القادة بتقديم 60 مليار يورو على مدى العامين المقبلين.")
    [row] = _amount_rows(text, ON)
    assert (row["value"], row["kind"], row["mentions"]) == (60e9, "package", 2)


def test_a_figure_in_one_currency_and_elsewhere_in_two_is_one() -> None:
    text = ("450 مليون دولار مساعدات لأوكرانيا\n"
            "وأعلن رئيس الوزراء الكندي عن حزمة بقيمة 600 مليون دولار كندي (450 مليون دولار أمريكي) لأوكرانيا.")
    [row] = _amount_rows(text, ON)
    assert (row["value"], row["currency"], row["alt_value"], row["mentions"]) == (6e8, "CAD", 4.5e8, 2)


def test_a_total_and_a_package_of_the_same_size_stay_two() -> None:
    text = "أعلنت ألمانيا عن حزمة بقيمة 500 مليون يورو. وبلغ إجمالي ما قدمته هولندا حتى الآن 500 مليون يورو."
    assert [r["kind"] for r in _amount_rows(text, ON)] == ["package", "cumulative_total"]


def test_two_givers_of_the_same_size_stay_two() -> None:
    text = "قدمت ألمانيا 500 مليون يورو. وقدمت فرنسا 500 مليون يورو أيضا."
    assert [r["donor"] for r in _amount_rows(text, ON)] == ["DEU", "FRA"]


def test_a_sentence_without_a_giver_takes_the_articles_previous_one() -> None:
    text = "أعلنت الدنمارك عن حزمة بقيمة 1.7 مليار كرونة دنماركية. وتشمل المساعدات 300 مليون يورو للذخائر."
    got = [(r["donor"], r["donor_basis"]) for r in _amount_rows(text, ON)]
    assert got == [("DNK", "sentence"), ("DNK", "article")]


@pytest.mark.parametrize(("text", "want"), [
    pytest.param("وتضم الحزمة الجديدة معدات بقيمة 75 مليون جنيه إسترليني.", [("GBR", "currency")],
                 id="sterling-names-its-giver"),
    pytest.param("وخصصت الحكومة اليابانية 30 مليار ين. وتشمل المساعدة 20 مليار ين أخرى للطاقة.",
                 [("JPN", "sentence"), ("JPN", "currency")], id="yen-after-a-named-giver"),
    pytest.param("قدمت الولايات المتحدة 200 مليون دولار. وتبلغ قيمة الدفعة الثانية 90 مليون جنيه إسترليني.",
                 [("USA", "sentence"), ("GBR", "currency")], id="sterling-is-not-the-previous-givers"),
    pytest.param("قدمت الولايات المتحدة 200 مليون دولار. وتبلغ قيمة الدفعة الثانية 90 مليون يورو.",
                 [("USA", "sentence"), ("USA", "article")], id="euros-name-no-giver"),
])
def test_a_one_country_currency_names_the_giver_a_sentence_leaves_out(text: str, want: list[tuple[str, str]]) -> None:
    assert [(r["donor"], r["donor_basis"]) for r in _amount_rows(text, ON)] == want


def test_a_gap_never_takes_a_giver_from_the_article() -> None:
    text = "أعلنت الدنمارك عن حزمة بقيمة 1.7 مليار كرونة دنماركية. وتحتاج كييف إلى 20 مليار دولار."
    assert [r["donor"] for r in _amount_rows(text, ON)] == ["DNK", ""]


KNOWN_KIND_DONOR_GAPS = [
    P('قال وزير الدفاع الهولندي في كييف يوم الجمعة.\n"سنقدم 50 مليون يورو للدفاع الجوي".',
      "NLD", "pledge", marks=XFAIL(strict=True, reason="the speaker of a quote in the next sentence is not followed"),
      id="speaker-named-in-the-sentence-before"),
    P("وبلغت المساعدات الأمريكية 75 مليار دولار.", "USA", "cumulative_total",
      marks=XFAIL(strict=True, reason="'the aid reached X' without a total word is not read as a running total"),
      id="reached-without-a-total-word"),
]


@pytest.mark.parametrize(("text", "donor", "kind"), KNOWN_KIND_DONOR_GAPS)
def test_known_kind_and_donor_gaps(text: str, donor: str, kind: str) -> None:
    [row] = _amount_rows(text, ON)
    assert (row["donor"], row["kind"]) == (donor, kind)


@pytest.mark.xfail(strict=True, reason="a currency mistranslated as جنيه مصري is not corrected by its stated dollars")
def test_mistranslated_pound_is_sterling() -> None:
    hit = only_amount("وأعلنت وزارة الدفاع البريطانية زيادة قدرها 450 مليون جنيه مصري (584 مليون دولار).", ON)
    assert hit.currency == "GBP"


@given(st.lists(ARABIC_BITS, max_size=30).map("".join), st.sampled_from([None, ON, dt.date(2022, 3, 5)]))
@settings(max_examples=150, deadline=None)
def test_article_amount_rows_never_raise(text: str, published: dt.date | None) -> None:
    seen = set()
    for r in extract_article("h", text, published).amounts:
        assert r["mentions"] >= 1 and r["raw"]
        key = (r["value"], r["currency"], r["donor"], r["kind"])
        assert key not in seen  # one row per figure
        seen.add(key)
        if r["value_usd"] is not None and r["rate_source"] not in ("stated", "USD"):
            assert r["value_usd"] == pytest.approx(r["value"] * r["usd_rate"], rel=1e-6, abs=0.01)  # cents


@pytest.mark.parametrize(("text", "donor"), [
    pytest.param("أكد الوزير أن بريطانيا وحلفاءها تعهدوا بتقديم مساعدات عسكرية بقيمة 35 مليار دولار.", "ALL",
                 id="country-and-its-allies"),
    pytest.param("قال الوزير إن بريطانيا وحلفاء لها تعهدوا بتقديم مساعدات بقيمة 35 مليار دولار.", "ALL",
                 id="country-and-allies-of-it"),
    pytest.param("قال الوزير إن بريطانيا تعهدت بتقديم مساعدات بقيمة 3 مليارات دولار.", "GBR", id="country-alone"),
])
def test_a_country_with_its_allies_gives_together(text: str, donor: str) -> None:
    rows = extract_article("t", text, dt.date(2026, 2, 12))
    assert [r["donor"] for r in rows.amounts] == [donor]


def test_an_organisations_running_total_is_all_donors() -> None:
    text = "وبذلك يكون الاتحاد الأوروبي قد أنفق حتى الآن 2.5 مليار يورو لتزويد كييف بالأسلحة."
    rows = extract_article("t", text, dt.date(2023, 2, 2))
    assert [(r["kind"], r["donor"]) for r in rows.amounts] == [("cumulative_total", "ALL")]
