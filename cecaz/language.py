"""Reconnaître un message qui n'est pas en français, pour le dire plutôt que deviner."""

from __future__ import annotations

import re
import unicodedata

from cecaz.textnorm import fold

FRENCH_ONLY = "Je réponds uniquement en français (I only understand French)."
_ENGLISH = {"the", "what", "whats", "is", "are", "how", "can", "could", "you", "i", "do", "does", "where", "who",
            "when", "my", "please", "hello", "hi", "help", "which", "phone", "number", "open", "should", "need",
            "want", "for", "with", "of", "to", "and", "it", "this", "that", "there", "customer", "merchant"}
_FRENCH = {"le", "la", "les", "de", "des", "du", "est", "un", "une", "pour", "je", "quel", "quelle", "quels",
           "comment", "qui", "que", "quoi", "numero", "client", "et", "au", "aux", "sur", "avec", "il", "on",
           "ce", "mon", "ma", "mes", "vous", "tu", "bonjour", "merci", "pas", "ou", "en"}


def mostly_non_latin(text: str) -> bool:
    """Vrai quand la plupart des lettres ne sont pas latines (arabe, hébreu, cyrillique, CJK…)."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if unicodedata.name(ch, "").startswith("LATIN"))
    return bool(letters) and latin * 2 < len(letters)


def looks_english(text: str) -> bool:
    """Au moins deux mots-outils anglais et aucun mot-outil français."""
    words = re.findall(r"[a-z]+", fold(text))
    english = sum(1 for w in words if w in _ENGLISH)
    return english >= 2 and not any(w in _FRENCH for w in words)
