"""The ``storydesk`` command line: a thin layer over the library.

Article text is untrusted: it is printed as plain text (never as console markup), with control
characters removed so that an article cannot drive the terminal.
"""

from __future__ import annotations

import dataclasses
import json
import re
import shlex
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, TypeVar

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from storydesk import __version__
from storydesk.article import Article
from storydesk.batch import BatchReport, PlanMismatch, run_batch
from storydesk.batch.run import MIN_SOURCES
from storydesk.claims.analysis import AnalysisReport, story_analysis, update_analysis
from storydesk.config import Settings, default_db, load_outlet_map
from storydesk.engine import ENGINES, open_engine
from storydesk.export import (
    article_record,
    write_csv,
    write_dossiers,
    write_jsonl,
    write_parquet,
)
from storydesk.ingest.pipeline import RunReport, ingest
from storydesk.nlp import PipelineMissing
from storydesk.quotes.ledger import LedgerReport, story_statements, update_ledger
from storydesk.similarity.minilm import ModelMissing
from storydesk.similarity.score import EMBEDDERS, Embedder, Pair, score_pairs
from storydesk.store.migrations import SchemaError
from storydesk.store.sqlite import NotFound, Store
from storydesk.stories.engine import (
    DEFAULT_EMBEDDER,
    DEFAULT_WINDOW_DAYS,
    StoryReport,
    StorySettings,
    update_stories,
)
from storydesk.stories.queries import get_story, lineage, list_stories

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe(value: object) -> Text:
    """Untrusted text for the terminal: no markup, no control characters."""
    return Text(_CONTROL.sub("", "" if value is None else str(value)))


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """The ``--db`` option shared by every command."""
    return click.option(
        "--db", "db", type=click.Path(dir_okay=False), default=default_db, show_default=True,
        help="SQLite database file (or set STORYDESK_DB).",
    )(func)


def story_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options of story clustering shared by ``ingest`` and ``cluster``."""
    func = click.option(
        "--window", type=click.IntRange(min=0), default=DEFAULT_WINDOW_DAYS,
        show_default=True,
        help="Days within which articles of one story are published (when both dates are "
             "certain).")(func)
    return click.option(
        "--embedder", type=click.Choice(EMBEDDERS), default=DEFAULT_EMBEDDER,
        show_default=True,
        help="minilm: names, figures and meaning (accurate); lexical: names and figures "
             "only (about two hundred times faster, for very large corpora).")(func)


def engine_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Where heavy work runs: ``--engine`` and ``--scheduler``."""
    func = click.option(
        "--scheduler", envvar="STORYDESK_SCHEDULER", default=None, metavar="ADDRESS",
        help="Address of a running Dask scheduler (tcp://host:8786); implies "
             "--engine dask.")(func)
    return click.option(
        "--engine", type=click.Choice(ENGINES), default="local", show_default=True,
        help="local: this machine's cores; dask: a Dask cluster (--scheduler) or a local "
             "Dask cluster.")(func)


def _engine_name(engine: str, scheduler: str | None) -> str:
    return "dask" if scheduler else engine


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options of reading input shared by ``ingest`` and ``batch``."""
    func = click.option(
        "--outlets", type=click.Path(exists=True, dir_okay=False),
        help="Outlet map: JSON object or 'key = Outlet' lines; keys are domains or "
             "file-name globs.")(func)
    func = click.option(
        "--field", "fields", multiple=True, metavar="FIELD=COLUMN",
        help="Dump column for an article field (text, title, url, date, outlet, authors); "
             "repeatable, e.g. --field text=body.")(func)
    return click.option(
        "--max-size", type=click.FloatRange(min=0.001), default=20, show_default=True,
        help="Largest input file to accept, in MB.")(func)


def input_settings(max_size: float, fields: tuple[str, ...], outlets: str | None,
                   **more: Any) -> Settings:
    """Ingest settings from the input options, or a usage error."""
    try:
        settings = Settings(max_bytes=int(max_size * 1024 * 1024), **more)
        settings = settings.with_field_map(parse_fields(fields))
        if outlets:
            settings.outlets = load_outlet_map(outlets)
    except ValueError as e:
        raise click.UsageError(str(e)) from e
    return settings


def open_store(db: str, create: bool = False) -> Store:
    """Open the database or exit with a clear message."""
    try:
        return Store(db, create=create)
    except FileNotFoundError as e:
        raise click.ClickException(str(e)) from e
    except (SchemaError, Exception) as e:
        if isinstance(e, click.ClickException):
            raise
        raise click.ClickException(f"cannot open {db}: {e}") from e


T = TypeVar("T")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="storydesk")
def main() -> None:
    """storydesk: find the stories in a pile of news articles, with the evidence.

    Start with `storydesk ingest FOLDER`, then `storydesk articles`, `storydesk show ID`,
    `storydesk search WORDS` and `storydesk export`.
    """


# -- ingest ----------------------------------------------------------------------------------


def parse_fields(values: tuple[str, ...]) -> dict[str, str]:
    """``("text=body", "date=pubdate")`` → ``{"text": "body", "date": "pubdate"}``."""
    mapping = {}
    for value in values:
        name, sep, column = value.partition("=")
        if not sep or not name.strip() or not column.strip():
            raise click.BadParameter(f"expected FIELD=COLUMN, got {value!r}", param_hint="--field")
        mapping[name.strip()] = column.strip()
    return mapping


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@db_option
@input_options
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for extraction and cleaning (0: one per core).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20, show_default=True,
              help="Seconds to wait for a URL.")
@click.option("--recheck", is_flag=True,
              help="Read files again even when unchanged since an earlier run read them.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when any input is rejected.")
@click.option("--no-stories", is_flag=True,
              help="Only store the articles; find copies and stories later with "
                   "`storydesk cluster`.")
@click.option("--no-quotes", is_flag=True,
              help="Skip the quote ledger; build it later with `storydesk ledger`.")
@click.option("--no-claims", is_flag=True,
              help="Skip claims, conflicts, entities and timeline; build them later with "
                   "`storydesk analyse`.")
@story_options
def ingest_command(inputs: tuple[str, ...], db: str, max_size: float, fields: tuple[str, ...],
                   outlets: str | None, jobs: int, timeout: float, recheck: bool,
                   quiet: bool, strict: bool, no_stories: bool, no_quotes: bool,
                   no_claims: bool, embedder: str, window: int) -> None:
    """Ingest articles from files, folders and URLs.

    Reads .txt scrapes, .html pages, .jsonl/.json/.csv dumps (also gzipped), RSS/Atom feeds and
    WARC archives; folders are read recursively. Every input is reported as accepted,
    duplicate (already in the database) or rejected with the reason. Running the same ingest
    again changes nothing; files unchanged since a run read them are not read again.
    New articles are then placed in stories and checked for copies (see `storydesk cluster`),
    their quotes enter the quote ledger (see `storydesk ledger`), and the stories that changed
    are analysed for claims, conflicts, entities and timeline (see `storydesk analyse`).
    """
    settings = input_settings(max_size, fields, outlets, jobs=jobs, timeout=timeout,
                              recheck=recheck)
    store = open_store(db, create=True)
    command = "storydesk ingest " + " ".join(shlex.quote(i) for i in inputs)
    try:
        if quiet or not err.is_terminal:
            report = ingest(inputs, store, settings, command=command)
        else:
            report = _ingest_with_progress(inputs, store, settings, command)
    except KeyboardInterrupt:
        err.print("[yellow]Interrupted.[/] Batches already stored are kept; run the same "
                  "command again to finish.")
        sys.exit(130)
    finally:
        store.close()
    print_report(report, db)
    if not no_stories:
        run_stories(db, StorySettings(embedder=embedder, window_days=window), quiet)
    if not no_quotes:
        run_ledger(db, jobs, quiet)
    if not no_claims and not no_stories:
        run_analysis(db, jobs, quiet)
    if strict and report.rejected:
        sys.exit(1)


def _ingest_with_progress(inputs: tuple[str, ...], store: Store, settings: Settings,
                          command: str) -> RunReport:
    columns = (TextColumn("[bold]Ingesting"), BarColumn(), MofNCompleteColumn(),
               TextColumn("inputs · {task.fields[status]}"), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("ingest", total=None, status="starting")

        def update(done: int, total: int, report: RunReport) -> None:
            status = (f"{report.accepted} accepted, {report.duplicates} duplicate, "
                      f"{len(report.rejected)} rejected")
            bar.update(task, completed=done, total=total, status=status)

        return ingest(inputs, store, settings, progress=update, command=command)


def print_report(report: RunReport, db: str, limit: int = 30) -> None:
    """The summary of an ingest run, with the rejected inputs and their reasons."""
    rate = f" ({report.articles_per_second:,.0f} articles/s)" if report.seconds > 1 else ""
    out.print(
        f"Run {report.run_id}: {report.inputs} input(s) read in {report.seconds:.1f} s{rate}; "
        + (f"{report.unchanged} unchanged since an earlier run (skipped); "
           if report.unchanged else "")
        + f"articles: [green]{report.accepted} accepted[/], {report.duplicates} duplicate, "
        f"[{'red' if report.rejected else 'green'}]{len(report.rejected)} rejected[/]",
        soft_wrap=True,
    )
    for outcome in report.rejected[:limit]:
        out.print(Text("  rejected ", style="red") + safe(outcome.source) + Text(": ")
                  + safe(outcome.reason), soft_wrap=True)
        if len(report.rejected) > limit:
            out.print(f"… and {len(report.rejected) - limit} more: "
                      f"storydesk runs {report.run_id} --db {escape(db)}")
    out.print(f"Database: {escape(str(Path(db).resolve()))}", soft_wrap=True)


# -- batch runs ----------------------------------------------------------------------------


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True, metavar="PATH_OR_URL...")
@db_option
@click.option("--work", type=click.Path(file_okay=False), default=None,
              help="Folder for the partition outputs and their completion markers (default: "
                   "the database's name + .work). Run the same command again to resume.")
@engine_options
@click.option("--workers", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (local engine, or the local Dask cluster); 0: one per "
                   "core.")
@click.option("--partitions", type=click.IntRange(min=1), default=None,
              help="Cut the input into this many partitions (default: parts of about 32 MB, "
                   "at least 8). Results do not depend on it.")
@click.option("--min-sources", type=click.IntRange(min=1), default=MIN_SOURCES,
              show_default=True,
              help="Analyse quotes, claims and entities only for stories with at least this "
                   "many independent sources (1: every story).")
@click.option("--keep-work", is_flag=True,
              help="Keep the partition files once merged (they are removed by default; the "
                   "plan and the markers stay).")
@click.option("--no-analysis", is_flag=True,
              help="Stop after copies and stories; analyse later with `storydesk ledger` "
                   "and `storydesk analyse`.")
@input_options
@story_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
def batch_command(inputs: tuple[str, ...], db: str, work: str | None, engine: str,
                  scheduler: str | None, workers: int, partitions: int | None,
                  min_sources: int, keep_work: bool, no_analysis: bool, max_size: float,
                  fields: tuple[str, ...], outlets: str | None, embedder: str, window: int,
                  quiet: bool) -> None:
    """Run the whole pipeline over a large, partitioned input, here or on a Dask cluster.

    The inputs (many WARC, JSONL or text shards, or folders of them) are cut into partitions
    that workers read, clean and fingerprint on their own, each finished partition marked in
    the work folder; they are merged into the database in input order, then copies and
    stories are found over the whole corpus, and stories with at least --min-sources
    independent sources are analysed. The result is the same on every engine and for every
    partitioning. An interrupted run (Ctrl-C, a crash, a lost worker) resumes where it
    stopped when the same command is run again.
    """
    settings = input_settings(max_size, fields, outlets)
    work_dir = Path(work) if work else Path(f"{db}.work")
    name = _engine_name(engine, scheduler)
    command = "storydesk batch " + " ".join(shlex.quote(i) for i in inputs)
    store = open_store(db, create=True)
    try:
        with open_engine(name, scheduler, workers) as runner:
            report = with_stages("Partitions", quiet, lambda progress: run_batch(
                list(inputs), store, work_dir, runner, settings,
                StorySettings(embedder=embedder, window_days=window), partitions,
                not no_analysis, min_sources, progress, command, keep_work))
    except PlanMismatch as e:
        raise click.UsageError(str(e)) from e
    except (OSError, PipelineMissing, ModelMissing) as e:
        raise click.ClickException(str(e)) from e
    except KeyboardInterrupt:
        err.print("[yellow]Interrupted.[/] Finished partitions and merged articles are kept; "
                  "run the same command again to resume.")
        sys.exit(130)
    finally:
        store.close()
    print_batch_report(report, db, work_dir, name)


def print_batch_report(report: BatchReport, db: str, work: Path, engine: str) -> None:
    """The summary of a batch run."""
    seconds = sum(report.seconds.values())
    resumed = (f"resumed: {report.merged_before} partition(s) already merged, "
               f"{report.prepared_before} more already prepared; " if report.resumed else "")
    out.print(f"Batch on the {engine} engine: {report.partitions} partition(s); {resumed}"
              f"articles: [green]{report.accepted} accepted[/], {report.duplicates} "
              f"duplicate, {report.rejected} rejected "
              f"(see `storydesk runs`); {seconds:.1f} s", soft_wrap=True)
    if report.stories is not None and report.stories.clustered:
        copies = ", ".join(f"{n} {kind}" for kind, n in
                           sorted(report.stories.copies.items())) or "none"
        out.print(f"Stories: {report.stories.clustered} article(s) placed: "
                  f"{report.stories.new_stories} new story(ies), {report.stories.joined} "
                  f"joined existing ones; copies found: {copies}.")
    if report.ledger is not None and report.analysis is not None:
        out.print(f"Analysis: {report.ledger.statements} statement(s), "
                  f"{report.analysis.claims} claim(s), {report.analysis.conflicts} "
                  f"conflict(s) in {report.analysis.stories} multi-source story(ies).")
    stages = ", ".join(f"{stage} {s:.1f} s" for stage, s in report.seconds.items())
    out.print(f"Time: {stages}. Work folder: {escape(str(work))}", soft_wrap=True)
    out.print(f"Database: {escape(str(Path(db).resolve()))}", soft_wrap=True)


# -- copies and stories ----------------------------------------------------------------------


def with_stages(first: str, quiet: bool, work: Callable[[Any], T]) -> T:
    """Run ``work(progress)`` with a progress bar that names each stage, on a terminal;
    ``progress`` is None when quiet or when standard error is not a terminal."""
    if quiet or not err.is_terminal:
        return work(None)
    columns = (TextColumn("[bold]{task.fields[stage]}"), BarColumn(), MofNCompleteColumn(),
               TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task("work", total=None, stage=first)

        def update(stage: str, done: int, total: int) -> None:
            bar.update(task, completed=done, total=total, stage=stage.capitalize())

        return work(update)


def run_stories(db: str, settings: StorySettings, quiet: bool = False) -> StoryReport:
    """Update copies and stories with a progress bar, and print what changed."""
    with open_store(db) as store:
        try:
            report = with_stages("Fingerprints", quiet,
                                 lambda progress: update_stories(store, settings, progress))
        except ModelMissing as e:
            raise click.ClickException(f"{e}; or use --embedder lexical") from e
        except KeyboardInterrupt:
            err.print("[yellow]Interrupted.[/] Fingerprints already stored are kept; run "
                      "`storydesk cluster` to finish.")
            sys.exit(130)
    if report.clustered:
        copies = ", ".join(f"{n} {kind}" for kind, n in sorted(report.copies.items())) or "none"
        out.print(f"Stories: {report.clustered} article(s) placed: {report.new_stories} new "
                  f"story(ies), {report.joined} joined existing ones; copies found: {copies}.")
    return report


# -- quote ledger ------------------------------------------------------------------------


def run_ledger(db: str, jobs: int = 0, quiet: bool = False, engine: str = "local",
               scheduler: str | None = None) -> LedgerReport:
    """Update the quote ledger with a progress bar, and print what changed."""
    with open_store(db) as store, open_engine(_engine_name(engine, scheduler), scheduler,
                                               jobs) as runner:
        try:
            report = with_stages("Quotes", quiet,
                                 lambda progress: update_ledger(store, progress, runner))
        except (PipelineMissing, ModelMissing) as e:
            raise click.ClickException(str(e)) from e
        except KeyboardInterrupt:
            err.print("[yellow]Interrupted.[/] Quotes already stored are kept; run "
                      "`storydesk ledger` to finish.")
            sys.exit(130)
    if report.articles or report.stories:
        out.print(f"Quotes: {report.quotes} found in {report.articles} article(s); "
                  f"{report.statements} statement(s) aligned in {report.stories} story(ies).")
    return report


@main.command("ledger")
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for quote extraction (0: one per core).")
@engine_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
def ledger_command(db: str, jobs: int, engine: str, scheduler: str | None, quiet: bool) -> None:
    """Extract the quotes of articles not read yet and align each changed story's statements.

    Incremental: only new articles are read, and only stories whose articles changed are
    aligned again. `ingest` does this by itself unless given --no-quotes.
    """
    report = run_ledger(db, jobs, quiet, engine, scheduler)
    if not report.articles and not report.stories:
        out.print("The quote ledger is up to date.")


# -- claims, conflicts, entities, timeline -------------------------------------------------


def _word_vectors() -> Callable[[list[str]], Any] | None:
    """Word vectors for claim alignment, or None when the model is missing."""
    from storydesk.claims.words import shared_word_vectors

    try:
        return shared_word_vectors()
    except ModelMissing:
        return None


def run_analysis(db: str, jobs: int = 0, quiet: bool = False, thorough: bool = False,
                 engine: str = "local", scheduler: str | None = None) -> AnalysisReport:
    """Update claims, conflicts, entities and timeline with a progress bar; print a summary."""
    sentences = Embedder("minilm").sentences if thorough else None
    with open_store(db) as store, open_engine(_engine_name(engine, scheduler), scheduler,
                                               jobs) as runner:
        try:
            report = with_stages("Entities", quiet, lambda progress: update_analysis(
                store, progress, runner, word_vectors=_word_vectors(),
                sentence_vectors=sentences))
        except (PipelineMissing, ModelMissing) as e:
            raise click.ClickException(str(e)) from e
        except KeyboardInterrupt:
            err.print("[yellow]Interrupted.[/] Work already stored is kept; run "
                      "`storydesk analyse` to finish.")
            sys.exit(130)
    if report.articles or report.stories:
        out.print(f"Claims: {report.claims} claim(s) and {report.conflicts} conflict(s) in "
                  f"{report.stories} story(ies); entities read in {report.articles} "
                  f"article(s).")
    return report


@main.command("analyse")
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes for entity recognition (0: one per core).")
@engine_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
@click.option("--thorough", is_flag=True,
              help="Also compare claims by sentence meaning (MiniLM on every claim): aligns "
                   "looser paraphrases, about ten times slower. Stories analysed in the other "
                   "mode are analysed again.")
def analyse_command(db: str, jobs: int, engine: str, scheduler: str | None, quiet: bool,
                    thorough: bool) -> None:
    """Find claims, conflicts, entities and timeline of every story that changed.

    Incremental: entities are recognised once per article, and only stories whose articles,
    copies or dates changed are analysed again. `ingest` does this by itself (fast mode)
    unless given --no-claims.
    """
    report = run_analysis(db, jobs, quiet, thorough, engine, scheduler)
    if not report.articles and not report.stories:
        out.print("Claims, conflicts, entities and timeline are up to date.")


def _analysis_of(db: str, story_id: str) -> tuple[Any, dict[str, Any], dict[str, str]]:
    """A story, its stored analysis and its articles' outlets; a clear error when missing."""
    with open_store(db) as store:
        try:
            story, members = get_story(store, story_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
        analysis = story_analysis(store, story.id)
    if analysis is None:
        raise click.ClickException(f"story {story.id} has not been analysed yet: run "
                                   f"`storydesk analyse --db {db}`")
    return story, analysis, {m.id: m.outlet or m.id for m in members}


def _outlets(ids: list[str], outlet_of: dict[str, str]) -> str:
    return ", ".join(dict.fromkeys(outlet_of.get(i, i) for i in ids))


def _story_part(part: str) -> Callable[..., Any]:
    """Decorate a command that prints one part of a story's analysis."""
    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @click.argument("story_id")
        @db_option
        @click.option("--json", "as_json", is_flag=True, help=f"Print the {part} as JSON.")
        def command(story_id: str, db: str, as_json: bool) -> None:
            story, analysis, outlet_of = _analysis_of(db, story_id)
            if as_json:
                click.echo(json.dumps(analysis[part], ensure_ascii=False, indent=2))
                return
            out.print(Text(f"{part.capitalize()} of story {story.id}: ", style="bold")
                      + safe(story.label), soft_wrap=True)
            func(analysis, outlet_of)
        command.__doc__ = func.__doc__
        command.__name__ = func.__name__
        return main.command(part)(command)
    return decorate


@_story_part("claims")
def claims_command(analysis: dict[str, Any], outlet_of: dict[str, str]) -> None:
    """Print a story's claims: each fact with its outlets and independent sources.

    Claims backed by several independent outlets come first (a copy family counts once);
    single-source claims are marked. STORY_ID is as for `storydesk story`.
    """
    for n, claim in enumerate(analysis["claims"], 1):
        badge = ("single source" if claim["single_source"]
                 else f"{claim['independent_sources']} independent sources")
        out.print(Text(f"{n:>3}. ", style="bold") + safe(claim["text"]), soft_wrap=True)
        out.print(Text(f"     {badge}: ", style="yellow" if claim["single_source"] else "green")
                  + safe(_outlets(claim["support"], outlet_of)), soft_wrap=True)
    if analysis["off_topic"]:
        out.print(Text("Set apart as off-topic (no claims taken from them):", style="bold"))
        for segment in analysis["off_topic"]:
            out.print(Text("  ") + safe(outlet_of.get(segment["article"], segment["article"]))
                      + Text(f" ({segment['reason']}): ", style="dim")
                      + safe(clip(segment["text"], 100)), soft_wrap=True)


@_story_part("conflicts")
def conflicts_command(analysis: dict[str, Any], outlet_of: dict[str, str]) -> None:
    """Print a story's conflicts: details that outlets give differently, with each passage.

    STORY_ID is as for `storydesk story`.
    """
    if not analysis["conflicts"]:
        out.print("No conflicts found.")
    for n, conflict in enumerate(analysis["conflicts"], 1):
        out.rule()
        out.print(Text(f"{n}. {conflict['kind']}: ", style="bold red")
                  + safe(conflict["about"]), soft_wrap=True)
        for value in conflict["values"]:
            out.print(Text("   ") + safe(outlet_of.get(value["article"], value["article"]))
                      + Text(": ") + Text(str(value["value"]), style="bold")
                      + Text(" — ") + safe(value["text"]), soft_wrap=True)


@_story_part("entities")
def entities_command(analysis: dict[str, Any], outlet_of: dict[str, str]) -> None:
    """Print a story's people, organisations and places with the forms each outlet used.

    STORY_ID is as for `storydesk story`.
    """
    for entity in analysis["entities"]:
        out.print(Text(f"{entity['type']:<7} ", style="dim") + Text(entity["name"], style="bold"),
                  soft_wrap=True)
        if len(entity["variants"]) > 1:
            for variant in entity["variants"]:
                out.print(Text("        ") + safe(variant["form"]) + Text(": ", style="dim")
                          + safe(_outlets(variant["articles"], outlet_of)), soft_wrap=True)


@_story_part("timeline")
def timeline_command(analysis: dict[str, Any], outlet_of: dict[str, str]) -> None:
    """Print a story's timeline: dated events in order, then when each article appeared.

    Relative dates ("on Friday", "last month") are resolved against each article's
    publication date; a date marked '?' rests on an uncertain publication date or reading.
    STORY_ID is as for `storydesk story`.
    """
    for event in analysis["timeline"]:
        mark = "" if event["certain"] else "?"
        out.print(Text(f"{event['date'] + mark:<12} ", style="bold") + safe(event["event"]),
                  soft_wrap=True)
        out.print(Text("             ") + Text(_outlets(event["articles"], outlet_of),
                                                style="dim"), soft_wrap=True)
    out.print(Text("Published", style="bold"))
    for item in analysis["publications"]:
        when = (item["published"] or "unknown")[:16].replace("T", " ")
        out.print(Text(f"  {when:<17} ") + safe(item["outlet"] or item["article"]),
                  soft_wrap=True)


@main.command("report")
@click.argument("story_id")
@db_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "json"]), default="html",
              show_default=True, help="html: one self-contained page; md: Markdown; json: "
              "the story dossier with its articles' texts.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
@click.option("--llm-endpoint", envvar="STORYDESK_LLM_ENDPOINT", default=None,
              help="Also ask this OpenAI-compatible endpoint (e.g. a local llama.cpp or "
                   "Ollama server) for a summary; each of its sentences is checked against "
                   "the passages it cites. Also read from STORYDESK_LLM_ENDPOINT.")
@click.option("--llm-model", envvar="STORYDESK_LLM_MODEL", default="default",
              show_default=True, help="Model name to ask the endpoint for.")
@click.option("--llm-key", envvar="STORYDESK_LLM_KEY", default=None,
              help="API key for the endpoint (STORYDESK_LLM_KEY).")
def report_command(story_id: str, db: str, fmt: str, output: str, llm_endpoint: str | None,
                   llm_model: str, llm_key: str | None) -> None:
    """Write a story's report: cited summary, coverage, quote ledger, claims, conflicts,
    entities, timeline, copy lineage and the articles with their passages highlighted.

    The HTML file needs no network and runs no script. STORY_ID is as for `storydesk story`.
    """
    from storydesk.dossier import report_dossier, write_report

    with open_store(db) as store:
        try:
            dossier = report_dossier(store, story_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
    if llm_endpoint:
        from storydesk.dossier.llm import EndpointError, abstractive_summary

        try:
            dossier["generated_summary"] = abstractive_summary(dossier, llm_endpoint,
                                                               llm_model, llm_key)
        except EndpointError as e:
            raise click.ClickException(str(e)) from e
    with click.open_file(output, "w", encoding="utf-8", atomic=output != "-") as handle:
        write_report(dossier, fmt, handle)
    if output != "-":
        err.print(f"Wrote the {fmt} report of story {escape(dossier['story'])} to "
                  f"{escape(output)}")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; another than this machine's needs --token.")
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True)
@click.option("--token", envvar="STORYDESK_TOKEN", default=None,
              help="Require this token (Authorization: Bearer TOKEN, or ?token=TOKEN); "
                   "also read from STORYDESK_TOKEN.")
def serve_command(db: str, host: str, port: int, token: str | None) -> None:
    """Serve a read-only web app over the database: stories (sort, filter), search, story
    pages with the full report, article pages, and a JSON API under /api/ (described at
    /api/openapi.json)."""
    import uvicorn

    from storydesk.web.app import check_host, create_app

    try:
        check_host(host, token)
        app = create_app(db, token)
    except (ValueError, FileNotFoundError) as e:
        raise click.ClickException(str(e)) from e
    err.print(f"Serving {escape(db)} on http://{escape(host)}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


FIDELITY_STYLE = {"verbatim": "green", "trimmed": "cyan", "paraphrased": "yellow",
                  "altered": "bold red"}


@main.command("quotes")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statements as JSON.")
def quotes_command(story_id: str, db: str, as_json: bool) -> None:
    """Print a story's quote ledger: who said what, and how each outlet rendered it.

    Each statement lists its renderings, earliest first, with their fidelity to the
    reference rendering (verbatim, trimmed, paraphrased, altered), a word diff and, for
    altered ones, the reason. STORY_ID is as for `storydesk story`.
    """
    with open_store(db) as store:
        try:
            story, _ = get_story(store, story_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
        statements = story_statements(store, story.id)
    if as_json:
        click.echo(json.dumps(statements, ensure_ascii=False, indent=2))
        return
    out.print(Text(f"Quote ledger of story {story.id}: ", style="bold") + safe(story.label),
              soft_wrap=True)
    if not statements:
        out.print("No statements: no quotes were found in this story's articles "
                  "(or run `storydesk ledger`).")
        return
    for n, statement in enumerate(statements, 1):
        out.rule()
        outlets = {r["outlet"] or r["article"] for r in statement["renderings"]}
        out.print(Text(f"{n}. ", style="bold") + safe(statement["speaker"] or "unknown speaker")
                  + Text(f"  ({len(statement['renderings'])} rendering(s), "
                         f"{len(outlets)} outlet(s))", style="dim"), soft_wrap=True)
        for r in statement["renderings"]:
            kind = "reference" if r["reference"] else r["fidelity"]
            line = Text(f"  {kind:<11} ", style=FIDELITY_STYLE.get(kind, "bold"))
            line.append_text(safe(r["outlet"] or r["article"]) + Text(": "))
            line.append_text(safe(("“" + r["text"] + "”") if r["direct"] else r["text"]))
            out.print(line, soft_wrap=True)
            if r["reason"]:
                out.print(Text("              why: ", style="dim") + safe(r["reason"]),
                          soft_wrap=True)
            if r["fidelity"] in ("altered", "trimmed", "paraphrased") and not r["reference"]:
                out.print(Text("              diff: ", style="dim") + safe(_diff_line(r["diff"])),
                          soft_wrap=True)


def _diff_line(diff: list[dict[str, str]], context: int = 4) -> str:
    """A word diff in one line: [-removed-] {+added+}, long unchanged runs shortened."""
    parts = []
    for step in diff:
        if step["op"] == "equal":
            words = step.get("b", step.get("a", "")).split()
            parts.append(" ".join(words if len(words) <= 2 * context
                                  else [*words[:context], "…", *words[-context:]]))
        if step["op"] in ("delete", "replace"):
            parts.append(f"[-{step['a']}-]")
        if step["op"] in ("insert", "replace"):
            parts.append(f"{{+{step['b']}+}}")
    return " ".join(p for p in parts if p)


@main.command("cluster")
@db_option
@story_options
@click.option("--quiet", "-q", is_flag=True, help="No progress bar; only the summary.")
def cluster_command(db: str, embedder: str, window: int, quiet: bool) -> None:
    """Find copies and stories for the articles not yet in a story.

    Incremental: articles already in a story stay there; new ones join a story or start one.
    `ingest` does this by itself unless given --no-stories.
    """
    report = run_stories(db, StorySettings(embedder=embedder, window_days=window), quiet)
    if not report.clustered:
        out.print("Every article is already in a story.")


@main.command("stories")
@db_option
@click.option("--min-size", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only stories with at least this many articles.")
@click.option("--sort", type=click.Choice(["size", "date", "sources"]), default="size",
              show_default=True)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def stories_command(db: str, min_size: int, sort: str, limit: int, as_json: bool) -> None:
    """List stories: size, independent sources, outlets, dates and label."""
    with open_store(db) as store:
        rows = list_stories(store, min_size, sort, limit)
    if as_json:
        for row in rows:
            click.echo(json.dumps(dataclasses.asdict(row), ensure_ascii=False))
        return
    if not rows:
        out.print("No stories yet: run `storydesk ingest` (or `storydesk cluster`).")
        return
    for row in rows:
        dates = (row.first_published or "?") + (
            f" – {row.last_published}" if row.last_published != row.first_published else "")
        line = Text(f"{row.id}  {row.size:>4} art. {row.sources:>3} src.  {dates:<23}  ")
        line.append_text(safe(row.label))
        if row.outlets:
            line.append_text(Text("  [", style="dim") + safe(", ".join(row.outlets[:6]))
                             + Text("]" if len(row.outlets) <= 6 else ", …]", style="dim"))
        out.print(line, soft_wrap=True)


@main.command("story")
@click.argument("story_id")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the story as JSON.")
def story_command(story_id: str, db: str, as_json: bool) -> None:
    """Show one story: its articles and their copy lineage.

    STORY_ID may be a story id, a unique prefix of one, or the id of one of its articles.
    """
    with open_store(db) as store:
        try:
            story, members = get_story(store, story_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
    if as_json:
        click.echo(json.dumps({**dataclasses.asdict(story),
                               "articles": [dataclasses.asdict(m) for m in members]},
                              ensure_ascii=False, indent=2))
        return
    out.print(Text(f"Story {story.id}: ", style="bold") + safe(story.label), soft_wrap=True)
    out.print(f"{story.size} article(s), {story.sources} independent source(s)")
    out.rule()
    for m in members:
        line = Text(f"{m.id}  {(m.published or '')[:10]:<10}  ")
        line.append_text(safe(m.outlet or "—") + Text("  ") + safe(m.title or ""))
        out.print(line, soft_wrap=True)
        if m.copy_of:
            out.print(Text(f"    └ {m.copy_kind} copy of {m.copy_of}", style="yellow")
                      + Text(f"  {copy_figures(m.copy_evidence)}", style="dim"))


def copy_figures(evidence: dict[str, Any] | None) -> str:
    """The similarity figures of a copy link, in one short line."""
    if not evidence:
        return ""
    names = ("jaccard", "containment", "coverage", "mean_similarity", "aligned_sentences")
    return ", ".join(f"{n.replace('_', ' ')} {evidence[n]}" for n in names if n in evidence)


@main.command("similarity")
@click.option("--pairs", "pairs_file", type=click.File("r", encoding="utf-8"), required=True,
              help='JSONL file of {"pair_id", "text1", "text2"} lines.')
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", atomic=True),
              default="-", help="Where to write {\"pair_id\", \"similarity\"} lines "
              "(default: standard output).")
@click.option("--embedder", type=click.Choice(EMBEDDERS), default="minilm", show_default=True,
              help="Semantic model, or lexical evidence only.")
def similarity_command(pairs_file: IO[str], output: IO[str], embedder: str) -> None:
    """Score pairs of texts with the story score clustering uses (higher: same story)."""
    pairs: list[Pair] = []
    for number, line in enumerate(pairs_file, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            pairs.append(Pair(str(item["pair_id"]), str(item["text1"] or ""),
                              str(item["text2"] or "")))
        except (ValueError, KeyError, TypeError) as e:
            raise click.ClickException(
                f"line {number}: expected a JSON object with pair_id, text1 and text2 ({e})"
            ) from e
    try:
        scores = score_pairs(pairs, Embedder(embedder))
    except ModelMissing as e:
        raise click.ClickException(f"{e}; or use --embedder lexical") from e
    for pair, value in zip(pairs, scores, strict=True):
        output.write(json.dumps({"pair_id": pair.id, "similarity": value}) + "\n")
    if output is not sys.stdout:
        err.print(f"Scored {len(pairs)} pair(s).")


# -- reading ---------------------------------------------------------------------------------


@main.command("articles")
@db_option
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--offset", type=click.IntRange(min=0), default=0)
@click.option("--outlet", help="Only articles from this outlet.")
@click.option("--language", help="Only articles in this language (ISO 639-1 code, e.g. en).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles_command(db: str, limit: int, offset: int, outlet: str | None,
                     language: str | None, as_json: bool) -> None:
    """List articles, oldest first (undated last)."""
    with open_store(db) as store:
        total = store.count()
        rows = list(store.articles(limit, offset, outlet, language))
    if as_json:
        for a in rows:
            record = article_record(a)
            record.pop("text")
            click.echo(json.dumps(record, ensure_ascii=False))
        return
    width = out.width if out.is_terminal else 1000  # clip titles on screen, not in a pipe
    header = f"{'id':<12}  {'published':<17} {'outlet':<20}  lang {'words':>5}  title"
    out.print(Text(header[:width], style="bold"), soft_wrap=True)
    for a in rows:
        date = (a.published or "—")[:16] + ("" if a.published_certain or not a.published else "?")
        outlet = clip(a.outlet or "—", 20)
        line = (f"{a.id:<12}  {date:<17} {outlet:<20}  {a.language or '—':<4} "
                f"{len(a.text.split()):>5}  {a.title or first_words(a.text)}")
        out.print(safe(clip(line, width)), soft_wrap=True)
    shown = f"{offset + 1}–{offset + len(rows)}" if rows else "none"
    out.print(f"[dim]{shown} of {total} article(s); '?' marks an inferred date[/]")


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def first_words(text: str, n: int = 12) -> str:
    """The opening words of a text, for articles without a title."""
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


@main.command("show")
@click.argument("article_id")
@db_option
@click.option("--removed", is_flag=True, help="Also list the furniture removed, and why.")
@click.option("--evidence", is_flag=True, help="Also list every metadata candidate found.")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
def show_command(article_id: str, db: str, removed: bool, evidence: bool, as_json: bool) -> None:
    """Show one article: metadata with its sources, then the cleaned text.

    ARTICLE_ID may be a unique prefix of the id.
    """
    with open_store(db) as store:
        try:
            article = store.get(article_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
        links = lineage(store, article.id)
    if as_json:
        record = article_record(article, links)
        record["copies"] = links["copies"]
        record["removed"] = [r.to_dict() for r in article.removed]
        record["notes"] = article.notes
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
        return
    print_article(article, removed, evidence, links)


def print_article(article: Article, removed: bool, evidence: bool,
                  links: dict[str, Any] | None = None) -> None:
    """Metadata (with where each value came from), lineage, text, optional removals/evidence."""
    meta = Table(box=None, show_header=False, padding=(0, 1))
    meta.add_row("id", article.id)
    meta.add_row("source", safe(article.source))
    for name in ("title", "outlet", "authors", "published", "url", "language"):
        value = getattr(article, name)
        if isinstance(value, list):
            value = ", ".join(value)
        found = article.evidence.get(name)
        origin = f"  ({found[0].source}{'' if found[0].certain else ', inferred'})" if found else ""
        line = safe(value or "—")
        line.append(origin, style="dim")
        meta.add_row(name, line)
    links = links or {}
    meta.add_row("story", links.get("story") or "— (not clustered yet)")
    if links.get("copy_of"):
        meta.add_row("copy of", Text(f"{links['copy_of']} ({links['copy_kind']}; ")
                     + Text(copy_figures(links.get("copy_evidence")) + ")", style="dim"))
    for copy in links.get("copies", []):
        meta.add_row("copied by", safe(f"{copy['id']} ({copy['kind']}, {copy['outlet'] or '—'})"))
    out.print(meta)
    passages = (links.get("copy_evidence") or {}).get("passages") or []
    examples = (links.get("copy_evidence") or {}).get("examples") or []
    for passage in passages:
        out.print(Text("shared passage: ", style="yellow") + safe(passage), soft_wrap=True)
    for example in examples:
        out.print(Text(f"aligned ({example['similarity']}): ", style="yellow")
                  + safe(example["original"]) + Text("  →  ", style="dim")
                  + safe(example["copy"]), soft_wrap=True)
    for note in article.notes:
        out.print(Text("note: ", style="yellow") + safe(note))
    out.rule()
    for block in article.blocks:
        chunk = safe(article.text[block.start : block.end])
        if block.kind != "paragraph":
            chunk.stylize("bold")
        out.print(chunk)
        out.print()
    if removed:
        out.rule(f"removed ({len(article.removed)})")
        table = Table("line", "reason", "text", box=None, padding=(0, 1))
        for r in article.removed:
            table.add_row(str(r.line), r.reason, safe(r.text))
        out.print(table)
    if evidence:
        out.rule("evidence")
        table = Table("field", "value", "source", "detail", box=None, padding=(0, 1))
        for name, items in article.evidence.items():
            for e in items:
                value = ", ".join(e.value) if isinstance(e.value, list) else e.value
                source = e.source + ("" if e.certain else " (inferred)")
                table.add_row(name, safe(value), source, safe(e.detail))
        out.print(table)


@main.command("search")
@click.argument("query", nargs=-1, required=True)
@db_option
@click.option("--limit", "-n", type=click.IntRange(min=1, max=1000), default=20,
              show_default=True)
def search_command(query: tuple[str, ...], db: str, limit: int) -> None:
    """Full-text search of titles and texts (SQLite FTS5: words, "phrases", OR, NOT, prefix*)."""
    text = " ".join(query)
    if len(text) > 1000:
        raise click.BadParameter("query is longer than 1000 characters", param_hint="QUERY")
    with open_store(db) as store:
        hits = store.search(text, limit)
    if not hits:
        out.print("No matches.")
        return
    table = Table("id", "published", "outlet", "title / match", box=None, padding=(0, 1))
    for hit in hits:
        table.add_row(hit.id, (hit.published or "")[:10], safe(hit.outlet or "—"),
                      safe(hit.title or "") + Text("\n") + safe(hit.snippet))
    out.print(table)


@main.command("export")
@db_option
@click.option("--format", "fmt",
              type=click.Choice(["jsonl", "csv", "json", "sqlite", "parquet"]),
              default="jsonl", show_default=True,
              help="jsonl/csv: one record per article; json: with --stories, a list of story "
                   "dossiers; sqlite: a clean SQLite file of every story's analysis (tables "
                   "with foreign keys and full-text search, for Datasette; needs --output); "
                   "parquet: one row per article, for very large corpora (needs --output and "
                   "pyarrow).")
@click.option("--stories", is_flag=True,
              help="Export one dossier per story (articles, statements) instead of articles.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default="-",
              help="File to write (default: standard output).")
def export_command(db: str, fmt: str, stories: bool, output: str) -> None:
    """Export every article following the export contract (one JSON object or CSV row each),
    or with --stories one dossier per story."""
    if fmt == "sqlite":
        if output == "-":
            raise click.UsageError("--format sqlite writes a file: give --output FILE.db")
        from storydesk.dossier.datasette import write_sqlite

        with open_store(db) as store:
            count = write_sqlite(store, output)
        err.print(f"Wrote {count} story(ies) to {escape(output)}; try: datasette "
                  f"{escape(output)}")
        return
    if fmt == "parquet":
        if output == "-" or stories:
            raise click.UsageError("--format parquet writes the articles to a file: give "
                                   "--output FILE.parquet (and no --stories)")
        with open_store(db) as store:
            try:
                count = write_parquet(store, output)
            except RuntimeError as e:
                raise click.ClickException(str(e)) from e
        err.print(f"Wrote {count} article(s) to {escape(output)}")
        return
    if stories and fmt == "csv":
        raise click.UsageError("--stories writes JSON: use --format json (or jsonl)")
    if fmt == "json" and not stories:
        raise click.UsageError("--format json is for --stories; articles export as jsonl or csv")
    if stories:
        def writer(store: Store, handle: IO[str]) -> int:
            return write_dossiers(store, handle, lines=fmt == "jsonl")
    else:
        writer = write_jsonl if fmt == "jsonl" else write_csv
    with open_store(db) as store, click.open_file(output, "w", encoding="utf-8",
                                                   atomic=output != "-") as handle:
        count = writer(store, handle)
    if output != "-":
        err.print(f"Wrote {count} {'story dossier(s)' if stories else 'article(s)'} to "
                  f"{escape(output)}")


@main.command("runs")
@click.argument("run_id", required=False, type=int)
@db_option
@click.option("--status", type=click.Choice(["accepted", "duplicate", "rejected"]),
              help="With RUN_ID: only inputs with this outcome (default: rejected).")
def runs_command(run_id: int | None, db: str, status: str | None) -> None:
    """List ingest runs, or show the inputs of one run and what became of them."""
    with open_store(db) as store:
        if run_id is None:
            table = Table("run", "started", "status", "accepted", "duplicate", "rejected",
                          "command", box=None, padding=(0, 1))
            for row in store.runs():
                started = row["started"][:16].replace("T", " ")
                table.add_row(str(row["id"]), started, row["status"], str(row["accepted"]),
                              str(row["duplicates"]), str(row["rejected"]), safe(row["command"]))
            out.print(table)
            return
        try:
            run = store.run(run_id)
        except NotFound as e:
            raise click.ClickException(str(e)) from e
        outcomes = store.outcomes(run_id, status or "rejected")
    out.print(f"Run {run['id']} ({run['status']}, started {run['started']}): "
              f"{run['accepted']} accepted, {run['duplicates']} duplicate, "
              f"{run['rejected']} rejected")
    table = Table("input", "outcome", "article", "reason", box=None, padding=(0, 1))
    for o in outcomes:
        table.add_row(safe(o.source), o.status, o.article_id or "", safe(o.reason or ""))
    out.print(table)
