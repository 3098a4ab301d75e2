"""Throughput, per-stage cost, scaling, memory and cold start of vnextract, with peers in the same run.

    .venv/bin/python benchmarks/run.py            # full: corpus replicated to 2 MB, 100,000 streamed articles
    .venv/bin/python benchmarks/run.py --quick    # about a minute: 0.25 MB, 3,000 streamed articles

Prints tables and writes ``benchmarks/results/run.json`` (``run_quick.json`` with --quick).

What is measured, and how:
- unseen: the same ratio on articles seen once, in a fresh process warmed on other articles (no help
  from word caches filled by earlier copies of the same article);
- throughput: ``extract()`` over the corpus (corpus/*.txt + texts of corpus/extra/*.json) replicated to at
  least ``--mb`` MB, interleaved article by article with underthesea ``word_tokenize`` on the same text, so
  that both see the same machine load; wall and CPU (process) time are both reported, ratios use CPU time;
- stages: a second pass with the stage functions wrapped by a timing decorator (monkeypatched in this
  process only); times are exclusive (a stage's own time, nested stages subtracted);
- peers: underthesea ``ner`` per sentence and dateparser ``search_dates`` on a sample of articles,
  extrapolated to the whole corpus (said so in the table);
- scaling: ``extract_many`` with 1 and 2 processes;
- memory: peak RSS of this process, and RSS sampled while a fresh process streams ``--stream`` short
  articles through ``extract_many`` (it must stay flat);
- cold start: ``import vnextract`` in a fresh interpreter (best of 3), heavy modules it pulls in, and
  the latency of the first and second ``extract()`` call.
The replicated corpus repeats the same articles: caches keyed on whole words (normalize_word) profit as
they would on real news; nothing in vnextract caches whole texts or sentences.
"""

from __future__ import annotations

import argparse
import functools
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
KB = 1024


# ---------------------------------------------------------------- data


def corpus_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [
        json.loads(p.read_text(encoding="utf-8"))["text"]
        for p in sorted((ROOT / "corpus/extra").glob("*.json"))
    ]
    return texts


def replicate(texts: list[str], min_bytes: int) -> list[str]:
    out: list[str] = []
    size = 0
    while size < min_bytes:
        for t in texts:
            out.append(t)
            size += len(t.encode("utf-8"))
    return out


def short_articles(texts: list[str]) -> list[str]:
    """Paragraphs of 80..600 characters: the 'short articles' streamed in the memory test."""
    paras = [p.strip() for t in texts for p in t.split("\n") if 80 <= len(p.strip()) <= 600]
    return paras


def nbytes(texts: list[str]) -> int:
    return sum(len(t.encode("utf-8")) for t in texts)


# ---------------------------------------------------------------- stage timing


class StageTimer:
    """Exclusive time per wrapped function: nested wrapped calls are charged to themselves only."""

    def __init__(self) -> None:
        self.exclusive: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)
        self._children: list[float] = []  # time spent in wrapped children, per active frame

    def wrap(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self._children.append(0.0)
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = time.perf_counter() - t0
                children = self._children.pop()
                self.exclusive[name] += elapsed - children
                self.calls[name] += 1
                if self._children:
                    self._children[-1] += elapsed

        return timed


def instrument(timer: StageTimer) -> list[tuple[Any, str, Any]]:
    """Wrap the stage functions where the pipeline looks them up; returns what to restore."""
    import underthesea

    import vnextract.context as context
    import vnextract.pipeline as pipeline
    import vnextract.segmenter as segmenter
    import vnextract.tokenize as tokenize

    def words_name(fn: Callable[..., Any]) -> Callable[..., Any]:
        # Separate plain words from POS-tagged words: they cost very differently.
        plain = timer.wrap("core: words + align", fn)
        tagged = timer.wrap("core: pos words + align", fn)

        @functools.wraps(fn)
        def dispatch(norm: str, sentence: Any, *, pos: bool = False, **kwargs: Any) -> Any:
            return (tagged if pos else plain)(norm, sentence, pos=pos, **kwargs)

        return dispatch

    targets: list[tuple[Any, str, str | Callable[..., Any]]] = [
        (context, "TextView", "core: TextView (normalize)"),
        (tokenize, "sentences", "core: sentences"),
        (tokenize, "paragraphs", "core: paragraphs"),
        (tokenize, "words", words_name),
        (tokenize, "segment", "core: word segmentation (underthesea's CRF)"),
        (segmenter, "build_features", "core: CRF features (segmentation and POS)"),
        (tokenize, "build_features", "core: CRF features (segmentation and POS)"),
        (underthesea, "word_tokenize", "underthesea.word_tokenize"),
        (underthesea, "pos_tag", "underthesea.pos_tag"),
        (underthesea, "ner", "underthesea.ner"),
        (underthesea, "sent_tokenize", "underthesea.sent_tokenize"),
        (pipeline, "find_reference_date", "times: find_reference_date"),
        (pipeline, "extract_times", "times: extract_times"),
        (pipeline, "extract_entities", "entities: extract_entities"),
        (pipeline, "extract_quantities", "quantities: extract_quantities"),
        (pipeline, "link_indicators", "indicators: link_indicators"),
    ]
    restore = []
    for module, attr, name in targets:
        if not hasattr(module, attr):
            continue
        original = getattr(module, attr)
        restore.append((module, attr, original))
        setattr(module, attr, name(original) if callable(name) else timer.wrap(name, original))
    return restore


def uninstrument(restore: list[tuple[Any, str, Any]]) -> None:
    for module, attr, original in restore:
        setattr(module, attr, original)


# ---------------------------------------------------------------- measurements


def throughput(texts: list[str]) -> dict[str, Any]:
    """extract() and word_tokenize alone on the same texts, interleaved article by article."""
    import underthesea

    from vnextract import extract

    wall = {"vnextract": 0.0, "word_tokenize": 0.0}
    cpu = {"vnextract": 0.0, "word_tokenize": 0.0}
    for text in texts:
        w0, c0 = time.perf_counter(), time.process_time()
        extract(text)
        w1, c1 = time.perf_counter(), time.process_time()
        underthesea.word_tokenize(text)
        w2, c2 = time.perf_counter(), time.process_time()
        wall["vnextract"] += w1 - w0
        cpu["vnextract"] += c1 - c0
        wall["word_tokenize"] += w2 - w1
        cpu["word_tokenize"] += c2 - c1
    size = nbytes(texts)
    out: dict[str, Any] = {"articles": len(texts), "bytes": size}
    for name in wall:
        out[name] = {
            "wall_s": wall[name],
            "cpu_s": cpu[name],
            "kb_per_s_cpu": size / KB / cpu[name],
            "kb_per_s_wall": size / KB / wall[name],
            "articles_per_s_cpu": len(texts) / cpu[name],
        }
    out["ratio_to_word_tokenize_cpu"] = cpu["word_tokenize"] / cpu["vnextract"]
    out["ratio_to_word_tokenize_wall"] = wall["word_tokenize"] / wall["vnextract"]
    return out


UNSEEN = r"""
import json, sys, time
sys.path.insert(0, "benchmarks")
from run import corpus_texts
from vnextract import extract
from vnextract.patterns import all_pattern_files, read_yaml
import underthesea
# Warm-up on other text: every example sentence of patterns/ (loads every lazy part of the pipeline).
warm = []
for rel in all_pattern_files():
    for entry in read_yaml(rel).get("entries") or []:
        if isinstance(entry, dict):
            for ex in [*(entry.get("examples") or []), *(entry.get("counterexamples") or [])]:
                warm.append(ex if isinstance(ex, str) else ex["text"])
for t in warm:
    extract(t); underthesea.word_tokenize(t)
from vnextract.batch import warm_up
warm_up()  # and every lazily loaded part (all gazetteers), as extract_many does before its workers start
texts = corpus_texts()
cpu = {"vnextract": 0.0, "word_tokenize": 0.0}
for t in texts:
    c0 = time.process_time(); extract(t); c1 = time.process_time(); underthesea.word_tokenize(t)
    c2 = time.process_time()
    cpu["vnextract"] += c1 - c0; cpu["word_tokenize"] += c2 - c1
print(json.dumps({"articles": len(texts), "warm_up_sentences": len(warm), "cpu_s": cpu,
                  "ratio_to_word_tokenize_cpu": cpu["word_tokenize"] / cpu["vnextract"]}))
"""


def unseen_throughput(runs: int = 3) -> dict[str, Any]:
    """The ratio on articles this process has not seen (fresh interpreter, warmed on pattern examples).

    The replicated corpus lets caches keyed on words and n-grams hit more often than new articles would;
    this measures the other extreme: every article once, after a warm-up on different articles.
    """
    results = []
    for _ in range(runs):
        r = subprocess.run(
            [sys.executable, "-c", UNSEEN], capture_output=True, text=True, check=True, cwd=ROOT
        )
        results.append(json.loads(r.stdout.strip().splitlines()[-1]))
    ratios = sorted(x["ratio_to_word_tokenize_cpu"] for x in results)
    return {"runs": results, "ratio_median": ratios[len(ratios) // 2]}


def stages(texts: list[str]) -> dict[str, Any]:
    from vnextract import extract

    timer = StageTimer()
    restore = instrument(timer)
    total = serialize = 0.0
    try:
        for text in texts:
            t0 = time.perf_counter()
            doc = extract(text)
            t1 = time.perf_counter()
            doc.model_dump_json()
            serialize += time.perf_counter() - t1
            total += t1 - t0
    finally:
        uninstrument(restore)
    table = dict(timer.exclusive)
    table["pipeline: checks, Document build, other"] = total - sum(timer.exclusive.values())
    table["serialization: model_dump_json"] = serialize
    grand = total + serialize
    return {
        "total_s": grand,
        "stages": {
            k: {"s": v, "share": v / grand, "calls": timer.calls.get(k, 1)}
            for k, v in sorted(table.items(), key=lambda kv: -kv[1])
        },
    }


def peers(texts: list[str], sample: int, vnextract_cpu_s: float, total_bytes: int) -> dict[str, Any]:
    """underthesea ner (per sentence) and dateparser search_dates on a sample, extrapolated."""
    import underthesea

    from vnextract.context import Analysis

    chosen = texts[:sample]
    size = nbytes(chosen)
    out: dict[str, Any] = {"sample_articles": len(chosen), "sample_bytes": size}
    sentences = [an.text[s.start : s.end] for an in map(Analysis, chosen) for s in an.sentences]
    underthesea.ner("Hà Nội")  # load the model outside the timing
    c0 = time.process_time()
    for s in sentences:
        underthesea.ner(s)
    ner_cpu = time.process_time() - c0
    out["underthesea.ner"] = {
        "cpu_s_sample": ner_cpu,
        "kb_per_s_cpu": size / KB / ner_cpu,
        "extrapolated_cpu_s": ner_cpu * total_bytes / size,
    }
    try:
        from dateparser.search import search_dates
    except ImportError:
        out["dateparser.search_dates"] = "not installed: pip install 'vnextract[bench]'"
    else:
        search_dates("ngày 8 tháng 8 năm 2022", languages=["vi"])
        c0 = time.process_time()
        for t in chosen:
            search_dates(t, languages=["vi"])
        dp_cpu = time.process_time() - c0
        out["dateparser.search_dates"] = {
            "cpu_s_sample": dp_cpu,
            "kb_per_s_cpu": size / KB / dp_cpu,
            "extrapolated_cpu_s": dp_cpu * total_bytes / size,
        }
    for name in ("underthesea.ner", "dateparser.search_dates"):
        if isinstance(out[name], dict):
            # > 1 means the peer is slower than the whole vnextract pipeline on the same text.
            out[name]["time_ratio_to_vnextract"] = out[name]["extrapolated_cpu_s"] / vnextract_cpu_s
    return out


def _cpu_with_children() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def scaling(texts: list[str]) -> dict[str, Any]:
    """extract_many with 1 and 2 processes; CPU time (this process + finished workers) says how much CPU
    the run actually got, so that a speed-up lost to other processes on the machine can be told apart."""
    from vnextract import extract_many

    out: dict[str, Any] = {"articles": len(texts), "bytes": nbytes(texts), "cpus": os.cpu_count()}
    for n in (1, 2):
        load = os.getloadavg()[0]
        t0, c0 = time.perf_counter(), _cpu_with_children()
        results = list(extract_many(texts, n_process=n))
        elapsed = time.perf_counter() - t0
        gc.collect()  # let the pool's workers be reaped so their CPU time is counted
        cpu = _cpu_with_children() - c0
        errors = sum(1 for r in results if type(r).__name__ == "ExtractionError")
        out[f"n_process={n}"] = {
            "wall_s": elapsed,
            "cpu_s": cpu,
            "cpus_used": cpu / elapsed,  # 1.0 = one CPU all the time
            "kb_per_s": nbytes(texts) / KB / elapsed,
            "errors": errors,
            "load_avg_before": load,
        }
    one, two = out["n_process=1"], out["n_process=2"]
    out["speedup_2_vs_1"] = one["wall_s"] / two["wall_s"]
    # What 2 processes would give with 2 free CPUs: the work (CPU s) of the 2-process run spread over 2
    # CPUs, against the 1-process run's CPU s on one CPU; overheads of forking and pickling included.
    out["speedup_if_cpus_free"] = one["cpu_s"] / (two["cpu_s"] / 2)
    return out


STREAM_CHILD = r"""
import json, sys, psutil
from vnextract import extract_many
articles = json.load(open(sys.argv[1], encoding="utf-8"))
count, every = int(sys.argv[2]), int(sys.argv[3])
proc = psutil.Process()
def texts():  # every text distinct, so that a cache keyed on texts or sentences would show as growth
    for i in range(count):
        yield f"{articles[i % len(articles)]} Văn bản số {i}/{i % 97 + 1}."
samples = [(0, proc.memory_info().rss)]
for i, _ in enumerate(extract_many(texts()), 1):
    if i % every == 0 or i == count:
        samples.append((i, proc.memory_info().rss))
print(json.dumps(samples))
"""


def streaming_rss(articles: list[str], count: int) -> dict[str, Any]:
    """RSS of a fresh process streaming ``count`` short articles through extract_many (n_process=1)."""
    every = max(1, count // 10)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as f:
        json.dump(articles, f, ensure_ascii=False)
    tmp = Path(f.name)
    t0 = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-c", STREAM_CHILD, str(tmp), str(count), str(every)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    elapsed = time.perf_counter() - t0
    tmp.unlink(missing_ok=True)
    if run.returncode != 0:
        return {"error": run.stderr[-2000:]}
    samples = json.loads(run.stdout.strip().splitlines()[-1])
    mb = [(i, rss / 2**20) for i, rss in samples]
    after_warmup = [m for i, m in mb if i >= every]  # the first sample holds the models' loading
    return {
        "articles": count,
        "source_paragraphs": len(articles),  # each streamed text is one of them plus a unique tail
        "wall_s": elapsed,
        "rss_mb": mb,
        "growth_after_first_sample_mb": (after_warmup[-1] - after_warmup[0]) if after_warmup else None,
    }


COLD_IMPORT = (
    "import time; t, c = time.perf_counter(), time.process_time(); import vnextract; "
    "print(time.perf_counter() - t, time.process_time() - c)"
)
COLD_CALL = r"""
import json, sys, time
t = time.perf_counter()
import vnextract
t_import = time.perf_counter() - t
heavy = sorted(m for m in ("underthesea", "spacy", "pandas", "pyarrow", "torch", "sklearn", "numpy")
               if m in sys.modules)
text = ("Ngày 8-8, tỉnh Khánh Hòa cho biết 6 tháng đầu năm 2022, GRDP tăng 8,5% so với cùng kỳ, "
        "đạt 97% kế hoạch.")
t = time.perf_counter(); vnextract.extract(text); first = time.perf_counter() - t
t = time.perf_counter(); vnextract.extract(text); second = time.perf_counter() - t
print(json.dumps({"import_s": t_import, "heavy_modules_after_import": heavy, "first_call_s": first,
                  "second_call_s": second}))
"""


def cold_start() -> dict[str, Any]:
    runs = []
    for _ in range(3):
        r = subprocess.run(
            [sys.executable, "-c", COLD_IMPORT], capture_output=True, text=True, check=True, cwd=ROOT
        )
        runs.append(tuple(map(float, r.stdout.split())))
    r = subprocess.run(
        [sys.executable, "-c", COLD_CALL], capture_output=True, text=True, check=True, cwd=ROOT
    )
    out = json.loads(r.stdout.strip().splitlines()[-1])
    out["import_s_best_of_3"] = min(wall for wall, _ in runs)
    out["import_cpu_s_best_of_3"] = min(cpu for _, cpu in runs)  # what the machine's load does not inflate
    r = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import vnextract"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    rows = []
    for line in r.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[1].isdigit():
            rows.append((int(parts[1]), parts[2]))
    # The biggest cumulative imports that are not vnextract itself: what to make lazy.
    out["importtime_top_us"] = [(name.strip(), us) for us, name in sorted(rows, reverse=True)[:12]]
    return out


# ---------------------------------------------------------------- printing


def table(title: str, rows: list[tuple[str, ...]], header: tuple[str, ...]) -> None:
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=True)]
    print(f"\n{title}")
    print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--quick", action="store_true", help="0.25 MB, 3,000 streamed articles, small peer sample"
    )
    ap.add_argument(
        "--mb", type=float, default=None, help="replicate the corpus to at least this many MB (2)"
    )
    ap.add_argument("--stream", type=int, default=None, help="short articles streamed for RSS (100000)")
    ap.add_argument("--peer-sample", type=int, default=None, help="articles for ner/dateparser (12)")
    ap.add_argument(
        "--skip", nargs="*", default=[], choices=["peers", "scaling", "stream", "cold", "stages", "unseen"]
    )
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    mb = args.mb if args.mb is not None else (0.25 if args.quick else 2.0)
    stream = args.stream if args.stream is not None else (3000 if args.quick else 100_000)
    peer_sample = args.peer_sample if args.peer_sample is not None else (4 if args.quick else 12)
    out_path = args.out or RESULTS / ("run_quick.json" if args.quick else "run.json")

    base = corpus_texts()
    texts = replicate(base, int(mb * 2**20))
    size = nbytes(texts)
    result: dict[str, Any] = {
        "when_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_avg": os.getloadavg(),
        "git": _git_head(),
        "mb": mb,
        "quick": args.quick,
    }
    print(
        f"corpus: {len(base)} articles replicated to {len(texts)} ({size / 2**20:.2f} MB); "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )

    if "cold" not in args.skip:  # first, before this process warms the disk cache further
        cold = result["cold_start"] = cold_start()
        table(
            "cold start (fresh interpreter)",
            [
                ("import vnextract (best of 3)", f"{cold['import_s_best_of_3']:.3f} s"),
                ("import vnextract, CPU time (best of 3)", f"{cold['import_cpu_s_best_of_3']:.3f} s"),
                ("heavy modules after import", ", ".join(cold["heavy_modules_after_import"]) or "none"),
                ("first extract() call", f"{cold['first_call_s']:.3f} s"),
                ("second extract() call", f"{cold['second_call_s'] * 1000:.1f} ms"),
            ],
            ("what", "time"),
        )

    from vnextract import extract

    extract(base[0])  # load models and patterns outside the timings (cold start is measured above)
    from vnextract.batch import warm_up

    warm_up()  # every lazily loaded part too, as extract_many does before its workers start
    import underthesea

    underthesea.word_tokenize(base[0])

    tp = result["throughput"] = throughput(texts)
    v, w = tp["vnextract"], tp["word_tokenize"]
    table(
        f"throughput on {size / 2**20:.2f} MB, one process (CPU time; wall in brackets)",
        [
            (
                "vnextract extract()",
                f"{v['kb_per_s_cpu']:.0f} ({v['kb_per_s_wall']:.0f})",
                f"{v['articles_per_s_cpu']:.1f}",
                "1.00",
            ),
            (
                "underthesea word_tokenize alone",
                f"{w['kb_per_s_cpu']:.0f} ({w['kb_per_s_wall']:.0f})",
                f"{w['articles_per_s_cpu']:.1f}",
                f"{w['kb_per_s_cpu'] / v['kb_per_s_cpu']:.2f}",
            ),
        ],
        ("pipeline", "KB/s", "articles/s", "speed vs vnextract"),
    )
    print(
        f"ratio vnextract / word_tokenize throughput: {tp['ratio_to_word_tokenize_cpu']:.2f} "
        f"(target >= 0.75; wall-clock ratio {tp['ratio_to_word_tokenize_wall']:.2f})"
    )
    if "unseen" not in args.skip:
        un = result["unseen"] = unseen_throughput()
        print(
            f"ratio on unseen articles (each once, fresh process warmed on the pattern examples; "
            f"median of {len(un['runs'])}): {un['ratio_median']:.2f}"
        )

    if "stages" not in args.skip:
        st = result["stages"] = stages(texts)
        table(
            f"per-stage exclusive time (wall, {st['total_s']:.1f} s in all)",
            [
                (k, f"{s['s']:.2f}", f"{100 * s['share']:.1f}%", str(s["calls"]))
                for k, s in st["stages"].items()
            ],
            ("stage", "seconds", "share", "calls"),
        )

    if "peers" not in args.skip:
        pr = result["peers"] = peers(texts, peer_sample, v["cpu_s"], size)
        rows = []
        for name in ("underthesea.ner", "dateparser.search_dates"):
            p = pr[name]
            if isinstance(p, dict):
                rows.append(
                    (
                        name,
                        f"{p['kb_per_s_cpu']:.1f}",
                        f"{p['extrapolated_cpu_s']:.1f}",
                        f"{p['time_ratio_to_vnextract']:.2f}x",
                    )
                )
            else:
                rows.append((name, p, "", ""))
        table(
            f"peers: sampled on {pr['sample_articles']} articles ({pr['sample_bytes'] / KB:.0f} KB), "
            f"time extrapolated to {size / 2**20:.2f} MB",
            rows,
            ("peer", "KB/s", "est. s for corpus", "time vs vnextract"),
        )

    if "scaling" not in args.skip:
        sc = result["scaling"] = scaling(texts)
        rows = []
        for n in (1, 2):
            r = sc[f"n_process={n}"]
            rows.append((f"n_process={n}", f"{r['kb_per_s']:.0f}", f"{r['wall_s']:.1f}", f"{r['cpu_s']:.1f}",
                         f"{r['cpus_used']:.2f}", f"{r['load_avg_before']:.1f}", str(r["errors"])))
        table("scaling: extract_many", rows,
              ("setting", "KB/s (wall)", "wall s", "CPU s", "CPUs used", "load avg", "errors"))
        print(
            f"2-process speed-up: {sc['speedup_2_vs_1']:.2f}x wall (target >= 1.8; {sc['cpus']} CPUs shared "
            f"with other work); {sc['speedup_if_cpus_free']:.2f}x if both CPUs were free (from CPU times)"
        )

    gc.collect()
    result["peak_rss_mb_this_process"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of this process: {result['peak_rss_mb_this_process']:.0f} MB")

    if "stream" not in args.skip:
        sr = result["streaming"] = streaming_rss(short_articles(base), stream)
        if "error" in sr:
            print("\nstreaming failed:\n" + sr["error"])
        else:
            table(
                f"RSS while streaming {stream} short articles through extract_many ({sr['wall_s']:.0f} s)",
                [(str(i), f"{m:.1f}") for i, m in sr["rss_mb"]],
                ("articles done", "RSS MB"),
            )
            print(f"growth after the first sample: {sr['growth_after_first_sample_mb']:+.1f} MB")

    RESULTS.mkdir(parents=True, exist_ok=True)
    out_path.write_text(
        json.dumps(result, indent=1, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )
    print(f"\nwritten: {out_path.relative_to(ROOT) if out_path.is_relative_to(ROOT) else out_path}")
    return result


def _git_head() -> str | None:
    if os.environ.get("VNEXTRACT_GIT"):  # a benchmark run from an exported snapshot has no .git
        return os.environ["VNEXTRACT_GIT"]
    r = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT, check=False
    )
    return r.stdout.strip() or None


if __name__ == "__main__":
    main()
