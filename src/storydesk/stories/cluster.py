"""Story clustering: communities in the graph of each article's nearest neighbours.

Every article links to its ``NEIGHBOURS`` most similar articles (by the story score, among
candidates from the nearest-neighbour index), when they are similar enough and, if both dates
are certain, published within the time window. Stories are the communities of that graph
(Louvain modularity, igraph's implementation). Why a neighbour graph and not a global
threshold: stories differ in how alike their articles are (a wire story copied forty times, a
trial reported in five different angles); a community is a group more tightly linked inside
than out, which adapts to each story's own density. Two events of the same kind share topic
words but few names and figures, so their articles' nearest neighbours stay on their own side.
Louvain also cuts a large story into pieces (a five-link graph has no dense core); pieces
linked to each other as strongly as to themselves are merged back (:func:`merge_linked`).

Incremental: articles that already belong to a story are fixed. Each story the new articles
touch enters the graph as one node carrying its members' links; a new community joins the
story it contains, and new articles in a community that touches several old stories join the
one they are most strongly linked to. Old stories are never merged or split by a new batch.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

NEIGHBOURS = 5
MIN_EDGE = 0.3  # story scores below this are never links
RESOLUTION = 1.0
MERGE_LINKS = 0.3  # link weight between two communities, per article of the smaller one
SEED = 20221210


@dataclass(slots=True)
class Links:
    """Weighted undirected links, as arrays (a million articles' links are three arrays, not
    millions of tuples): link n joins ``a[n] < b[n]`` with weight ``w[n]``; each pair once,
    sorted by ``(a, b)``."""

    a: np.ndarray  # int64
    b: np.ndarray  # int64
    w: np.ndarray  # float64

    @classmethod
    def of(cls, a: np.ndarray, b: np.ndarray, w: np.ndarray, combine: str = "max") -> Links:
        """Links from pairs in any order and with repeats; a pair's weight is the ``max`` or
        the ``sum`` of its repeats (summed in the order given). Loops are left out."""
        low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
        keep = low != high
        low, high, w = low[keep], high[keep], np.asarray(w, dtype=np.float64)[keep]
        order = np.lexsort((high, low))  # stable: repeats keep the order given
        low, high, w = low[order], high[order], w[order]
        if not len(low):
            return cls(low, high, w)
        starts = np.flatnonzero(np.r_[True, (low[1:] != low[:-1]) | (high[1:] != high[:-1])])
        reduce = np.maximum if combine == "max" else np.add
        return cls(low[starts], high[starts], reduce.reduceat(w, starts))

    def __len__(self) -> int:
        return len(self.a)


def communities(node_count: int, edges: Links, sizes: Sequence[int] | None = None,
                fixed: set[int] | None = None) -> list[int]:
    """Communities of a weighted undirected graph; deterministic for a given input.

    Louvain first; then communities that are strongly linked to each other are merged (see
    :func:`merge_linked`). ``sizes`` counts the articles each vertex stands for; two
    communities that both hold a vertex of ``fixed`` (old stories) are never merged.
    """
    membership = _louvain(node_count, edges)
    return merge_linked(membership, edges, sizes or [1] * node_count, fixed or set())


def merge_linked(membership: list[int], edges: Links, sizes: Sequence[int],
                 fixed: set[int]) -> list[int]:
    """Merge communities whose links to each other are as strong as a story's own.

    Louvain splits a large homogeneous story into several communities (a neighbour graph
    with five links per article has no dense core), while two different events keep few links
    between them. Two communities merge when the summed weight of the links between them,
    per article of the smaller one, is at least ``MERGE_LINKS``.
    """
    parent = list(range(max(membership, default=-1) + 1))

    def root(c: int) -> int:
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    size = [0] * len(parent)
    anchored = [False] * len(parent)
    for vertex, c in enumerate(membership):
        size[c] += sizes[vertex]
        anchored[c] = anchored[c] or vertex in fixed
    community = np.array(membership, dtype=np.int64)
    between = Links.of(community[edges.a], community[edges.b], edges.w, combine="sum")
    pairs = zip(between.a.tolist(), between.b.tolist(), between.w.tolist(), strict=True)
    for ca, cb, weight in sorted(pairs, key=lambda t: (-t[2], t[0], t[1])):
        ra, rb = root(ca), root(cb)
        if ra == rb or (anchored[ra] and anchored[rb]):
            continue
        if weight / min(size[ra], size[rb]) >= MERGE_LINKS:
            parent[rb] = ra
            size[ra] += size[rb]
            anchored[ra] = anchored[ra] or anchored[rb]
    return [root(c) for c in membership]


def _louvain(node_count: int, edges: Links) -> list[int]:
    import igraph

    if node_count == 0:
        return []
    graph = igraph.Graph(n=node_count, edges=np.column_stack([edges.a, edges.b]),
                         directed=False)
    graph.es["weight"] = edges.w.tolist()
    state = random.getstate()
    random.seed(SEED)
    igraph.set_random_number_generator(random)
    try:
        partition = graph.community_multilevel(weights="weight", resolution=RESOLUTION)
    finally:
        random.setstate(state)
    return list(partition.membership)


def assign(stories: Sequence[str | None], links: Links) -> dict[int, str | int]:
    """Assign every new node to an old story (its id) or to a new group (an int).

    ``stories`` gives each node's story, None for a new node; ``links`` join node positions.
    Returns, for each new node's position, a story id or a group number.
    """
    # Graph vertices: one per new node, one per old story touched, in order of appearance.
    story_vertex: dict[str, int] = {}
    vertex = np.zeros(len(stories), dtype=np.int64)
    count = 0
    for position, story in enumerate(stories):
        if story is None:
            vertex[position] = count
            count += 1
        else:
            if story not in story_vertex:
                story_vertex[story] = count
                count += 1
            vertex[position] = story_vertex[story]
    edges = Links.of(vertex[links.a], vertex[links.b], links.w, combine="sum")
    sizes = np.bincount(vertex, minlength=count).tolist()
    fixed = set(story_vertex.values())
    membership = communities(count, edges, sizes, fixed)
    stories_in: dict[int, list[str]] = defaultdict(list)
    for story, v in story_vertex.items():
        stories_in[membership[v]].append(story)
    # How strongly each new node is linked to each old story.
    strength: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    is_new = np.array([story is None for story in stories], dtype=bool)
    mixed = np.flatnonzero(is_new[links.a] != is_new[links.b])
    for i, j, weight in zip(links.a[mixed].tolist(), links.b[mixed].tolist(),
                            links.w[mixed].tolist(), strict=True):
        new, old = (i, j) if is_new[i] else (j, i)
        strength[new][str(stories[old])] += weight
    result: dict[int, str | int] = {}
    for position in np.flatnonzero(is_new).tolist():
        community = membership[vertex[position]]
        old_stories = stories_in.get(community, [])
        if len(old_stories) == 1:
            result[position] = old_stories[0]
        elif old_stories:
            weights = strength[position]
            linked = [s for s in old_stories if weights.get(s)]
            result[position] = (
                max(linked, key=lambda s: (weights[s], s)) if linked else community
            )
        else:
            result[position] = community
    return result


