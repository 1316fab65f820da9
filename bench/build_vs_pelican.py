"""sitegen's builds against Pelican 4.12 and Pelican + Pagefind 1.5, in one run, on the shared corpus.

    .venv/bin/python bench/build_vs_pelican.py               # writes bench/results/build_vs_pelican.md
    .venv/bin/python bench/build_vs_pelican.py --scale 100000 --no-pelican   # the 100,000-article run:
                                                     # cold and one edited article only

What it does, in a temporary folder (on /dev/shm, a tmpfs, when there is one, so the disk
is not what is measured):

1. the corpus through `sitegen extract` into a project with the shipped vocabularies (as a user
   importing a news collection would); with ``--scale N``, the extracted articles are repeated
   with new article and incident ids (``-r1``, ``-r2``...) and every date of the front matter
   moved back one year per copy, until there are N articles;
2. the same articles as plain Markdown files for Pelican (title, date, slug, lede and body);
3. Pelican (``pelican==4.12.*``, ``markdown``) and Pagefind (``pagefind[bin]==1.5.*``: the
   Python package and its binary wheel) installed each in its own virtual environment under
   ``bench/.venvs/`` (kept between runs; from the package index pip is set up with);
4. sitegen, each build in a fresh process (peak memory is that build's own): cold (no site,
   no index, no state), nothing changed, one article's body edited, one template edited (a
   copy of ``article.html`` in the project's ``templates/``, present from the cold build on);
   the cold build's stages timed from the build's progress callbacks, the others' from the build's
   own laps; with ``--scale``, a second article edit is built by the `sitegen build` command itself
   (the wall time a user sees: start-up, the build, the printed result, the deletion of what it replaced);
5. Pelican with its default theme; then Pagefind over Pelican's output; the ratios.

Wall time and peak resident memory (ru_maxrss of the process and its children) of each run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import CORPUS, write_results  # noqa: E402

VENVS = REPO / "bench" / ".venvs"
PELICAN = ("pelican==4.12.*", "markdown>=3.5,<4")
PAGEFIND = ("pagefind[bin]==1.5.*",)
VOCABULARIES = ("gazetteer.yaml", "actors.yaml", "lexicon.yaml", "ambiguous-names.yaml")
EDITED_TEMPLATE = "article.html"
CLI_EDIT = "one article edited, `sitegen build` command"  # the large run: the edit as a user runs it


# --- measuring ----------------------------------------------------------------------------------

def measured(command: list[str], cwd: Path) -> dict:
    """Run ``command`` in a fresh process; its wall time and peak memory (it and its children)."""
    out = subprocess.run([sys.executable, __file__, "--measure", str(cwd), "--", *command],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _measure_child(cwd: str, command: list[str]) -> None:
    started = time.perf_counter()
    run = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if run.returncode != 0:
        print(run.stdout[-3000:], run.stderr[-3000:], file=sys.stderr)
        sys.exit(run.returncode)
    figures = {"seconds": seconds, "max_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}
    last = run.stdout.strip().splitlines()[-1:] if run.stdout.strip() else []
    if last and last[0].startswith("{"):
        figures.update(json.loads(last[0]))  # what a sitegen build child reported
    print(json.dumps(figures))


def _build_child(project: str) -> None:
    """One `sitegen build` through the build API, with the time each stage started and ended."""
    from sitegen.build import build
    from sitegen.config import load_config
    from sitegen.errors import BuildFailed

    os.chdir(project)
    started = time.perf_counter()
    stages: dict[str, list[float]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter() - started
        stages.setdefault(stage, [now, now])[1] = now

    try:
        result = build(load_config(), progress=progress)
    except BuildFailed as failed:
        sys.exit("\n".join(str(d) for d in sorted(failed.diagnostics, key=lambda d: not d.is_error)[:20]))
    seconds = time.perf_counter() - started
    print(json.dumps({"build_seconds": seconds, "stages": stages, "pages": result.pages,
                      "articles": result.articles, "incidents": result.incidents, "laps": result.timings,
                      "written": result.pages_written, "rendered": result.pages_rendered}))


# --- preparing ----------------------------------------------------------------------------------

def venv(name: str, requirements: tuple[str, ...]) -> Path:
    """A virtual environment of its own, made once, with ``requirements`` installed by pip."""
    folder = VENVS / name
    stamp = folder / ".installed"
    if not stamp.exists() or stamp.read_text() != "\n".join(requirements):
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
        pip = subprocess.run([str(folder / "bin" / "python"), "-m", "pip", "install", "-q", *requirements],
                             capture_output=True, text=True)
        if pip.returncode != 0:
            sys.exit(f"could not install {' '.join(requirements)} into {folder}:\n{pip.stderr[-3000:]}")
        stamp.write_text("\n".join(requirements))
    return folder / "bin"


def version(python: Path, package: str) -> str:
    return subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
                          capture_output=True, text=True, check=True).stdout.strip()


def make_project(root: Path, scale: int | None) -> tuple[int, int]:
    """The sitegen project: the corpus extracted (and repeated to ``scale`` articles); (articles, bad records)."""
    from sitegen.extract import extract

    content = root / "content"
    content.mkdir(parents=True)
    for name in VOCABULARIES:
        if (REPO / "content" / name).exists():
            shutil.copyfile(REPO / "content" / name, content / name)
    (root / "templates").mkdir()
    shutil.copyfile(REPO / "templates" / EDITED_TEMPLATE, root / "templates" / EDITED_TEMPLATE)
    report = extract([CORPUS], content / "articles", content)
    bad = sum(p.is_error for p in report.problems)
    originals = sorted((content / "articles").glob("*.md"))
    count, copy = len(originals), 1
    while scale and count < scale:
        for path in originals:
            if count >= scale:
                break
            (path.parent / f"{path.stem}-r{copy}.md").write_text(
                repeated(path.read_text(encoding="utf-8"), copy), encoding="utf-8")
            count += 1
        copy += 1
    return count, bad


_ID = re.compile(r"^(\s*(?:- )?(?:id|incident): )(.+?)\s*$", re.MULTILINE)
_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d\d)-(\d\d)(?![\d-])")


def repeated(text: str, copy: int) -> str:
    """An article file as its ``copy``-th repetition: ids suffixed, front-matter dates ``copy`` years back."""
    _, front, body = text.split("---\n", 2)

    def moved(match: re.Match) -> str:
        year, month, day = int(match.group(1)) - copy, match.group(2), match.group(3)
        return f"{year:04d}-{month}-{'28' if (month, day) == ('02', '29') else day}"

    def renamed(match: re.Match) -> str:
        value = match.group(2)
        if len(value) > 1 and value[0] in "'\"" and value[-1] == value[0]:
            return f"{match.group(1)}{value[:-1]}-r{copy}{value[-1]}"
        return f"{match.group(1)}{value}-r{copy}"

    front = _DATE.sub(moved, _ID.sub(renamed, front))
    return f"---\n{front}---\n{body}"


def pelican_content(root: Path) -> int:
    """The same articles as Pelican Markdown (title, date, slug; lede and body), read from sitegen's files."""
    import yaml

    out = root / "content"
    out.mkdir(parents=True)
    written = 0
    for path in sorted((root.parent / "sitegen" / "content" / "articles").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        meta = yaml.load(front, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        if not meta.get("title") or not meta.get("published"):
            continue  # sitegen refuses these too
        title = " ".join(str(meta["title"]).split())
        lede = f"{meta['lede']}\n\n" if meta.get("lede") else ""
        (out / f"{meta['id']}.md").write_text(
            f"Title: {title}\nDate: {meta['published']}\nSlug: {meta['id']}\n\n{lede}{body}", encoding="utf-8")
        written += 1
    (root / "pelicanconf.py").write_text(
        "SITENAME = 'Archive'\nSITEURL = ''\nRELATIVE_URLS = True\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'ar'\n"
        "PATH = 'content'\n", encoding="utf-8")
    return written


# --- the run ------------------------------------------------------------------------------------

def edit_article(project: Path) -> None:
    article = min((project / "content" / "articles").glob("*.md"))
    text = article.read_text(encoding="utf-8")
    article.write_text(text.rstrip("\n") + "\n\nفقرة أضافها محرر بعد المراجعة.\n", encoding="utf-8")


def edit_template(project: Path) -> None:
    template = project / "templates" / EDITED_TEMPLATE
    template.write_text(template.read_text(encoding="utf-8") + "\n{# edited #}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=int, help="repeat the corpus to this many articles (100000 for the large run)")
    parser.add_argument("--no-pelican", action="store_true", help="sitegen only (the large run)")
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary folder on /dev/shm or /tmp)")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"the shared corpus is absent ({CORPUS}); nothing to measure")
    base = args.dir or (Path("/dev/shm") if Path("/dev/shm").is_dir() else None)
    work = Path(tempfile.mkdtemp(prefix="sitegen-vs-pelican-", dir=base))
    sitegen = [sys.executable, __file__, "--build-child", str(work / "sitegen")]
    cli = [str(Path(sys.executable).with_name("sitegen")), "build"]  # the command a user runs
    runs: dict[str, dict] = {}
    try:
        started = time.perf_counter()
        articles, bad = make_project(work / "sitegen", args.scale)
        print(f"project: {articles:,} articles in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        builds = (("cold", None), ("no-op", None), ("one article edited", edit_article),
                  ("one template edited", edit_template))
        if args.scale:  # what the large run's goals need: time, peak memory, one edited article
            builds = tuple(b for b in builds if b[0] in ("cold", "one article edited")) + (
                (CLI_EDIT, edit_article),)
        for name, change in builds:
            if change:
                change(work / "sitegen")
            runs[name] = measured(cli if name == CLI_EDIT else sitegen, work / "sitegen")
            print(f"sitegen {name}: {runs[name]['seconds']:.1f} s", file=sys.stderr)
        sizes = {name: _size_mb(work / "sitegen" / folder) for name, folder in
                 (("site", "site"), ("index", ".sitegen/index"))}
        if not args.no_pelican:
            pelican_bin, pagefind_bin = venv("pelican", PELICAN), venv("pagefind", PAGEFIND)
            pelican_articles = pelican_content(work / "pelican")
            runs["pelican"] = measured([str(pelican_bin / "pelican"), "content", "-o", "output",
                                        "-s", "pelicanconf.py", "-q"], work / "pelican")
            runs["pagefind"] = measured([str(pagefind_bin / "python"), "-m", "pagefind", "--site", "output"],
                                        work / "pelican")
            versions = {"pelican": version(pelican_bin / "python", "pelican"),
                        "pagefind": version(pagefind_bin / "python", "pagefind")}
            pelican_pages = sum(1 for _ in (work / "pelican" / "output").rglob("*.html"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = report(runs, articles, bad, sizes, args)
    if not args.no_pelican:
        lines += pelican_report(runs, versions, pelican_articles, pelican_pages)
    name = f"build_vs_pelican{'-' + str(args.scale) if args.scale else ''}.md"
    write_results(REPO / "bench" / "results" / name, lines)


def report(runs: dict, articles: int, bad: int, sizes: dict, args) -> list[str]:
    cold = runs["cold"]
    stages, last = [], 0.0
    for stage, (start, end) in sorted(cold.get("stages", {}).items(), key=lambda item: item[1][0]):
        if start - last >= 0.05:
            stages.append(f"{'reading, checking, planning' if not stages else 'between'} {start - last:.1f} s")
        stages.append(f"{stage} {end - start:.1f} s")
        last = end
    stages.append(f"after the last progress report {cold['build_seconds'] - last:.1f} s")
    command = "`.venv/bin/python bench/build_vs_pelican.py" + \
              (f" --scale {args.scale}" if args.scale else "") + (" --no-pelican" if args.no_pelican else "") + "`"
    lines = [
        f"# sitegen builds{'' if args.no_pelican else ' against Pelican and Pagefind'} "
        f"({articles:,} articles)",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores (shared with other work), Python "
        f"{platform.python_version()}, {platform.system()}; work folder on tmpfs. Command: {command}.",
        "",
        f"Content: the corpus through `sitegen extract` ({bad} bad records reported)"
        + (f", repeated with new ids and dates to {articles:,} articles" if args.scale else "")
        + f"; {cold['articles']:,} articles built, {cold['incidents']:,} incidents, {cold['pages']:,} pages. "
        f"Output: site {sizes['site']:.0f} MB, Whoosh index {sizes['index']:.0f} MB.",
        "",
        "| build | wall s | peak memory MB |",
        "|---|---:|---:|",
    ]
    for name in (n for n in ("cold", "no-op", "one article edited", "one template edited", CLI_EDIT) if n in runs):
        lines.append(f"| sitegen, {name} | {runs[name]['seconds']:.1f} | {runs[name]['max_rss_mb']:.0f} |")
    for name in (n for n in ("no-op", "one article edited", "one template edited") if runs.get(n, {}).get("laps")):
        run = runs[name]
        laps = ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in run["laps"].items())
        lines += ["", f"{name[0].upper()}{name[1:]}, the build call's stages (s): {laps}; "
                      f"{run['rendered']:,} pages rendered, {run['written']:,} files written."]
    lines += ["", f"Cold build by stage, in order (timed from the build's progress callbacks; 'between' is work "
                  f"that reports no progress, such as the Whoosh commit): "
                  f"{'; '.join(stages)}. The build call: {cold['build_seconds']:.1f} s of the process's "
                  f"{cold['seconds']:.1f} s."]
    return lines


def pelican_report(runs: dict, versions: dict, articles: int, pages: int) -> list[str]:
    pelican, pagefind, cold = runs["pelican"], runs["pagefind"], runs["cold"]["seconds"]
    both = pelican["seconds"] + pagefind["seconds"]
    return [
        "",
        f"Pelican {versions['pelican']} (default theme, Markdown, its own venv) on the same {articles:,} articles "
        f"({pages:,} HTML files), then Pagefind {versions['pagefind']} over its output:",
        "",
        "| build | wall s | peak memory MB |",
        "|---|---:|---:|",
        f"| Pelican | {pelican['seconds']:.1f} | {pelican['max_rss_mb']:.0f} |",
        f"| Pagefind over Pelican's site | {pagefind['seconds']:.1f} | {pagefind['max_rss_mb']:.0f} |",
        f"| Pelican + Pagefind | {both:.1f} | {max(pelican['max_rss_mb'], pagefind['max_rss_mb']):.0f} |",
        "",
        f"Ratios (sitegen cold / other; goal for Pelican + Pagefind: at most 1.0): "
        f"against Pelican {cold / pelican['seconds']:.2f}, against Pelican + Pagefind {cold / both:.2f}.",
    ]


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6 if folder.exists() else 0.0


if __name__ == "__main__":
    if len(sys.argv) > 3 and sys.argv[1] == "--measure":
        _measure_child(sys.argv[2], sys.argv[4:])
    elif len(sys.argv) == 3 and sys.argv[1] == "--build-child":
        _build_child(sys.argv[2])
    else:
        main()
