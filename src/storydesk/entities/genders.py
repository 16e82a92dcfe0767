"""The gender a given name tells, for telling namesakes apart.

"Ms Brandovan" in a story that names Dorota and Matej Brandovan is Dorota: her given name is
a woman's in the countries that use it. The names and their shares of women come from the
`nomquamgender` package (MIT licence; counts gathered from many countries' name lists, see
its documentation), which ships them as data: nothing is downloaded. Only names that many
people bear, and almost all of one gender, tell a gender here ("Nikola", a man's name in
Serbia and a woman's in Czechia, tells none).

The installation keeps the names it uses in a small table (`table_path`), written once by
``python -m storydesk.entities.genders`` (``make install`` runs it); without the table they
are read from the package's data on first use, with the same result.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from functools import cache
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from storydesk.entities.names import fold

MIN_PEOPLE = 20  # a name borne by fewer people tells nothing
SURE = 0.95  # the share of one gender a name must have to tell it
TABLE_VERSION = 1


def table_path() -> Path:
    """Where the installation keeps its table of given names: this Python environment's
    ``share/storydesk`` folder."""
    return Path(sys.prefix) / "share" / "storydesk" / "given-names.json"


def _package_data() -> dict[str, list] | None:
    """The package's names: {name: [sources, people, share of women, ...]}, or None when
    it is not installed. The package's own module needs pandas, which storydesk does not
    use: its data file is read directly."""
    try:
        path = Path(str(distribution("nomquamgender").locate_file(
            "nomquamgender/name_data.json")))
    except PackageNotFoundError:
        return None
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def telling_names() -> dict[str, str]:
    """The given names that tell a gender, folded to lower-case ASCII: "F" or "M" each."""
    data = _package_data() or {}
    out = {}
    for name, (_, people, women, *_) in data.items():
        if name.isalpha() and name.isascii() and people >= MIN_PEOPLE:
            if women >= SURE:
                out[name] = "F"
            elif women <= 1 - SURE:
                out[name] = "M"
    return out


def build_table(path: Path | None = None) -> int:
    """Write the names that tell a gender to the table at `path`, in one replace; returns
    how many there are."""
    path = path or table_path()
    names = telling_names()
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps({"version": TABLE_VERSION, "names": names}),
                       encoding="utf-8")
    os.replace(partial, path)
    known_names.cache_clear()
    return len(names)


@cache
def known_names() -> dict[str, str]:
    """The installation's table (see `table_path`), else the package's data read afresh."""
    try:
        table = json.loads(table_path().read_text(encoding="utf-8"))
        if table.get("version") == TABLE_VERSION:
            return table["names"]
    except (OSError, ValueError, AttributeError):
        pass
    return telling_names()


def given_name_gender(given: str) -> str | None:
    """"F" or "M" when a given name tells a gender ("Dorota", "Matej"), else None; a
    hyphenated name by its first part ("Anna-Lena")."""
    word = fold(given.split("-")[0]).strip(".")
    return known_names().get(word) if len(word) > 1 else None


def main() -> None:
    """Build the installation's table of given names (``make install`` runs this)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--output", type=Path, default=None,
                        help=f"where to write it (default: {table_path()})")
    args = parser.parse_args()
    count = build_table(args.output)
    print(f"Given names: {count} that tell a gender, in {args.output or table_path()}.")


if __name__ == "__main__":
    main()
