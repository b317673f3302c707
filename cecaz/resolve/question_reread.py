"""La question relue dans ses mots quand la famille de DIET ne convient pas : une étape de la lecture d'un message
par rapport au focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from typing import Dict, Mapping, Optional, Tuple

from cecaz.aspects import asks_what_to_give_for_trouble, asks_why, aspect_family, is_who_question, tells_a_trouble
from cecaz.audience import asks_if_shareable, asks_if_staff_may_use, audience_of, names_the_line_by_pronoun
from cecaz.catalogue import Catalogue
from cecaz.doers import asks_who_does
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    CORRECTION,
    DEFAULT_FAMILY,
    FIELDS,
    FOR_WHOM,
    LINES_GIVEN,
    SUBJECT_ONLY,
    WHY,
    Resolution,
    asks_for_a_line,
    coordinate_asked,
    designated,
    family_accepts,
    is_elliptical,
    question_of,
    roles_doing,
    the_one_doing,
)
from cecaz.lines_in_focus import assisting_lines, lines_for_requests, lines_named, offers_served, other_lines
from cecaz.merchant import offers_of_the_client
from cecaz.resolve.for_the_focus import asks_several_coordinates
from cecaz.resolve.message import Message
from cecaz.textnorm import OPENING, WHAT_FOR, fold, has_question_word, question_after_circumstance
from cecaz.verdicts import is_closed

# How the services are opened (section « Comment ouvrir les services ? »)
SETTING_UP = "ask_open_services"
_QUOTED_LINE = re.compile(r"\+?\d[\d .]{5,}\d|[\w.+-]+@[\w.-]+\w|\b(?:fini\w*|termin\w*) (?:par|en) \d[\d ]*\d")


_GO_THROUGH = re.compile(r"\bpass\w* par (?P<who>(?:un |une |le |la |l )?\w+)")


_CONTACT_VERB = re.compile(r"\b(?:je vois avec qui|voir avec qui|je m adresse a qui|a qui je m adresse|"
                           r"je (?:contacte|joins|appelle|sollicite)|qui (?:contacter|appeler|joindre|solliciter)|"
                           r"(?:je|on) (?:l |le |la |les )?(?:passe|transmets|envoie|adresse)\w* a qui|"
                           # « quelle équipe s'en charge ? », « vers quel service je l'envoie ? »
                           r"quel\w* (?:equipe|service|interlocuteur)s?)\b")


# « c'est bien pour les leads », « ils prennent aussi la distribution ? » : the line in focus, said by its pronoun
_THE_LINE_DOES = re.compile(rf"^{OPENING}(?:c est|cest|c|ca|il|elle|ils|elles)\b")


def _named_in_the_question(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], text: str,
                           asked: str) -> Dict[str, Tuple[str, ...]]:
    """The subjects named (field → ids), without those only the moment set before the question (`text` without
    `asked`) mentions (« une fois les contrats paramétrés dans OSC, qui assure l'assistance ? » : OSC says when) ; the
    offers stay, they say whose."""
    kinds = {field: kind for kind, field in FIELDS.items()}
    moment = fold(text).replace(asked, " ")
    kept: Dict[str, Tuple[str, ...]] = {}
    for field, ids in named.items():
        only_when = set() if field == "offres" or field not in kinds else \
            set(cat.find_in_text(kinds[field], moment)) - set(cat.find_in_text(kinds[field], asked))
        if in_question := tuple(i for i in ids if i not in only_when):
            kept[field] = in_question
    return kept


def reread_the_question(m: Message) -> Optional[Resolution]:
    """The question re-read from its words when DIET's family does not fit: an aspect, a line quoted, a role to go
    through, the line for a request, or whether a line named or in focus handles that request."""
    cat, reading, text, focus = m.cat, m.reading, m.text, m.focus
    named, quoted = m.named, m.quoted
    intent = reading.intent
    if intent not in FAMILIES and intent not in (SUBJECT_ONLY, CORRECTION) and has_question_word(text) \
            and (by_words := aspect_family(text, intent, [f for f in FAMILIES if family_accepts(f, named)])):
        # « un hôtel en SP+ veut aussi les cartes chinoises : on tarife ça avec quoi ? » read as a fact for the
        # diagnostic: its question, which the aspect words say
        intent = by_words
    elif intent == SUBJECT_ONLY and named and has_question_word(text) and not is_elliptical(text) \
            and (by_words := aspect_family(text, intent, [f for f in FAMILIES if family_accepts(f, named)])):
        # « pour revenir à IZ : la page de paiement de leurs sites, c'est qui ? » read as the subject alone: a
        # question of its own, which the aspect words say (not the question asked before of that subject)
        intent = by_words
    if intent == "ask_offer_definition" and named.get("offres") and not focus.intent and has_question_word(text) \
            and aspect_family(text, intent, [SETTING_UP]) == SETTING_UP:
        # « une fromagerie part sur jpel, c'est quoi les étapes ? » read as what JPEL is: how it is set up, for JPEL
        # (in a thread, the steps that read a message against the focus say it)
        intent = SETTING_UP
    if intent == "ask_vad" and not named and focus.offres and "vad" not in focus.offres and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and asks_who_does(cat, text, designated(cat, focus)):
        # « et c'est la cliente qui tape elle-même sa carte, c'est ça ? » after JPEL, read as the VAD (a card typed by
        # someone): who does it with the offer in focus, which its presentation says (`cecaz.doers`)
        intent = "ask_offer_definition"
    if intent in FAMILIES and intent not in (WHY, AUDIENCE) and (asked := question_after_circumstance(text)) \
            and (by_words := aspect_family(asked, intent, [f for f in FAMILIES if family_accepts(
                f, _named_in_the_question(cat, named, text, asked))])):
        # « une fois les contrats paramétrés, qui assure l'assistance ? » read as the contracts: the moment set first
        # says when, the question after it says what (the support)
        intent = by_words
    if intent in FAMILIES and intent not in (WHY, AUDIENCE, "ask_role") and not named \
            and (doing := the_one_doing(cat, text)):
        # « qui fait le diag avant de vendre un module de paiement pour un site » read as the site's creation: the one
        # role whose mission is the act asked, whatever the situation after it
        return Resolution(question_of("ask_role", {"roles": doing}))
    if quoted and WHAT_FOR.search(fold(text)) and not audience_of(text) and not asks_if_shareable(text):
        # « partenariat-bpce@payplug.com, ça sert à quoi cette adresse ? » : what the quoted line handles
        return Resolution(question_of("ask_support", {}, contacts=quoted))
    if intent == AUDIENCE and quoted and not asks_if_shareable(text) and not asks_if_staff_may_use(text) \
            and audience_of(text) is None and not FOR_WHOM.search(fold(text)) \
            and (other := coordinate_asked(_QUOTED_LINE.sub(" ", text))):
        # « le 07 57 95 38 07 répond jusqu'à quelle heure ? » read as the line's public: the quoted line's hours
        intent = other
    if intent != WHY and focus.contacts and set(named) == {"offres"} and asks_if_shareable(text) \
            and names_the_line_by_pronoun(text) and set(named["offres"]) <= set(offers_of_the_client(cat, text)):
        # « je peux l'envoyer tel quel à un commerçant SP+ ? » read as SP+'s phone, « un commerçant en jpel peut le
        # composer lui aussi ? » as what JPEL is: the line in focus
        intent = AUDIENCE
    if intent != WHY and focus.contacts and set(named) <= {"offres"} and set(named.get("offres", ())) <= set(
            focus.offres) and asks_if_shareable(text) and other_lines(cat, text, focus):
        # « et l'autre mail de payplug, je peux le mettre en copie ? » read as Payplug's e-mail: the other line of the
        # offer in focus (the offer only says whose), whether it may be handed over
        intent = AUDIENCE
    if intent == SUBJECT_ONLY and focus.intent in FAMILIES and asks_why(text):
        intent = WHY  # « ok et pk on le met à la place de la VAD ? » : not the VAD's phone, a reason
    if intent == SUBJECT_ONLY and not named and focus.contacts and asks_if_shareable(text):
        intent = AUDIENCE  # « ok et celle de payplug jpeux la donner au client » once the line is in focus
    if named and set(named) <= {"cartes"} and intent in (*CONTACT_FAMILIES, AUDIENCE) and not asks_if_shareable(text):
        # « et pour les Diners, c'était lequel déjà ? » read as an e-mail question, « pour l'AMEX, l'organisme donne
        # quoi au commerçant ? » as a line's public: a card network has no line in the document; the previous
        # question for that card, or what the document says of the card.
        intent = SUBJECT_ONLY if focus.intent in FAMILIES and focus.intent not in CONTACT_FAMILIES else \
            DEFAULT_FAMILY["card"]
    if named and set(named) <= {"cartes"} and intent in ("ask_open_services", "ask_contracts") \
            and cat.joined_directly(named["cartes"]):
        # « un client veut prendre les cartes americaines, c'est qui qui lui ouvre ? » : AMEX and ANCV are not opened
        # by us, the client asks their organisation himself (section « Quelle tarification ? »)
        intent = DEFAULT_FAMILY["card"]
    if "roles" in named and intent not in (WHY, AUDIENCE) and (through := _GO_THROUGH.search(fold(text))) \
            and set(cat.find_in_text("role", through.group("who"))) & set(named["roles"]):
        # « pour vendre Payplug, je dois passer par un CIF ? » : what that role does (it sells the offers).
        return Resolution(question_of("ask_role", {"roles": named["roles"]}))
    offers = named.get("offres") or focus.offres or offers_served(cat, focus.contacts)
    purpose = () if quoted else lines_for_requests(cat, text, offers)
    said = lines_named(cat, {"services": named["services"]}, offers) if named.get("services") else (
        # (« les leads » may also be read as the Lead Monexpert)
        focus.contacts if set(named) <= {"outils"} and _THE_LINE_DOES.search(fold(text)) else ())
    if purpose and said and is_closed(text) and not has_question_word(text):
        # « et l'équipe partenariat, elle traite aussi les leads ? », « c'est bien pour les leads » after its hours:
        # yes when the line's object says those requests (« produit, distribution, traitement des leads »), no and
        # the line for them otherwise
        lines = said if set(said) & set(purpose) else purpose
        return Resolution(question_of(LINES_GIVEN, {"offres": offers_served(cat, lines)}, contacts=lines),
                          cat.say("verdict.oui" if lines == said else "verdict.non"))
    # « qui saisit le lead monexpert ? » asks who does what a role's mission says, not whom to call about leads
    if purpose and (intent in CONTACT_FAMILIES or is_who_question(text) or _CONTACT_VERB.search(fold(text))) \
            and not (is_who_question(text) and roles_doing(cat, text)):
        # « pour une question sur la distribution de Payplug, je vois avec qui ? » : the line whose object is
        # those requests (« produit, distribution, traitement des leads »), whatever else DIET read.
        family = intent if intent in CONTACT_FAMILIES and intent != AUDIENCE \
            and not asks_several_coordinates(text) else LINES_GIVEN
        if asks_if_shareable(text) and is_closed(text):
            # « il a une question sur le produit Payplug, il peut les appeler, lui ? » : whether the merchant may use
            # the line for those requests (the partnership team: no, and his own lines)
            family = AUDIENCE
        if tells_a_trouble(text) and named.get("offres"):
            # « j'ai un lead payplug à remonter et un client payplug qui a un bug, j'appelle qui pour chacun ? » :
            # the line for those requests, and the lines that assist the merchant with his trouble
            purpose = (*purpose, *(c for c in assisting_lines(cat, named["offres"]) if c not in purpose))
        offres = offers_served(cat, purpose)
        return Resolution(question_of(family, {"offres": offres}, contacts=purpose))
    if intent in FAMILIES and intent not in (*CONTACT_FAMILIES, AUDIENCE, WHY) and asks_for_a_line(text) \
            and (worded := coordinate_asked(text, "", named or None)):
        # « un commerçant Payplug ne reçoit plus ses virements, je lui donne quel contact ? » read as the funds: the
        # problem says whose line, the question asks for it
        intent = worded
    elif intent in FAMILIES and intent not in (*CONTACT_FAMILIES, AUDIENCE, WHY) \
            and asks_what_to_give_for_trouble(text):
        intent = LINES_GIVEN  # « … a plus ses virements depuis hier, je lui file quoi ? » : the lines to give him
    m.intent = intent
    return None
