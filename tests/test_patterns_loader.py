"""patterns/ is validated at load, with errors that name the file and the entry, and ships in the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pydantic import ConfigDict

from vnextract import patterns
from vnextract.patterns import PatternEntry, PatternError, PatternFile

ROOT = Path(__file__).resolve().parent.parent


class _Entry(PatternEntry):
    model_config = ConfigDict(extra="forbid")
    factor: float


class _File(PatternFile):
    entries: list[_Entry]


@pytest.fixture
def tmp_patterns(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(patterns, "patterns_dir", lambda: tmp_path)
    patterns.read_yaml.cache_clear()
    patterns._load_cached.cache_clear()
    yield tmp_path
    patterns.read_yaml.cache_clear()
    patterns._load_cached.cache_clear()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "entries:\n  - id: nghin\n    factor: 1000\n  - id: trieu\n    factor: lots\n",
            r"scale\.yaml: entry 1 \(trieu\): factor",
        ),
        ("entries:\n  - id: nghin\n    factor: 1000\n    colour: red\n", r"entry 0 \(nghin\): colour"),
        ("entries: [\n", r"scale\.yaml: not valid YAML"),
        ("just: a mapping\n", r"scale\.yaml: expected a mapping with an 'entries' list"),
    ],
)
def test_patterns_broken_file_names_file_and_entry(tmp_patterns: Path, content: str, message: str) -> None:
    (tmp_patterns / "scale.yaml").write_text(content, encoding="utf-8")
    with pytest.raises(PatternError, match=message):
        patterns.load("scale.yaml", _File)


def test_patterns_missing_file_is_a_clear_error(tmp_patterns: Path) -> None:
    with pytest.raises(PatternError, match=r"nowhere\.yaml: no such pattern file"):
        patterns.load("nowhere.yaml", _File)


def test_patterns_examples_shorthand_and_validation(tmp_patterns: Path) -> None:
    (tmp_patterns / "ok.yaml").write_text(
        "entries:\n  - id: a\n    factor: 2\n    examples: ['gấp 2 lần']\n    counterexamples: ['lớp 2']\n",
        encoding="utf-8",
    )
    loaded = patterns.load("ok.yaml", _File)
    assert loaded.entries[0].examples[0].text == "gấp 2 lần"
    assert loaded.entries[0].counterexamples[0].text == "lớp 2"


def test_patterns_every_file_is_valid_yaml_with_entries() -> None:
    files = patterns.all_pattern_files()
    assert files, "patterns/ holds no YAML"
    for rel in files:
        data = patterns.read_yaml(rel)
        assert isinstance(data["entries"], list)


@pytest.mark.slow
def test_patterns_ship_inside_the_wheel(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        check=True, capture_output=True,
    )
    wheel = next(tmp_path.glob("vnextract-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n.removeprefix("vnextract/patterns/") for n in names if n.startswith("vnextract/patterns/")}
    assert set(patterns.all_pattern_files()) <= shipped
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    # Import the unpacked wheel (not the repository) and load every pattern file from inside it.
    probe = (
        "import vnextract.patterns as p, pathlib; d = p.patterns_dir();"
        f"assert pathlib.Path(d).is_relative_to(pathlib.Path({str(site)!r})), d;"
        "[p.read_yaml(f) for f in p.all_pattern_files()]; print(len(p.all_pattern_files()))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], cwd=tmp_path, env={"PYTHONPATH": str(site)},
        check=True, capture_output=True, text=True,
    )
    assert int(out.stdout.strip()) == len(patterns.all_pattern_files())
