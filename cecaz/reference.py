"""Le document de référence (`docs/reference/`) en sections à ouvrir : une ancre par section, pour la page
du document que sert l'assistant (addons/channels/webchat.py) et pour les lignes « Source » des réponses.

Les sections sont celles de la recherche dans le document (`cecaz.document_search`) : un titre et ses
lignes, nommées comme dans `catalogue/sources.yml`. L'ancre d'une section nommée dans sources.yml est sa
clé (`#tarification`) ; une autre section a pour ancre son titre replié (`#quelle-tarification`). Une
ligne qui renvoie à un lien du document d'origine (« disponible ici ») est marquée : ce lien n'est pas
dans le document de référence, et la page le dit au lieu de faire semblant de l'ouvrir."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Tuple

from cecaz.catalogue import Catalogue, files_stamp
from cecaz.document_search import REFERENCE_DIR, reference_files, section_name, sections_of
from cecaz.textnorm import fold

# A line that points to a link of the original document (« le détail est disponible ici », « ici (page 3) »).
ABSENT_LINK = re.compile(r"\bici\b", re.IGNORECASE)
ABSENT_LINK_NOTE = "Lien du document d’origine : sa cible n’est pas dans le document de référence."


@dataclass(frozen=True)
class ReferenceSection:
    """Une section du document : son ancre, son nom (sources.yml, ou son titre), son titre tel qu'écrit
    ("" pour le début du document), si elle est à usage interne, et ses lignes (telles qu'écrites)."""

    anchor: str
    name: str
    heading: str
    internal: bool
    lines: Tuple[str, ...]


def slug(text: str) -> str:
    """Une ancre lisible : le texte replié, mots reliés par « - »."""
    return "-".join(fold(text).replace("_", " ").split()) or "section"


def reference_sections(cat: Catalogue, directory: Path = REFERENCE_DIR) -> List[ReferenceSection]:
    """Les sections de tous les fichiers du document, dans l'ordre, chacune avec une ancre unique."""
    keys = {name: key for key, name in cat.sources.items()}
    names = tuple(cat.sources.values())
    statements = tuple((e.citation, cat.sources[e.section]) for e in cat.enonces.values() if e.section in cat.sources)
    found: List[ReferenceSection] = []
    used: set[str] = set()
    for path in reference_files(directory):
        for section in sections_of(path.read_text(encoding="utf-8")):
            name = section_name(section, names, statements)
            anchor = keys.get(name) or slug(section.heading or name)
            while anchor in used:
                anchor += "-suite"
            used.add(anchor)
            found.append(ReferenceSection(anchor, name, section.heading, section.internal, tuple(section.lines)))
    return found


# Every answer links its sources: the anchors are computed once per catalogue object and version of the document's
# files (name, modification time, size), not by reading and sectioning the document for each answer.
_ANCHORS: List[Tuple[Catalogue, Tuple[Tuple[str, int, int], ...], Dict[str, str]]] = []


def anchors(cat: Catalogue) -> Dict[str, str]:
    """Nom de section (celui des lignes « Source ») → ancre dans la page du document ; seules les sections
    qui existent dans le document en ont une."""
    stamp = files_stamp(reference_files(REFERENCE_DIR))
    if _ANCHORS and _ANCHORS[0][0] is cat and _ANCHORS[0][1] == stamp:
        return dict(_ANCHORS[0][2])
    found: Dict[str, str] = {}
    for section in reference_sections(cat, REFERENCE_DIR):
        found.setdefault(section.name, section.anchor)
    _ANCHORS[:] = [(cat, stamp, found)]
    return dict(found)
