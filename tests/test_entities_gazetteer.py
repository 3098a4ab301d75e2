"""Every entity gazetteer loads, validates, and has no alias claimed by two entries."""

from __future__ import annotations

from collections import defaultdict

import pytest

from vnextract import gazetteer as gz
from vnextract.patterns import load

GAZETTEERS = list(gz.GAZETTEER_FILES)


@pytest.mark.parametrize("relpath", GAZETTEERS)
def test_gazetteer_file_loads(relpath: str) -> None:
    file = load(relpath, gz.GazetteerFile)
    assert file.entries, f"{relpath} has no entries"
    for entry in file.entries:
        assert entry.aliases or entry.abbreviations, f"{relpath}: {entry.id} has no alias"
        if entry.valid_from and entry.valid_to:
            assert entry.valid_from <= entry.valid_to, entry.id


@pytest.mark.parametrize("relpath", [*GAZETTEERS, gz.SECTORS_FILE, *gz.LEXICON_FILES])
def test_entry_ids_are_unique(relpath: str) -> None:
    model = (
        gz.GazetteerFile
        if relpath in GAZETTEERS
        else gz.SectorFile
        if relpath == gz.SECTORS_FILE
        else gz.LexiconFile
    )
    ids = [e.id for e in load(relpath, model).entries]
    assert len(ids) == len(set(ids)), f"{relpath}: duplicate ids {sorted(i for i in ids if ids.count(i) > 1)}"


def test_no_alias_is_claimed_by_two_entries() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for name in gz.all_names():
        if name.entry_id in ("province", "district"):
            continue  # read from underthesea; extra spellings in places.yaml point to the same place
        owners[gz.alias_key(name.alias)].add(name.entry_id)
    clashes = {alias: ids for alias, ids in owners.items() if len(ids) > 1}
    assert not clashes, f"aliases claimed by several entries: {clashes}"


def test_yaml_aliases_do_not_shadow_provinces() -> None:
    provinces = {gz.alias_key(p) for p in gz.provinces()}
    for name in gz.all_names():
        if name.entry_id in ("province", "district") or name.label == "LOC":
            continue
        assert gz.alias_key(name.alias) not in provinces, (
            f"{name.entry_id}: alias {name.alias!r} is a province"
        )


def test_provinces_come_from_underthesea_old_and_new() -> None:
    provinces = gz.provinces()
    data = gz.mapping_data()
    assert len(data["old_province_names"]) == 63 and len(data["province_names"]) == 34
    for short in ("Hà Giang", "Tuyên Quang", "Thái Bình", "Huế", "Bà Rịa - Vũng Tàu", "Cà Mau", "Bạc Liêu"):
        assert short in provinces, short


def test_sector_aliases_build_ministries_and_departments() -> None:
    canonical = {gz.alias_key(n.alias): n.canonical for n in gz.all_names()}
    assert canonical[gz.alias_key("Bộ TT&TT")] == "Bộ Thông tin và Truyền thông"
    assert canonical[gz.alias_key("Sở GD&ĐT")] == "Sở Giáo dục và Đào tạo"


@pytest.mark.parametrize(
    ("matched", "alias", "exact", "ok"),
    [
        ("EVN", "EVN", True, True),
        ("evn", "EVN", True, False),
        ("NGHỆ AN", "Nghệ An", True, True),
        ("hà nội", "Hà Nội", True, False),
        ("Cổng dịch vụ công quốc gia", "Cổng Dịch vụ công quốc gia", False, True),
        ("trục liên thông văn bản quốc gia", "Trục liên thông văn bản quốc gia", False, True),
        ("chính phủ", "Chính phủ", False, False),
        ("cục thống kê", "Cục Thống kê", False, False),
    ],
)
def test_case_rule(matched: str, alias: str, exact: bool, ok: bool) -> None:
    name = gz.Name("x", "ORG", alias, alias, exact)
    assert gz.case_ok(matched, name) is ok
