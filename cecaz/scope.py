"""Sujets voisins mais hors périmètre (RH, informatique, crédit, épargne…) : une question qui en parle
sans nommer d'offre, d'outil, de carte ni de service du catalogue (un rôle ne suffit pas) n'a pas de réponse ici,
même si le classifieur y a reconnu « un numéro » ou « une simulation »."""

from __future__ import annotations

import re
from typing import Optional

from cecaz.textnorm import fold

_FOREIGN = re.compile(
    r"\b(rh|drh|ressources humaines|dsi|informatique|ordinateur|pc|imprimante|directeur|directrice|mutuelle|"
    r"cse|conges?|rtt|teletravail|salaire|fiche de paie|prets?|credit (?:immo|immobilier|auto|conso)\w*|"
    r"immobilier|assurances?|livret \w+|epargne|meteo)\b")


def foreign_subject(text: str) -> Optional[str]:
    """Le premier mot hors périmètre trouvé (forme repliée), ou None."""
    match = _FOREIGN.search(fold(text))
    return match.group(0) if match else None
