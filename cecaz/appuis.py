"""Sur quoi repose chaque texte que l'assistant peut dire (docs/fidelite.md).

Les énoncés du document (citations exactes), ses silences et les inférences choisies par l'équipe sont
dans `catalogue/sources.yml` ; les textes du catalogue y renvoient par `catalogue/appuis.yml` (chemin du
texte → appuis), les phrases par leur champ `appuis`. `problems` dit ce qui manque ; `make validate` et
tests/unit/test_faithfulness.py le refusent."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Sequence, Tuple

from pydantic import BaseModel

from cecaz.catalogue import Catalogue

# Les textes du catalogue que les réponses disent (« * » : chaque entrée, chaque élément) ; une ligne de
# contact est dite entière. Les noms (`nom`) ne disent rien et n'ont pas d'appui.
SAID: Tuple[str, ...] = (
    "offres.*.definition", "offres.*.pour_qui", "offres.*.contractant", "offres.*.contrats",
    "offres.*.note_contrats", "offres.*.fonds", "offres.*.tarification", "offres.*.support",
    "offres.*.pages_paiement",
    "roles.*.missions.*", "outils.*.role", "cartes.*.simulateur",
    "affiliation.procedure", "affiliation.tarification",
    "tarification.acquisition", "tarification.acceptation", "tarification.schema_delegataire_page",
    "tarification.simulation_depot",
    "contacts.*", "diagnostic.pourquoi.*", "diagnostic.aide.*", "raisons.*.texte",
)


def _children(value: Any) -> List[Tuple[str, Any]]:
    if isinstance(value, Mapping):
        return [(str(k), v) for k, v in value.items()]
    if isinstance(value, list | tuple):
        return [(str(i), v) for i, v in enumerate(value)]
    if isinstance(value, BaseModel):
        return [(name, getattr(value, name)) for name in type(value).__fields__]
    return []


def _expand(value: Any, parts: Sequence[str], prefix: str) -> Dict[str, Any]:
    if not parts:
        return {prefix: value}
    head, rest = parts[0], parts[1:]
    found: Dict[str, Any] = {}
    for key, child in _children(value):
        if head in ("*", key):
            found.update(_expand(child, rest, f"{prefix}.{key}" if prefix else key))
    return found


def said_texts(cat: Catalogue) -> Dict[str, Any]:
    """Chemin → valeur de chaque texte dit (valeurs vides exclues : rien n'est dit)."""
    found: Dict[str, Any] = {}
    for pattern in SAID:
        found.update((path, value) for path, value in _expand(cat, pattern.split("."), "").items()
                     if value not in (None, "", [], ()))
    return found


def problems(cat: Catalogue) -> List[str]:
    """Les textes dits sans appui, et les appuis qui ne désignent aucun texte dit."""
    said = said_texts(cat)
    missing = [f"appuis.yml : « {path} » est dit par l'assistant mais ne repose sur rien"
               for path in said if not cat.appuis.get(path)]
    stray = [f"appuis.yml : entrée « {path} » : aucun texte dit à cet endroit du catalogue"
             for path in cat.appuis if path not in said]
    return missing + stray
