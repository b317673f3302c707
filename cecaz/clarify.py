"""Quand l'assistant hésite : « Vouliez-vous dire… » puis, faute de mieux, le bon interlocuteur humain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Sequence, Set, Tuple

from cecaz.catalogue import Catalogue, Contact
from cecaz.contact_lines import contact_line
from cecaz.families import FAMILIES, RESOLVED_ONLY
from cecaz.language import FRENCH_ONLY, looks_english
from cecaz.phrasing import Button, source_line, support_lines
from cecaz.textnorm import content_words, fold

# Questions written for people, never intent names: the families' labels, and the diagnostic.
INTENT_LABELS: Dict[str, str] = {
    **{intent: family.label for intent, family in FAMILIES.items() if intent not in RESOLVED_ONLY},
    "start_diagnostic": "Lancer un diagnostic pour choisir l’offre",
}
OTHER = ("Autre chose", "/nlu_fallback")
MIN_SUGGESTION_CONFIDENCE = 0.08
MAX_SUGGESTIONS = 3


def suggestions(ranking: Sequence[dict], entities_json: str = "") -> List[Button]:
    """Les deux ou trois interprétations plausibles, en boutons, puis « Autre chose »."""
    buttons: List[Button] = []
    for item in ranking:
        name, confidence = item.get("name"), float(item.get("confidence") or 0.0)
        if name in INTENT_LABELS and confidence >= MIN_SUGGESTION_CONFIDENCE:
            buttons.append((INTENT_LABELS[name], f"/{name}{entities_json}"))
        if len(buttons) == MAX_SUGGESTIONS:
            break
    return [*buttons, OTHER]


Topic = str  # "commercial" | "technique" | "client"
_CLIENT = r"mon client|le client|ma cliente|commercant|son site|sa boutique|ses paiements|rembourse|transaction|" \
          r"paiement refuse|encaissement bloque|litige|impaye"
_TECHNIQUE = r"bug|erreur|panne|marche pas|fonctionne pas|bloque|parametr|osc|connexion|acces|mot de passe|" \
             r"technique|tpe|installation|plante"


def topic_of(text: str) -> Topic:
    folded = fold(text)
    if re.search(_CLIENT, folded) and re.search(_TECHNIQUE + r"|probleme|souci|incident", folded):
        return "client"
    if re.search(_TECHNIQUE, folded):
        return "technique"
    if re.search(_CLIENT, folded):
        return "client"
    return "commercial"


@dataclass(frozen=True)
class Handoff:
    """Le message de relais et les identifiants des lignes qu'il donne (le focus suivant : « je peux le
    transmettre au client ? » porte sur elles)."""

    text: str
    contacts: Tuple[str, ...] = ()


def internal_assistance(cat: Catalogue) -> Dict[str, Contact]:
    """L'assistance monétique réservée aux collaborateurs CECAZ."""
    return {k: c for k, c in cat.contacts.items() if c.internal and c.service == "assistance_monetique"}


def handoff(cat: Catalogue, text: str, offres: Sequence[str], now: datetime,
            intro: str = "relais.ne_sait_pas") -> Handoff:
    """Message de passage de relais : l'interlocuteur humain qui convient au sujet de `text` (commercial,
    technique, problème du commerçant), ouvert ou non à `now` ; `intro` : la phrase du catalogue qui
    ouvre le message (`relais.*`, phrases.yml)."""
    lead = cat.say(intro)
    topic = topic_of(text)
    if topic == "commercial":
        body = f"{lead} {cat.say('relais.commercial')}"
        return Handoff(f"{body}\n\n{source_line(cat, 'choisir', 'ouvrir')}")
    if topic == "technique":
        contacts: List[Tuple[str, Contact]] = list(internal_assistance(cat).items())
        intro = f"{lead} Pour une question technique de collaborateur, contactez l’assistance interne :"
    else:
        pool = [o for o in offres if o in cat.offres] or ["payplug", "sp_plus"]
        contacts = [(k, c) for o in pool for k, c in cat.contacts_for(o) if c.for_clients]
        intro = f"{lead} Pour un problème du commerçant, voici les lignes à lui communiquer :"
        if "iz_ecommerce" in pool:
            intro += "".join(f"\n• {line}" for line in support_lines(cat, "iz_ecommerce") if line)
    unique = dict(contacts)  # the same line may serve several offers
    body = "\n".join([intro, *(contact_line(c, now=now) for c in unique.values())])
    return Handoff(f"{body}\n\n{source_line(cat, 'assister')}", tuple(unique))


# Words of a contact's « objet » too common to tell one line from another.
_COMMON = frozenset({"pour", "avec", "dans", "toutes", "tous", "demande", "demandes", "relatives", "client", "clients",
                     "cecaz", "contrats", "assistance", "service", "services"})


def _objet_words(text: str) -> Set[str]:
    return content_words(text) - _COMMON


def requested_handoff(cat: Catalogue, text: str, previous_text: str, offres: Sequence[str],
                      contacts: Sequence[str], now: datetime) -> Handoff:
    """« Je veux parler à quelqu'un » : la ligne dont l'objet correspond au message (« … de chez
    Payplug pour un lead » → l'équipe partenariat), sinon les lignes dont on parlait (`contacts`),
    sinon l'interlocuteur du sujet de la question précédente (`handoff`)."""
    pool = [(k, c) for o in offres if o in cat.offres for k, c in cat.contacts_for(o)] or list(cat.contacts.items())
    words = _objet_words(text)
    chosen = [k for k, c in dict(pool).items() if words & _objet_words(c.objet)] if words else []
    if not chosen:
        chosen = [k for k in contacts if k in cat.contacts]
    if not chosen:
        return handoff(cat, previous_text or text, offres, now, intro="relais.oriente")
    body = "\n".join([f"{cat.say('relais.oriente')} À joindre :",
                      *(contact_line(cat.contacts[k], now=now) for k in chosen)])
    return Handoff(f"{body}\n\n{source_line(cat, 'assister')}", tuple(chosen))


NOT_SURE = "Je ne suis pas sûr d’avoir compris. Vouliez-vous dire :"
NOT_UNDERSTOOD = "Je n’ai pas compris votre question. De quoi s’agit-il ?"


def is_clarification(text: str) -> bool:
    """Le message de l'assistant était-il une demande de précision (`clarification_text`) ?"""
    return NOT_SURE in text or NOT_UNDERSTOOD in text


def clarification_text(has_suggestions: bool, text: str = "") -> str:
    """`text` : le message incompris ; en anglais, on dit d'abord que l'assistant parle français."""
    intro = f"{FRENCH_ONLY} " if looks_english(text) else ""
    return f"{intro}{NOT_SURE if has_suggestions else NOT_UNDERSTOOD}"


def offers_json(offres: Sequence[str]) -> str:
    return f'{{"offer":"{offres[0]}"}}' if offres else ""
