"""Small articles and vocabulary for search tests, and an index built from them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.model import Actor, ActorRole, Article, Incident, Place, Vocabulary
from sitegen.search import SearchIndex, build_index

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_0aeae3b849c18532.txt"


def seed_article() -> Article:
    title, lede, *body = SEED.read_text(encoding="utf-8").split("\n")
    return Article(
        id="seed",
        title=title,
        lede=lede,
        body="\n".join(body),
        published=dt.date(2022, 1, 8),
        outlet="فرات بوست",
        incidents=(
            Incident(
                id="omar",
                type="shelling",
                date=dt.date(2022, 1, 7),
                location="omar-oil-field",
                actors=(ActorRole("iranian-backed-militias", "attacker"), ActorRole("us-forces", "target")),
            ),
        ),
    )


def vocabulary() -> Vocabulary:
    places = [
        Place("deir-ez-zor", "دير الزور", "governorate"),
        Place("omar-oil-field", "حقل العمر", "site", parent="deir-ez-zor"),
        Place("aleppo", "حلب", "governorate"),
        Place("buzaa", "بزاعة", "town", parent="aleppo"),
    ]
    actors = [
        Actor("us-led-coalition", "التحالف الدولي"),
        Actor("us-forces", "القوات الأمريكية", parent="us-led-coalition"),
        Actor("iranian-backed-militias", "الميليشيات الإيرانية"),
    ]
    return Vocabulary(places={p.id: p for p in places}, actors={a.id: a for a in actors})


def other_articles() -> list[Article]:
    return [
        Article(
            id="buzaa-shelling",
            title="قَصْفٌ مدفعيّ على بزاعة",
            body="سقطت قذائف على بزاعة في ريف حلب، وقال الأهالي إن المدرسة أصيبت.",
            published=dt.date(2023, 3, 2),
            incidents=(Incident(id="b1", type="shelling", date=dt.date(2023, 3, 1), location="buzaa"),),
        ),
        Article(
            id="school-report",
            title="تقرير عن التعليم",
            body="زار الوزير مدرسي المنطقة وتحدث إلى المعلمين.",
            published=dt.date(2021, 5, 5),
            incidents=(Incident(id="s1", type="protest", date=dt.date(2021, 5, 4), date_end=dt.date(2021, 5, 6)),),
        ),
    ]


@pytest.fixture(scope="session")
def index_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("index")
    build_index([seed_article(), *other_articles()], vocabulary(), directory)
    return directory


@pytest.fixture
def index(index_dir):
    with SearchIndex(index_dir) as opened:
        yield opened
