"""Office-holders: known people (with their post and term) and titles with a nationality.

Sentences are written for these tests in the styles of Arabic news; expected values are what a reader would say.
Tenure facts come from dashboard/data/officials.csv (itself from the shared reference table).
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.extract.normalize import norm
from dashboard.extract.people import find_officials

D2025 = dt.date(2025, 6, 4)
D2023 = dt.date(2023, 3, 15)


def officials(raw: str, published: dt.date | None = D2025) -> list[tuple[str | None, str | None, str, bool | None]]:
    s = norm(raw)
    hits = find_officials(s, published)
    for h in hits:
        assert h.text == s[h.start : h.end]
    return [(h.name_en, h.iso3, h.role, h.in_tenure) for h in hits]


KNOWN = [
    pytest.param("وتلقى الأمير محمد بن سلمان اتصالا هاتفيا", D2025,
                 [("Mohammed bin Salman", "SAU", "Crown Prince", True)], id="gulf-crown-prince-by-name"),
    pytest.param("وبحث الشيخ محمد بن زايد هاتفيا الأوضاع", dt.date(2022, 3, 4),
                 [("Mohamed bin Zayed Al Nahyan", "ARE", "Crown Prince of Abu Dhabi", True)],
                 id="emirati-leader-before-his-presidency"),
    pytest.param("وصل رئيس الوزراء الهولندي مارك روته إلى خاركيف", None,
                 [("Mark Rutte", "NLD", "Prime Minister", None)], id="the-title-picks-the-post-of-its-country"),
    pytest.param("وصل رئيس الوزراء الهولندي مارك روته إلى خاركيف", D2025,
                 [("Mark Rutte", "NLD", "Prime Minister", False)], id="that-post-out-of-office-is-flagged"),
    pytest.param("وقال وزير الدفاع الأمريكي بيت هيغسيث إن بلاده ملتزمة", D2025,
                 [("Pete Hegseth", "USA", "Secretary of Defense", True)], id="agency-title-and-full-name"),
    pytest.param("وأكد هيجسيث، في كلمته أمام المجموعة، أن", D2025,
                 [("Pete Hegseth", "USA", "Secretary of Defense", True)], id="surname-jeem-spelling"),
    pytest.param("ترأس لويد أوستن الاجتماع", D2023,
                 [("Lloyd Austin", "USA", "Secretary of Defense", True)], id="austin-in-office"),
    pytest.param("ترأس لويد أوستن الاجتماع", D2025,
                 [("Lloyd Austin", "USA", "Secretary of Defense", False)], id="austin-out-of-office"),
    pytest.param("قال لويد أوستن", None, [("Lloyd Austin", "USA", "Secretary of Defense", None)],
                 id="no-publication-date"),
    pytest.param("التقى وزير الدفاع في المملكة المتحدة جون هيلي بنظيره الأوكراني", D2025,
                 [("John Healey", "GBR", "Secretary of State for Defence", True), (None, "UKR", "وزير الدفاع", None)],
                 id="fi-country-then-name-and-counterpart"),
    pytest.param("وصرح الرئيس الفرنسي إيمانويل ماكرون للصحفيين", D2025,
                 [("Emmanuel Macron", "FRA", "President", True)], id="macron"),
    pytest.param("وقال شويجو إن قواته تتقدم", D2023,
                 [("Sergei Shoigu", "RUS", "Minister of Defence", True)], id="shoigu-jeem"),
    pytest.param("وقال شويغو إن قواته تتقدم", D2023,
                 [("Sergei Shoigu", "RUS", "Minister of Defence", True)], id="shoigu-ghain"),
    pytest.param("أكد ينس ستولتنبرج أن الحلف", D2023,
                 [("Jens Stoltenberg", None, "NATO Secretary General", True)], id="stoltenberg-nato-no-country"),
    pytest.param("وقال الأمين العام لحلف شمال الأطلسي مارك روته", D2025,
                 [("Mark Rutte", None, "NATO Secretary General", True)], id="rutte-after-title"),
    pytest.param("وزير الدفاع الأوكراني روستم أومروف", D2025,
                 [("Rustem Umerov", "UKR", "Minister of Defence", True)], id="umerov-loose-vowels"),
    pytest.param("وقال عميروف إن", D2025, [("Rustem Umerov", "UKR", "Minister of Defence", True)],
                 id="umerov-ain-spelling"),
    pytest.param("وقال شميهال", dt.date(2025, 8, 1), [("Denys Shmyhal", "UKR", "Minister of Defence", True)],
                 id="two-posts-later-one"),
    pytest.param("وقال شميهال", dt.date(2024, 8, 1), [("Denys Shmyhal", "UKR", "Prime Minister", True)],
                 id="two-posts-earlier-one"),
    pytest.param("ولفت وزير الخارجية الروسي سيرغي لافروف إلى", D2025,
                 [("Sergei Lavrov", "RUS", "Minister of Foreign Affairs", True)], id="lavrov"),
    pytest.param("وزيرة الدفاع الليتوانية دوفيلي شاكالييني", D2025,
                 [("Dovilė Šakalienė", "LTU", "Minister of National Defence", True)], id="feminine-title"),
    pytest.param("فيما حذر الرئيس الأمريكي السابق دونالد ترامب", D2025,
                 [("Donald Trump", "USA", "President", True)], id="modifier-between-title-and-name"),
    pytest.param("التقى بوتين ترمب في ألاسكا", D2025,
                 [("Vladimir Putin", "RUS", "President", True), ("Donald Trump", "USA", "President", True)],
                 id="two-surnames"),
    pytest.param("ورحب الرئيس الأوكراني فولوديمير زيلنسكي بالقرار", D2025,
                 [("Volodymyr Zelensky", "UKR", "President", True)], id="zelensky-short-spelling"),
    pytest.param("وقال وزير الدفاع الألماني بوريس بيستوريوس لصحيفة محلية", D2023,
                 [("Boris Pistorius", "DEU", "Federal Minister of Defence", True)], id="pistorius"),
    pytest.param("وقال وزير الحرب الأمريكي بيت هيغسيث", dt.date(2025, 10, 1),
                 [("Pete Hegseth", "USA", "Secretary of Defense", True)], id="secretary-of-war-title"),
    pytest.param("التقى وزير الدفاع البريطاني بن والاس والمستشار الألماني أولاف شولتس", D2023,
                 [("Ben Wallace", "GBR", "Secretary of State for Defence", True),
                  ("Olaf Scholz", "DEU", "Federal Chancellor", True)], id="two-titled-people"),
    pytest.param("وقال الناطق باسم الكرملين ديميتري بيسكوف إن", D2025,
                 [("Dmitry Peskov", "RUS", "Presidential (Kremlin) press secretary", True)],
                 id="unlisted-first-name-listed-surname"),
    pytest.param("اجتمع لماكرون وبايدن", D2023,
                 [("Emmanuel Macron", "FRA", "President", True), ("Joe Biden", "USA", "President", True)],
                 id="clitic-prefixed-surnames"),
    # office-holders added as helper rows (heads of state and government, defence and foreign ministers, EU)
    pytest.param("وأعلن رئيس الوزراء مارك كارني، خلال زيارة مفاجئة إلى كييف، عن حزمة مساعدات عسكرية",
                 dt.date(2025, 8, 24), [("Mark Carney", "CAN", "Prime Minister", True)],
                 id="title-without-nationality-then-name"),
    pytest.param("وقالت فريدريكسن في مؤتمر صحفي إن بلادها ستسلم المقاتلات", dt.date(2023, 8, 20),
                 [("Mette Frederiksen", "DNK", "Prime Minister", True)], id="frederiksen-surname-alone"),
    pytest.param("زار جاستن ترودو كييف برفقة زوجته", D2025,
                 [("Justin Trudeau", "CAN", "Prime Minister", False)], id="trudeau-out-of-office"),
    pytest.param("وأكدت كالاس أن أوروبا ستواصل دعم كييف", D2023,
                 [("Kaja Kallas", "EST", "Prime Minister", True)], id="kallas-estonian-pm"),
    pytest.param("وأكدت كالاس أن أوروبا ستواصل دعم كييف", D2025,
                 [("Kaja Kallas", None, "High Representative for Foreign Affairs and Security Policy", True)],
                 id="kallas-eu-high-representative"),
    pytest.param("وقال روته إن هولندا ستزود أوكرانيا بمقاتلات إف-16", dt.date(2023, 8, 20),
                 [("Mark Rutte", "NLD", "Prime Minister", True)], id="rutte-dutch-pm-before-nato"),
    pytest.param("قالت وزيرة الدفاع الكندية أنيتا أناند", dt.date(2022, 11, 16),
                 [("Anita Anand", "CAN", "Minister of National Defence", True)], id="anand-defence"),
    pytest.param("وقالت وزيرة الخارجية الكندية أنيتا أناند", dt.date(2025, 9, 1),
                 [("Anita Anand", "CAN", "Minister of Foreign Affairs", True)], id="anand-foreign"),
    pytest.param("وقالت ليز تراس إن بريطانيا", dt.date(2022, 3, 1),
                 [("Liz Truss", "GBR", "Foreign Secretary", True)], id="truss-foreign-secretary"),
    pytest.param("وقالت ليز تراس إن بريطانيا", dt.date(2022, 10, 1),
                 [("Liz Truss", "GBR", "Prime Minister", True)], id="truss-prime-minister"),
    pytest.param("وقال أنطونيو كوستا إن", D2023, [("António Costa", "PRT", "Prime Minister", True)],
                 id="costa-portuguese-pm"),
    pytest.param("وقال أنطونيو كوستا إن", D2025, [("António Costa", None, "President of the European Council", True)],
                 id="costa-european-council"),
    pytest.param("وقال وانغ يي إن بكين لا تزود أيا من الطرفين بالسلاح", D2023,
                 [("Wang Yi", "CHN", "Minister of Foreign Affairs", False)], id="wang-yi-between-his-terms"),
    pytest.param("وقال وانغ يي إن بكين لا تزود أيا من الطرفين بالسلاح", dt.date(2024, 3, 15),
                 [("Wang Yi", "CHN", "Minister of Foreign Affairs", True)], id="wang-yi-second-term"),
    pytest.param("استقبل الرئيس التركي رجب طيب إردوغان نظيره الأوكراني في إسطنبول", dt.date(2023, 7, 8),
                 [("Recep Tayyip Erdoğan", "TUR", "President", True), (None, "UKR", "الرئيس", None)],
                 id="gulf-erdogan-kasra-hamza-and-counterpart"),
    pytest.param("وقال وزير الشؤون الخارجية الفرنسي جان نويل بارو إن باريس", D2025,
                 [("Jean-Noël Barrot", "FRA", "Minister for Europe and Foreign Affairs", True)],
                 id="maghrebi-barrot"),
    pytest.param("برلين (د ب أ) - قال وزير الخارجية الألماني يوهان فاديفول إن بلاده", D2025,
                 [("Johann Wadephul", "DEU", "Federal Minister for Foreign Affairs", True)], id="wire-wadephul"),
    pytest.param("قال وزير الدفاع البولندي فلاديسلاف كوسينياك كاميش إن وارسو", D2025,
                 [("Władysław Kosiniak-Kamysz", "POL", "Minister of National Defence", True)],
                 id="compound-surname-without-hyphen"),
    pytest.param("وقالت رئيسة المفوضية الأوروبية أورسولا فون دير لاين إن الاتحاد", D2025,
                 [("Ursula von der Leyen", None, "President of the European Commission", True)], id="von-der-leyen-eu"),
    pytest.param("وصرح نائب الرئيس الأمريكى جى دى فانس للصحفيين بأن", D2025,
                 [("JD Vance", "USA", "Vice President", True)], id="egyptian-ya-vance"),
    pytest.param("وقال وزير الدفاع الدنماركي ترويلز لوند بولسن في بيان إن", dt.date(2023, 9, 1),
                 [("Troels Lund Poulsen", "DNK", "Minister of Defence", True)], id="poulsen"),
    pytest.param("بحضور رئيس وزراء هولندا ديك شوف", D2025, [("Dick Schoof", "NLD", "Prime Minister", True)],
                 id="construct-title-then-schoof"),
    pytest.param("شوف الفيديو كاملا على موقعنا", D2025, [], id="levantine-shuf-is-not-schoof"),
    pytest.param("قال وزير الدفاع السويدي بال جونسون إن ستوكهولم", D2025,
                 [("Pål Jonson", "SWE", "Minister for Defence", True)], id="pal-jonson-not-boris-johnson"),
    pytest.param("التقى وزير الدفاع الكندي بيل بلير نظيره الأوكراني", dt.date(2024, 2, 14),
                 [("Bill Blair", "CAN", "Minister of National Defence", True), (None, "UKR", "وزير الدفاع", None)],
                 id="blair-full-name"),
    pytest.param("وكان توني بلير قد زار المنطقة", D2025, [], id="tony-blair-not-bill-blair"),
    pytest.param("وقال الرئيس البولندي أندجي دودا", dt.date(2025, 10, 1),
                 [("Andrzej Duda", "POL", "President", False)], id="duda-after-his-term"),
    pytest.param("ويشارك رئيس الوزراء المجري فيكتور أوربان في القمة", D2025,
                 [("Viktor Orbán", "HUN", "Prime Minister", True)], id="orban"),
    pytest.param("أكدت روبلز أن مدريد ستواصل دعم كييف", D2025,
                 [("Margarita Robles", "ESP", "Minister of Defence", True)], id="robles-surname-alone"),
    pytest.param("وقال المدرب هيكتور كوبر إن", D2025, [], id="cuper-not-yvette-cooper"),
    pytest.param("وأشادت السفيرة نيكي هيلي بالقرار", D2023, [],
                 id="nikki-haley-not-healey",
                 marks=pytest.mark.xfail(strict=True, reason="a listed surname alone is taken even after another "
                                                            "first name")),
]


@pytest.mark.parametrize(("raw", "published", "expected"), KNOWN)
def test_known_officials(raw: str, published: dt.date | None, expected: list[tuple]) -> None:
    assert officials(raw, published) == expected


TITLES = [
    pytest.param("قال وزير الدفاع الأمريكي إن بلاده", [(None, "USA", "وزير الدفاع", None)], id="title-adjective"),
    pytest.param("وقال وزير الدفاع في المملكة المتحدة إن", [(None, "GBR", "وزير الدفاع", None)],
                 id="title-fi-country"),
    pytest.param("صرح رئيس وزراء بريطانيا بأن", [(None, "GBR", "رئيس الوزراء", None)], id="construct-title-country"),
    pytest.param("أجرى وزير الدفاع الروسي اتصالا مع نظيره الأمريكي",
                 [(None, "RUS", "وزير الدفاع", None), (None, "USA", "وزير الدفاع", None)],
                 id="counterpart-takes-previous-title"),
    pytest.param("وقال المتحدث باسم الكرملين إن موسكو", [(None, "RUS", "المتحدث باسم", None)],
                 id="spokesman-kremlin"),
    pytest.param("وزيرا الدفاع الأمريكي والبريطاني يترأسان الاجتماع",
                 [(None, "USA", "وزير الدفاع", None), (None, "GBR", "وزير الدفاع", None)],
                 id="dual-title-two-countries"),
    pytest.param("وأكدت وزيرة الخارجية الألمانية أن", [(None, "DEU", "وزير الخارجية", None)],
                 id="feminine-foreign-minister"),
    pytest.param("وقال وزير الشؤون الخارجية الفرنسي إن", [(None, "FRA", "وزير الخارجية", None)],
                 id="maghrebi-foreign-affairs"),
    pytest.param("استقبل العاهل الأردني الوفد", [(None, "JOR", "الملك", None)], id="jordanian-monarch"),
    pytest.param("وقال رئيس الوزراء البريطاني يوم الخميس", [(None, "GBR", "رئيس الوزراء", None)],
                 id="name-stops-at-weekday"),
    pytest.param("دعا الأمين العام للناتو إلى", [(None, None, "الأمين العام لحلف شمال الأطلسي", None)],
                 id="nato-secretary-general-no-name"),
    pytest.param("لوزير الدفاع الأمريكى", [(None, "USA", "وزير الدفاع", None)], id="clitic-title-egyptian-ya"),
    pytest.param("قال وزير الدفاع إن", [], id="title-without-nationality"),
    pytest.param("أعلن الرئيس أن", [], id="bare-president"),
    pytest.param("وقال الأمين العام للأمم المتحدة إن", [], id="un-secretary-general-not-nato"),
    pytest.param("ونظرائه الأوروبيين", [], id="european-counterparts-no-country"),
]


@pytest.mark.parametrize(("raw", "expected"), TITLES)
def test_titled_officials(raw: str, expected: list[tuple]) -> None:
    assert officials(raw) == expected


NAME_SPANS = [
    # names not in data/officials.csv (the ministers first used here, Brekelmans, Crosetto and Blair, are listed now)
    pytest.param("وأعلن وزير الدفاع اليوناني نيكوس ديندياس أن بلاده", "وزير الدفاع اليوناني نيكوس ديندياس",
                 id="unknown-name-stops-at-an"),
    pytest.param("قال وزير الدفاع الكرواتي إيفان أنوشيتش، إن", "وزير الدفاع الكرواتي إيفان أنوشيتش",
                 id="unknown-name-stops-at-comma"),
    pytest.param("وزير الدفاع البرتغالي نونو ميلو قال", "وزير الدفاع البرتغالي نونو ميلو",
                 id="unknown-name-stops-at-verb"),
    pytest.param("أجرى وزير الدفاع الروسي اتصالا هاتفيا", "وزير الدفاع الروسي", id="noun-is-not-a-name"),
    pytest.param("وقال وزير الدفاع البولندي الجديد", "وزير الدفاع البولندي", id="al-word-is-not-a-name"),
    pytest.param("قال وزير الخارجية السنغافوري فيفيان بالاكريشنان إن", "وزير الخارجية السنغافوري فيفيان بالاكريشنان",
                 id="name-starting-like-a-clitic",
                 marks=pytest.mark.xfail(strict=True, reason="a word starting with بال is taken as ب + ال")),
]


@pytest.mark.parametrize(("raw", "span"), NAME_SPANS)
def test_unknown_name_span(raw: str, span: str) -> None:
    hits = find_officials(norm(raw), D2025)
    assert [h.text for h in hits] == [norm(span)]


def test_datetime_publication_accepted() -> None:
    hits = find_officials(norm("ترأس لويد أوستن الاجتماع"), dt.datetime(2023, 3, 15, 12, 0))
    assert [(h.name_en, h.in_tenure) for h in hits] == [("Lloyd Austin", True)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*"ابتجدرسغقكلمنهوي ،:", "وزير الدفاع", "الأمريكي", "نظيره", "بايدن ", "في "]),
                max_size=60).map("".join), st.one_of(st.none(), st.dates()))
def test_no_exception_on_arbitrary_text(raw: str, published: dt.date | None) -> None:
    s = norm(raw)
    for h in find_officials(s, published):
        assert h.text == s[h.start : h.end] and h.start < h.end


