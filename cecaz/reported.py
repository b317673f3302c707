"""Ce que le collaborateur rapporte pour le faire vérifier : « on m'a dit que… », « je crois que… », « mon collègue dit
que… », « … je crois » (issue 11, vague 27). Fonction pure sur le texte replié (`cecaz.textnorm.fold`), testée sans
Rasa (tests/unit/test_verdicts.py, tests/unit/test_audience.py)."""

from __future__ import annotations

import re
from typing import Optional, Tuple

# What precedes the marker situates the claim (« pour un commerçant JPEL qui prend les cartes chinoises, on m'a dit
# qu'on tarife avec SimulEasy ») ; what follows is the claim.
_REPORTED = re.compile(r"\b(?:on m a (?:dit|explique|affirme)|on me dit|on m avait dit|on dit|il parait|parait il|"
                       r"il me semble|j ai (?:cru comprendre|entendu|lu|compris)|je (?:crois|croyais|pensais|pense)|"
                       r"(?:mon|ma|un|une|des|le|la) (?:collegue|responsable|directeur|directrice|manager|chef)s? "
                       r"(?:m a |me |m )?(?:dit|dis|disait|pense|affirme|assure|explique\w*)|"
                       r"(?:mon|ma|un|une|des) (?:collegue|responsable|directeur|directrice|manager|chef)s? "
                       r"(?:m a |me )?(?:dit|disait|conseille) de)\b(?: que| qu| de| d)?")


def reported(folded: str) -> Optional[Tuple[str, str]]:
    """(ce qui situe, ce qui est affirmé) d'un message replié qui rapporte ce qu'on croit ou ce qu'on a dit ; le
    marqueur en fin de message (« osc c'est l'outil où on dépose la simu je crois ») laisse l'affirmation avant lui et
    rien pour la situer. None pour un message qui ne rapporte rien."""
    marker = _REPORTED.search(folded)
    if not marker:
        return None
    before, after = folded[:marker.start()].strip(), folded[marker.end():].strip()
    return (before, after) if len(after.split()) >= 2 else ("", before)
