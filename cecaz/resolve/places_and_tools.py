"""Où va une chose, l'outil d'une offre, le moment demandé : une étape de la lecture d'un message par rapport au focus
(`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from cecaz.aspects import (
    CONTRACT_ASPECT,
    NEED_ASPECT,
    RELAYED_WHY,
    asks_where,
    asks_whom_to_call_for_trouble,
    asks_why,
    aspects,
    names_the_doer,
    where_family,
)
from cecaz.audience import CLIENT, asks_if_shareable, audience_of, he_calls
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    CORRECTION,
    DEFINITION_FAMILIES,
    HOURS_FAMILIES,
    LINES_GIVEN,
    PRICING_FAMILIES,
    PUBLIC,
    PUBLIC_EITHER,
    RECOMMENDATION,
    SIMULATORS,
    SUBJECT_ONLY,
    WHY,
    Resolution,
    affiliation_asked,
    closed_resolution,
    family_accepts,
    is_correcting,
    is_elliptical,
    only_names_subjects,
    question_of,
    recommended_cards,
    relays_whom_to_call,
    same_simulator_verdict,
    site_point_again,
    tool_for_offer,
    tool_verdict,
    where_family_after,
    words_besides_names,
)
from cecaz.lines_in_focus import asks_which_line_answers
from cecaz.phrasing import COORDINATE_FAMILIES
from cecaz.resolve.message import Message
from cecaz.textnorm import fold
from cecaz.verdicts import CONTRACT, SIMULATION, SITE, WITHOUT_SITE, is_closed
from cecaz.when import asked_moment, day_describes_the_line, names_a_holiday, says_the_moment_before

# « et celui du support, je peux ? » : may I (do what the previous question asked), with nothing after
_BARE_MAY = re.compile(r"\b(?:je|on) (?:peux|peut|pourrais|pourrait)(?: aussi| egalement)?\s*\??\s*$")



# Families that only ask what a tool is or does: for one offer, the tool's family for that offer answers.
_ABOUT_THE_TOOL = (SUBJECT_ONLY, CORRECTION, "ask_open_services", *DEFINITION_FAMILIES)


_USES_IT = re.compile(r"\b(?:on|il|elle|je|j|tu|le cif) (?:y|s en|l|en|s y) "
                      r"(?:touche|sert|utilise|passe|va|a besoin)\w*"
                      # « il sert aussi pour un client Payplug ? » after OSC
                      r"|\b(?:il|elle|ca) (?:sert|s utilise|marche|fonctionne|s applique)\b")


def _asks_nothing_else(text: str, point: str) -> bool:
    """Le message ne demande aucun autre aspect que le point de la question fermée (« et leur numéro ? » en demande
    un ; « et pour un sp+ on en ouvre ? » après une question de contrat ouvre un contrat, pas des horaires ; « et en
    sp+ faut en ouvrir un ? » : « faut » est le besoin que demande la question fermée)."""
    others = [f for f in aspects(text) if f not in (CONTRACT_ASPECT, NEED_ASPECT)]
    if point == CONTRACT and re.search(r"\bouvr\w*", fold(text)):
        others = [f for f in others if "ask_hours" not in f]
    return not others


# « pour un contrat JPEL, il en faut une ? », « et en SP+ on en ouvre ? » : « en » takes up the thing the closed
# question was about (a site, a contract, a simulation)
_POINT_TAKEN_UP = re.compile(r"\b(?:il en faut|en faut il|en faut|faut en|on en \w+|il y en a|y en a)\b")


# « il ne reçoit pas ses virements », « ça n'arrive plus » : a trouble told, not a fact whose reason is asked (folded)
_NEGATED_VERB = re.compile(r"\b(?:n|ne) (?:\w+ ){1,2}?(?:pas|plus|jamais)\b")
# « pourquoi c'est le CIF qui… ? », « pk c l'atc qui… » : the reason why someone does a thing (folded text)
_WHY_THEY_DO_IT = re.compile(r"\bpourquoi (?:c est|c|ce sont|est ce que c est) (?:\w+ ){1,4}qui\b")


def places_tools_and_moments(m: Message) -> Optional[Resolution]:
    """A card recommended, where a thing goes, a tool for an offer, the moment asked, and the same closed point for
    another subject."""
    cat, text, focus, now = m.cat, m.text, m.focus, m.now
    named, intent, quoted = m.named, m.intent, m.quoted
    cards = recommended_cards(cat, focus) if not named and focus.intent == RECOMMENDATION else ()
    if not named and (affiliated := affiliation_asked(cat, text, focus)):
        return Resolution(question_of("ask_affiliation", {"cartes": affiliated[:1]}))
    if cards and focus.offres and intent in PRICING_FAMILIES and intent in FAMILIES:
        # « ça change quoi pour la tarif ? » after a recommendation with the Chinese cards: the offer's pricing, with
        # the simulator of those cards.
        return Resolution(question_of("ask_pricing", {"offres": focus.offres, "cartes": cards}))
    where_after = where_family_after(focus)
    where = where_family(text, None if named else where_after, intent)
    # (whom a line serves is asked of a line: with none in focus nor named, « il est où, ce document ? » is a place)
    no_line = not focus.contacts and not quoted and "services" not in named
    if where is None and set(named) == {"outils"} and intent == AUDIENCE and no_line and asks_where(text):
        where = "ask_tool"  # « on le trouve où ce schéma ? » : what the document says of the tool, where it is
    if where and (where != intent or (not named and where_after != focus.intent)) and (
            (intent in FAMILIES and intent != WHY and (intent != AUDIENCE or no_line))
            or (intent == SUBJECT_ONLY and not named)):
        # « la simu je la mets où ? » read as a simulator question; « ça se paramètre où ? » after contracts; « et ça
        # va où après ? » after the pricing, read as a subject alone; « il est où ? » after who must follow the
        # delegation scheme: the scheme (a role is nowhere).
        subjects = named or ({"outils": focus.objets} if where_after == "ask_tool" else focus.subjects())
        return Resolution(question_of(where, {f: ids for f, ids in subjects.items()
                                              if family_accepts(where, {f: ids})}))
    folded = fold(text)
    if intent in FAMILIES and intent not in (WHY, AUDIENCE) and asks_why(text) and (
            not named and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE)
            and all(focus.intent in families for families in aspects(text))
            or set(named) == {"roles"} and _WHY_THEY_DO_IT.search(folded)
            or set(named) == {"offres"} and any(intent in families for families in aspects(text))
            and not _NEGATED_VERB.search(folded) and not _WHY_THEY_DO_IT.search(folded)
            or RELAYED_WHY.search(folded) and not relays_whom_to_call(text)):
        # « pourquoi c'est pas nous qui fixons le prix ? » after the pricing, read as a pricing question: the reason
        # of that answer; « pourquoi il ne reçoit pas ses virements ? » after it asks another aspect (DIET's).
        # « pourquoi c'est le CIF qui lui fera signer le contrat ? » read as the contracts: why that role does it ;
        # « pour revenir à Payplug, pourquoi l'argent arrive par des virements de Payplug ? » read as the funds: the
        # reason of that aspect, for the offer named (not « pourquoi il ne reçoit pas ses virements ? », a trouble, nor
        # « pk c'est iz qui fixe le prix du site ? », the company's own answer: `tests/unit/test_focus_return.py`);
        # « un client iz me demande pk c'est payplug qui gère son paiement » : the merchant's why, relayed (not « il me
        # demande pk il doit appeler bpce », whose answer is the line and who runs it)
        intent = WHY
    if intent in FAMILIES and intent not in (*CONTACT_FAMILIES, WHY, AUDIENCE) and asks_whom_to_call_for_trouble(text):
        intent = LINES_GIVEN
    if ("services" in named or quoted) and intent in FAMILIES and not FAMILIES[intent].about:
        # « le 08 du sce client sp+ c'est lequel déjà ? » read as a comparison of offers: a named service, or a
        # quoted number (« le 08 »), is a line.
        intent = next((f for families in aspects(text) for f in families if f in CONTACT_FAMILIES), LINES_GIVEN)
    if named.get("offres") and set(named.get("outils", ())) & SIMULATORS and intent in PRICING_FAMILIES:
        # « pour Payplug faut faire une simu SimulEasy ? » : the offer's pricing says whether a simulator is used.
        return Resolution(question_of("ask_pricing", {"offres": named["offres"]}))
    if intent == "ask_open_services" and set(named) == {"outils"} and len(focus.offres) == 1 \
            and (for_offer := tool_for_offer({**named, "offres": focus.offres}, focus)):
        # « et après il paramètre quoi dans OSC ? » after SP+'s setup: what that tool holds for the offer in focus
        # (its contracts), not the opening of services in general
        return Resolution(question_of(for_offer, {"offres": focus.offres}))
    by_tool = tool_for_offer(named, focus) if intent in _ABOUT_THE_TOOL or (
        focus.intent in ("ask_tool", "ask_role") and _USES_IT.search(fold(text))) else None
    if by_tool and not named.get("offres"):
        return Resolution(question_of(by_tool, named), same_simulator_verdict(cat, text, named, focus))
    if by_tool:
        # « il sert aussi quand le client part chez Payplug ? » : no (full service), then what Payplug needs.
        used = tool_verdict(cat, by_tool, named["offres"][0]) if is_closed(text) else None
        if used == cat.say("verdict.oui") and names_the_doer(text):
            # « le paramétrage SP+ dans OSC, c'est pas l'ATC qui s'en charge ? » : it is done; whether by the one
            # named is for the doer check
            used = None
        return Resolution(question_of(by_tool, {"offres": named["offres"]}), used)
    if names_a_holiday(text) and (intent in HOURS_FAMILIES or asked_moment(text, now) is not None) \
            and (named or focus.contacts or focus.offres):
        # « et le 25 décembre, ils répondent ? » : the document gives hours by weekday, nothing on public holidays;
        # no yes or no, the hours it gives
        subjects, lines = (named, ()) if named else (focus.subjects(), focus.contacts)
        return Resolution(question_of("ask_hours", subjects, contacts=lines), cat.say("horaires.jours_feries"))
    moment = asked_moment(text, now)
    if moment is not None and moment.at is None and moment.since is None and moment.until is None \
            and focus.moment is not None and focus.moment.at is not None and is_correcting(text):
        # « non, je parlais de demain, pas de samedi » after « samedi à 10h ? » : tomorrow, at 10h
        moment = replace(moment, at=focus.moment.at, before=focus.moment.before)
    if moment is not None and not moment.days and focus.moment is not None and focus.moment.days \
            and is_elliptical(text):
        # « et à 9h45 ? » after « demain à 9h10 » : the hour, on the day asked just before (« et ce soir ? » says its
        # own day)
        moment = replace(moment, days=focus.moment.days)
    if moment is None and focus.moment and says_the_moment_before(text):
        # « et le support payplug à cette heure-là ? » after « … vers 17h45 ? » : the same moment, open or not
        moment = focus.moment
        intent = "ask_is_open" if intent in HOURS_FAMILIES else intent
    if moment is not None and not named and (intent in HOURS_FAMILIES or intent in COORDINATE_FAMILIES) \
            and len(focus.contacts) <= 1 \
            and asks_which_line_answers(text) and not day_describes_the_line(text, now):
        # « ok et la ligne qui répond le samedi c'est laquelle ? » after a line closed then: every line, at that moment;
        # « alors quel numéro peut-il appeler samedi ? » after a line he may not be given: the lines to give a client
        if audience_of(text) == CLIENT or (focus.audience == CLIENT and he_calls(text)):
            return Resolution(question_of("ask_is_open", {}, moment=moment, audience=CLIENT))
        return Resolution(question_of("ask_is_open", {}, moment=moment))
    if named and intent in FAMILIES and intent not in (WHY, AUDIENCE) and focus.intent in FAMILIES \
            and focus.intent != intent:
        if only_names_subjects(cat, text, named):
            intent = SUBJECT_ONLY  # « et celui du partenariat bpce ? » read as an e-mail question
        elif is_correcting(text) and not aspects(" ".join(words_besides_names(cat, text, named))):
            intent = CORRECTION  # « en fait je cherchais le support » read as an opening-hours question
    if focus.point in (SITE, WITHOUT_SITE, CONTRACT, SIMULATION) and set(named) <= {"offres"} \
            and (is_elliptical(text) or _POINT_TAKEN_UP.search(fold(text))) \
            and is_closed(text) and _asks_nothing_else(text, focus.point) and not names_the_doer(text) \
            and (offers := named.get("offres") or focus.offres):
        # « et d'acceptation ? » after « pour Payplug on ouvre un contrat d'acquisition ? », « et pour un sp+ on en
        # ouvre ? » : the same closed question, whatever DIET read.
        return closed_resolution(cat, site_point_again(text, focus.point), offers[-1])
    if focus.point in (PUBLIC, PUBLIC_EITHER) and named and set(named) <= {"offres", "services"} \
            and is_elliptical(text) and (asks_if_shareable(text) or _BARE_MAY.search(fold(text))
                                         or only_names_subjects(cat, text, named)):
        # « et celui du support je peux ? » after « je peux le donner ? », « et celui du partenariat ? » read as its
        # e-mail, the coordinate the public was asked of: the same question
        intent = SUBJECT_ONLY
    m.intent = intent
    m.moment = moment
    return None
