"""Find copies and stories for the articles that have none yet, and store the result.

The stages, each committed before the next, so that an interrupted run loses nothing done:

1. fingerprint every new article (term profile, MinHash signature, head embedding);
2. verbatim copies (exact, near-duplicate, syndicated) among LSH candidates;
3. story clustering of the new articles against everything stored (see
   :mod:`storydesk.stories.cluster`), candidates from a nearest-neighbour index;
4. rewritten and translated copies among articles of the same story (sentence alignment);
5. story labels and figures for the stories touched.

An article is "new" while its ``story`` column is empty; a run that stops before stage 3
commits leaves its articles new, and the next run takes them up.
"""

from __future__ import annotations

import json
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

import numpy as np

from storydesk.engine import Engine, LocalEngine
from storydesk.similarity import features
from storydesk.similarity.score import SEMANTIC_LANGUAGES, Embedder, combine
from storydesk.store.sqlite import Store, transaction
from storydesk.stories import cluster
from storydesk.stories.copies import (
    KIND_RANK,
    CopyDoc,
    CopyLink,
    SentenceCache,
    choose_links,
    rewritten_copy,
    verbatim_copy,
)
from storydesk.stories.labels import refresh_stories
from storydesk.stories.minhash import (
    PERMUTATIONS,
    candidate_pairs,
    estimated_jaccard,
    shingle_hashes,
    signature,
)
from storydesk.stories.minhash import words as word_list

Progress = Callable[[str, int, int], None]
EXACT_LIMIT = 20_000  # up to this many articles, neighbours are found exactly
INDEX_CHUNK = 16_384  # vectors made (and added to the index) at a time above that
QUERY_CHUNK = 4_096  # new articles whose neighbours are looked up at a time
CANDIDATES = 20  # nearest neighbours fetched per article before exact scoring
REWRITE_CANDIDATE = 0.6  # story score above which a same-story pair is checked for a rewrite
# LSH candidates whose signatures agree on less than this share of values are not checked
# further. A copy keeping 60% of an original up to 2.5 times its length has a shingle Jaccard
# similarity of at least 0.2; the estimate from 128 values errs by about 0.04.
MIN_SHARED = 0.15
REWRITE_PEERS = 5  # at most this many story members are checked per new article
BATCH = 256
DEFAULT_EMBEDDER = "minilm"
DEFAULT_WINDOW_DAYS = 10


@dataclass(slots=True)
class StorySettings:
    """What a story update may vary."""

    embedder: str = DEFAULT_EMBEDDER
    window_days: int = DEFAULT_WINDOW_DAYS
    neighbours: int = cluster.NEIGHBOURS
    min_edge: float = cluster.MIN_EDGE


@dataclass(slots=True)
class StoryReport:
    """What a story update did."""

    fingerprinted: int = 0
    clustered: int = 0
    new_stories: int = 0
    joined: int = 0
    copies: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _Corpus:
    """Everything fingerprinted, in memory, in ``seq`` order, held column by column: a
    million articles are a few arrays, not millions of small objects."""

    seqs: np.ndarray  # int64
    ids: list[str]
    stories: list[str | None]
    days: np.ndarray  # publication day ordinals (int32), NO_DAY when not certain
    offsets: np.ndarray  # article i's terms are term_ids[offsets[i]:offsets[i + 1]]
    term_ids: np.ndarray  # uint32, sorted within each article
    weights: np.ndarray  # float32, their unit-length TF-IDF weights
    minhashes: np.ndarray
    heads: np.ndarray | None  # float16 head embeddings, one row per article, or None
    has_head: np.ndarray  # bool: which rows of ``heads`` hold one

    def terms(self, i: int) -> np.ndarray:
        """Article i's term ids."""
        return self.term_ids[self.offsets[i]:self.offsets[i + 1]]

    def vector(self, i: int) -> np.ndarray:
        """Article i's TF-IDF weights, in the order of its term ids."""
        return self.weights[self.offsets[i]:self.offsets[i + 1]]

    def head(self, i: int) -> np.ndarray | None:
        """Article i's head embedding (float32), or None."""
        if self.heads is None or not self.has_head[i]:
            return None
        return self.heads[i].astype(np.float32)


NO_DAY = -1


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _day(published: str | None, certain: int) -> int:
    """The ordinal of a certain publication day, else NO_DAY."""
    if not published or not certain:
        return NO_DAY
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return NO_DAY


Fingerprint = tuple[int, bytes, bytes, bytes]  # seq, term ids, term weights, MinHash


def lexical_fingerprints(rows: list[tuple[int, str | None, str]]) -> list[Fingerprint]:
    """Term profile and MinHash signature of each ``(seq, title, text)`` (a worker's job)."""
    out = []
    for seq, title, text in rows:
        ids, weights = features.profile(text, title)
        out.append((seq, ids.tobytes(), weights.tobytes(), signature(_shingles(text)).tobytes()))
    return out


def fingerprint_new(store: Store, embedder: Embedder, progress: Progress | None = None,
                    engine: Engine | None = None) -> int:
    """Fingerprint every article that has no fingerprint yet; returns how many.

    Term profiles and signatures are computed on the ``engine`` (default: this machine's cores)
    when there are many articles; head embeddings in this process, whose matrix products
    already use every core.
    """
    conn = store.conn
    todo = [r[0] for r in conn.execute(
        "SELECT a.seq FROM articles a LEFT JOIN fingerprints f ON f.seq = a.seq "
        "WHERE f.seq IS NULL ORDER BY a.seq")]
    batches = [todo[start : start + BATCH] for start in range(0, len(todo), BATCH)]

    def jobs() -> Iterator[tuple[list[Any], list[tuple[int, str, str]]]]:
        for batch in batches:
            marks = ",".join("?" * len(batch))
            rows = conn.execute(
                f"SELECT seq, title, text, language FROM articles WHERE seq IN ({marks}) "
                "ORDER BY seq", batch).fetchall()
            yield rows, [(r["seq"], r["title"], r["text"]) for r in rows]

    done = 0
    # Only with at least four batches is starting the worker processes worth it.
    parallel = len(batches) >= 4
    engine = engine or LocalEngine()
    for rows, lexical in engine.map(lexical_fingerprints, jobs(), parallel):
        _store_fingerprints(conn, rows, lexical, embedder)
        done += len(rows)
        if progress:
            progress("fingerprints", done, len(todo))
    return len(todo)


FingerprintRow = tuple[int, bytes, bytes, bytes, bytes | None]  # ... and the head embedding


def with_heads(lexical: list[Fingerprint], articles: list[tuple[str | None, str, str | None]],
               embedder: Embedder) -> list[FingerprintRow]:
    """Add to each lexical fingerprint the head embedding of its article, given as
    ``(title, text, language)`` in the same order (float16; None for the lexical embedder and
    for languages the model does not read)."""
    semantic = [n for n, (_, _, language) in enumerate(articles)
                if language in SEMANTIC_LANGUAGES]
    heads = embedder.heads([_head_text(*articles[n][:2]) for n in semantic])
    head_of = dict(zip(semantic, heads, strict=True)) if heads is not None else {}
    rows = []
    for n, (seq, ids, weights, sig) in enumerate(lexical):
        head = head_of.get(n)
        rows.append((seq, ids, weights, sig,
                     None if head is None else head.astype(np.float16).tobytes()))
    return rows


def _store_fingerprints(conn: Any, rows: list[Any], lexical: list[Fingerprint],
                        embedder: Embedder) -> None:
    values = with_heads(lexical, [(r["title"], r["text"], r["language"]) for r in rows],
                        embedder)
    with transaction(conn):
        conn.executemany("INSERT OR REPLACE INTO fingerprints VALUES (?, ?, ?, ?, ?)", values)


def _head_text(title: str | None, text: str) -> str:
    head = text[:3000]
    return head if not title or head.startswith(title) else f"{title}\n{head}"


def _shingles(text: str) -> np.ndarray:
    return shingle_hashes(word_list(text))


def _load(store: Store) -> _Corpus:
    """The fingerprinted corpus, read in chunks straight into its columns."""
    conn = store.conn
    count, total = conn.execute(
        "SELECT count(*), coalesce(sum(length(f.terms)), 0) / 4 FROM articles a "
        "JOIN fingerprints f ON f.seq = a.seq").fetchone()
    seqs = np.zeros(count, dtype=np.int64)
    days = np.full(count, NO_DAY, dtype=np.int32)
    offsets = np.zeros(count + 1, dtype=np.int64)
    term_ids = np.zeros(total, dtype=np.uint32)
    weights = np.zeros(total, dtype=np.float32)
    minhashes = np.zeros((count, PERMUTATIONS), dtype=np.uint32)
    heads: np.ndarray | None = None
    has_head = np.zeros(count, dtype=bool)
    ids: list[str] = []
    stories: list[str | None] = []
    names: dict[str, str] = {}  # one string object per story
    cursor = conn.execute(
        "SELECT a.seq, a.id, a.story, a.published, a.published_certain, f.terms, f.weights, "
        "f.minhash, f.embedding FROM articles a JOIN fingerprints f ON f.seq = a.seq "
        "ORDER BY a.seq")
    n = at = 0
    while rows := cursor.fetchmany(4096):
        for r in rows:
            if n == count:
                raise RuntimeError("articles were fingerprinted while the corpus was read")
            terms = np.frombuffer(r[5], dtype=np.uint32)
            term_ids[at:at + len(terms)] = terms
            weights[at:at + len(terms)] = np.frombuffer(r[6], dtype=np.float32)
            at += len(terms)
            offsets[n + 1] = at
            seqs[n], days[n] = r[0], _day(r[3], r[4])
            minhashes[n] = np.frombuffer(r[7], dtype=np.uint32)
            if r[8] is not None:
                if heads is None:
                    heads = np.zeros((count, len(r[8]) // 2), dtype=np.float16)
                heads[n] = np.frombuffer(r[8], dtype=np.float16)
                has_head[n] = True
            ids.append(r[1])
            stories.append(None if r[2] is None else names.setdefault(r[2], r[2]))
            n += 1
    corpus = _Corpus(seqs[:n], ids, stories, days[:n], offsets[:n + 1], term_ids[:at],
                     weights[:at], minhashes[:n], heads, has_head[:n])
    # Document frequencies over the whole corpus, then each article's weights in place.
    found, counts = np.unique(corpus.term_ids, return_counts=True)
    df = features.DocumentFrequencies(found, counts, n)
    for i in range(n):
        start, end = offsets[i], offsets[i + 1]
        corpus.weights[start:end] = features.tfidf(term_ids[start:end], weights[start:end], df)
    return corpus


def _scores(corpus: _Corpus, i: int, others: list[int]) -> list[float]:
    """Story scores of article ``i`` against each of ``others``, computed together."""
    if not others:
        return []
    ids, values = corpus.terms(i), corpus.vector(i)
    lexical = np.zeros(len(others))
    if len(ids):
        lengths = [len(corpus.terms(j)) for j in others]
        other_ids = np.concatenate([corpus.terms(j) for j in others])
        other_values = np.concatenate([corpus.vector(j) for j in others])
        where = np.minimum(np.searchsorted(ids, other_ids), len(ids) - 1)
        products = np.where(ids[where] == other_ids, values[where] * other_values, 0.0)
        segment = np.repeat(np.arange(len(others)), lengths)
        lexical = np.bincount(segment, weights=products, minlength=len(others))
    head = corpus.head(i)
    scores = []
    for n, j in enumerate(others):
        other = corpus.head(j)
        semantic = float(head @ other) if head is not None and other is not None else None
        scores.append(combine(float(lexical[n]), semantic))
    return scores


def _within_window(corpus: _Corpus, i: int, j: int, days: int) -> bool:
    a, b = int(corpus.days[i]), int(corpus.days[j])
    return a == NO_DAY or b == NO_DAY or abs(a - b) <= days


VectorsOf = Callable[[np.ndarray], np.ndarray]  # positions in a space → float32 rows


def _dense_views(corpus: _Corpus, rows: np.ndarray) -> np.ndarray:
    """Fixed-width views of the articles at ``rows`` (see `features.dense_view`)."""
    out = np.zeros((len(rows), features.DENSE_DIM), dtype=np.float32)
    for n, i in enumerate(rows.tolist()):
        out[n] = features.dense_view(corpus.terms(i), corpus.vector(i))
    return out


def _nearest(corpus: _Corpus, new: list[int], k: int) -> Iterator[tuple[int, np.ndarray]]:
    """Candidate neighbours of the new articles, in the lexical and the semantic space, a
    block of new articles at a time: ``(start, block)``, where row n of the block holds the
    positions found for ``new[start + n]``, -1 where there are fewer."""
    size = len(corpus.seqs)
    spaces: list[tuple[np.ndarray, VectorsOf]] = [
        (np.arange(size), lambda rows: _dense_views(corpus, rows))]
    with_heads = np.flatnonzero(corpus.has_head)
    if len(with_heads) and corpus.heads is not None:
        heads = corpus.heads
        spaces.append((with_heads, lambda rows: heads[rows].astype(np.float32)))
    searches = []
    for space, (keys, vectors_of) in enumerate(spaces):
        if len(keys) < 2:
            continue
        position = np.full(size, -1, dtype=np.int32)
        position[keys] = np.arange(len(keys))
        width = min(k + 1, len(keys))
        search = _searcher(len(keys), lambda rows, keys=keys, of=vectors_of: of(keys[rows]),
                           width)
        searches.append((space * (k + 1), width, keys, position, search))
    queries = np.array(new, dtype=np.int64)
    for start in range(0, len(new), QUERY_CHUNK):
        chunk = queries[start:start + QUERY_CHUNK]
        block = np.full((len(chunk), len(spaces) * (k + 1)), -1, dtype=np.int32)
        for column, width, keys, position, search in searches:
            inside = np.flatnonzero(position[chunk] >= 0)
            if len(inside):
                block[inside, column:column + width] = keys[search(position[chunk[inside]])]
        yield start, block


def _searcher(size: int, vectors_of: VectorsOf, k: int) -> Callable[[np.ndarray], np.ndarray]:
    """A search for the ``k`` nearest of ``size`` unit vectors to given rows of them: exact
    up to ``EXACT_LIMIT`` vectors, else from an HNSW index (usearch), built a chunk of
    vectors at a time on one thread so that it is repeatable."""
    if size <= EXACT_LIMIT:
        vectors = vectors_of(np.arange(size))

        def exact(rows: np.ndarray) -> np.ndarray:
            out = np.zeros((len(rows), k), dtype=np.int64)
            for start in range(0, len(rows), 512):
                block = vectors[rows[start : start + 512]] @ vectors.T
                out[start : start + 512] = np.argpartition(-block, k - 1, axis=1)[:, :k]
            return out

        return exact
    from usearch.index import Index

    index: Index | None = None
    for start in range(0, size, INDEX_CHUNK):
        chunk = np.arange(start, min(size, start + INDEX_CHUNK))
        vectors = vectors_of(chunk)
        if index is None:
            index = Index(ndim=vectors.shape[1], metric="cos", dtype="f16", connectivity=12,
                          expansion_add=48, expansion_search=64)
        index.add(chunk, vectors, threads=1)
    assert index is not None

    def approximate(rows: np.ndarray) -> np.ndarray:
        return index.search(vectors_of(rows), k, threads=0).keys.astype(np.int64)

    return approximate


def update_stories(store: Store, settings: StorySettings | None = None,
                   progress: Progress | None = None, engine: Engine | None = None
                   ) -> StoryReport:
    """Fingerprint, find copies and cluster the articles not yet in a story.

    Fingerprints are computed on the ``engine`` (default: this machine's cores); the global
    steps (candidates, clustering) run here, on the whole corpus, so that the result does not
    depend on the engine or on how the articles arrived.
    """
    settings = settings or StorySettings()
    embedder = Embedder(settings.embedder)
    report = StoryReport()
    report.fingerprinted = fingerprint_new(store, embedder, progress, engine)
    corpus = _load(store)
    new = [i for i, story in enumerate(corpus.stories) if story is None]
    if not new:
        return report
    if progress:
        progress("stories", 0, len(new))
    docs = _copy_docs(store, corpus)
    links = [link for i, j in sorted(candidate_pairs(corpus.minhashes, np.array(new)))
             if estimated_jaccard(corpus.minhashes[i], corpus.minhashes[j]) >= MIN_SHARED
             and (link := verbatim_copy(docs(i), docs(j))) is not None]
    # Not needed further: 512 bytes an article freed for the steps that follow.
    corpus.minhashes = np.zeros((0, PERMUTATIONS), dtype=np.uint32)
    story_of = _assign_stories(corpus, new, links, settings, report)
    if embedder.semantic:
        links += _rewrites(corpus, new, story_of, links, docs, SentenceCache(embedder.sentences))
    _save(store, corpus, story_of, links, report)
    report.clustered = len(story_of)
    if progress:
        progress("stories", len(new), len(new))
    return report


def _assign_stories(corpus: _Corpus, new: list[int], links: list[CopyLink],
                    settings: StorySettings, report: StoryReport) -> dict[int, str]:
    """The story of every new article: the neighbour graph, then its communities."""
    ends = {article for link in links for article in (link.copy, link.original)}
    index_of = {article: i for i, article in enumerate(corpus.ids) if article in ends}
    # The links, as three growing arrays: a copy is always in its original's story (1.0),
    # and each new article links to its closest neighbours.
    first, second, weight = array("q"), array("q"), array("d")
    for link in links:
        first.append(index_of[link.copy])
        second.append(index_of[link.original])
        weight.append(1.0)
    for start, block in _nearest(corpus, new, CANDIDATES):
        for row, i in enumerate(new[start:start + len(block)]):
            found = np.unique(block[row])
            near = [j for j in found[(found >= 0) & (found != i)].tolist()
                    if _within_window(corpus, i, j, settings.window_days)]
            scored = [(score, j) for score, j
                      in zip(_scores(corpus, i, near), near, strict=True)
                      if score >= settings.min_edge]
            for score, j in sorted(scored, reverse=True)[: settings.neighbours]:
                first.append(i)
                second.append(j)
                weight.append(score)
    edges = cluster.Links.of(np.frombuffer(first, dtype=np.int64),
                             np.frombuffer(second, dtype=np.int64),
                             np.frombuffer(weight, dtype=np.float64))
    order = np.unique(np.concatenate([np.array(new, dtype=np.int64), edges.a, edges.b]))
    local = cluster.Links(np.searchsorted(order, edges.a), np.searchsorted(order, edges.b),
                          edges.w)
    assigned = cluster.assign([corpus.stories[i] for i in order.tolist()], local)
    order = order.tolist()
    groups: dict[int, list[int]] = defaultdict(list)
    story_of: dict[int, str] = {}
    for position, target in assigned.items():
        if isinstance(target, str):
            story_of[order[position]] = target
            report.joined += 1
        else:
            groups[target].append(order[position])
    for members in groups.values():
        story = "s" + corpus.ids[min(members)][:10]  # named after its first article
        report.new_stories += 1
        for i in members:
            story_of[i] = story
    return story_of


def _rewrites(corpus: _Corpus, new: list[int], story_of: dict[int, str],
              links: list[CopyLink], docs: Callable[[int], CopyDoc],
              sentences: SentenceCache) -> list[CopyLink]:
    """Rewritten and translated copies among the new articles and their story's members.

    Each new article is compared with its ``REWRITE_PEERS`` most similar story members above
    ``REWRITE_CANDIDATE`` that are not already linked to it as verbatim copies.
    """
    members_of: dict[str, list[int]] = defaultdict(list)
    for i, story in enumerate(corpus.stories):
        if story is not None:
            members_of[story].append(i)
    for i, story in story_of.items():
        members_of[story].append(i)
    linked = {frozenset((link.copy, link.original)) for link in links}
    checked: set[tuple[int, int]] = set()
    found: list[CopyLink] = []
    for i in new:
        others = []
        for j in members_of[story_of[i]]:
            pair = (min(i, j), max(i, j))
            if j == i or pair in checked or frozenset((corpus.ids[i], corpus.ids[j])) in linked:
                continue
            checked.add(pair)
            others.append(j)
        peers = [(score, j) for score, j in zip(_scores(corpus, i, others), others, strict=True)
                 if score >= REWRITE_CANDIDATE]
        for _, j in sorted(peers, reverse=True)[:REWRITE_PEERS]:
            link = rewritten_copy(docs(i), docs(j), sentences)
            if link is not None:
                found.append(link)
    return found


def _copy_docs(store: Store, corpus: _Corpus) -> Callable[[int], CopyDoc]:
    """Articles as copy detection needs them, read on demand (the last few thousand kept)."""

    @lru_cache(maxsize=4096)
    def get(i: int) -> CopyDoc:
        row = store.conn.execute(
            "SELECT seq, id, text, published, published_certain, language, outlet, removed "
            "FROM articles WHERE seq = ?", (int(corpus.seqs[i]),)).fetchone()
        furniture = "\n".join(r.get("text", "") for r in json.loads(row[7]))
        return CopyDoc.of(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6],
                          furniture)

    return get


def _save(store: Store, corpus: _Corpus, story_of: dict[int, str], links: list[CopyLink],
          report: StoryReport) -> None:
    conn = store.conn
    chosen = choose_links(links)
    with transaction(conn):
        conn.executemany("UPDATE articles SET story = ? WHERE seq = ?",
                         [(story, int(corpus.seqs[i])) for i, story in story_of.items()])
        for link in chosen.values():
            current = conn.execute("SELECT copy_kind FROM articles WHERE id = ?",
                                   (link.copy,)).fetchone()
            kind = current[0] if current else None
            if kind and kind != link.kind and KIND_RANK[kind] <= KIND_RANK[link.kind]:
                continue  # an earlier run found a stronger link
            conn.execute(
                "UPDATE articles SET copy_of = ?, copy_kind = ?, copy_evidence = ? WHERE id = ?",
                (link.original, link.kind, json.dumps(link.evidence, ensure_ascii=False),
                 link.copy))
            report.copies[link.kind] += 1
        refresh_stories(conn, sorted(set(story_of.values())), _now())
