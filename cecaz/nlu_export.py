"""Génère `data/nlu_catalogue.generated.yml` (synonymes et tables de recherche) à partir du catalogue.

Les noms et alias n'existent qu'une fois, dans le catalogue : le NLU les reçoit d'ici.
Usage : python -m cecaz.nlu_export [--check]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cecaz.catalogue import ENTITY_KINDS, Catalogue, load_catalogue
from cecaz.textnorm import plain_lower

TARGET = Path(__file__).resolve().parent.parent / "data" / "nlu_catalogue.generated.yml"


def _block(header: str, items: list) -> list:
    return [header, "    examples: |", *[f"      - {item}" for item in items]]


def render(cat: Catalogue) -> str:
    lines = ['version: "3.1"',
             "# FICHIER GÉNÉRÉ à partir de catalogue/*.yml : ne pas modifier, lancer `make nlu-data`.",
             "# Noms et alias des sujets du catalogue (tables de recherche et synonymes des entités).", "nlu:"]
    for kind in ENTITY_KINDS:
        table = cat.aliases(kind)
        forms = sorted({plain_lower(f) for fs in table.values() for f in fs})
        lines += _block(f"  - lookup: {kind}", forms)
        for key, fs in table.items():
            # The NLU sees accent-free text (TextNormalizer), so synonyms are matched in that form.
            variants = sorted({plain_lower(f) for f in fs} - {key})
            if variants:
                lines += _block(f"  - synonym: {key}", variants)
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="échoue si le fichier n'est pas à jour")
    args = parser.parse_args()
    content = render(load_catalogue())
    if args.check:
        if not TARGET.exists() or TARGET.read_text(encoding="utf-8") != content:
            print(f"{TARGET} n'est pas à jour : lancez `python -m cecaz.nlu_export`.", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(content, encoding="utf-8")
    print(f"écrit : {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
