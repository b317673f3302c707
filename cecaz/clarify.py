"""Quand l'assistant hésite : « Vouliez-vous dire… » puis, faute de mieux, le bon interlocuteur humain."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Dict, List, Sequence, Tuple

from cecaz.catalogue import Catalogue, Contact
from cecaz.hours import format_hours, format_next_opening, format_time, opening_status
from cecaz.language import FRENCH_ONLY, looks_english
from cecaz.phrasing import Button, source_line
from cecaz.textnorm import fold

# Questions written for people, never intent names.
INTENT_LABELS: Dict[str, str] = {
    "ask_offers_overview": "Quelles offres pour encaisser à distance ?",
    "ask_offer_definition": "Présentation d’une offre",
    "ask_choose_offer": "Payplug ou SP+ ?",
    "ask_no_website": "Client sans site : comment encaisser ?",
    "ask_vad": "Pourquoi éviter un contrat VAD ?",
    "ask_site_creation": "Créer un site e-commerce",
    "ask_open_services": "Comment ouvrir les services ?",
    "ask_role": "Rôle du CIF, de l’ATC, du réseau",
    "ask_tool": "À quoi sert un outil (OSC, MyGed…) ?",
    "ask_contracts": "Quels contrats ouvrir ?",
    "ask_funds": "Comment arrivent les encaissements ?",
    "ask_pricing": "Qui fixe la tarification ?",
    "ask_simulator": "Quel simulateur de rentabilité ?",
    "ask_simulation_filing": "Où déposer la simulation ?",
    "ask_delegation": "Le schéma délégataire",
    "ask_affiliation": "Accepter AMEX ou les chèques-vacances ANCV",
    "ask_support": "Qui contacter pour le support ?",
    "ask_phone": "Un numéro de téléphone de support",
    "ask_email": "Une adresse e-mail de support",
    "ask_hours": "Les horaires d’un support",
    "ask_is_open": "Un support est-il ouvert maintenant ?",
    "start_diagnostic": "Lancer un diagnostic pour choisir l’offre",
    "bot_capabilities": "Ce que sait faire l’assistant",
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
_COMMERCIAL = r"tarif|prix|commission|negoci|contrat|devis|simul|frais|cout|remise|offre commerciale|souscri"
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
    text: str


def _status(contact: Contact, now: datetime) -> str:
    status = opening_status(contact.horaires, now)
    if not status.known:
        return "horaires non précisés dans le document"
    hours = format_hours(contact.horaires)
    if status.open_now:
        return f"{hours} — ouvert en ce moment (jusqu’à {format_time(status.closes_at.time())})"
    return f"{hours} — fermé en ce moment, réouverture {format_next_opening(status.next_opening, now)}"


def contact_line(contact: Contact, now: datetime) -> str:
    """« • Nom : tél. …, e-mail ; horaires — ouvert/fermé en ce moment »."""
    ways = [w for w in (contact.telephone and f"tél. {contact.telephone}", contact.email and contact.email) if w]
    return f"• {contact.nom} : {', '.join(ways)} ; {_status(contact, now)}"


def internal_assistance(cat: Catalogue) -> Dict[str, Contact]:
    """L'assistance monétique réservée aux collaborateurs CECAZ."""
    return {k: c for k, c in cat.contacts.items() if c.public == "cecaz" and c.service == "assistance_monetique"}


def handoff(cat: Catalogue, text: str, offres: Sequence[str], now: datetime) -> Handoff:
    """Message de passage de relais : l'interlocuteur humain qui convient au sujet, ouvert ou non."""
    topic = topic_of(text)
    if topic == "commercial":
        body = ("Je ne sais pas répondre à cette question. Pour une question commerciale, de contrat ou de "
                "tarification, adressez-vous au CIF (Chargé d’Ingénierie Flux) : il réalise le diagnostic des "
                "besoins, la contractualisation et la tarification. Le document ne donne pas de coordonnées "
                "de CIF : passez par votre réseau.")
        return Handoff(f"{body}\n\n{source_line(cat, 'choisir', 'ouvrir')}")
    if topic == "technique":
        contacts: List[Tuple[str, Contact]] = list(internal_assistance(cat).items())
        intro = ("Je ne sais pas répondre à cette question. Pour une question technique de collaborateur, "
                 "contactez l’assistance interne (usage interne CECAZ, à ne pas transmettre au client) :")
    else:
        pool = [o for o in offres if o in cat.offres] or ["payplug", "sp_plus"]
        contacts = [(k, c) for o in pool for k, c in cat.contacts_for(o) if c.public == "clients"]
        intro = ("Je ne sais pas répondre à cette question. Pour un problème du commerçant, voici les lignes "
                 "à lui communiquer :")
        if "iz_ecommerce" in pool:
            intro += "\n• IZ eCommerce assure lui-même le support de son offre (coordonnées non reprises ici)."
    unique = dict(contacts)  # the same line may serve several offers
    body = intro + "\n" + "\n".join(contact_line(c, now) for c in unique.values())
    return Handoff(f"{body}\n\n{source_line(cat, 'assister')}")


def clarification_text(has_suggestions: bool, text: str = "") -> str:
    """`text` : le message incompris ; en anglais, on dit d'abord que l'assistant parle français."""
    intro = f"{FRENCH_ONLY} " if looks_english(text) else ""
    if has_suggestions:
        return f"{intro}Je ne suis pas sûr d’avoir compris. Vouliez-vous dire :"
    return f"{intro}Je n’ai pas compris votre question. De quoi s’agit-il ?"


def offers_json(offres: Sequence[str]) -> str:
    return f'{{"offer":"{offres[0]}"}}' if offres else ""
