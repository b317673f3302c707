"""Sujets voisins mais hors périmètre (RH, informatique, crédit, épargne…) : une question qui en parle
sans nommer d'offre, d'outil, de carte ni de service du catalogue (un rôle ne suffit pas) n'a pas de réponse ici,
même si le classifieur y a reconnu « un numéro » ou « une simulation »."""

from __future__ import annotations

import re
from typing import Optional, Tuple

from cecaz.textnorm import fold

# Neighbouring subjects, as pieces of a regular expression on folded text (whole words). Each one is
# taught by out-of-scope training examples (data/nlu.yml, data/nlu_screening_words.yml), never taken from
# a test or held-out sentence: tests/unit/test_nlu_data.py checks it. The bank's hierarchy
# (directeur, directrice) is out of scope by decision: the document gives support lines only, no manager.
FOREIGN_SUBJECTS: Tuple[str, ...] = (
    "rh", "drh", "ressources humaines", "dsi", "informatique", "ordinateur", "pc", "imprimante", "directeur",
    "directrice", "mutuelle", "cse", r"conges?", "rtt", "teletravail", "salaire", "fiche de paie", r"prets?",
    r"credit (?:immo|immobilier|auto|conso)\w*", "immobilier", r"assurances?", r"livret \w+", "epargne", "meteo",
)
_FOREIGN = re.compile(r"\b(" + "|".join(FOREIGN_SUBJECTS) + r")\b")


def foreign_subject(text: str) -> Optional[str]:
    """Le premier mot hors périmètre trouvé (forme repliée), ou None."""
    match = _FOREIGN.search(fold(text))
    return match.group(0) if match else None
