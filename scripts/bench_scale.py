"""Scale benchmark (issue 5 §3): the whole build on generated corpora, local --jobs 1/2 and Spark local[2].

Corpora of 10k, 100k (and, with ``--sizes ... 1000000``, 1M) abstracts come from
``scripts/corpus_gen.py`` (example papers with perturbed names and sentences, arXiv
snapshot JSONL). Each run is a fresh subprocess:

* ``local-j1`` / ``local-j2``: ``kg.streaming.stream_build`` (read -> extract -> resolve ->
  papers.jsonl + neo4j-admin CSV) with 1 or 2 extraction processes;
* ``spark-l2``: ``kg/spark/job.py --master local[2]`` (Parquet + neo4j-admin CSV shards).

Reported: wall time, papers/s, peak memory of the whole process tree (RSS summed over
the run's processes, sampled every 0.25 s: JVM and Python workers included) and the
largest single process (``ru_maxrss``), then how time and memory grow between sizes and a
linear extrapolation to 1M when 1M was not run. Target: 1M in < 30 min on 2 cores,
peak < 8 GB, linear growth.

    .venv/bin/python scripts/bench_scale.py                       # 10k and 100k, all modes
    .venv/bin/python scripts/bench_scale.py --sizes 10000 --modes local-j1 spark-l2
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus_gen  # noqa: E402

MODES = ("local-j1", "local-j2", "spark-l2")
_PAGE = os.sysconf("SC_PAGE_SIZE")


def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as fh:
                ppid = int(fh.read().rsplit(b")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    return children


def tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants."""
    children, total, todo = _children_map(), 0, [root]
    while todo:
        pid = todo.pop()
        todo += children.get(pid, [])
        try:
            with open(f"/proc/{pid}/statm", "rb") as fh:
                total += int(fh.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            pass
    return total


def run_measured(cmd: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Wall time, peak summed tree RSS (sampled) and peak single-process RSS of ``cmd``."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "code = subprocess.run(sys.argv[1:]).returncode\n"
        "print('MAXRSS', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-c", wrapper, *cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss(proc.pid))
            done.wait(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-3000:]}")
    maxrss = next((int(line.split()[1]) for line in err.splitlines() if line.startswith("MAXRSS")), 0)
    return {"seconds": seconds, "tree_peak_mib": peak / 2**20, "max_rss_mib": maxrss / 1024, "stdout": out}


def command(mode: str, corpus: Path, out: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if mode.startswith("local-j"):
        jobs = mode.rsplit("j", 1)[1]
        code = (
            "import sys, json; from kg.streaming import stream_build\n"
            f"r = stream_build([{str(corpus)!r}], {str(out)!r}, jobs={jobs})\n"
            "print(json.dumps({'papers': r.papers, 'entities': r.entities, 'edges': r.edges,"
            " 'alias_rows': r.alias_rows, 'phases': r.phases}))\n"
        )
        return [sys.executable, "-c", code], env
    if mode == "spark-l2":
        env["PYSPARK_PYTHON"] = sys.executable
        env["SPARK_LOCAL_IP"] = "127.0.0.1"
        return [
            sys.executable,
            str(ROOT / "kg" / "spark" / "job.py"),
            "--master",
            "local[2]",
            str(corpus),
            str(out),
        ], env
    raise SystemExit(f"unknown mode {mode!r}")


def _counts(mode: str, stdout: str) -> dict[str, int]:
    if mode.startswith("local"):
        return json.loads(stdout.strip().splitlines()[-1])
    papers = next(line for line in stdout.splitlines() if line.startswith("papers:"))
    edges = next(line for line in stdout.splitlines() if line.startswith("edges:"))
    entities = next(line for line in stdout.splitlines() if line.startswith("entities:"))
    return {
        "papers": int(papers.split()[1]),
        "edges": int(edges.split()[1]),
        "entities": int(entities.split()[1]),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--modes", nargs="+", default=list(MODES))
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/kg_bench"))
    args = ap.parse_args(argv)
    args.workdir.mkdir(parents=True, exist_ok=True)

    results: dict[tuple[str, int], dict] = {}
    print(f"# bench_scale on {os.cpu_count()} cores; corpora from scripts/corpus_gen.py (seed 0)")
    print(
        f"{'mode':<10}{'papers':>9}{'seconds':>10}{'papers/s':>10}{'tree MiB':>10}{'max proc MiB':>14}"
        f"{'entities':>10}{'edges':>10}"
    )
    for size in args.sizes:
        name = f"corpus_{size}_v{corpus_gen.GENERATOR_VERSION}.jsonl"
        corpus = corpus_gen.write_corpus(size, args.workdir / name, seed=0, reuse=True)
        for mode in args.modes:
            out = args.workdir / f"out_{mode}_{size}"
            shutil.rmtree(out, ignore_errors=True)
            cmd, env = command(mode, corpus, out)
            r = run_measured(cmd, env)
            r.update(_counts(mode, r.pop("stdout")))
            results[(mode, size)] = r
            print(
                f"{mode:<10}{size:>9}{r['seconds']:>10.1f}{size / r['seconds']:>10.0f}"
                f"{r['tree_peak_mib']:>10.0f}{r['max_rss_mib']:>14.0f}{r['entities']:>10}{r['edges']:>10}",
                flush=True,
            )
            if r.get("phases"):
                print("          " + ", ".join(f"{k} {v:.1f} s" for k, v in r["phases"].items()), flush=True)
            shutil.rmtree(out, ignore_errors=True)

    sizes = sorted(args.sizes)
    if len(sizes) > 1:
        lo, hi = sizes[0], sizes[-1]
        print(f"\n# growth {lo} -> {hi} (x{hi / lo:g} papers); linear time = x{hi / lo:g}")
        for mode in args.modes:
            a, b = results[(mode, lo)], results[(mode, hi)]
            print(
                f"{mode:<10} time x{b['seconds'] / a['seconds']:.2f}  tree memory x"
                f"{b['tree_peak_mib'] / a['tree_peak_mib']:.2f}"
                f"  entities x{b['entities'] / a['entities']:.2f}"
            )
    if 1_000_000 not in sizes:
        big = sizes[-1]
        print(f"\n# extrapolated to 1M from {big} (linear in papers; NOT measured)")
        for mode in args.modes:
            r = results[(mode, big)]
            minutes = r["seconds"] * 1_000_000 / big / 60
            print(f"{mode:<10} ~{minutes:.0f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
