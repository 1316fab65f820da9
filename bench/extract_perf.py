"""Extraction throughput on the whole shared corpus (10,161 articles), single process.

Prints three figures: the time to build the matchers, proposals per second (reading the
corpus and extracting, no writing), and ``sitegen extract`` end to end per second (writing
every article file and proposal record into a temporary folder). Each with the process's CPU
time beside the wall-clock time: on a shared machine the CPU figure is the steadier one.

    .venv/bin/python bench/extract_perf.py [--limit N]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from corpus import CORPUS  # noqa: E402  (bench/corpus.py: where the shared corpus lives)

from sitegen.errors import Diagnostic  # noqa: E402
from sitegen.extract import extract, inputs  # noqa: E402
from sitegen.extract.propose import Proposer  # noqa: E402
from sitegen.extract.scan import Scanner  # noqa: E402
from sitegen.extract.vocabulary import load  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="stop after N articles")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent: {CORPUS}")

    started = time.perf_counter()
    lexicons, _ = load(REPO / "content")
    proposer = Proposer(Scanner(lexicons))
    built = time.perf_counter() - started
    print(f"matchers built in {built:.2f} s ({len(lexicons.vocabulary.places)} places)")

    raws, bad = [], 0
    for item in inputs.read(CORPUS):
        if isinstance(item, Diagnostic):
            bad += 1
        else:
            raws.append(item)
        if args.limit and len(raws) >= args.limit:
            break
    started, cpu = time.perf_counter(), time.process_time()
    incidents = sum(len(proposer.propose(raw).front.get("incidents", [])) for raw in raws)
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(f"proposals: {len(raws)} articles in {elapsed:.1f} s = {len(raws) / elapsed:.0f} articles/s "
          f"(CPU {cpu:.1f} s = {len(raws) / cpu:.0f} articles/s; {incidents} incidents; {bad} bad records reported)")

    if args.limit:
        return
    workdir = Path(tempfile.mkdtemp(prefix="sitegen-extract-perf-"))
    try:
        content = workdir / "content"
        content.mkdir()
        for name in ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", "ambiguous-names.yaml"):
            shutil.copyfile(REPO / "content" / name, content / name)
        started, cpu = time.perf_counter(), time.process_time()
        report = extract([CORPUS], content / "articles")
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        print(f"sitegen extract end to end: {len(report.written)} files in {elapsed:.1f} s = "
              f"{len(report.written) / elapsed:.0f} articles/s (CPU {cpu:.1f} s = {len(report.written) / cpu:.0f} "
              f"articles/s; {report.summary()})")
    finally:
        shutil.rmtree(workdir)


if __name__ == "__main__":
    main()
