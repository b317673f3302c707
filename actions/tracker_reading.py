"""Lecture du tracker : de ce que Rasa a extrait vers une `Question` du cœur métier."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from cecaz.catalogue import ENTITY_KINDS, Catalogue, EntityKind
from cecaz.phrasing import Question


def mentioned(cat: Catalogue, message: Dict[str, Any], kind: EntityKind) -> List[str]:
    """Identifiants d'un type, des entités NLU d'abord, puis des alias trouvés dans le texte."""
    ids: List[str] = []
    for entity in message.get("entities") or []:
        if entity.get("entity") == kind:
            resolved = cat.resolve(kind, str(entity.get("value") or "")) or cat.resolve(
                kind, str(entity.get("text") or ""))
            if resolved:
                ids.append(resolved)
    ids.extend(cat.find_in_text(kind, message.get("text") or ""))
    return list(dict.fromkeys(ids))


def read_question(cat: Catalogue, tracker: Tracker, intent: Optional[str] = None) -> Question:
    message = tracker.latest_message or {}
    found = {kind: mentioned(cat, message, kind) for kind in ENTITY_KINDS}
    offres = found["offer"]
    # A follow-up ("et leur numéro ?") keeps the offer in context, unless a service is named.
    if not offres and not found["service"] and tracker.get_slot("offer") in cat.offres:
        offres = [tracker.get_slot("offer")]
    return Question(
        intent=intent or (message.get("intent") or {}).get("name") or "",
        offres=tuple(offres), outils=tuple(found["tool"]), roles=tuple(found["role"]),
        cartes=tuple(found["card"]), services=tuple(found["service"]),
    )
