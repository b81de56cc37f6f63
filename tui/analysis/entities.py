"""Named entities in Arabic news: people, places, organisations, events.

Offline and rule-based, three sources, resolved longest-span-first without overlaps:

1. **Gazetteer** (``gazetteer.py``): CLDR country names from babel, curated
   ``data/*.tsv`` and the user's ``entities.tsv``; matched token by token on the
   matching form, through attached clitics (``وبوتين`` → ``بوتين``).
2. **Triggers**: a title (``الرئيس``، ``وزير الخارجية``، ``المتحدثة باسم …``،
   ``الدكتورة`` …) followed by a name chain → PER; a construct-state head
   (``وزارة``، ``مجلس``، ``قمة``، ``حرب`` …) with a definite or known complement
   and its adjectives → ORG or EVENT; a known first name starting a chain of at
   least two name tokens → PER (a weak first name such as ``جمال`` starts it only
   before a strong one; ``عبد`` + a divine name is a first name); a verb of saying
   followed by a two- or three-token chain and ``إن``/``أن`` or a colon → PER.
3. **Surnames**: within an article, the last token of a multi-token name found
   by a trigger also marks later bare mentions (``لانا بدفان`` … ``بدفان``).

Spans cover the name only: never the title (``الرئيس الروسي``), never a
conjunction or preposition clitic (``و``/``ب``/``ل``…). A name written with the
article keeps it (``والرياض`` → ``الرياض``); after ``لل`` the span starts at the
second lam, the article's own (its alef is elided after the preposition ل):
``للولايات المتحدة`` → ``لولايات المتحدة``. Nisba adjectives (``الروسية``، ``الأمريكي``) are never entities on
their own: they are cues inside titles and organisation names.

One entity, one id: ``TYPE:slug`` of the English name for gazetteer entries,
``TYPE:`` + the matching form for names found by triggers;
``link_corpus_entities`` then folds bare surnames into the one full name that
ends with them across the corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from tui.analysis.gazetteer import DATA_DIR, Gazetteer, build_gazetteer, entity_id, name_tokens, slug
from tui.analysis.model import Mention
from tui.text.calendar_names import MONTHS_AR
from tui.text.normalize import TASHKEEL, TATWEEL, normalize, normalize_with_map, original_span, strip_clitics

__all__ = [
    "VERSION",
    "extract_entities",
    "link_corpus_entities",
    "EntityIndex",
    "EntityInfo",
    "english_names",
    "gazetteer_warnings",
    "get_gazetteer",
    "reload_gazetteer",
]

VERSION = "9"


def _norm_set(words: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in words.split())


STOPWORDS = _norm_set(
    """
    في من إلى الى على عن مع بين حول ضد عند لدى منذ خلال بعد قبل حتى أن إن أنه إنه أنها إنها
    أنهم كان كانت كانوا يكون تكون قد لقد لم لن لا ما ماذا لماذا هل هو هي هم هن هما نحن أنا
    هذا هذه هذان ذلك تلك هؤلاء أولئك التي الذي الذين اللذين اللتين اللاتي كل بعض غير أي أو
    أم ثم بل لكن لكنه ولكن كما كذلك إذا إذ حيث عبر دون نحو وفق وفقا أيضا فقط جدا هنا هناك
    اليوم أمس غدا الآن عام العام سنة شهر يوم أمام خلف فوق تحت وراء عدة عدد جميع معظم نفس ذات
    قال يقول قالت أكد يؤكد أكدت أعلن أعلنت أضاف أضافت أشار أشارت أوضح أوضحت ذكر ذكرت شدد
    دعا طالب وصف وصفت اعتبر رأى يرى ترى يعتقد زار يزور التقى استقبل بحث ناقش أجرى تلقى بعث
    وجه هنأ أعرب أعربت أبدى قام تم يتم جرى سيكون ليس ليست مثل بسبب لأن عندما بينما رغم
    الذى التى يمكن ضمن لدي مساء صباح الأحد الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت
    تولي رفض يعد يعتبر قادر قادرة خطاب سوف وقد فقد لذلك ولذلك إلا ليس لها له لهم بها به
    فيه فيها منه منها عليه عليها إليه معه بأن بأنه لأنه كيف متى أين أكثر أقل أول آخر أخرى
    عليهم لهم منهم بهم أعوام أيام ساعات مجموع نقل حالة استشهاد وفاة مقتل الماضي المقبل
    """
) | _norm_set(" ".join(MONTHS_AR))
# Common words that followed titles or first names in real news and were read as
# names ("الفريق الأول لكرة القدم", "مشاري قرر تمديد عهده"): never part of a person
# chain (they may still be a title's modifiers, unlike STOPWORDS).
NOT_NAMES = _norm_set(
    """
    كرة لكرة الكرة القدم قرر قررت تمديد متبق متبقي عهده عهد ولاية الحالي السابق الجديد
    الأسبق الراحل المكلف بالنيابة المساعد العام التنفيذي مساعد
    الذين إدارة مجلس لاعب لاعبي مدرب اللاعب حارس مهاجم مدافع رئيس عضو أعضاء لجنة
    يوم أيام مساء صباحا مساءا ظهر عصر فجر ليلة خلالها حاليا سابقا لاحقا مجددا أيضا
    بعدما عندما حينما كلما طالما مثلما ريثما قبلما كونه كونها كونهم بصفته بصفتها
    قائلا مضيفا مؤكدا موضحا مشيرا لافتا معتبرا منوها مبينا الأخير
    إنما رحمه يرحمه حفظه رحمها حفظها دراسة دراسات تقرير تقارير
    """
)

# Words that introduce a person's name (with or without the article; clitics allowed).
TITLES = _norm_set(
    """
    الرئيس رئيس رئيسة نائب النائب نائبة النائبة وزير الوزير وزيرة الوزيرة المتحدث
    المتحدثة متحدث الناطق ناطق الناطقة الدكتور الدكتورة د السيناتور المبعوث مبعوث المبعوثة
    السفير سفير السفيرة الأمين أمين الملك الملكة الأمير الأميرة ولي الشيخ الشيخة السلطان
    الإمام البابا المستشار المستشارة القائد قائد الجنرال اللواء العميد العقيد الفريق المشير
    الزعيم زعيم المرشد الكاتب الكاتبة الصحفي الصحفية الصحافي الصحافية الباحث الباحثة المحلل
    المحللة الخبير الخبيرة البروفيسور الأستاذ الأستاذة المهندس المهندسة الحاكم حاكم المحافظ
    محافظ عمدة العمدة السيد السيدة نظيره نظيرته النجم النجمة اللاعب المدرب الفنان
    الفنانة الممثل الممثلة الشاعر الشاعرة المطرب المطربة مدير المدير مديرة المديرة المفوض
    المفوضة الحاخام القس الكاردينال البطريرك المتحدثين الرئيسين الزعيمين كتب كتبت بقلم
    برئاسة
    """
)
# Verbs of saying: "وقال X Y إن …" names a speaker even without a title. Only a
# chain of one to three name tokens right before إن/أن (or a colon) counts (a
# single one without the article or an adjective/plural ending), and never one
# that starts with a generic speaker noun (مسؤول، مصدر، قائل …).
SAY_VERBS = _norm_set(
    """
    قال قالت أكد أكدت أضاف أضافت صرح صرحت أوضح أوضحت أشار أشارت ذكر ذكرت أعلن أعلنت شدد
    شددت اعتبر اعتبرت تابع تابعت لفت لفتت نفى نفت كشف كشفت رأى رأت يقول تقول
    """
)
_SAY_NEXT = _norm_set("إن أن إنه أنه إنها أنها")
GENERIC_SPEAKERS = _norm_set(
    """
    مسؤول مسؤولة مسؤولون مصدر مصادر شاهد شهود بيان تقرير مراسل خبير خبراء ناشط ناشطون
    سكان مواطن مواطنون دبلوماسي دبلوماسيون محلل محللون متحدث ناطق مصدر طبيب أطباء ضابط
    عضو أعضاء قيادي قياديون نائب نواب مستشار رئيس وزير مدير شهود موظف عامل مسعف طبيب
    قائل أحد أحدهم بعضهم مصدرا بيانا
    """
)
# "X باسم Y" (spokesperson for Y): the complement is skipped before the name.
_ON_BEHALF = normalize("باسم")

# Heads of construct-state names (indefinite, the complement follows).
ORG_HEADS = _norm_set(
    """
    وزارة مجلس حلف اتحاد منظمة قناة جامعة شركة بنك مصرف صندوق حزب جماعة حركة وكالة صحيفة
    مجلة محكمة هيئة جمعية مؤسسة مركز معهد مستشفى نادي منتخب مجموعة لجنة تحالف برلمان
    أكاديمية كلية إذاعة منصة جبهة ميليشيا تنظيم نقابة رابطة ائتلاف ديوان
    مديرية رئاسة مرصد مكتب برنامج مدرسة
    """
)
# Facilities: a construct name after them is a place (span includes the head):
# "مطار الملك خالد الدولي", "إستاد محمد بن زايد".
FAC_HEADS = _norm_set("مطار ملعب استاد إستاد ستاد ميناء")
# Definite heads of bodies named with an adjective and a ل-complement:
# "الرئاسة العامة للأرصاد وحماية البيئة", "المرصد السوري لحقوق الإنسان".
DEF_ORG_HEADS = _norm_set(
    """
    الرئاسة الهيئة المديرية المرصد اللجنة المؤسسة الجمعية المركز الاتحاد المجلس الصندوق
    البرنامج الوكالة الإدارة المنظمة الشركة الأكاديمية الجامعة المعهد المكتب الديوان النقابة
    الرابطة
    """
)
# Adjectives of such names that the nisba test (…ي/…ية) misses.
ORG_ADJ = _norm_set("العامة العام العليا الأعلى الوطنية الوطني الدولية الدولي الخيرية التعاونية الأهلية الموحد")
# Indefinite nouns that stand between a head and its definite complement in names:
# "اتحاد كرة القدم", "مجلس قيادة الثورة", "لحقوق الإنسان", "لرعاية الشباب".
CONSTRUCT_MIDDLES = _norm_set(
    """
    كرة قيادة حقوق كبار رعاية حماية شؤون تنمية تطوير مكافحة دول علوم بحوث أبحاث إغاثة
    تعاون خدمة خدمات تحقيق هندسة طب
    """
)
# The subset that follows ل in a name ("لحقوق الإنسان"); "لتحقيق الأهداف" is a purpose.
LAM_MIDDLES = _norm_set("حقوق رعاية شؤون علوم بحوث أبحاث دول إغاثة خدمة خدمات حماية كرة")
# ل-tokens that are idioms, not the complement of a name ("للغاية", "للمرة").
_LAM_IDIOMS = _norm_set("للغاية للمرة لله للتو للحظة للبلاد للعام للسنة للشهر لليوم للأسبوع")
# The titles of royals that start a person chain inside a facility or university name.
ROYAL_TITLES = _norm_set("الملك الأمير الأميرة الشيخ الشيخة السلطان الإمام")
# Words of a sports article: several of them make a club name (الهلال، النصر) an organisation.
SPORTS_CUES = _norm_set(
    """
    كرة لكرة الكرة القدم الدوري دوري مباراة المباراة مباريات الفريق فريق المدرب مدرب اللاعب
    لاعب اللاعبين لاعبي النادي نادي ناديي الملعب ملعب هدف أهداف بطولة البطولة الموسم معسكر
    المعسكر التدريبات تدريبات الودية المنتخب الحارس المهاجم
    """
)
# First names that are also verbs or adjectives after و ("ويزيد الضغط" = and increases).
_VERB_LIKE_NAMES = _norm_set("يزيد يحيى تركي أسعد أشرف أيمن أمجد أكرم أنور")
# Words right before a club name that make it one in any article ("نادي الفتح").
_ITTIHAD = "ORG:al_ittihad_fc"
_CLUB_CUES = _norm_set("نادي ناديي النادي فريق لفريق فريقي منافسه نظيره أمام ضد لاعب لاعبي مدرب جماهير")
# Words after which a cued place name (places_cued.tsv) counts, alone or in a list.
PLACE_LIST_HEADS = _norm_set("منطقة مناطق منطقتي محافظة محافظات محافظتي مدينة مدن إمارة إمارات")
EVENT_HEADS = _norm_set(
    """
    قمة مؤتمر حرب اتفاق اتفاقية معاهدة منتدى معركة ثورة انتخابات بطولة مهرجان معرض أولمبياد
    مونديال مجزرة انتفاضة غزوة كأس
    """
)
# Event heads whose plain-noun complements are mostly not names ("حرب الأسعار"):
# they need quotes ("حرب النجوم") or a known name.
QUOTED_HEADS = _norm_set("حرب معركة ثورة انتفاضة مجزرة غزوة قمة حركة برنامج تنظيم")
# Heads a person's name may follow directly ("جامعة محمد الخامس"); for the other
# organisation heads a first name after them is more often a new sentence part.
_NAMED_FOR_HEADS = _norm_set("جامعة مستشفى مدرسة مركز مؤسسة جائزة")
# Head + complement pairs that are ordinary nouns, not names (a board, a position on the pitch).
_GENERIC_CONSTRUCTS = frozenset(
    (normalize(h), normalize(c)) for h, c in (
        ("مجلس", "الإدارة"), ("مجلس", "الأمناء"), ("مركز", "الظهير"), ("مركز", "الجناح"),
        ("مركز", "الوسط"), ("مركز", "الهجوم"), ("مركز", "الدفاع"), ("مركز", "الحراسة"), ("مركز", "الصدارة"),
        ("مركز", "الوصافة"), ("مركز", "المدينة"), ("مجلس", "العزاء"), ("لجنة", "التحكيم"),
        ("مركز", "القيادة"), ("جماعة", "المسجد"), ("مركز", "الشرطة"), ("مجلس", "الأسرة"),
    )
)
# Heads whose own (indefinite) name may follow them before an adjective.
_BRAND_HEADS = _norm_set("قناة صحيفة مجلة وكالة إذاعة شركة مجموعة بنك مصرف")
# Heads that take no ل-complement in names (وزارة الداخلية للصحفيين: "told the press").
_NO_LAM_HEADS = _norm_set("وزارة صحيفة مجلة قناة وكالة")
PARTICLES = _norm_set("بن بنت ابن أبو أبي أبا أم آل عبد عبدال دي دا فون دير فان ديل لا")
_PARTICLES_NEED_NEXT = PARTICLES

# First names. STRONG ones start a person chain even without a title; WEAK
# ones are also common words (جو = atmosphere) so they only continue a chain.
STRONG_FIRST = _norm_set(
    """
    محمد أحمد محمود مصطفى عبدالله عبدالرحمن عبدالعزيز عبدالملك عبدالرحيم خالد سلمان فيصل
    فهد سعود تركي نايف بندر سلطان مشعل منصور ماجد عمر عثمان يوسف إبراهيم إسماعيل إسحاق
    يعقوب موسى عيسى داود سليمان حسين الحسين طارق زياد وليد هشام ياسر عمرو أيمن أسامة أنس
    حمزة بلال حمد حمدان راشد زايد تميم جاسم نواف إياد فراس مازن وائل عثمان
    مروان معاذ مهند هيثم يحيى بشار أنور رامي شادي غسان فادي سمير نزار جلال بسام ثامر
    عايض ضاري مشاري عصام عاطف علاء فواز قاسم كاظم لؤي مجدي محسن مصعب معتز نبيه هاشم يونس
    إدريس إلياس أيوب زكريا سفيان طلال عبدالكريم عبدالمجيد عبدالرزاق عبدالحميد عبداللطيف
    عبدالرؤوف عبدالفتاح عبدالقادر عبدالوهاب عبدالحليم عدنان عزت غانم فتحي قيس لطفي مجيد منذر
    مهدي ناجي يسري أبوبكر حسام حاتم خليل رضا سلطان شاكر صبري عامر عبيد عمار فاروق
    فاطمة عائشة خديجة مريم زينب نورة سارة هند ليلى رانيا دينا لانا ريم رنا لينا سعاد سميرة
    نادية سلوى عبير غادة هالة ياسمين آمنة رحاب نجلاء شيماء ريهام هيفاء لمياء سوزان كوثر
    توماس مارتن بيتر فرانك هانز كلاوس كارل ألبرت أليكس آلان باتريك جيرار رافائيل نيكولا
    سيباستيان ستيفان أوليفر إدوارد هنري فيليب جوزيه خوان مانويل فرانسيسكو ألفارو سيرجيو
    هاري جيري جوردون غوردون فرانسوا ميشال جاكلين كاترين آنا إيلينا ناتاليا أولغا تاتيانا
    دونالد فلاديمير جوزيف ماريا ماركو ستيف ستيفن سيرغي سيرجي ديمتري دميتري فولوديمير إيمانويل
    أولاف أنغيلا ريشي بوريس جورج جون جيمس مايكل مايك روبرت ويليام ديفيد ريتشارد توماس
    تشارلز كريستوفر دانيال ماثيو أنتوني مارك بول أندرو كيفن براين إريك ستيفاني جينيفر
    إليزابيث باربرا سوزان جيسيكا كارين نانسي ليزا بيتي هيلاري كامالا ميشيل ليندسي تيد
    بيرني نيكولاس ألكسندر أليكسي أليكسندر ميخائيل نيكولاي إيفان يوري إيغور أندريه يفغيني
    فاليري فيكتور أناتولي شي كيم جان بيير فرانسوا جاك لويس كارلوس خوسيه بيدرو
    أنطونيو ماريو جوزيبي جورجيا أورسولا كايا ينس هاكان رجب مولود أردال بنيامين يائير
    بيني نفتالي إسحق أفيغدور يوآف إيتمار ناريندرا شهباز عمران نواز
    عبدالعظيم عبدالغني عبدالناصر عبدالسلام عبدالهادي عبدالباسط عبدالجليل عبدالمنعم عبدالحكيم
    عبدالإله عبدالمحسن عبدالمطلب عبدالخالق عبدالجبار عبدالودود عبدالستار عبدالمنعم عبدالحي
    عبدالمجيد عبدالحق عبدالصمد عبدالغفار عبدالرشيد عبدالسميع عبدالمهدي عبدالعال
    إبراهيم إسماعيل أسعد أشرف أمجد أيمن باسل تامر توفيق جعفر حازم
    حسني حسنين حمدي حميد داوود رأفت رجائي رشاد رضوان
    رفعت رفيق زاهر زهير سامح سعدون سمير سهيل شاهر شوقي صفوت
    صلاح ضاحي طه عاصم عبود عدلي عصمت عقيل علوان عوض غازي
    فهمي فيصل قصي لبيب ماجد مأمون محيي مدحت مرتضى
    مقتدى مؤيد نبيل نصري
    نعمان نهاد همام وجدي وسام وصفي ياسين يزيد يوسف حيدر نوري
    صدام قابوس هيثم تركي مقرن متعب خالد بدر عبدالعزيز سطام نهيان مكتوم حمدان
    منصور طحنون محمد هزاع ذياب نواف مشعل أحمد ناصر
    عيسى سلمان نبيه وليد سعد ميشال جبران سليمان
    معمر الباجي قيس منصف راشد عبدالمجيد بوتفليقة هواري نورالدين رياض أحمد
    فاطمة عائشة خديجة زينب مريم أسيل إسراء إلهام أمينة بثينة بسمة
    تغريد جمانة جيهان حليمة خلود رباب رشا رغد روان
    سلوى سناء سهام سهير شذى عبلة علياء غدير فدوى فريدة
    لبنى ماجدة ميساء ميسون نجوى نسرين نوال هيام
    يسرى أروى حصة موزة لولوة مريم منيرة
    جيمي رونالد ريتشارد هيلاري مادلين كوندوليزا كولن ديك دونالد رامسفيلد جون
    تشاك ميتش نانسي كيفن إيلون جيف ساتيا سوندار لاري سيرجي
    ويليام هنري جاكي جيرار جيروم سيلفيو ماتيو إنريكو رومانو فرانشيسكو جيوفاني
    لوكا باولو أندريا إيريك إيمانويل ديفيد أنطوني آندي توني غوردون تيريزا ليز
    كير نايجل بوريس ديفيد جيريمي مارغريت مارين جان ميشيل سيغولين نيكولا كريستين
    ولفغانغ هورست غيرهارد هيلموت فرانك-فالتر أنالينا كريستيان روبرت زيغمار
    سيرغي ماريا دميتري أليكسي يفغيني ميخائيل أندريه فلاديسلاف غينادي فاسيلي
    بيترو ليونيد فيكتور يوليا دميترو أوليكسي دانيال ماركوس لويس إنريكي ماوريسيو
    هوغو نيكولاس خافيير إيفو لولا جاير ديلما دانييل أوغو شينزو فوميو يوشيهيدي
    بارك كيم تساي وانغ جيانغ دينغ شينزو جونغ رودريغو فرديناند
    جاسيندا سكوت مالكوم كيفن أنتوني بنيامين إيهود أرييل شمعون غولدا يتسحاق يائير
    إيهود تسيبي بيني غادي موشيه آفي يسرائيل عوفر أفيخاي ريفين إسحاق
    روحاني محمود إبراهيم إسماعيل حسين
    رجب أحمد عبدالله هاكان خلوصي سليمان بولنت ميرال كمال
    
    جوناثان بنجامين صامويل ألفريد فريدريك لورنس جيفري غاري لاري دنيس كيث نيل كريغ سكوت
    ريان جاستن براد دوغلاس هاورد والتر آرثر هارولد إرنست فرانسيس يوهان فولفغانغ ديتر
    يورغن ماتياس ستيفانو أليساندرو فابيو ماسيمو كلاوديو فرانكو باولو ميغيل أنخيل خورخي
    ريكاردو فرناندو روبرتو كارلو ألبرتو إدواردو دييغو فيليبي ماركوس أندريس بابلو بوغدان
    ياروسلاف أوليغ رسلان فيتالي أرسيني غريغوري ستانيسلاف ماريوس لارس سفين بيورن أندرس
    كريستيان كوفي ثابو كوامي جوليوس نيلسون كارلا سيلفيا مونيكا كلوديا لورا ليندا ماري
    جوليا كاثرين إيما شارلوت ديانا ميلانيا إيفانكا تيفاني دونا إيلين كريستوف جوزيبي
    هيرفيه برنار دومينيك لوران تييري ديدييه باسكال أوليفييه جيروم كزافييه فيليب إيف
        """
)
WEAK_FIRST = _norm_set(
    """
    جو بيت علي حسن سعيد كريم جميل أمين نور أمل سلام عادل رشيد منير فريد باسم سعد فؤاد
    رمضان صالح ناصر منصور عمر تركي جمال عماد سامي نبيل هاني رائد بدر أشرف أكرم رياض ماهر هدى منى
    إيمان حنان أميرة جميلة صلاح ضياء كمال مراد شريف
    عبد أبو بن سلمى
    """
) | STRONG_FIRST

# Nationalities (masculine and feminine singular): never entities themselves;
# right before a name chain they act as a title ("الروسي فلاديمير بوتين").
NISBA = _norm_set(
    """
    الروسي الأمريكي الأميركي الأوكراني الصيني الفرنسي البريطاني الألماني الإيطالي الإسباني
    الأسباني البرتغالي الهولندي البلجيكي السويسري النمساوي السويدي النرويجي الدنماركي الفنلندي
    البولندي التشيكي المجري الروماني البلغاري اليوناني التركي الإيراني العراقي السوري اللبناني
    الأردني الفلسطيني الإسرائيلي المصري السعودي الإماراتي القطري الكويتي البحريني العماني
    اليمني السوداني الليبي التونسي الجزائري المغربي الموريتاني الهندي الباكستاني الأفغاني
    الياباني الكوري الإندونيسي الماليزي الأسترالي الكندي المكسيكي البرازيلي الأرجنتيني
    الكولومبي التشيلي الفنزويلي الكوبي النيجيري الكيني الإثيوبي الجنوب الأفريقي الصربي الكرواتي
    البيلاروسي الجورجي الأرميني الأذربيجاني الكازاخي الإنجليزي الانجليزي الاسكتلندي الإيرلندي
    الأيرلندي الويلزي السريلانكي البنغالي الفيتنامي التايلاندي الفلبيني الأوروبي الأفريقي
    الروسية الأمريكية الأميركية الأوكرانية الصينية الفرنسية البريطانية الألمانية الإيطالية
    الإسبانية السعودية المصرية الإيرانية التركية السورية اللبنانية الإسرائيلية الفلسطينية
    """
)

# Indefinite titles head a construct ("رئيس الوزراء", "وزير الخارجية"): without
# a complement they are ordinary nouns ("كقائد قادر").
NEED_COMPLEMENT = _norm_set(
    "رئيس رئيسة نائب نائبة وزير وزيرة متحدث ناطق مبعوث سفير أمين قائد زعيم حاكم محافظ مدير مديرة عمدة"
)
# Nominalised adjectives that do name a ministry or body ("وزارة الخارجية").
NOMINAL_ADJ = _norm_set("الخارجية الداخلية المالية الطاقة الصحة العدل الدفاع التربية الثقافة الشؤون")
# An article behind a clitic (للصراع، بالحرب، والسلام): a common noun, never a name start.
_CLITIC_ARTICLE = ("لل", "بال", "وال", "فال", "كال", "وبال", "فبال", "ولل", "فلل", "وكال")
# Clitics that may stand before a bare name (no article).
_NAME_PREFIXES = frozenset("و ف ب ل ك وب ول فب فل وك فك".split())
_QUOTES = "\"'“”«»‘’„"

_WORD_RE = re.compile(r"[^\W\d_]+|\d+")
_JOIN = " \t\u00a0\"'“”«»‘’„"
_TANWEEN_RE = re.compile("[\u064b\u064c\u064d]")
_MAX_CHAIN = 4
_ALI = normalize("علي")
# Words that introduce a place name: the name after them is a LOC ("مدينة
# الفلانية" → "الفلانية"), the head itself stays outside the span.
LOC_HEADS = _norm_set("مدينة مدينتي بلدة قرية محافظة ولاية إقليم مقاطعة جزيرة مخيم ضاحية منطقة نهر جبل")
_PLAIN_ADJ = _norm_set("كبير صغير جديد قديم واسع بعيد قريب آخر أخرى مهم عريق حدودي سكني صناعي واحد")
# Endings of indefinite adjectives, plurals and feminine nouns (matching form).
_COMMON_ENDINGS = ("ه", "ي", "يه", "ات", "ين", "ون", "ا", "ان")
# Titles that are also ordinary nouns (team, brigade, dean, leader): they name a
# person only when a first name, a name particle or a known name follows.
AMBIGUOUS_TITLES = _norm_set("الفريق اللواء العميد القائد الأمين الحاكم المستشار الزعيم")
_ABD = normalize("عبد")
_PREPS = _norm_set("مع في على من إلى الى عن بين لدى عبر حول ضد")
_BIN = _norm_set("بن بنت")
# Regnal numbers end a name ("أحمد فؤاد الثاني") but never mark a bare surname.
_ORDINALS = _norm_set("الأول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر")
# "عبد" + one of God's names is a first name in two tokens ("عبد الرحمن").
DIVINE_NAMES = _norm_set(
    """
    الله الرحمن الرحيم العزيز الملك الكريم المجيد الرزاق الحميد اللطيف الرؤوف الفتاح القادر
    الوهاب الحليم العظيم الغني الناصر السلام الهادي الباسط الجليل المنعم الحكيم الإله المحسن
    الخالق الجبار الودود الستار الحي الحق الصمد الغفار الرشيد السميع القدوس المطلب الكبير
    """
)


@dataclass(frozen=True, slots=True)
class _TokInfo:
    gaz: tuple | None  # (span offset in token, candidates) of the first clitic split that hits
    title: bool
    needs_complement: bool
    head: str | None  # "ORG" / "EVENT" for construct-state heads
    stop: bool
    first: int  # 2 strong first name, 1 weak, 0 none
    particle: bool
    definite: bool
    adjective: bool
    conj: bool  # starts with و/ف and is not itself a known first name
    clitic_article: bool
    nisba: bool
    trigger: bool  # may start a title chain, a first-name chain or a construct name
    say: bool  # a verb of saying, clitic و/ف allowed
    loc_head: bool
    pre: int = 0  # length of a و clitic before a strong first name ("وياسر")
    def_head: bool = False  # a definite head of a body name (الرئاسة، الهيئة)
    ctx: tuple | None = None  # (kind, span offset, candidates) in the cued lists
    place_list_head: bool = False


class _Extractor:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz
        self.cache: dict[str, _TokInfo] = {}
        # Names that count only in context: clubs in sports articles, common-word places
        # after a place word. Their entries join the main table so ids and names resolve.
        self.cued: dict[str, Gazetteer] = {}
        self.need_cue: set[str] = set()
        for kind, fname in (("club", "clubs.tsv"), ("place", "places_cued.tsv")):
            g = Gazetteer()
            g.load_tsv(DATA_DIR / fname, source=f"data/{fname}")
            self.cued[kind] = g.finish()
            for eid, e in g.entries.items():
                gaz.entries.setdefault(eid, e)
            if kind == "club":
                for line in (DATA_DIR / fname).read_text(encoding="utf-8").splitlines():
                    cols = line.split("\t")
                    if len(cols) >= 5 and cols[4].strip() == "cue" and not line.startswith("#"):
                        self.need_cue.add(entity_id(cols[1].strip(), cols[2].strip(), cols[0].strip()))

    def info(self, tok: str) -> _TokInfo:
        got = self.cache.get(tok)
        if got is not None:
            return got
        if len(self.cache) > 300_000:  # bounded: corpora are large, vocabularies larger
            self.cache.clear()
        splits = strip_clitics(tok)
        gaz_hit = None
        first = self.gaz.first
        for pre, stem in splits:
            cands = first.get(stem)
            if not cands:
                continue
            art = pre.endswith("ال") or pre.endswith("لل")
            ok = tuple(c for c in cands if c[2] == art)
            if pre and not art and len(stem) <= 2:
                # A one-word name of two letters behind a clitic is far more often the tail
                # of an ordinary word: فشل is "failed", not ف + شل (Shell).
                ok = tuple(c for c in ok if c[0])
            if ok:
                # After لل the alef of ال is elided: the second lam is the article's,
                # so the span keeps it ("للولايات المتحدة" → "لولايات المتحدة").
                off = len(pre) - 2 if art and pre.endswith("ال") else len(pre) - 1 if art else len(pre)
                gaz_hit = (off, ok)
                break
        plain = [stem for pre, stem in splits if not (pre.endswith("ال") or pre.endswith("لل"))]
        title = any(s in TITLES for s in plain) or any(
            pre.endswith("لل") and ("ال" + stem) in TITLES for pre, stem in splits
        )
        needs_complement = title and not any(s in TITLES and s not in NEED_COMPLEMENT for s in plain)
        head = None
        for s in plain:
            if s in ORG_HEADS:
                head = "ORG"
                break
            if s in EVENT_HEADS:
                head = "EVENT"
                break
            if s in FAC_HEADS:
                head = "LOC"
                break
        fn = 2 if tok in STRONG_FIRST else 1 if tok in WEAK_FIRST else 0
        pre = 0
        if not fn and tok[:1] == "و" and tok[1:] in STRONG_FIRST and tok[1:] not in _VERB_LIKE_NAMES \
                and tok[1:] not in STOPWORDS:  # "والآن" is "and now", not Alain
            fn, pre = 2, 1  # "وياسر القحطاني": the conjunction stays outside the name
        ctx = None
        for kind, g in self.cued.items():
            for p_, stem in splits:
                cands = g.first.get(stem)
                if not cands:
                    continue
                art = p_.endswith("ال") or p_.endswith("لل")
                ok = tuple(c for c in cands if c[2] == art)
                if ok:
                    off = len(p_) - 2 if art and p_.endswith("ال") else len(p_) - 1 if art else len(p_)
                    ctx = (kind, off, ok)
                    break
            if ctx:
                break
        def_head = any((p_ in ("", "و", "ف", "ب", "ل", "وب", "ول") and st in DEF_ORG_HEADS)
                       or (p_.endswith("لل") and "ال" + st in DEF_ORG_HEADS) for p_, st in splits)
        place_list_head = any(st in PLACE_LIST_HEADS for p_, st in splits if not p_.endswith(("ال", "لل")))
        definite = tok.startswith("ال") and len(tok) >= 4
        say = any(st in SAY_VERBS for pre, st in splits if pre in ("", "و", "ف"))
        info = _TokInfo(
            gaz=gaz_hit,
            title=title,
            needs_complement=needs_complement,
            head=head,
            stop=tok in STOPWORDS,
            first=fn,
            particle=tok in PARTICLES,
            definite=definite,
            # …ية is an adjective ending, but not in verbal nouns such as التنمية/التربية
            # (تفعية) or الحماية/الرعاية (فعالة): "مجلس التنمية السياحية".
            adjective=definite and tok.endswith(("ي", "يه", "يون", "يين")) and not tok.endswith("ايه")
            and not (len(tok) == 7 and tok.startswith("الت") and tok.endswith("يه")),
            conj=tok[0] in "وف" and fn == 0,
            clitic_article=len(tok) >= 5 and tok.startswith(_CLITIC_ARTICLE),
            nisba=tok in NISBA,
            trigger=title or head is not None or fn == 2 or tok in NISBA or say or tok == _ABD or def_head
            or (fn == 1 and tok != _ALI)
            or any(st in LOC_HEADS for pre, st in splits if not pre.endswith(("ال", "لل"))),
            say=say,
            loc_head=any(st in LOC_HEADS for pre, st in splits if not pre.endswith(("ال", "لل"))),
            pre=pre,
            def_head=def_head,
            ctx=ctx,
            place_list_head=place_list_head,
        )
        self.cache[tok] = info
        return info

    # -- one article ---------------------------------------------------------------

    def extract(self, text: str) -> list[Mention]:
        if not text:
            return []
        norm, imap = normalize_with_map(text)
        words = _WORD_RE.findall(norm)
        ms = list(_WORD_RE.finditer(norm))
        n = len(words)
        if not n:
            return []
        get, info = self.cache.get, self.info
        infos = [get(w) or info(w) for w in words]

        def joined(i: int) -> bool:  # token i follows token i-1 inside one phrase
            return i > 0 and not norm[ms[i - 1].end() : ms[i].start()].strip(_JOIN)

        def comma_joined(i: int) -> bool:
            return i > 0 and norm[ms[i - 1].end() : ms[i].start()].strip(_JOIN) in ("،", ",")

        def text_of(i: int) -> str:
            s, e = original_span(imap, ms[i].start(), ms[i].end(), len(text))
            return text[s:e]

        def quoted(i: int) -> bool:
            before = norm[max(0, ms[i].start() - 2) : ms[i].start()]
            after = norm[ms[i].end() : ms[i].end() + 2]
            return any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES)

        def has_tanween(i: int) -> bool:
            s, e = original_span(imap, ms[i].start(), ms[i].end(), len(text))
            return _TANWEEN_RE.search(text, s, e) is not None

        # candidate: (norm_start, norm_end, type, id, name_or_None, rank)
        cands: list[tuple[int, int, str, str, str | None, int]] = []
        gaz_entries = self.gaz.entries

        def gaz_match(i: int) -> tuple[int, int, str] | None:
            hit = infos[i].gaz
            if hit is None:
                return None
            off, options = hit
            for rest, eid, _ in options:
                k = len(rest)
                if i + k >= n:
                    continue
                good = True
                for j in range(k):
                    if words[i + 1 + j] != rest[j] or not joined(i + 1 + j):
                        good = False
                        break
                if good:
                    return ms[i].start() + off, ms[i + k].end(), eid
            return None

        gaz_at: dict[int, tuple[int, int, str]] = {}
        trig_idx = [i for i, inf in enumerate(infos) if inf.trigger]
        for i in [i for i, inf in enumerate(infos) if inf.gaz is not None]:
            m = gaz_match(i)
            if m is not None:
                gaz_at[i] = m
                e = gaz_entries[m[2]]
                start = m[0]
                k = i
                # An alias may carry its title ("الملك سلمان"); the span still covers the name only.
                while ms[k].end() < m[1] and (infos[k].title or (k > i and infos[k - 1].title and infos[k].definite)):
                    k += 1
                if k > i:
                    start = ms[k].start()
                cands.append((start, m[1], e.type, e.id, None, 0))

        # Names that count only in context (clubs, common-word places).
        ctx_at = [i for i, inf in enumerate(infos) if inf.ctx is not None]
        if ctx_at:
            sports = sum(1 for w in words if w in SPORTS_CUES) >= 3
            loc_tok: set[int] = set()
            for i0, (a0, b0, eid0) in gaz_at.items():
                if gaz_entries[eid0].type == "LOC":
                    k = i0
                    while k < n and ms[k].start() < b0:
                        loc_tok.add(k)
                        k += 1
            cover: dict[int, tuple[int, int, str]] = {}  # token → the gazetteer match over it
            for i0, v in gaz_at.items():
                k = i0
                while k < n and ms[k].start() < v[1]:
                    cover[k] = v
                    k += 1
            cued_clubs: set[str] = set()
            club_ids = self.cued["club"].entries
            for i in ctx_at:
                kind, off, options = infos[i].ctx
                if kind == "club" and i > 0 and joined(i) and any(
                        st in _CLUB_CUES for _, st in strip_clitics(words[i - 1])):
                    cued_clubs.update(eid for _, eid, _ in options)
            for i in ctx_at:
                kind, off, options = infos[i].ctx
                direct = kind == "club" and i > 0 and joined(i) and (any(
                    st in _CLUB_CUES for _, st in strip_clitics(words[i - 1])) or (
                    words[i][:1] == "و" and (i - 1) in gaz_at and gaz_at[i - 1][2] in club_ids))  # "الهلال والنصر"
                cv = cover.get(i)
                clash = [c for c in cands if c[5] == 0 and c[3] == cv[2] and c[1] == cv[1]] if cv else []
                if clash and not (direct and all(gaz_entries[c[3]].type == "LOC" and c[1] <= ms[i].end() for c in clash)):
                    continue
                hit = None
                for rest, eid, _ in options:
                    k = len(rest)
                    if i + k < n and all(words[i + 1 + x] == rest[x] and joined(i + 1 + x) for x in range(k)):
                        hit = (i + k, eid)
                        break
                if hit is None:
                    continue
                last, eid = hit
                nx = last + 1
                if kind == "club":
                    prev = words[i - 1] if i > 0 and joined(i) else ""
                    cue = any(st in _CLUB_CUES for _, st in strip_clitics(prev)) if prev else False
                    if not (sports or cue) or (eid in self.need_cue and eid not in cued_clubs and not direct):
                        continue
                    if nx < n and joined(nx) and (
                            (infos[nx].adjective and not (words[nx] in NISBA and eid != _ITTIHAD))
                            or words[nx] in ORG_ADJ or words[nx].startswith("لل")
                            or (words[nx][:1] == "ل" and words[nx][1:] in CONSTRUCT_MIDDLES)):
                        continue  # "الاتحاد السعودي لكرة القدم", "الهلال الأحمر"; but "ليون الفرنسي"
                    if not cue and prev and infos[i - 1].definite and not infos[i - 1].stop and not infos[i - 1].adjective:
                        continue  # "البنك الأهلي", "الدوري المصري": an adjective here
                else:
                    k = i - 1
                    while k >= 0 and k in loc_tok and (joined(k + 1) or comma_joined(k + 1)):
                        k -= 1
                    if not (k >= 0 and (joined(k + 1) or comma_joined(k + 1)) and infos[k].place_list_head):
                        continue
                    loc_tok.update(range(i, nx))
                if clash:
                    cands[:] = [c for c in cands if c not in clash]
                    for c in clash:
                        for i0 in [i0 for i0, v in gaz_at.items() if v[2] == c[3] and v[0] == c[0]]:
                            del gaz_at[i0]
                cands.append((ms[i].start() + off, ms[last].end(), gaz_entries[eid].type, eid, None, 0))
                gaz_at[i] = (ms[i].start() + off, ms[last].end(), eid)

        def name_chain(j: int, strong_start: bool, title_ctx: bool = False) -> int:
            """Index one past the last token of a person-name chain starting at j (j if none).
            After a title (``title_ctx``) an unknown first name may take a definite
            surname (``الدكتور عزام الدخيل``)."""
            k = j
            unknown = 0
            parts = 0  # name particles do not count towards the limit: "سلطان بن سلمان بن عبدالعزيز"
            while k < n and k - j < _MAX_CHAIN + parts:
                if k > j and not joined(k):
                    break
                inf = infos[k]
                if words[k] == _ALI and k > j and infos[k - 1].first and k + 1 < n and joined(k + 1) and (
                        infos[k + 1].first or infos[k + 1].particle) and text_of(k).endswith("ي"):
                    k += 1  # "محمد علي ياسين": the name علي, written with ي, not the preposition على
                    continue
                if inf.stop or words[k] in NOT_NAMES or words[k].isdigit() or len(words[k]) < 2 and not inf.particle:
                    break
                if k > j and inf.pre:
                    break  # "عبدالله عطيف وياسر القحطاني": two people
                g = gaz_at.get(k)
                if g is not None:
                    if gaz_entries[g[2]].type != "PER":
                        break
                    if k > j and not infos[k - 1].first and not infos[k - 1].particle:
                        return j  # "نظام بشار الأسد": a noun before a known person
                    # a known person ends the chain (its extra tokens included), unless the
                    # chain goes on with more names ("محمد علي ياسين العمري")
                    last = k
                    while last + 1 < n and ms[last + 1].end() <= g[1]:
                        last += 1
                    nxt = last + 1
                    if not (nxt < n and joined(nxt) and (infos[nxt].first or infos[nxt].particle) and not infos[nxt].pre
                            and nxt not in gaz_at and nxt - j < _MAX_CHAIN):
                        return last + 1
                    k = nxt
                    continue
                if inf.particle:
                    if k + 1 < n and joined(k + 1) and not infos[k + 1].stop:
                        k += 2
                        parts += 1
                        if k < n and joined(k) and infos[k].definite and not infos[k].stop and k - j < _MAX_CHAIN + parts \
                                and k not in gaz_at and not infos[k].title and words[k] not in NOT_NAMES:
                            k += 1  # "أحمد بن قران الغامدي"
                            break
                        continue
                    break
                if inf.first and not (k == j and inf.first == 1 and not strong_start):
                    if k > j and inf.conj:
                        break
                    k += 1
                    continue
                if inf.conj and k > j and infos[k - 1].first and not (k + 1 < n and joined(k + 1)) \
                        and not (inf.title or inf.head or inf.gaz):
                    k += 1  # "مايكل فالون:": a surname that starts like و/ف, at a phrase end
                    break
                if inf.conj or inf.clitic_article or inf.title or inf.head or has_tanween(k):
                    break
                if parts and not inf.definite:
                    break  # "فيصل بن خالد لاستثمار": after "بن X" only a family name follows
                if k > j and len(words[k]) >= 5 and words[k].startswith(("لاست", "لإ", "لا", "لم", "لت")):
                    break  # ل + a verbal noun ("لاستثمار", "لتطوير"): the name has ended
                if inf.definite and (k == j or not (infos[k - 1].first or (
                        title_ctx and unknown == 1 and words[k] not in NISBA and words[k] not in ORG_ADJ))):
                    break
                w = words[k]
                if k == j and len(w) > 4 and (w[0] == "ل" or w.startswith(("بم", "بت", "بإ", "با"))):
                    break  # "المدير العام لجهاز …", "بمناسبة": a preposition, not a name
                if k == j and len(w) >= 5 and w[0] == "م" and w.endswith("ا") and not inf.first:
                    break  # "اللاعب مرتبطا بعقد": an accusative participle
                if k == j and len(w) >= 5 and w.startswith(("سي", "ست", "سن")) and not inf.first:
                    break  # "اللاعب سيقدم كشفا": a future verb
                if len(w) >= 4 and w[0] in "يت" and (w[1] in "تسن" or len(w) == 4):
                    break  # imperfect verbs (تترقب، يستمر، تزور)
                if len(w) >= 6 and w[0] == "م" and w.endswith(("ون", "ين")):
                    break  # plural participles (مبتعثون، مسؤولين)
                if unknown == 1:
                    # a second unknown word: at a phrase end, or when it cannot be a verb
                    if k + 1 < n and joined(k + 1) and words[k][0] in "يتنس":
                        break
                    k += 1
                    break
                unknown += 1
                k += 1
                if inf.definite:
                    break
            return k

        def adjectives(e: int, most: int, org: bool = False) -> int:
            k = 0
            while e < n and k < most and joined(e) and e not in gaz_at and not infos[e].stop and (
                    infos[e].adjective or (org and words[e] in ORG_ADJ)):
                e += 1
                k += 1
            return e

        def lam_tail(e: int) -> int:
            """End of a ل-complement and one و-conjunct after a body's name:
            "… للأرصاد وحماية البيئة", "… لحقوق الإنسان"."""
            if not (e < n and joined(e)):
                return e
            w = words[e]
            if w in _LAM_IDIOMS or infos[e].stop:
                return e
            g = gaz_at.get(e)
            if g is not None:
                if gaz_entries[g[2]].type != "LOC" or not w.startswith("ل"):
                    return e
                f = e  # "اللجنة العليا للحد الجنوبي": ل and a place complete the name
                while f < n and ms[f].start() < g[1]:
                    f += 1
                return f
            if w.startswith("لل") and len(w) >= 4 and not w.endswith(("ين", "ون")):
                f = e + 1
            elif w[:1] == "ل" and w[1:] in LAM_MIDDLES and e + 1 < n and joined(e + 1) and infos[e + 1].definite:
                f = e + 2
            else:
                return e
            f = adjectives(f, 2, org=True)
            if f < n and joined(f) and f not in gaz_at:
                w2 = words[f]
                if w2.startswith("وال") and len(w2) >= 6 and not infos[f].stop and not infos[f].adjective:
                    f = adjectives(f + 1, 2, org=True)
                elif w2[:1] == "و" and w2[1:] in CONSTRUCT_MIDDLES and f + 1 < n and joined(f + 1) and infos[f + 1].definite:
                    f = adjectives(f + 2, 2, org=True)
            return f

        people: list[tuple[int, int]] = []
        resume = 0
        for i in trig_idx:
            if i < resume:
                continue
            inf = infos[i]
            if inf.title:
                j = i + 1
                mods = 0
                while j < n and mods < 6 and joined(j):
                    nf = infos[j]
                    tok = words[j]
                    if tok == _ON_BEHALF:
                        j += 1
                        skip = 0
                        while j < n and skip < 5 and joined(j) and not infos[j].stop:
                            j += 1
                            skip += 1
                        mods += 1
                        break
                    if nf.title or (nf.definite and not nf.stop and (j not in gaz_at or gaz_entries[gaz_at[j][2]].type != "PER")):
                        j += 1
                        mods += 1
                        continue
                    break
                if words[i] in AMBIGUOUS_TITLES and not (
                    j < n and (infos[j].first or infos[j].particle or j in gaz_at)
                ):
                    continue  # "الفريق جاهز" (the team), "اللواء الثامن" (the brigade)
                if inf.needs_complement and not mods:
                    continue
                start = j
                if j < n and not joined(j) and comma_joined(j) and mods:
                    start = j
                elif j < n and not joined(j):
                    start = n
                if start < n:
                    end = name_chain(start, strong_start=True, title_ctx=True)
                    if end > start:
                        people.append((start, end))
                        resume = end
                        continue
            elif inf.nisba and i + 1 < n and joined(i + 1) and not infos[i + 1].definite:
                # "التشيكي توماس …": a nationality right before a name chain. A feminine nisba
                # mostly qualifies a noun ("العلاقات الروسية بشكل حيوي"), so after one only a
                # known first or full name starts a chain; and words with a feminine or plural
                # ending, or tanween, are nouns and adjectives rather than names.
                if not infos[i + 1].first and i + 2 < n and joined(i + 2) and infos[i + 2].first == 2:
                    continue  # "الأميركي نظام بشار الأسد": the first name's own rule finds it
                end = name_chain(i + 1, strong_start=False, title_ctx=not words[i].endswith("ه"))
                known = infos[i + 1].first or (i + 1) in gaz_at
                if end == i + 2 and not known and not words[i].endswith("ه"):
                    # One unknown word after a nationality names a person when it is quoted
                    # ('مدرب اللياقة اليوناني "جريجوريس"') or when the nationality starts the
                    # phrase or follows a title ("اللاعب الألماني X"), rather than qualifying a
                    # noun ("الجيش الروسي سيطرته").
                    w1 = words[i + 1]
                    starts = not (i > 0 and joined(i)) or infos[i - 1].title or infos[i - 1].stop or (
                        i > 0 and infos[i - 1].say)
                    plain = len(w1) >= 3 and not w1.endswith(("ه", "ات", "ون", "ين", "ان")) and not infos[i + 1].conj \
                        and not (i + 2 < n and joined(i + 2) and infos[i + 2].definite)
                    known = quoted(i + 1) or (starts and plain)

                nounish = any(
                    (words[k].endswith(("ه", "ات")) and not infos[k].first) or has_tanween(k)
                    for k in range(i + 1, end)
                )
                if words[i].endswith("ه") and not known:
                    pass
                elif (end - (i + 1) >= 2 and not nounish) or (end > i + 1 and known):
                    people.append((i + 1, end))
                    resume = end
                    continue
            elif inf.first == 2 and not (i > 0 and joined(i) and infos[i - 1].first == 2 and i - 1 >= resume):
                # A weak first name (also a common word: جمال، صالح) starts the chain
                # when a strong one follows it ("جمال محمد …"); علي is also the
                # preposition على, so it never does.
                s0 = i
                if i > 0 and joined(i) and infos[i - 1].first == 1 and i - 1 >= resume and not infos[i - 1].stop and words[i - 1] != _ALI:
                    s0 = i - 1
                end = name_chain(s0, strong_start=True)
                if end - s0 >= 2:
                    people.append((s0, end))
                    resume = end
                    continue
            elif inf.first == 1 and words[i] != _ALI and i + 2 < n and joined(i + 1) and words[i + 1] in _BIN \
                    and joined(i + 2) and not infos[i + 2].stop and i >= resume:
                end = name_chain(i, strong_start=True)  # "صالح بن محمد آل مريح"
                if end - i >= 3:
                    people.append((i, end))
                    resume = end
                    continue
            elif words[i] == _ABD and i + 1 < n and joined(i + 1) and words[i + 1] in DIVINE_NAMES and not (
                i > 0 and joined(i) and infos[i - 1].first and i - 1 >= resume
            ):
                end = name_chain(i, strong_start=True)
                if end - i >= 2:
                    people.append((i, end))
                    resume = end
                    continue
            elif inf.loc_head and i + 1 < n and joined(i + 1):
                j = i + 1
                w, nf = words[j], infos[j]
                if j in gaz_at or nf.stop or nf.adjective or nf.conj or nf.clitic_article or nf.title or nf.head:
                    continue
                if nf.first or len(w) < 3 or w.isdigit() or w in _PLAIN_ADJ or has_tanween(j):
                    continue
                if nf.definite:
                    if w.endswith(_COMMON_ENDINGS[:3]) or (j + 1 < n and joined(j + 1) and infos[j + 1].adjective):
                        continue
                elif w.endswith(_COMMON_ENDINGS[:-2]) or (len(w) >= 4 and w[0] in "يتن" and w[1] in "تسن"):
                    continue
                cands.append((ms[j].start(), ms[j].end(), "LOC", f"LOC:{slug(w)}", None, 1))
                resume = j + 1
            elif inf.say and i + 1 < n and joined(i + 1):
                j = i + 1
                if words[j] in GENERIC_SPEAKERS or infos[j].first or j in gaz_at:
                    continue  # a first name or known name is found by its own rule
                end = name_chain(j, strong_start=True)
                if any(words[k].endswith(("يه", "ات")) for k in range(j, end)):
                    continue  # "كشفت دراسة بريطانية أن", "مصادر اتحادية": a noun and its adjective
                one = end - j == 1 and not infos[j].definite and not words[j].endswith(_COMMON_ENDINGS)
                if (2 <= end - j <= 3 or one) and end < n and (
                    (joined(end) and words[end] in _SAY_NEXT)
                    or norm[ms[end - 1].end() : ms[end].start()].strip(_JOIN) == ":"
                ) and not any(infos[k].definite and k == j for k in range(j, end)):
                    people.append((j, end))
                    resume = end
                    continue
            elif inf.def_head and i + 1 < n and joined(i + 1):
                # "الرئاسة العامة للأرصاد وحماية البيئة": a definite head, an adjective and a
                # ل-complement; without the complement it is a common noun ("الهيئة العامة").
                e = adjectives(i + 1, 2, org=True)
                if e == i + 1:
                    continue
                e2 = lam_tail(e)
                if e2 == e:
                    continue
                w = words[i]
                off = 1 if w.startswith("لل") else next(
                    (len(p_) for p_, st in strip_clitics(w) if st in DEF_ORG_HEADS), 0)
                key_toks = name_tokens(" ".join([w[off:] if off != 1 or not w.startswith("لل") else "ا" + w[1:]] + words[i + 1 : e2]))
                cands.append((ms[i].start() + off, ms[e2 - 1].end(), "ORG", f"ORG:{slug(' '.join(key_toks))}", None, 1))
                resume = e2
            elif inf.head is not None and i + 1 < n and joined(i + 1):
                j = i + 1
                g = gaz_at.get(j)
                stem = self._strip_prefix(words[i])
                if g is None and infos[j].ctx is not None and infos[j].ctx[0] == "club":
                    continue  # "نادي الفتح": the club rule names it, with the head outside
                end = None
                royal = False
                if g is not None:
                    end = j
                    while end + 1 < n and ms[end + 1].end() <= g[1]:
                        end += 1
                    end += 1
                elif words[j] in ROYAL_TITLES and j + 1 < n and joined(j + 1):
                    e = name_chain(j + 1, strong_start=True)
                    if e > j + 1:
                        end, royal = e, True  # "جامعة الملك سعود", "مطار الملك خالد الدولي"
                elif infos[j].first == 2 and not infos[j].pre and inf.head != "ORG" or (
                        infos[j].first == 2 and stem in _NAMED_FOR_HEADS):
                    e = name_chain(j, strong_start=True)
                    if e - j >= 2:
                        end, royal = e, True  # "إستاد محمد بن زايد", "دوري عبداللطيف جميل"
                if end is None and g is None:
                    if words[j] in CONSTRUCT_MIDDLES and j + 1 < n and joined(j + 1) and infos[j + 1].definite \
                            and not infos[j + 1].stop:
                        end = j + 2  # "اتحاد كرة القدم", "مجلس قيادة الثورة"
                    elif infos[j].definite and not infos[j].stop and (
                        not infos[j].adjective or words[j] in NOMINAL_ADJ
                    ):
                        end = j + 1
                    elif stem in _BRAND_HEADS and j + 1 < n and joined(j + 1) and (
                            infos[j + 1].adjective or words[j + 1] in ORG_ADJ) and not (
                            infos[j].stop or infos[j].first or infos[j].definite or infos[j].conj or has_tanween(j)
                            or len(words[j]) < 3 or words[j].isdigit() or words[j].endswith(("ه", "ات", "ون", "ين"))):
                        end = j + 1  # "قناة عالي الفضائية", "شركة أرامكو السعودية"
                if end is not None and g is None and (stem, words[j]) in _GENERIC_CONSTRUCTS and end == j + 1 and not (
                        end < n and joined(end) and (infos[end].adjective or words[end] in ORG_ADJ)):
                    end = None  # "مجلس الإدارة", "مركز الظهير"
                if end is not None and g is None and not royal and stem in QUOTED_HEADS:
                    # "حرب النجوم": such a head names a thing by a plain noun only when quoted
                    before = norm[max(0, ms[i].start() - 2) : ms[i].start()]
                    after = norm[ms[end - 1].end() : ms[end - 1].end() + 2]
                    if not (any(q in before for q in _QUOTES) and any(q in after for q in _QUOTES)):
                        end = None
                if end is not None:
                    end = adjectives(end, 2, org=inf.head == "ORG")
                    if inf.head == "ORG" and g is None and not royal and end < n and joined(end) and end not in gaz_at \
                            and stem not in _NO_LAM_HEADS:
                        w2 = words[end]
                        after = end + 1 < n and joined(end + 1) and words[end + 1] in _PREPS
                        if w2.startswith("وال") and len(w2) >= 6 and not infos[end].stop and not infos[end].adjective \
                                and not after:
                            end = adjectives(end + 1, 2, org=True)  # "جمعية الثقافة والفنون"; not "… والتنسيق مع"
                    if stem not in _NO_LAM_HEADS and g is None:
                        end = lam_tail(end)
                    hs = ms[i].start() + self._clitic_len(words[i])
                    ne = ms[end - 1].end()
                    while ne < len(norm) and norm[ne].isdigit():
                        ne += 1  # "مؤتمر جنيف1"
                    phrase = " ".join(words[i:end])
                    key_toks = name_tokens(phrase)
                    key = " ".join((self._strip_prefix(key_toks[0]),) + key_toks[1:])
                    cands.append((hs, ne, inf.head, f"{inf.head}:{slug(key)}", None, 1))
                    if royal:
                        resume = end


        # People found by triggers; their surnames mark later bare mentions.
        surnames: dict[str, str] = {}
        for a, b in people:
            if b - a >= 2 and not infos[b - 1].particle and not infos[b - 2].particle:
                last = words[b - 1]
                li = infos[b - 1]
                if len(last) >= 3 and not (li.stop or li.title or li.head or li.nisba or last in NOT_NAMES
                                           or last in _ORDINALS):  # "عبدالله الثاني" ≠ later "والثاني"
                    surnames.setdefault(last, f"PER:{slug(' '.join([words[a][infos[a].pre:]] + words[a + 1 : b]))}")
        for a, b in people:
            s0 = ms[a].start() + infos[a].pre
            g = gaz_at.get(a)
            if g is not None:
                s0 = g[0]
            key = " ".join([words[a][infos[a].pre:]] + words[a + 1 : b])
            if b - a == 1 and g is not None:
                continue
            pid = surnames.get(key, f"PER:{slug(key)}") if b - a == 1 else f"PER:{slug(key)}"
            cands.append((s0, ms[b - 1].end(), "PER", pid, None, 1))
        if surnames:
            tails = {x[-3:] for x in surnames}
            for i in range(n):
                tok = words[i]
                if tok[-3:] not in tails or i in gaz_at:
                    continue
                for k in (0, 1, 2):
                    pid = surnames.get(tok[k:])
                    if pid is not None and (k == 0 or tok[:k] in _NAME_PREFIXES):
                        cands.append((ms[i].start() + k, ms[i].end(), "PER", pid, None, 2))
                        break

        # Longest first; on ties the gazetteer wins, then triggers, then surnames.
        cands.sort(key=lambda c: (c[0] - c[1], c[5], c[0]))
        taken = bytearray(len(norm) + 1)
        chosen = []
        for c in cands:
            if any(taken[c[0] : c[1]]):
                continue
            taken[c[0] : c[1]] = b"\x01" * (c[1] - c[0])
            chosen.append(c)
        chosen.sort()
        out: list[Mention] = []
        names: dict[str, str] = {}
        for ns, ne, type_, eid, _, _ in chosen:
            s, e = original_span(imap, ns, ne, len(text))
            surface = text[s:e].strip()
            e = s + len(text[s:e].rstrip())
            if eid in gaz_entries:
                name = gaz_entries[eid].name
            else:
                name = names.setdefault(eid, _display(surface))
            out.append(Mention(s, e, text[s:e], type_, eid, name))
        # A surname mention shows the full name it was folded into.
        return out

    @staticmethod
    def _clitic_len(tok: str) -> int:
        for pre, stem in strip_clitics(tok):
            if pre and not pre.endswith("ال") and not pre.endswith("لل"):
                if stem in ORG_HEADS or stem in EVENT_HEADS or stem in FAC_HEADS:
                    return len(pre)
        return 0

    @staticmethod
    def _strip_prefix(tok: str) -> str:
        for pre, stem in strip_clitics(tok):
            if stem in ORG_HEADS or stem in EVENT_HEADS or stem in FAC_HEADS:
                return stem
        return tok


_TASHKEEL_RE = re.compile(f"[{TASHKEEL}{TATWEEL}]")


_QUOTES_RE = re.compile(f"[{_QUOTES}]")


def _display(surface: str) -> str:
    return " ".join(_QUOTES_RE.sub("", _TASHKEEL_RE.sub("", surface)).split())


_GAZ: Gazetteer | None = None
_EXTRACTOR: _Extractor | None = None


def get_gazetteer() -> Gazetteer:
    global _GAZ, _EXTRACTOR
    if _GAZ is None:
        _GAZ = build_gazetteer()
        _EXTRACTOR = _Extractor(_GAZ)
    return _GAZ


def reload_gazetteer(user_file: Path | None | bool = True) -> Gazetteer:
    """Rebuild the gazetteer (e.g. after the user edited ``entities.tsv``).
    ``gazetteer.warnings`` lists skipped lines."""
    global _GAZ, _EXTRACTOR
    _GAZ = build_gazetteer(user_file)
    _EXTRACTOR = _Extractor(_GAZ)
    return _GAZ


def _extractor() -> _Extractor:
    get_gazetteer()
    assert _EXTRACTOR is not None
    return _EXTRACTOR


def extract_entities(text: str) -> list[Mention]:
    """Entity mentions of one article, in text order, never overlapping."""
    return _extractor().extract(text)


def gazetteer_warnings() -> list[str]:
    """Lines of the user's ``entities.tsv`` (or shipped lists) that were skipped, and why."""
    return list(get_gazetteer().warnings)


def english_names() -> dict[str, str]:
    """Lower-case English name → entity id (``putin`` → the id of بوتين)."""
    return get_gazetteer().english_names()


# -- corpus-wide grouping ----------------------------------------------------------


@dataclass(slots=True)
class EntityInfo:
    id: str
    name: str
    type: str
    english: str = ""
    count: int = 0
    articles: list[str] = field(default_factory=list)


def _fold_map(per_article: dict[str, list[Mention]], gaz: Gazetteer) -> dict[str, str]:
    """id → id: a bare surname found by a trigger folds into the one multi-token
    person name (found anywhere in the corpus) that ends with it."""
    tokens: dict[str, tuple[str, ...]] = {}
    for ms in per_article.values():
        for m in ms:
            if m.type == "PER" and m.id not in gaz.entries and m.id not in tokens:
                tokens[m.id] = name_tokens(m.text)
    by_last: dict[str, set[str]] = {}
    for eid, toks in tokens.items():
        if len(toks) >= 2:
            by_last.setdefault(toks[-1], set()).add(eid)
    fold: dict[str, str] = {}
    for eid, toks in tokens.items():
        if len(toks) == 1:
            owners = by_last.get(toks[0], set())
            if len(owners) == 1:
                fold[eid] = next(iter(owners))
    return fold


def link_corpus_entities(per_article: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """Give every mention of one entity the same id and display name across the
    corpus (article id → mentions, same order and spans)."""
    gaz = get_gazetteer()
    fold = _fold_map(per_article, gaz)
    # Display name: the canonical gazetteer name, else the longest surface seen.
    seen: dict[str, Counter] = {}
    for ms in per_article.values():
        for m in ms:
            eid = fold.get(m.id, m.id)
            if eid not in gaz.entries:
                seen.setdefault(eid, Counter())[_display(m.text) if fold.get(m.id) is None else m.name] += 1
    names: dict[str, str] = {}
    for eid, counter in seen.items():
        names[eid] = max(counter, key=lambda s: (len(name_tokens(s)), counter[s], len(s)))
    out: dict[str, list[Mention]] = {}
    for aid, ms in per_article.items():
        new = []
        for m in ms:
            eid = fold.get(m.id, m.id)
            name = gaz.entries[eid].name if eid in gaz.entries else names.get(eid, m.name)
            new.append(Mention(m.start, m.end, m.text, m.type, eid, name) if (eid, name) != (m.id, m.name) else m)
        out[aid] = new
    return out


class EntityIndex:
    """Corpus-wide entities: ids, names, counts, which articles, and lookup by
    Arabic (any alias, clitics and spelling variants folded) or English name."""

    def __init__(self, per_article: dict[str, list[Mention]]) -> None:
        gaz = get_gazetteer()
        self.mentions = link_corpus_entities(per_article)
        self.entities: dict[str, EntityInfo] = {}
        for aid, ms in self.mentions.items():
            for m in ms:
                info = self.entities.get(m.id)
                if info is None:
                    e = gaz.entries.get(m.id)
                    info = self.entities[m.id] = EntityInfo(m.id, m.name, m.type, e.english if e else "")
                info.count += 1
                if not info.articles or info.articles[-1] != aid:
                    info.articles.append(aid)
        self._english = english_names()

    def lookup(self, query: str) -> list[str]:
        """Ids of entities in this corpus that ``query`` names."""
        q = query.strip()
        if not q:
            return []
        eid = self._english.get(q.lower())
        if eid is not None:
            return [eid] if eid in self.entities else []
        key = " ".join(name_tokens(q))
        gaz = get_gazetteer()
        hits = []
        for eid, info in self.entities.items():
            e = gaz.entries.get(eid)
            aliases = e.aliases if e else {" ".join(name_tokens(info.name))}
            if key in aliases or key == " ".join(name_tokens(info.name)):
                hits.append(eid)
        return hits
