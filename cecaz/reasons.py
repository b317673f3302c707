"""« Pourquoi ? » et « je peux le donner au client ? » : réponses sur la réponse précédente.

Les raisons viennent du catalogue (`catalogue/raisons.yml`, et `diagnostic.pourquoi` pour une
recommandation) ; là où le document n'en donne pas, la réponse le dit et renvoie au CIF. Le public
d'une ligne vient du champ `public` des contacts."""

from __future__ import annotations

from typing import Any, List, Mapping, Sequence, Tuple

from cecaz.catalogue import Catalogue, Contact, EntityKind
from cecaz.contact_lines import contact_line
from cecaz.diagnostic import INCONNU, QUESTIONS, Facts, fact_phrase
from cecaz.phrasing import Answer, Button, Question, select_contacts, source_line

NO_REASON = ("Le document de référence ne donne pas la raison de cette règle : votre CIF (Chargé d’Ingénierie "
             "Flux) pourra vous l’expliquer.")
NOTHING_TO_JUSTIFY = ("Je n’ai encore rien affirmé dans cette conversation : posez-moi votre question, "
                      "je vous donnerai la réponse et sa raison quand le document en donne une.")
# « pourquoi pas X ? » après une recommandation : le fait qui mènerait à X, à proposer en « et si… ».
WHAT_IF_FOR: Mapping[str, Button] = {
    "sp_plus": ("Et si Payplug ne lui convient pas ?", "/inform_needs_modular"),
    "payplug": ("Et s’il a un site ?", "/inform_has_site"),
    "jpel": ("Et s’il n’a pas de site ?", "/inform_no_site"),
    "iz_ecommerce": ("Et s’il veut créer un site ?", "/inform_wants_site"),
}


def _subject_pairs(q: Question) -> List[Tuple[EntityKind, str]]:
    fields: Sequence[Tuple[EntityKind, Sequence[str]]] = (
        ("offer", q.offres), ("service", q.services), ("role", q.roles), ("tool", q.outils), ("card", q.cartes))
    return [(kind, key) for kind, keys in fields for key in keys]


def read_facts(recommendation: Mapping[str, Any]) -> Facts:
    """Les faits du diagnostic gardés dans le focus avec la recommandation → `Facts`."""
    return Facts.from_values(recommendation.get("facts") or {})


def _situation(cat: Catalogue, facts: Facts) -> str:
    said = [fact_phrase(cat, q, facts.get(q)) for q in QUESTIONS  # type: ignore[arg-type]
            if facts.get(q) is not None and facts.get(q) not in (INCONNU, (INCONNU,))]
    return "; ".join(said)


def _why_recommendation(cat: Catalogue, q: Question) -> Answer:
    rec = q.recommendation or {}
    conclusion = str(rec.get("conclusion") or "")
    facts = read_facts(rec)
    offre = q.offres[0] if q.offres else None
    pourquoi = cat.diagnostic.pourquoi.get(conclusion, NO_REASON)
    situation = _situation(cat, facts)
    alt = q.alternative
    if alt and alt != offre and alt in cat.offres:
        other = cat.offres[alt]
        body = (f"{other.nom} est pour {other.pour_qui}.\nPour ce client, vous m’avez dit : {situation}.\n"
                f"Donc : {pourquoi}")
        buttons = [WHAT_IF_FOR[alt]] if alt in WHAT_IF_FOR else []
        if buttons:
            body += "\nSi la situation est différente, dites-le-moi : je recalcule la recommandation."
        return Answer(f"{body}\n\n{source_line(cat, 'choisir', 'sans_site')}", buttons, offre=offre)
    body = f"{pourquoi}\nCe que vous m’avez dit du client : {situation}." if situation else pourquoi
    # « pourquoi JPEL ? » : la raison que le document donne de l'offre elle-même (VAD déconseillée…).
    raison = cat.reason("recommendation", [("offer", offre)]) if offre else None
    if raison and raison.texte not in body:
        body += f"\n{raison.texte}"
    return Answer(f"{body}\n\n{source_line(cat, 'choisir', 'ouvrir', *([raison.source] if raison else []))}",
                  offre=offre)


def _why_contacts(cat: Catalogue, q: Question) -> Answer:
    offers = [cat.offres[o] for o in q.offres if o in cat.offres]
    lines = [o.support for o in offers if o.support]
    contacts = [cat.contacts[c] for c in q.contacts if c in cat.contacts]
    for contact in contacts:
        audience = "ligne interne CECAZ" if contact.public == "cecaz" else "ligne à communiquer au client"
        lines.append(f"{contact.nom} ({audience}) : pour {contact.objet}.")
    if not lines:
        return Answer(NO_REASON)
    return Answer("Le document l’indique ainsi :\n" + "\n".join(lines) + f"\n\n{source_line(cat, 'assister')}")


def answer_why(cat: Catalogue, q: Question) -> Answer:
    """La raison de la réponse précédente (`q.about`, ses sujets) ou de la recommandation ;
    « pourquoi pas X ? » (`q.alternative`) compare X à ce qui a été proposé."""
    if q.recommendation and (q.about == "recommendation" or q.alternative):
        return _why_recommendation(cat, q)
    if q.alternative and q.alternative in cat.offres:
        other = cat.offres[q.alternative]
        raison = cat.reason("ask_choose_offer", [("offer", q.alternative)]) or cat.reason(
            "ask_offer_definition", [("offer", q.alternative)])
        body = f"{other.nom} est pour {other.pour_qui}."
        if raison:
            body += f"\n{raison.texte}"
        return Answer(f"{body}\n\n{source_line(cat, raison.source if raison else other.source)}",
                      offre=q.alternative)
    if q.about is None:
        return Answer(NOTHING_TO_JUSTIFY)
    if q.contacts:  # the previous answer gave contact lines
        return _why_contacts(cat, q)
    raison = cat.reason(q.about, _subject_pairs(q))
    if raison is None:
        return Answer(NO_REASON)
    return Answer(f"{raison.texte}\n\n{source_line(cat, raison.source)}", offre=q.offres[0] if q.offres else None)


def _client_lines_for(cat: Catalogue, contacts: Sequence[Contact]) -> List[Contact]:
    offers = {o for c in contacts for o in c.offres}
    return [c for cid, c in cat.contacts.items() if c.public == "clients" and offers & set(c.offres)]


def answer_audience(cat: Catalogue, q: Question) -> Answer:
    """Oui ou non : la ligne dont on parle peut-elle être donnée au client ? Une ligne interne n'est
    jamais à transmettre ; la réponse donne alors les lignes à communiquer au client."""
    pool = [(cid, cat.contacts[cid]) for cid in q.contacts if cid in cat.contacts]
    if not pool and (q.offres or q.services):
        pool = select_contacts(cat, q, q.offres[0] if q.offres else None)
    if not pool:
        return Answer("De quelle ligne parlez-vous ? Demandez-moi d’abord le contact (par exemple « numéro de "
                      "l’assistance SP+ »), je vous dirai s’il peut être donné au client.")
    contacts = [c for _, c in pool]
    internal = [c for c in contacts if c.public == "cecaz"]
    client = [c for c in contacts if c.public == "clients"]
    # « c'est pour le client ou pour nous ? » is answered by who, « je peux le donner ? » by yes or no.
    yes, no = ("Pour le client", "Pour la CECAZ seulement") if q.either_or else ("Oui", "Non")
    if not internal:
        lead = f"{yes} : " + (f"{client[0].nom} est à communiquer au client." if len(client) == 1
                              else "ces lignes sont à communiquer au client.")
        lines = [contact_line(c) for c in client]
    elif not client:
        lead = (f"{no} : " + " et ".join(c.nom for c in internal) + (" est" if len(internal) == 1 else " sont")
                + " réservée" + ("" if len(internal) == 1 else "s") + " aux collaborateurs CECAZ, à ne pas"
                " transmettre au client.")
        others = _client_lines_for(cat, internal)
        lines = ["À donner au client :", *(contact_line(c) for c in others)] if others else [
            "Le document ne donne pas d’autre ligne à communiquer au client pour ce sujet : voyez avec votre CIF."]
    else:
        lead = (f"{yes} pour " + " et ".join(c.nom for c in client) + f" ; {no.lower()} pour "
                + " et ".join(c.nom for c in internal) + ", réservée aux collaborateurs CECAZ.")
        if q.either_or:
            lead = (f"{yes} : " + " et ".join(c.nom for c in client) + f" ; {no.lower()} : "
                    + " et ".join(c.nom for c in internal) + ".")
        lines = ["À donner au client :", *(contact_line(c) for c in client)]
    ids = [cid for cid, _ in pool]
    return Answer(f"{lead}\n" + "\n".join(lines) + f"\n\n{source_line(cat, 'assister')}", contacts=ids)
