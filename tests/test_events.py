"""Held-out tests for event assembly: short Arabic news passages -> events and participants.

Every passage was written for this file in the styles of Arabic news (agency copy, Egyptian, Gulf, Levantine,
Maghrebi, machine-translated copy); none is taken from the seed articles. The expected values are what a careful analyst
reading the passage would record under the contract of /work/shared/eval/README.md:
- date precision is honest (a month stays a month, no invented day); relative dates resolve against the publication
  date; a past-tense lead event with no date of its own gets the publication date;
- one event mentioned several times is ONE event; a format named only as an institution, a press conference, a call
  that did not happen, a habit, or a meeting word inside a figurative quote is NO event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.extract.article import extract_article

SCORED = {"udcg_meeting", "coalition_meeting", "nato_meeting", "armaments_meeting", "phone_call",
          "bilateral_meeting", "other_meeting"}
TYPES = {"udcg": "udcg_meeting", "coalition": "coalition_meeting", "nato": "nato_meeting",
         "armaments": "armaments_meeting", "call": "phone_call", "bilateral": "bilateral_meeting",
         "other": "other_meeting"}


@dataclass(frozen=True)
class E:
    """One expected event. Fields left as None are not checked; role sets are checked exactly when given."""

    kind: str
    date: str
    loc: str | None = None
    count: int | None = None
    no_count: bool = False
    chair: frozenset[str] | None = None
    absent: frozenset[str] | None = None
    party: frozenset[str] | None = None


def fs(*codes: str) -> frozenset[str]:
    return frozenset(codes)


def d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def xf(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


P = pytest.param

CASES = [
    # ------------------------------------------------------------------ the Ramstein group under many names
    P("رامشتاين (ألمانيا) (أ ف ب) - اجتمع وزراء دفاع نحو خمسين دولة الجمعة في قاعدة رامشتاين الجوية الأمريكية في "
      "ألمانيا، في إطار مجموعة الاتصال الدفاعية الخاصة بأوكرانيا، لبحث تعزيز الدفاعات الجوية لكييف.",
      d("2024-09-07"), [E("udcg", "2024-09-06", loc="Ramstein", count=50)],
      id="afp-contact-group-ramstein-base-friday"),
    P("عقدت مجموعة الاتصال بشأن الدفاع عن أوكرانيا اجتماعها الخامس والعشرين في مقر حلف شمال الأطلسي ببروكسل يوم "
      "الأربعاء 12 فبراير 2025، برئاسة وزير الدفاع البريطاني جون هيلي.",
      d("2025-02-13"), [E("udcg", "2025-02-12", loc="Brussels", chair=fs("GBR"))],
      id="gulf-contact-group-on-defence-of-ukraine"),
    P("التأمت مجموعة رامشتاين أمس الثلاثاء عبر الفيديو بمشاركة ممثلي أكثر من 40 دولة، وسط قلق أوروبي من تراجع "
      "الدعم الأمريكي.",
      d("2025-03-12"), [E("udcg", "2025-03-11", loc="Virtual", count=40)],
      id="levantine-ramstein-group-convened-video"),
    P("أعلن وزير الدفاع الأوكراني رستم عمروف أن اجتماعا جديدا بصيغة رامشتاين سيعقد الأربعاء المقبل في مقر الناتو "
      "ببروكسل.",
      d("2025-04-03"), [E("udcg", "2025-04-09", loc="Brussels")], id="ramstein-format-next-wednesday-nato-hq"),
    P('شارك وزير الدفاع الأوكراني في اجتماع "رامشتاين" الذي عقد اليوم الاثنين افتراضيا برئاسة المملكة المتحدة '
      "وألمانيا.",
      d("2025-07-21"), [E("udcg", "2025-07-21", loc="Virtual", chair=fs("GBR", "DEU"))],
      id="quoted-ramstein-meeting-today-virtual"),
    P("انطلقت في بروكسل أعمال رامشتاين-25 برئاسة بريطانيا وألمانيا، بحضور وزير الدفاع الأمريكي بيت هيغسيث.",
      d("2025-02-12"), [E("udcg", "2025-02-12", loc="Brussels", chair=fs("GBR", "DEU"))],
      id="numbered-ramstein-25-opened"),
    P("عقدت مجموعة الدعم الدفاعي لأوكرانيا اجتماعها الافتراضي يوم الأربعاء 21 مايو، برئاسة مشتركة لوزيري الدفاع "
      "البريطاني جون هيلي والألماني بوريس بيستوريوس.",
      d("2025-05-22"), [E("udcg", "2025-05-21", loc="Virtual", chair=fs("GBR", "DEU"))],
      id="defence-support-group-virtual-co-chairs"),
    P("ترأس وزير الدفاع الأمريكي لويد أوستن الاجتماع الثاني والعشرين لمجموعة الاتصال المعنية بالدفاع عن أوكرانيا، "
      "والذي عُقد في قاعدة رامشتاين الجوية بألمانيا يوم الجمعة 6 سبتمبر.",
      d("2024-09-08"), [E("udcg", "2024-09-06", loc="Ramstein", chair=fs("USA"))],
      id="gulf-ordinal-meeting-chaired-by-austin"),
    P("وشهدت العاصمة البلجيكية بروكسل، أمس الخميس، اجتماع مجموعة الاتصال الخاصة بالدفاع عن أوكرانيا، والذي شارك "
      "فيه وزراء دفاع أكثر من 40 دولة.",
      d("2025-06-06"), [E("udcg", "2025-06-05", loc="Brussels", count=40)],
      id="egyptian-capital-witnessed-meeting"),
    P("يجتمع وزراء دفاع مجموعة الاتصال الدولية للدفاع عن أوكرانيا في لندن يوم 12 يونيو المقبل.",
      d("2025-05-30"), [E("udcg", "2025-06-12", loc="London")], id="international-contact-group-next-june"),
    P("قال مسؤول في البنتاغون إن اجتماع UDCG المقبل سيعقد في 20 نوفمبر عبر الإنترنت.",
      d("2024-11-05"), [E("udcg", "2024-11-20", loc="Virtual")], id="latin-acronym-udcg-online"),
    P("اجتمعت مجموعة الاتصال لدعم أوكرانيا عسكريا في قاعدة رامشتاين في 26 أبريل 2022 بدعوة من الولايات المتحدة.",
      d("2024-04-26"), [E("udcg", "2022-04-26", loc="Ramstein", chair=fs("USA"))],
      id="contact-group-to-support-ukraine-founding"),
    P("اجتمع وزراء دفاع مجموعة الاتصال الدفاعية الأوكرانية في رامشتاين، ألمانيا، يوم الثلاثاء 19 سبتمبر 2023.",
      d("2023-09-20"), [E("udcg", "2023-09-19", loc="Ramstein")],
      id="machine-translated-ukrainian-defense-contact-group"),
    P("عُقد اجتماع رامشتاين السادس والعشرون في مقر الناتو ببروكسل في ١١ أبريل ٢٠٢٥ بمشاركة نحو ٥٠ دولة.",
      d("2025-04-12"), [E("udcg", "2025-04-11", loc="Brussels", count=50)], id="ramstein-meeting-arabic-indic-digits"),
    P("احتضنت العاصمة الألمانية برلين، يوم الخميس، اجتماعا لمجموعة رامشتاين ترأسه وزيرا الدفاع الألماني والبريطاني.",
      d("2025-03-02"), [E("udcg", "2025-02-27", loc="Berlin", chair=fs("DEU", "GBR"))],
      id="maghrebi-berlin-hosted-dual-chairs"),
    P("انعقد اجتماع مجموعة رامستاين بمدينة بروكسيل يوم الخميس 13 فبراير 2025 بحضور وزراء دفاع حوالي خمسين بلدا.",
      d("2025-02-14"), [E("udcg", "2025-02-13", loc="Brussels", count=50)], id="maghrebi-ramstaine-spelling-city-of"),
    P("ترأس وزير الدفاع البريطاني اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا في مقر الناتو.",
      d("2025-02-12"), [E("udcg", "2025-02-12", loc="Brussels", chair=fs("GBR"))],
      id="undated-lead-takes-publication-date"),
    P("اجتمعت مجموعة رامشتاين في 12 فبراير 2025 ببروكسل.",
      None, [E("udcg", "2025-02-12", loc="Brussels")], id="no-publication-date-explicit-day"),
    # ------------------------------------------------------------------ coalition of the willing
    P("عقد قادة تحالف الراغبين اجتماعا عبر الفيديو اليوم الخميس برئاسة مشتركة لرئيس الوزراء البريطاني كير ستارمر "
      "والرئيس الفرنسي إيمانويل ماكرون.",
      d("2025-09-04"), [E("coalition", "2025-09-04", loc="Virtual", chair=fs("GBR", "FRA"))],
      id="coalition-video-co-chaired-today"),
    P('استضاف الرئيس الفرنسي في قصر الإليزيه الخميس قمة "تحالف الراغبين" بمشاركة نحو 30 دولة.',
      d("2025-03-29"), [E("coalition", "2025-03-27", loc="Paris", chair=fs("FRA"), count=30)],
      id="quoted-coalition-summit-elysee"),
    P("اجتمع قادة ائتلاف الدول الراغبة في دعم أوكرانيا في لندن أمس الأحد بدعوة من رئيس الوزراء البريطاني.",
      d("2025-03-03"), [E("coalition", "2025-03-02", loc="London", chair=fs("GBR"))],
      id="coalition-of-willing-states-invited-by-uk"),
    P("اجتمع وزراء دفاع تحالف الراغبين في مقر الناتو الخميس لبحث إرسال قوة طمأنة إلى أوكرانيا.",
      d("2025-04-11"), [E("coalition", "2025-04-10", loc="Brussels")], id="coalition-defence-ministers-at-nato-hq"),
    P("يستضيف ماكرون وستارمر اجتماعا لتحالف الراغبين يوم الخميس المقبل في باريس.",
      d("2025-08-31"), [E("coalition", "2025-09-04", loc="Paris", chair=fs("FRA", "GBR"))],
      id="coalition-next-thursday-hosted-by-two"),
    P("ناقش ممثلو 30 بلدا في اجتماع تحالف الراغبين الذي عقد بباريس أمس خطط نشر قوة طمأنة في أوكرانيا.",
      d("2025-03-28"), [E("coalition", "2025-03-27", loc="Paris", count=30)], id="representatives-of-30-countries"),
    P("اجتمع قادة قرابة ثلاثين دولة من تحالف الراغبين عبر الفيديو الثلاثاء.",
      d("2025-08-20"), [E("coalition", "2025-08-19", loc="Virtual", count=30)], id="nearly-thirty-leaders-video"),
    # ------------------------------------------------------------------ NATO
    P("يلتقي وزراء دفاع دول حلف شمال الأطلسي اليوم الخميس في مقر الحلف ببروكسل لبحث زيادة الإنفاق العسكري.",
      d("2025-06-05"), [E("nato", "2025-06-05", loc="Brussels")], id="nato-defence-ministers-today"),
    P("عقد مجلس الناتو-أوكرانيا اجتماعا طارئا أمس الثلاثاء على مستوى السفراء، بطلب من كييف، لبحث الضربات الروسية.",
      d("2024-11-27"), [E("nato", "2024-11-26")], id="nato-ukraine-council-emergency"),
    P("اختتمت قمة حلف شمال الأطلسي في لاهاي أعمالها الأربعاء بالاتفاق على رفع الإنفاق الدفاعي إلى 5 في المئة.",
      d("2025-06-26"), [E("nato", "2025-06-25", loc="The Hague")], id="nato-summit-the-hague-closed"),
    P("تغيب وزير الدفاع المجري عن اجتماع وزراء دفاع الناتو في بروكسل الخميس.",
      d("2025-06-06"), [E("nato", "2025-06-05", loc="Brussels", absent=fs("HUN"))],
      id="hungarian-minister-absent-nato"),
    P("قاطعت المجر اجتماع مجلس الناتو-أوكرانيا الذي عقد في بروكسل يوم 13 فبراير 2025.",
      d("2025-02-14"), [E("nato", "2025-02-13", loc="Brussels", absent=fs("HUN"))], id="hungary-boycotts-nuc"),
    # ------------------------------------------------------------------ armaments directors
    P("عقد مديرو التسلح الوطنيون في دول مجموعة الاتصال اجتماعا في بروكسل يوم 14 مايو لبحث إنتاج الذخيرة.",
      d("2025-05-16"), [E("armaments", "2025-05-14", loc="Brussels")], id="national-armaments-directors-brussels"),
    P("اجتمع المديرون الوطنيون للتسلح من نحو 40 دولة أمس عبر الفيديو لبحث زيادة إنتاج قذائف المدفعية.",
      d("2024-10-10"), [E("armaments", "2024-10-09", loc="Virtual", count=40)], id="armaments-directors-word-order"),
    # ------------------------------------------------------------------ phone calls
    P("كييف (رويترز) - أجرى الرئيس الأوكراني فولوديمير زيلينسكي اتصالا هاتفيا مع الرئيس الأمريكي دونالد ترامب "
      "اليوم الأربعاء بحثا خلاله الدفاعات الجوية.",
      d("2025-03-19"), [E("call", "2025-03-19", party=fs("UKR", "USA"))], id="reuters-call-zelensky-trump-today"),
    P("أجرى وزير الدفاع البريطاني جون هيلي اتصالا هاتفيا مع نظيره الأوكراني أمس.",
      d("2025-06-04"), [E("call", "2025-06-03", party=fs("GBR", "UKR"))], id="call-with-counterpart-yesterday"),
    P("بحث الرئيس الفرنسي إيمانويل ماكرون هاتفيا مع المستشار الألماني فريدريش ميرتس، مساء الأحد، سبل دعم أوكرانيا.",
      d("2025-08-18"), [E("call", "2025-08-17", party=fs("FRA", "DEU"))], id="discussed-by-phone-sunday-evening"),
    P("تلقى الرئيس الأوكراني اتصالا هاتفيا من رئيس الوزراء البريطاني كير ستارمر، اليوم السبت.",
      d("2025-03-01"), [E("call", "2025-03-01", party=fs("UKR", "GBR"))], id="received-call-from-starmer"),
    P("تلقى الرئيس عبد الفتاح السيسي، اليوم، اتصالاً هاتفياً من الرئيس الأوكراني فولوديمير زيلينسكي، حيث تم "
      "التباحث حول سبل إنهاء الحرب.",
      d("2025-01-09"), [E("call", "2025-01-09", party=fs("EGY", "UKR"))], id="egyptian-presidency-received-call"),
    P("تلقى صاحب السمو الملكي الأمير محمد بن سلمان بن عبدالعزيز آل سعود ولي العهد رئيس مجلس الوزراء، اتصالاً "
      "هاتفياً اليوم، من فخامة الرئيس فولوديمير زيلينسكي رئيس أوكرانيا.",
      d("2025-02-20"), [E("call", "2025-02-20", party=fs("SAU", "UKR"))], id="saudi-press-agency-crown-prince-call"),
    P("جرى اتصال هاتفي بين الرئيسين الأمريكي والروسي استمر أكثر من ساعتين، الثلاثاء.",
      d("2025-03-19"), [E("call", "2025-03-18", party=fs("USA", "RUS"))], id="call-between-two-presidents-adjectives"),
    P("اتصل الرئيس الفرنسي بنظيره الأوكراني هاتفيا مساء الجمعة.",
      d("2024-11-25"), [E("call", "2024-11-22", party=fs("FRA", "UKR"))], id="maghrebi-called-counterpart-friday"),
    P("وصف البيت الأبيض المكالمة الهاتفية التي جمعت ترامب وبوتين الأربعاء بأنها مثمرة.",
      d("2025-02-13"), [E("call", "2025-02-12", party=fs("USA", "RUS"))], id="the-call-that-brought-together"),
    P("أجرى زيلينسكي اتصالا هاتفيا مع ترامب اليوم. وقال زيلينسكي إن المكالمة كانت مثمرة. وأضاف أنه بحث خلال الاتصال "
      "الهاتفي مسألة صواريخ باتريوت.",
      d("2025-07-04"), [E("call", "2025-07-04", party=fs("UKR", "USA"))], id="one-call-mentioned-three-times"),
    # ------------------------------------------------------------------ bilateral talks and visits
    P("التقى وزير الدفاع الأمريكي بيت هيغسيث في بروكسل، أمس، نظيره الأوكراني رستم عمروف.",
      d("2025-02-13"), [E("bilateral", "2025-02-12", loc="Brussels", party=fs("USA", "UKR"))],
      id="met-counterpart-in-brussels"),
    P("استقبل الرئيس الأوكراني فولوديمير زيلينسكي في كييف، اليوم الاثنين، رئيس الوزراء البولندي دونالد توسك.",
      d("2025-07-21"), [E("bilateral", "2025-07-21", loc="Kyiv", party=fs("UKR", "POL"))],
      id="received-polish-pm-in-kyiv"),
    P("جرت في لندن، السبت، محادثات بين زيلينسكي وستارمر تناولت الضمانات الأمنية.",
      d("2025-03-02"), [E("bilateral", "2025-03-01", loc="London", party=fs("UKR", "GBR"))],
      id="talks-between-two-surnames"),
    P("زار رئيس الوزراء البريطاني كير ستارمر كييف الخميس، والتقى الرئيس فولوديمير زيلينسكي.",
      d("2025-01-17"), [E("bilateral", "2025-01-16", loc="Kyiv", party=fs("GBR", "UKR"))], id="visit-then-met"),
    P("أجرى وزير الخارجية السعودي الأمير فيصل بن فرحان مباحثات مع نظيره الأوكراني أندريه سيبيها في الرياض اليوم.",
      d("2025-03-10"), [E("bilateral", "2025-03-10", loc="Riyadh", party=fs("SAU", "UKR"))],
      id="gulf-mubahathat-with-counterpart"),
    P("اجتمع الرئيس التركي رجب طيب أردوغان مع الرئيس الأوكراني في أنقرة الثلاثاء.",
      d("2025-02-19"), [E("bilateral", "2025-02-18", loc="Ankara", party=fs("TUR", "UKR"))],
      id="levantine-met-with-in-ankara"),
    P("استقبل ترامب زيلينسكي في البيت الأبيض يوم الجمعة 28 فبراير 2025، في لقاء تحول إلى مشادة كلامية.",
      d("2025-03-01"), [E("bilateral", "2025-02-28", loc="Washington", party=fs("USA", "UKR"))],
      id="white-house-reception-by-surnames"),
    # ------------------------------------------------------------------ relative dates and honest precision
    P("وكانت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا قد عقدت اجتماعها الأخير الأسبوع الماضي في بروكسل.",
      d("2025-03-20"), [E("udcg", "2025-03", loc="Brussels")], id="last-week-is-a-month"),
    P("وكان الاجتماع السابق لمجموعة رامشتاين قد عقد الشهر الماضي عبر الفيديو.",
      d("2025-06-04"), [E("udcg", "2025-05", loc="Virtual")], id="last-month"),
    P("اجتمع وزراء دفاع تحالف الراغبين أمس في باريس.",
      d("2025-05-22"), [E("coalition", "2025-05-21", loc="Paris")], id="bare-yesterday"),
    P("يعقد وزراء دفاع مجموعة الاتصال الدفاعية اجتماعهم المقبل الخميس المقبل افتراضيا.",
      d("2025-08-18"), [E("udcg", "2025-08-21", loc="Virtual")], id="next-thursday"),
    P("ترأس هيلي وبيستوريوس الثلاثاء اجتماع مجموعة رامشتاين.",
      d("2025-03-14"), [E("udcg", "2025-03-11", chair=fs("GBR", "DEU"))], id="bare-past-weekday-surnames-chair"),
    P("عقدت مجموعة رامشتاين مطلع الشهر الجاري اجتماعا في بروكسل.",
      d("2025-02-20"), [E("udcg", "2025-02", loc="Brussels")], id="early-this-month"),
    P("وقد اجتمعت مجموعة الاتصال الدفاعية لأول مرة في أبريل 2022 بقاعدة رامشتاين الجوية في ألمانيا.",
      d("2024-06-13"), [E("udcg", "2022-04", loc="Ramstein")], id="month-and-year-only"),
    # ------------------------------------------------------------------ co-chairs, hosts, absentees
    P("ترأس البريطاني جون هيلي والألماني بوريس بيستوريوس اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اليوم "
      "في بروكسل.",
      d("2025-06-04"), [E("udcg", "2025-06-04", loc="Brussels", chair=fs("GBR", "DEU"))],
      id="british-and-german-chaired"),
    P("ترأس البريطاني والألماني الاجتماع الافتراضي لمجموعة رامشتاين أمس.",
      d("2025-07-22"), [E("udcg", "2025-07-21", loc="Virtual", chair=fs("GBR", "DEU"))],
      id="demonyms-only-chaired"),
    P("استضافت ألمانيا وبريطانيا اجتماع مجموعة رامشتاين في برلين يوم 11 مارس 2025.",
      d("2025-03-12"), [E("udcg", "2025-03-11", loc="Berlin", chair=fs("DEU", "GBR"))], id="hosted-by-two-countries"),
    P("اجتمع قادة تحالف الراغبين في باريس بدعوة من الرئيس الفرنسي إيمانويل ماكرون ورئيس الوزراء البريطاني كير "
      "ستارمر أمس.",
      d("2025-03-28"), [E("coalition", "2025-03-27", loc="Paris", chair=fs("FRA", "GBR"))],
      id="at-the-invitation-of-two-leaders"),
    P("غاب وزير الدفاع الأمريكي بيت هيغسيث عن اجتماع مجموعة رامشتاين الذي عقد اليوم في بروكسل، في سابقة منذ تأسيس "
      "المجموعة.",
      d("2025-04-11"), [E("udcg", "2025-04-11", loc="Brussels", absent=fs("USA"))], id="hegseth-absent"),
    P("ولم يحضر وزير الدفاع الأمريكي الاجتماع الافتراضي لمجموعة الاتصال الدفاعية، الذي ترأسه البريطاني جون هيلي "
      "والألماني بوريس بيستوريوس أمس.",
      d("2025-07-22"), [E("udcg", "2025-07-21", loc="Virtual", absent=fs("USA"), chair=fs("GBR", "DEU"))],
      id="did-not-attend-and-co-chairs"),
    P("انعقد اجتماع تحالف الراغبين في روما اليوم دون مشاركة الولايات المتحدة.",
      d("2025-07-10"), [E("coalition", "2025-07-10", loc="Rome", absent=fs("USA"))], id="without-us-participation"),
    P("عقد اجتماع مجموعة رامشتاين اليوم في بروكسل وسط غياب أمريكي لافت.",
      d("2025-04-11"), [E("udcg", "2025-04-11", loc="Brussels", absent=fs("USA"))],
      id="amid-american-absence-adjective"),
    P("عقدت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا، التي تأسست عام 2022 وتضم أكثر من 50 دولة، اجتماعها أمس عبر "
      "الفيديو.",
      d("2025-09-10"), [E("udcg", "2025-09-09", loc="Virtual", no_count=True)], id="membership-is-not-attendance"),
    # ------------------------------------------------------------------ several events in one article
    P("يعقد وزراء دفاع الناتو اجتماعا في بروكسل الخميس 5 يونيو، غداة اجتماع لمجموعة الاتصال الدفاعية الخاصة "
      "بأوكرانيا يوم الأربعاء 4 يونيو.",
      d("2025-06-02"), [E("nato", "2025-06-05", loc="Brussels"), E("udcg", "2025-06-04")],
      id="nato-ministerial-day-after-udcg"),
    P("ترأس هيلي وبيستوريوس اجتماع مجموعة رامشتاين أمس في بروكسل. وفي المساء، أجرى زيلينسكي اتصالا هاتفيا مع "
      "المستشار الألماني فريدريش ميرتس.",
      d("2025-06-05"), [E("udcg", "2025-06-04", loc="Brussels", chair=fs("GBR", "DEU")),
                        E("call", "2025-06-04", party=fs("UKR", "DEU"))], id="udcg-then-evening-call"),
    P("استضاف ستارمر في لندن الأحد قمة لقادة تحالف الراغبين. وعلى هامش القمة، التقى ستارمر الرئيس الأوكراني في "
      "داونينغ ستريت.",
      d("2025-03-03"), [E("coalition", "2025-03-02", loc="London", chair=fs("GBR")),
                        E("bilateral", "2025-03-02", loc="London", party=fs("GBR", "UKR"))],
      id="coalition-summit-and-sideline-bilateral"),
    P("قال عمروف إن مجموعة الاتصال الدفاعية الخاصة بأوكرانيا ستواصل عملها تحت القيادة الجديدة. وكان الاجتماع السابق "
      "للمجموعة قد عقد في 9 يناير في رامشتاين، فيما يعقد الاجتماع المقبل في 12 فبراير ببروكسل.",
      d("2025-01-20"), [E("udcg", "2025-01-09", loc="Ramstein"), E("udcg", "2025-02-12", loc="Brussels")],
      id="previous-and-next-meetings"),
    # ------------------------------------------------------------------ one event, several mentions
    P("عقدت مجموعة الاتصال الدفاعية الخاصة بأوكرانيا اجتماعها أمس في بروكسل. وقال هيلي في ختام الاجتماع إن الحلفاء "
      "تعهدوا بمليارات اليوروهات. وشارك في الاجتماع وزراء من نحو 50 دولة. وحضر هيغسيث الاجتماع لكنه لم يلق كلمة.",
      d("2025-02-13"), [E("udcg", "2025-02-12", loc="Brussels", count=50)], id="one-meeting-four-mentions"),
    P("عقد قادة تحالف الراغبين قمة افتراضية اليوم. وخلال قمة تحالف الراغبين، دعا ستارمر إلى زيادة الضغط على موسكو. "
      "وأكد ماكرون بعد القمة أن العمل جار على الضمانات الأمنية.",
      d("2025-03-15"), [E("coalition", "2025-03-15", loc="Virtual")], id="one-coalition-summit-three-mentions"),
    P("اجتمعت مجموعة رامشتاين الجمعة في ألمانيا. وأكد أوستن أن مجموعة الاتصال الدفاعية الخاصة بأوكرانيا باقية. "
      "واختتم الاجتماع بتعهدات جديدة.",
      d("2024-09-07"), [E("udcg", "2024-09-06")], id="one-meeting-two-names"),
    P("عقد أوستن مؤتمرا صحفيا في ختام اجتماع مجموعة الاتصال الدفاعية الخاصة بأوكرانيا في رامشتاين.",
      d("2024-09-06"), [E("udcg", "2024-09-06", loc="Ramstein")], id="press-conference-after-meeting-is-not-second"),
    # ------------------------------------------------------------------ negatives: no event
    P("أسست الولايات المتحدة مجموعة الاتصال عام 2022 لتنسيق المساعدات العسكرية لكييف.",
      d("2025-02-10"), [], id="neg-bare-contact-group-founded"),
    P("أسست الولايات المتحدة مجموعة الاتصال الدفاعية الخاصة بأوكرانيا عام 2022 لتنسيق المساعدات العسكرية لكييف.",
      d("2025-02-10"), [], id="neg-full-name-as-institution"),
    P("عقد وزير الدفاع الأوكراني مؤتمرا صحفيا في كييف اليوم تحدث فيه عن احتياجات الجيش من الدفاعات الجوية.",
      d("2025-02-10"), [], id="neg-press-conference"),
    P("قال الرئيس الأمريكي إنه لا يعتزم الاتصال بالرئيس الروسي في الوقت الحالي.",
      d("2025-02-10"), [], id="neg-does-not-intend-to-call"),
    P("تجتمع مجموعة رامشتاين شهريا تقريبا منذ تأسيسها لتنسيق تسليم الأسلحة إلى كييف.",
      d("2025-02-10"), [], id="neg-habitual-monthly"),
    P('وقال المحلل العسكري: "ما يجري في الجبهة ليس اجتماع مجموعة رامشتاين، بل حرب استنزاف حقيقية".',
      d("2025-02-10"), [], id="neg-figurative-quote"),
    P('قال زيلينسكي: "لا نحتاج إلى قمة أخرى للكلام، بل إلى صواريخ".',
      d("2025-02-10"), [], id="neg-quote-another-summit"),
    P("نفى المتحدث باسم الكرملين دميتري بيسكوف إجراء أي اتصال هاتفي بين بوتين وترامب خلال الأيام الماضية.",
      d("2025-02-10"), [], id="neg-kremlin-denies-call"),
    P("تعهدت دول مجموعة رامشتاين بتقديم مزيد من أنظمة الدفاع الجوي لأوكرانيا خلال العام الجاري.",
      d("2025-02-10"), [], id="neg-group-members-pledge"),
    P("لم يجر أي اتصال بين الرئيسين الروسي والأوكراني منذ بداية الحرب.",
      d("2025-02-10"), [], id="neg-no-contact-since-war"),
    P("استبعد الكرملين عقد قمة بين بوتين وزيلينسكي في المستقبل القريب.",
      d("2025-02-10"), [], id="neg-summit-ruled-out"),
    P("يضم تحالف الراغبين أكثر من 30 دولة مستعدة لإرسال قوات إلى أوكرانيا بعد وقف إطلاق النار.",
      d("2025-02-10"), [], id="neg-coalition-membership"),
    P("إذا عقدت قمة بين بوتين وترامب، فستكون على الأرجح في السعودية.",
      d("2025-02-10"), [], id="neg-conditional-summit"),
]


# Known failures of the current rules (strict: a fix makes the case pass and the mark must then go).
XFAIL = {
    "defence-support-group-virtual-co-chairs":
        "'اجتماعها الافتراضي' not Virtual; 2nd co-chair 'والألماني NAME' dropped",
    "next-thursday": "'افتراضيا' at the end (strict online cue) not taken as Virtual",
    "membership-is-not-attendance": "'وتضم أكثر من 50 دولة' (membership) taken as attendance",
    "neg-figurative-quote": "meeting words inside a quote still make an event",
}
CASES = [P(*c.values, id=c.id, marks=[xf(XFAIL[c.id])]) if c.id in XFAIL else c for c in CASES]


def _scored(rows_events: list[dict]) -> list[dict]:
    return [e for e in rows_events if e["event_type"] in SCORED]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_events(text: str, published: dt.date | None, expected: list[E]) -> None:
    check_events(text, published, expected)


def check_events(text: str, published: dt.date | None, expected: list[E]) -> None:
    """The scored events of ``text`` are exactly ``expected`` (type and date), with the fields each one gives."""
    rows = extract_article("t", text, published)
    got = _scored(rows.events)
    got_keys = sorted((e["event_type"], e["date"]) for e in got)
    want_keys = sorted((TYPES[x.kind], x.date) for x in expected)
    assert got_keys == want_keys, f"events {got_keys} != {want_keys}"
    used: set[str] = set()
    for want in expected:
        ev = next(e for e in got if (e["event_type"], e["date"]) == (TYPES[want.kind], want.date)
                  and e["event_id"] not in used)
        used.add(ev["event_id"])
        roles: dict[str, set[str]] = {}
        for p in rows.participants:
            if p["event_id"] == ev["event_id"]:
                roles.setdefault(p["role"], set()).add(p["country"])
        if want.loc is not None:
            assert ev["location"] == want.loc, f"location of {want.kind}"
        if want.count is not None:
            assert ev["attending_count"] == want.count, f"attending_count of {want.kind}"
        if want.no_count:
            assert ev["attending_count"] is None, f"attending_count of {want.kind}"
        for role in ("chair", "absent", "party"):
            exp = getattr(want, role)
            if exp is not None:
                assert roles.get(role, set()) == set(exp), f"{role} of {want.kind}: {roles}"


def test_case_ids_unique() -> None:
    ids = [c.id for c in CASES]
    assert len(ids) == len(set(ids)) and len(ids) >= 60


# ---------------------------------------------------------------------- robustness
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.one_of(st.none(), st.dates(min_value=dt.date(1990, 1, 1))))
def test_never_raises_on_arbitrary_text(text: str, published: dt.date | None) -> None:
    rows = extract_article("h", text, published)
    for e in rows.events:
        assert e["date"] == "" or len(e["date"]) in (4, 7, 10)


_PIECES = [
    "اجتماع", "اجتمع", "الاجتماع", "قمة", "لقاء", "التقى", "استقبل", "اتصالا هاتفيا", "مكالمة هاتفية", "محادثات بين",
    "مجموعة الاتصال الدفاعية الخاصة بأوكرانيا", "مجموعة رامشتاين", "رامشتاين-25", "صيغة رامشتاين", "تحالف الراغبين",
    '"تحالف الراغبين"', "مجلس الناتو-أوكرانيا", "وزراء دفاع الناتو", "مديرو التسلح الوطنيون", "برئاسة", "بدعوة من",
    "ترأس", "استضافت", "غاب", "لم يحضر", "دون مشاركة", "قاطعت", "بمشاركة نحو 50 دولة", "ممثلو 30 بلدا", "أكثر من",
    "اليوم", "أمس", "الخميس المقبل", "الأسبوع الماضي", "الشهر الماضي", "12 فبراير 2025", "١١ أبريل ٢٠٢٥", "في 2022",
    "منذ", "عبر الفيديو", "افتراضيا", "في مقر الناتو", "في بروكسل", "بكييف", "الولايات المتحدة", "بريطانيا",
    "ألمانيا", "فرنسا", "أوكرانيا", "البريطاني", "الألماني", "نظيره الأوكراني", "زيلينسكي", "ترامب", "هيلي", "و", "،",
    ".", "؟", '"', ":", "الذي", "التي", "لا يعتزم", "سوف", "شهريا", "مؤتمرا صحفيا", "\n", " ",
]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=40),
       st.one_of(st.none(), st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))))
def test_never_raises_on_trigger_soup(pieces: list[str], published: dt.date | None) -> None:
    text = " ".join(pieces)
    rows = extract_article("soup", text, published)
    ids = {e["event_id"] for e in rows.events}
    for p in rows.participants:
        assert p["event_id"] in ids
        assert len(p["country"]) == 3 or p["country"] == "ALL"
