"""La carte de couverture du document de référence (`docs/couverture.md`), lue comme données de test.

`statements()` rend une ligne par énoncé : numéro, énoncé, famille (intention), deux questions
d'exemple et les faits attendus dans la réponse. `missing_facts()` compare sans accents ni casse."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import List, Sequence, Tuple

from cecaz.textnorm import fold

ROOT = Path(__file__).resolve().parents[2]
COVERAGE_MAP = ROOT / "docs" / "couverture.md"
ROW = re.compile(r"^\|\s*(\d+)\s*\|")


@dataclass(frozen=True)
class Statement:
    """Un énoncé du document : `facts` sont des fragments de texte que la réponse doit contenir."""

    number: int
    text: str
    family: str
    examples: Tuple[str, str]
    facts: Tuple[str, ...]


def statements(path: Path = COVERAGE_MAP) -> List[Statement]:
    """Les lignes numérotées du tableau de `path`, dans l'ordre. ValueError si une ligne n'a pas six cellules."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not ROW.match(line):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 6:
            raise ValueError(f"{path.name} : ligne à {len(cells)} cellules au lieu de 6 : {line}")
        number, text, family, first, second, facts = cells
        rows.append(Statement(int(number), text, family, (first, second),
                              tuple(fact.strip() for fact in facts.split(";") if fact.strip())))
    return rows


def _comparable(text: str) -> str:
    return " ".join(fold(text.replace("\u00a0", " ").replace("\u202f", " ")).split())


def missing_facts(reply: str, facts: Sequence[str]) -> List[str]:
    """Les faits de `facts` absents de `reply` (sans accents, sans casse, espaces ramenées à une seule)."""
    said = _comparable(reply)
    return [fact for fact in facts if _comparable(fact) not in said]
