"""`python -m cecaz.validate` : valide le catalogue et dit précisément ce qui ne va pas, y compris un
texte dit par l'assistant sans l'énoncé du document sur lequel il repose (`cecaz.appuis`)."""

from __future__ import annotations

import sys
from pathlib import Path

from cecaz import appuis
from cecaz.catalogue import DEFAULT_DIR, CatalogueError, load_catalogue, unreachable_fields
from cecaz.diagnostic import check_catalogue


def main(argv: list) -> int:
    directory = Path(argv[1]) if len(argv) > 1 else DEFAULT_DIR
    try:
        cat = load_catalogue(directory)
    except CatalogueError as exc:
        print(f"Catalogue invalide ({directory}) :\n{exc}", file=sys.stderr)
        return 1
    problems = check_catalogue(cat) + unreachable_fields(cat) + appuis.problems(cat)
    if problems:
        print(f"Catalogue invalide ({directory}) :\n" + "\n".join(problems), file=sys.stderr)
        return 1
    print(f"✔ catalogue : {len(cat.offres)} offres, {len(cat.contacts)} contacts, {len(cat.outils)} outils")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
