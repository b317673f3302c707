"""Avis des utilisateurs sur une réponse (👍 / 👎, « merci, c'est bon », « ça ne m'aide pas »).

Une réponse factuelle ou une recommandation porte `feedback=True` dans sa structure (`cecaz.layout`) :
la page web y ajoute deux petits boutons, Teams deux boutons de carte. Le 👍 envoie `/thank` (comme
« merci »), le 👎 `/feedback_negative` (comme « ça ne m'aide pas ») ; l'action `action_feedback` garde
l'avis dans la conversation (un événement du slot `feedback`, valeur `record`), que lit le rapport
(`cecaz.report`). Après un 👎, l'assistant demande, sans l'exiger, ce qui manquait, et donne le bon
interlocuteur ; la phrase suivante, si elle n'est pas une question, est gardée comme commentaire.

Fonctions pures, sur les événements du tracker sous leur forme JSON (`{"event": "bot", ...}`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence

FEEDBACK_SLOT = "feedback"
FOCUS_SLOT = "focus"
POSITIVE = "positif"
NEGATIVE = "negatif"
THANK_PAYLOAD = "/thank"
NEGATIVE_PAYLOAD = "/feedback_negative"
PAYLOADS = (THANK_PAYLOAD, NEGATIVE_PAYLOAD)
# Buttons of a rated answer: (shown title, payload, accessible name).
THUMBS = (("👍", THANK_PAYLOAD, "Réponse utile"), ("👎", NEGATIVE_PAYLOAD, "Réponse pas utile"))
BUTTON = "bouton"
TEXT = "texte"
# Families after which no opinion is asked: small talk, not an answer from the catalogue.
NOT_RATED = frozenset({"bot_capabilities"})
RECOMMENDATION_FAMILY = "recommendation"  # cecaz.focus.RECOMMENDATION
MISSING_QUESTION = ("Merci de votre retour. Qu’est-ce qui manquait ? Si vous le souhaitez, dites-le en une "
                    "phrase : les personnes qui tiennent l’assistant à jour le liront.")
COMMENT_THANKS = "Merci, c’est noté : les personnes qui tiennent l’assistant à jour le liront."


def is_rated(family: Optional[str]) -> bool:
    """Vrai si une réponse de cette famille (intention `ask_…`, ou `recommendation`) demande un avis."""
    return bool(family) and family not in NOT_RATED


@dataclass(frozen=True)
class RatedAnswer:
    """La réponse sur laquelle porte un avis : l'instant où elle a été dite (secondes UNIX, identifie la
    réponse dans la conversation), sa famille (intention, ou `recommendation`), la question qui l'a
    demandée (texte tapé, "" pour un bouton)."""

    at: float
    family: str
    question: str


def asks_feedback(data: Any) -> bool:
    """Vrai si le message du bot (`data` d'un événement `bot` : texte, boutons, `custom`) demande un avis."""
    custom = data.get("custom") if isinstance(data, Mapping) else None
    structure = custom.get("cecaz") if isinstance(custom, Mapping) else None
    return isinstance(structure, Mapping) and bool(structure.get("feedback"))


def offered_buttons(data: Any) -> List[Dict[str, str]]:
    """Les boutons 👍 / 👎 que montre un message du bot (`data` d'un événement `bot`), sous la forme des
    boutons Rasa : ceux de la structure ne sont pas dans `buttons`, le filtre d'entrée les admet ainsi."""
    return [{"title": name, "payload": payload} for _, payload, name in THUMBS] if asks_feedback(data) else []


def _is_rated_bot(event: Mapping[str, Any]) -> bool:
    return event.get("event") == "bot" and asks_feedback(event.get("data"))


def rated_answer(events: Sequence[Mapping[str, Any]], last_turn_only: bool) -> Optional[RatedAnswer]:
    """La dernière réponse qui demandait un avis, avant le dernier message de l'utilisateur. Avec
    `last_turn_only` (avis tapé : « merci », « ça ne m'aide pas »), seulement si elle répondait au message
    précédent ; sinon (bouton d'une réponse) la dernière de la conversation. None s'il n'y en a pas."""
    users = [i for i, e in enumerate(events) if e.get("event") == "user"]
    if not users:
        return None
    start = users[-2] + 1 if last_turn_only and len(users) >= 2 else 0
    if last_turn_only and len(users) < 2:
        return None
    for index in range(users[-1] - 1, start - 1, -1):
        event = events[index]
        if not _is_rated_bot(event):
            continue
        family = next((str((e.get("value") or {}).get("intent") or "") for e in events[index:users[-1]]
                       if e.get("event") == "slot" and e.get("name") == FOCUS_SLOT
                       and isinstance(e.get("value"), Mapping)), "")
        question = next((str(e.get("text") or "") for e in reversed(events[:index]) if e.get("event") == "user"), "")
        return RatedAnswer(float(event.get("timestamp") or 0.0), family or RECOMMENDATION_FAMILY,
                           "" if question.startswith("/") else question)
    return None


def record(note: str, rated: RatedAnswer, via: str, comment: str = "") -> Dict[str, Any]:
    """La valeur du slot `feedback` pour un avis : `note` (`POSITIVE`, `NEGATIVE`), la réponse notée,
    `via` (`BUTTON` ou `TEXT`), le commentaire éventuel (ce qui manquait)."""
    value: Dict[str, Any] = {"note": note, "family": rated.family, "question": rated.question,
                             "answer_at": rated.at, "via": via}
    if comment:
        value["comment"] = comment
    return value


def awaiting_comment(slot: Any) -> Optional[Dict[str, Any]]:
    """L'avis négatif (valeur du slot `feedback`) qui attend encore son commentaire, sinon None."""
    if isinstance(slot, Mapping) and slot.get("note") == NEGATIVE and not slot.get("comment"):
        return dict(slot)
    return None


def with_comment(slot: Mapping[str, Any], comment: str) -> Dict[str, Any]:
    """L'avis négatif complété par ce que l'utilisateur a dit qu'il manquait."""
    return {**slot, "comment": comment.strip()}
