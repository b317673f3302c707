"""Les questions fermées sur un point (site, contrat, simulation) et la famille dite par l'aspect : une étape de la
lecture d'un message par rapport au focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans
Rasa."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional, Sequence

from cecaz.aspects import asks_why, aspects, contract_only_qualifies, is_who_question, names_the_doer
from cecaz.catalogue import Catalogue
from cecaz.families import FAMILIES
from cecaz.focus import (
    ALL_OFFERS,
    AUDIENCE,
    CONTACT_FAMILIES,
    PRICING_FAMILIES,
    SIMULATORS,
    SITUATION_FAMILIES,
    WHY,
    Resolution,
    closed_point,
    closed_resolution,
    family_accepts,
    is_elliptical,
    question_of,
    recommended_offer,
    roles_doing,
    roles_for_aspect,
    the_one_doing,
    tool_users,
    who_makes_the_simulation,
)
from cecaz.resolve.message import Message
from cecaz.textnorm import fold
from cecaz.verdicts import CONTRACT, SIMULATION

_EITHER_SITE = re.compile(r"\bavec ou sans (?:site|boutique|e commerce)\b|"
                          r"\b(?:site|boutique en ligne|e commerce) ou (?:pas|sans|non)\b|"
                          r"\bqu il ait un site ou (?:pas|non)\b")


def _closed_for_each(cat: Catalogue, point: str, offres: Sequence[str]) -> Resolution:
    """La question fermée `point` (`CONTRACT` ou `SIMULATION`) pour plusieurs offres : « Oui. » ou « Non. » quand
    toutes ont la même réponse, sinon « Oui pour… ; non pour… », puis la réponse de chacune."""
    leads = {o: closed_resolution(cat, point, o) for o in offres}
    yes = [o for o, r in leads.items() if r.lead == cat.say("verdict.oui")]
    no = [o for o, r in leads.items() if r.lead == cat.say("verdict.non")]
    lead = cat.say("verdict.selon_offre", offres=yes, autres=no) if yes and no else \
        next(iter({r.lead for r in leads.values()})) if len({r.lead for r in leads.values()}) == 1 else None
    family = next(iter(leads.values())).question
    return Resolution(replace(family, offres=tuple(offres)) if family else None, lead, point)


# « celui pour les contrats standards », « et l'autre, pour les cartes chinoises ? » : another thing of the same kind
_THE_OTHER_ONE = re.compile(r"\b(?:celui|celle|ceux|l autre|lequel|laquelle)\b")


def closed_questions(m: Message) -> Optional[Resolution]:
    """Closed questions on a point (a site, a contract, a simulation) and the family the aspect words say for a
    contract, a card, a tool, all the offers; who makes the simulation."""
    cat, text, focus, named = m.cat, m.text, m.focus, m.named
    intent = m.intent
    # « il faut forcément un site pour JPEL ? » is read as a why by DIET (« forcément ») but asks no reason.
    closed = closed_point(text) if intent != AUDIENCE and not (intent == WHY and asks_why(text)) else None
    if closed == CONTRACT and set(named.get("outils", ())) <= {"osc"}:
        named = {f: ids for f, ids in named.items() if f != "outils"}  # « il faut un paramétrage dans OSC ? »
    simulating = set(tool_users(cat, {"outils": tuple(sorted(SIMULATORS))}))  # the CIF
    if closed == SIMULATION and (set(named) - {"offres", "outils", "roles"} or not set(named.get("roles", ())) <=
                                 simulating or not set(named.get("outils", ())) <= SIMULATORS or names_the_doer(text)):
        # « faut faire une simu SimulEasy pour les diners ? » : the simulator or the card, not the offer; « et faut une
        # simu simuleasy quand même ? » after Payplug: whether that offer goes through a simulation (« le CIF doit
        # faire une simulation pour JPEL ? » : the role who makes it is said, the question is whether one is made; not
        # « l'ATC doit faire une simu ? », whom the simulators are not for)
        closed = None
    if closed == CONTRACT and (set(named) - {"offres", "services", "roles"} or names_the_doer(text)):
        # « contrat amex ? » is the card's affiliation, « c'est le CIF qui les ouvre ? » asks a person (« le CIF doit
        # paramétrer quelque chose dans OSC ? » asks whether there is anything to set up); a service has no contract
        # (« contrat monétique » also names the Assistance monétique PRO).
        closed = None
    if closed in (CONTRACT, SIMULATION) and not named.get("offres") and focus.offres \
            and all(o in cat.offres and cat.offres[o].a_la_place for o in focus.offres):
        # « et sa tarification, elle passe par SimulEasy ? » after the VAD contract (discouraged, JPEL instead): the
        # offer proposed in its place is the one priced and contracted
        focus = replace(focus, offres=tuple(dict.fromkeys(str(cat.offres[o].a_la_place) for o in focus.offres)))
    # « faut faire une simu aussi ? » after a question on the CIF that followed a recommendation: the offer advised
    if closed and (offres := named.get("offres") or focus.offres or (() if named else recommended_offer(cat, focus))):
        # « il lui faut un site pour ça ? », « faut ouvrir un contrat chez nous pour Payplug ? » : oui ou non first;
        # « pour les deux faut ouvrir un contrat ? » after SP+ and Payplug: for each.
        if len(offres) > 1 and closed in (CONTRACT, SIMULATION):
            return _closed_for_each(cat, closed, offres)
        return closed_resolution(cat, closed, offres[0])
    if intent == "ask_contracts" and set(named) <= {"cartes"} and _THE_OTHER_ONE.search(fold(text)) \
            and (set(focus.objets) | set(focus.outils)) & SIMULATORS:
        # « et celui pour les contrats standards il s'appelle comment ? » after SimulUPI: the other simulator, for
        # those contracts (« contrats standards » names the cards, not the contracts to open)
        return Resolution(question_of("ask_simulator", {"cartes": named.get("cartes") or ("standard",)}))
    if intent == "ask_contracts" and contract_only_qualifies(text):
        # « la tarif d'un contrat SP+, je dois respecter quoi ? » : the contract says which, the other words what.
        # « pour tarifer un contrat Paiement Internet Sécurisé, le CIF utilise quel outil ? » : the role named does
        # the thing asked, it is not what the question is about.
        subjects = {f: ids for f, ids in named.items() if f != "roles"} or ({} if named else focus.subjects())
        # « et pour un contrat JPEL ? » after the pricing: no other aspect, the previous question for that contract.
        same = str(focus.intent) if named and is_elliptical(text) and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and family_accepts(str(focus.intent), subjects) else intent
        # « pour un contrat Paiement Internet Sécurisé, qui fixe le prix ? » : a contract the catalogue does not name,
        # no subject; the aspect asked still decides (the pricing in general, not « pour quelle offre ? »).
        intent = next((f for found in aspects(text) for f in found
                       if f != intent and (not subjects or family_accepts(f, subjects))), same)
    if set(named) == {"cartes"} and intent in FAMILIES and intent not in (WHY, AUDIENCE) \
            and not family_accepts(intent, named):
        # « et pour des cartes cb normales on prend quoi ? » read as the offers' overview: a card is asked about
        # through the aspect its words name (its simulator), when one applies to a card; « et celui pour les contrats
        # standards il s'appelle comment ? » after a simulator: its simulator.
        by_focus = "ask_simulator" if set(focus.outils) & SIMULATORS or focus.intent in PRICING_FAMILIES else intent
        intent = next((f for found in aspects(text) for f in found if family_accepts(f, named)), by_focus)
    if set(named) == {"outils"} and intent in ("ask_contracts", "ask_offer_definition", "ask_funds"):
        # « simulupi c'est pour quels contrats ? » : what the tool is for (its contracts), not « pour quelle offre ? ».
        intent = "ask_tool"
    if intent == "ask_offer_definition" and not named and ALL_OFFERS.search(fold(text)):
        intent = "ask_offers_overview"  # « la caisse propose quoi comme offres ? » : toutes, pas une à choisir
    if intent in SITUATION_FAMILIES and not set(named) - {"cartes"} and _EITHER_SITE.search(fold(text)):
        # « combien de solutions pour payer à distance, avec ou sans site ? » : every case, so every offer.
        intent = "ask_offers_overview"
    if intent in PRICING_FAMILIES and not named and focus.cartes and not focus.offres:
        # « et c'est qui qui fixe les frais ? » after AMEX: that card's pricing (negotiated with the network for a
        # direct affiliation, a simulator otherwise), not every offer's.
        return Resolution(question_of("ask_simulator", {"cartes": focus.cartes}))
    if intent in CONTACT_FAMILIES and intent != AUDIENCE and not named and focus.cartes and not focus.offres \
            and not focus.contacts and focus.intent in FAMILIES and focus.intent not in (*CONTACT_FAMILIES, WHY):
        # « ça sert à quoi ce numéro ? » after AMEX's affiliation: the number is the merchant's affiliation number (the
        # document gives no line for a card network), so the same question about the card.
        return Resolution(question_of(focus.intent, {"cartes": focus.cartes}))
    if (makes := who_makes_the_simulation(cat, text, named, focus)):
        # « et c'est qui qui fait la simu ? » after a pricing (or its reason), read as the filing: the role that
        # prices with the simulators, whatever offer was in focus, when that offer's pricing uses one.
        return Resolution(question_of("ask_role", {"roles": makes}))
    if (intent in PRICING_FAMILIES or intent == "ask_contracts" and not focus.recommendation) and not named \
            and not focus.offres and is_who_question(text) \
            and (doing := roles_doing(cat, text) or roles_for_aspect(cat, text, ())):
        # « qui établit la tarification de l'acceptation ? », « les contrats d'acceptation c'est qui qui les
        # tarife ? » : the role whose mission it is, not every offer's prices nor « pour quelle offre ? »
        return Resolution(question_of("ask_role", {"roles": doing}))
    if intent == "ask_role" and not named and not focus.roles and not focus.acteurs \
            and (doing := the_one_doing(cat, text)):
        # « qui fait le diagnostic ? » after JPEL's presentation, which names nobody: the role whose mission it is
        return Resolution(question_of("ask_role", {"roles": doing}))
    m.named = named
    m.intent = intent
    return None
