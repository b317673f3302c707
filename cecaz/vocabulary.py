"""Un message dont presque aucun mot n'a été vu à l'entraînement n'est pas compris, quoi qu'en dise
le classifieur : les n-grammes de caractères trouvent toujours une intention, même à « sdfsdf qsdqsd »."""

from __future__ import annotations

import re
from typing import AbstractSet, FrozenSet, Iterable, List

from cecaz.textnorm import fold

# Below this share of known words, the message goes to the clarification (« Vouliez-vous dire… »).
MIN_KNOWN_RATIO = 0.25


def words(text: str) -> List[str]:
    """Mots comparables : minuscules sans accents, deux lettres au moins, nombres exclus."""
    return [w for w in re.findall(r"[a-z0-9+]+", fold(text)) if len(w) >= 2 and not w.isdigit()]


def build_vocabulary(texts: Iterable[str]) -> FrozenSet[str]:
    return frozenset(w for text in texts for w in words(text))


def known_ratio(text: str, vocabulary: AbstractSet[str]) -> float:
    found = words(text)
    return 1.0 if not found else sum(w in vocabulary for w in found) / len(found)


def is_unknown_language(text: str, vocabulary: AbstractSet[str], min_ratio: float = MIN_KNOWN_RATIO) -> bool:
    return known_ratio(text, vocabulary) < min_ratio
