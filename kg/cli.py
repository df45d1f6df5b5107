"""``kg`` command line: a thin argparse shell over ``kg.api``.

Adding a subcommand: write a module with ``register(subparsers)`` that adds its parser and
sets ``handler=`` (a function ``(args) -> int`` exit code) via ``set_defaults``, then list the
module in ``COMMAND_MODULES``. Modules not present yet are skipped, so the slots for
``load``/``query``/``view``/``export`` can be filled by the stores and views packages
without touching this file's handlers:

    def register(sub: argparse._SubParsersAction) -> None:
        p = sub.add_parser("query", help="...")
        p.add_argument(...)
        p.set_defaults(handler=run)

Input errors (``SourceError``, bad files) print ``kg: error: <file>:<line>: ...`` and exit 2;
store errors (embedded store, Neo4j) print their message and exit 1 (``KG_DEBUG=1``: traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kg import __version__
from kg.stores.cli_common import add_neo4j_args

if TYPE_CHECKING:
    from kg import api

EXIT_SERVICE = 1
EXIT_INPUT = 2
# Optional command modules (each has ``register(subparsers)``); absent ones are skipped.
COMMAND_MODULES = ("kg.stores.cli", "kg.views.cli", "kg.spark.cli")


def _progress(args: argparse.Namespace) -> bool:
    return not args.quiet and sys.stderr.isatty()


def _add_jobs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, metavar="N", help="extract in N worker processes (default 1)"
    )


def _register_build(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("build", help="papers -> papers.jsonl, graph files, embedded store and views")
    p.add_argument("inputs", nargs="*", metavar="INPUT", help="input files/folders (default: bundled corpus)")
    p.add_argument("--out", "-o", required=True, type=Path, metavar="DIR", help="output folder")
    _add_jobs(p)
    p.add_argument("--no-store", action="store_true", help="skip the embedded FalkorDBLite store")
    p.add_argument("--no-views", action="store_true", help="skip the pyvis HTML views")
    p.add_argument(
        "--stream",
        action="store_true",
        help="for corpora too large for memory: papers.jsonl and neo4j-import/ CSV only, "
        "memory bounded by distinct names (no graph.json, store or views)",
    )
    add_neo4j_args(p, "also load into Neo4j at URI (bolt://host:7687), or at $NEO4J_URI when no URI follows")
    p.set_defaults(handler=_run_build)


def neo4j_target(args: argparse.Namespace) -> api.Neo4jTarget | None:
    """``kg build --neo4j [URI] [--user NAME] [--database NAME]``; the password only from NEO4J_PASSWORD."""
    from kg import api

    if args.neo4j is None:
        return None
    return api.Neo4jTarget(args.neo4j or None, user=args.user, database=args.database)


def _run_build(args: argparse.Namespace) -> int:
    from kg import api

    if args.stream:
        from kg.streaming import stream_build

        streamed = stream_build(args.inputs, args.out, jobs=args.jobs, progress=_progress(args))
        print(streamed.summary())
        return 0
    result = api.build(
        args.inputs,
        args.out,
        store=not args.no_store,
        views=not args.no_views,
        neo4j=neo4j_target(args),
        progress=_progress(args),
        jobs=args.jobs,
    )
    print(api.format_summary(result))
    return 0


def _register_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="papers -> per-paper records (JSON Lines, resolved ids)")
    p.add_argument("inputs", nargs="+", metavar="INPUT")
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.jsonl")
    _add_jobs(p)
    p.set_defaults(handler=_run_extract)


def _run_extract(args: argparse.Namespace) -> int:
    from kg import api

    report, resolution = api.extract_to_jsonl(
        args.inputs, args.output, progress=_progress(args), jobs=args.jobs
    )
    print(report.summary(), file=sys.stderr)
    print(f"wrote {len(resolution.extractions)} records to {args.output}")
    return 0


def _register_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score predicted records against gold records")
    p.add_argument("gold", type=Path, metavar="GOLD")
    p.add_argument("pred", type=Path, metavar="PRED")
    p.add_argument("--canonical", type=Path, metavar="FILE", help="canonical.json for cross-paper identity")
    p.add_argument("--misses", action="store_true", help="also list every miss and false positive")
    p.set_defaults(handler=_run_eval)


def _run_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_misses, format_report

    report = evaluate(args.gold, args.pred, args.canonical)
    print(format_report(report))
    if args.misses:
        print(format_misses(report))
    return 0


def _register_vocab(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("vocab", help="manage the vocabularies resolution uses")
    vsub = p.add_subparsers(dest="vocab_command", required=True, metavar="COMMAND")
    imp = vsub.add_parser("import", help="import Papers with Code methods.json / datasets.json / CSV files")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument(
        "--into",
        type=Path,
        metavar="DIR",
        help="vocabulary folder (default: $KG_VOCAB_DIR, else $XDG_DATA_HOME/kg/vocab, "
        "else ~/.local/share/kg/vocab)",
    )
    imp.set_defaults(handler=_run_vocab_import)


def _run_vocab_import(args: argparse.Namespace) -> int:
    from kg.resolve.pwc_import import import_pwc

    report = import_pwc(args.files, args.into)
    print(report.summary())
    for path in report.written:
        print(f"wrote {path}")
    return 0


BUILTIN_COMMANDS: tuple[Callable[[argparse._SubParsersAction], None], ...] = (
    _register_build,
    _register_extract,
    _register_eval,
    _register_vocab,
)


def _plugin_registers() -> list[Callable[[argparse._SubParsersAction], None]]:
    found = []
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as err:
            if err.name == name:
                continue
            raise
        found.append(module.register)
    return found


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kg", description="Machine-learning paper abstracts -> a knowledge graph."
    )
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for register in (*BUILTIN_COMMANDS, *_plugin_registers()):
        register(sub)
    for command in sub.choices.values():  # "kg build -q" as well as "kg -q build"
        with contextlib.suppress(argparse.ArgumentError):
            command.add_argument("-q", "--quiet", action="store_true", default=argparse.SUPPRESS)
    return parser


def _input_errors() -> tuple[type[BaseException], ...]:
    from kg.sources import SourceError

    return (SourceError, FileNotFoundError, IsADirectoryError, UnicodeDecodeError, ValueError)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except _input_errors() as err:
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"kg: error: {_describe(err)}", file=sys.stderr)
        return EXIT_INPUT
    except _service_errors() as err:
        if os.environ.get("KG_DEBUG"):
            raise
        print(f"kg: error: {err}", file=sys.stderr)
        return EXIT_SERVICE
    except KeyboardInterrupt:
        print("kg: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `kg query ... | head`: the reader left; silence the final flush too (Python docs' recipe)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _service_errors() -> tuple[type[BaseException], ...]:
    """Store problems (server, lock, credentials): evaluated only when an exception reaches main."""
    from kg.stores.falkor_store import StoreError
    from kg.stores.neo4j_store import Neo4jStoreError

    return (StoreError, Neo4jStoreError)


def _describe(err: BaseException) -> str:
    if isinstance(err, (FileNotFoundError, IsADirectoryError)) and err.filename:
        return f"{err.filename}: {err.strerror}"
    return str(err)


if __name__ == "__main__":
    sys.exit(main())
