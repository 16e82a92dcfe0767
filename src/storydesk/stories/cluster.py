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
from dataclasses import dataclass

NEIGHBOURS = 5
MIN_EDGE = 0.3  # story scores below this are never links
RESOLUTION = 1.0
MERGE_LINKS = 0.3  # link weight between two communities, per article of the smaller one
SEED = 20221210


@dataclass(slots=True)
class Node:
    """An article as clustering sees it."""

    seq: int
    story: str | None  # the story it already belongs to, or None if it is new


def communities(node_count: int, edges: dict[tuple[int, int], float],
                sizes: list[int] | None = None, fixed: set[int] | None = None) -> list[int]:
    """Communities of a weighted undirected graph; deterministic for a given input.

    Louvain first; then communities that are strongly linked to each other are merged (see
    :func:`merge_linked`). ``sizes`` counts the articles each vertex stands for; two
    communities that both hold a vertex of ``fixed`` (old stories) are never merged.
    """
    membership = _louvain(node_count, edges)
    return merge_linked(membership, edges, sizes or [1] * node_count, fixed or set())


def merge_linked(membership: list[int], edges: dict[tuple[int, int], float],
                 sizes: list[int], fixed: set[int]) -> list[int]:
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
    between: dict[tuple[int, int], float] = defaultdict(float)
    for (a, b), weight in edges.items():
        ca, cb = membership[a], membership[b]
        if ca != cb:
            between[(min(ca, cb), max(ca, cb))] += weight
    for (ca, cb), weight in sorted(between.items(), key=lambda kv: (-kv[1], kv[0])):
        ra, rb = root(ca), root(cb)
        if ra == rb or (anchored[ra] and anchored[rb]):
            continue
        if weight / min(size[ra], size[rb]) >= MERGE_LINKS:
            parent[rb] = ra
            size[ra] += size[rb]
            anchored[ra] = anchored[ra] or anchored[rb]
    return [root(c) for c in membership]


def _louvain(node_count: int, edges: dict[tuple[int, int], float]) -> list[int]:
    import igraph

    if node_count == 0:
        return []
    graph = igraph.Graph(n=node_count, edges=list(edges), directed=False)
    graph.es["weight"] = list(edges.values())
    state = random.getstate()
    random.seed(SEED)
    igraph.set_random_number_generator(random)
    try:
        partition = graph.community_multilevel(weights="weight", resolution=RESOLUTION)
    finally:
        random.setstate(state)
    return list(partition.membership)


def assign(nodes: list[Node], links: dict[tuple[int, int], float]) -> dict[int, str | int]:
    """Assign every new node to an old story (its id) or to a new group (an int).

    ``links`` maps pairs of node positions to their score; old nodes must already have a story.
    Returns, for each new node's position, a story id or a group number.
    """
    # Graph vertices: one per new node, one per old story touched.
    vertex: dict[object, int] = {}
    for position, node in enumerate(nodes):
        key = ("story", node.story) if node.story is not None else ("new", position)
        vertex.setdefault(key, len(vertex))
    edges: dict[tuple[int, int], float] = defaultdict(float)
    for (i, j), weight in links.items():
        a, b = _vertex_of(nodes, vertex, i), _vertex_of(nodes, vertex, j)
        if a != b:
            edges[(min(a, b), max(a, b))] += weight
    sizes = [0] * len(vertex)
    fixed = set()
    for position, node in enumerate(nodes):
        sizes[_vertex_of(nodes, vertex, position)] += 1
        if node.story is not None:
            fixed.add(_vertex_of(nodes, vertex, position))
    membership = communities(len(vertex), dict(sorted(edges.items())), sizes, fixed)
    stories_in: dict[int, list[str]] = defaultdict(list)
    for key, v in vertex.items():
        if key[0] == "story":
            stories_in[membership[v]].append(str(key[1]))
    strength: dict[int, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (i, j), weight in links.items():
        for new, old in ((i, j), (j, i)):
            if nodes[new].story is None and nodes[old].story is not None:
                strength[new][nodes[old].story] += weight
    result: dict[int, str | int] = {}
    for position, node in enumerate(nodes):
        if node.story is not None:
            continue
        community = membership[vertex[("new", position)]]
        old = stories_in.get(community, [])
        if len(old) == 1:
            result[position] = old[0]
        elif old:
            weights = strength[position]
            linked = [s for s in old if weights.get(s)]
            result[position] = (
                max(linked, key=lambda s: (weights[s], s)) if linked else community
            )
        else:
            result[position] = community
    return result


def _vertex_of(nodes: list[Node], vertex: dict[object, int], position: int) -> int:
    node = nodes[position]
    key = ("story", node.story) if node.story is not None else ("new", position)
    return vertex[key]
