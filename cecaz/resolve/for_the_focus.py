"""La question posée, pour les sujets nommés ou pour le focus : une étape de la lecture d'un message par rapport au
focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from typing import Optional, Sequence

from cecaz.aspects import (
    asks_benefit,
    asks_the_simulator_used,
    asks_what_to_give_for_trouble,
    asks_whom_to_call_for_trouble,
    aspect_family,
    aspects,
    is_who_question,
)
from cecaz.audience import CLIENT, audience_of
from cecaz.catalogue import Catalogue
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CALL,
    CHOICE,
    CONTACT_FAMILIES,
    DEFAULT_FAMILY,
    DEFINITION_FAMILIES,
    HOURS_FAMILIES,
    LINES_GIVEN,
    PERSON,
    PERSONAL,
    POSSESSIVE,
    PRICING_FAMILIES,
    WHY,
    Focus,
    Resolution,
    accepted_families,
    asks_for_a_line,
    coordinate_asked,
    family_accepts,
    for_audience,
    is_elliptical,
    is_generic_service,
    keeps_generic_service,
    kinds_named,
    names_only_the_generic_card,
    offers_talked_about,
    own_sale_verdict,
    question_of,
    recommended_offer,
    roles_doing,
    roles_for_aspect,
    roles_for_who,
    same_simulator_verdict,
    sellers,
    sells_it,
)
from cecaz.lines_in_focus import offers_served, quoted_contacts
from cecaz.merchant import offers_of_the_client
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES
from cecaz.resolve.message import Message
from cecaz.textnorm import fold
from cecaz.when import asks_now

# « à qui » (without accent « a qui ») ; not « on a qui le samedi ? », « y a qui ? » (avoir).
# « on les joint comment ? », « ils sont joignables ? » : how to reach a line
_TO_REACH = re.compile(r"\b(?:joindre|joins|joint|joignables?)\b")


def _has_service_line(cat: Catalogue, services: Sequence[str], offres: Sequence[str]) -> bool:
    """Whether a line of one of `services` serves one of `offres` (catalogue, contacts' `service` and `offres`)."""
    return any(c.service in services and set(c.offres) & set(offres) for c in cat.contacts.values())


def _family_for_focus(text: str, intent: str, focus: Focus, has_moment: bool) -> str:
    """La famille d'une question sans sujet, pour les sujets du focus : les mots de l'aspect
    l'emportent sur la famille de DIET (« et c'est eux qui fixent le prix ? » lu comme une question de
    téléphone), sauf pour un moment (« je peux les joindre à 13h ? » reste oui / non) ; « il fait
    quoi ? » après un rôle est la question du rôle ; un rôle n'a pas de contrat ni de tarif : ses
    missions répondent (« il fait aussi la signature ? »)."""
    if has_moment and intent in CONTACT_FAMILIES and not asks_whom_to_call_for_trouble(text):
        # « je peux les appeler maintenant ? », « joignables à 13h ? » : oui ou non, puis la ligne (not « et s'il a un
        # souci demain 9h10, il appelle qui ? », which asks whom, the moment saying when the trouble comes)
        return intent if intent in HOURS_FAMILIES else "ask_is_open"
    if intent == "ask_vad" and focus.offres and "vad" not in focus.offres \
            and any(families[0] == "ask_vad" and "ask_offer_definition" in families for families in aspects(text)):
        # « c'est le porteur qui saisit lui-même ses coordonnées ? » after JPEL's assistance, read as the VAD: who keys
        # the card in with the offer in focus (its definition says it), not the VAD's practice
        return "ask_offer_definition"
    if not FAMILIES[intent].about:
        # « ils ont une ligne pour nous, côté caisse ? » after Payplug's support, read as site creation: the words ask
        # a contact question of the lines in focus, none of DIET's family
        found = aspects(text)
        worded = aspect_family(text, intent, accepted_families(focus) or CONTACT_FAMILIES) \
            if focus.contacts and found and not any(intent in families for families in found) else None
        # « où on dépose la simulation ? » after AMEX: a question of its own, whatever the focus
        return worded if worded in CONTACT_FAMILIES else intent
    if focus.intent == "ask_pricing" and intent == "ask_tool" and not focus.outils:
        return "ask_simulator"  # « avec quel outil ? » after the pricing: the simulators it is set with
    if focus.intent == LINES_GIVEN and intent in DEFINITION_FAMILIES:
        return "ask_support"  # « celui en 07, il sert à quoi ? » : what the line is for
    if "vad" in focus.offres and any("ask_vad" in families for families in aspects(text)):
        return "ask_vad"  # « et l'impayé, c'est qui qui le supporte ? » after the VAD contract: what it says of it
    # A focus made of quoted lines only (« assistance-monetiquepro@natixis.com, c'est pour qui ? ») has no subject:
    # its lines still take every contact question (« et ils ont un tel aussi ? »).
    accepts = accepted_families(focus) or (CONTACT_FAMILIES if focus.contacts else ())
    by_aspect = aspect_family(text, intent, accepts)
    if by_aspect:
        return by_aspect
    kinds = kinds_named(focus.subjects())
    if kinds == ("role",) and (found := aspects(text)) and found[0][0] == "ask_delegation":
        return "ask_delegation"  # « il y a une règle à respecter pour appliquer ces tarifs ? » after the CIF: the rule
    if intent in accepts or not kinds:
        return intent
    if intent in DEFINITION_FAMILIES or (kinds == ("role",) and aspects(text)):
        return DEFAULT_FAMILY[kinds[0]]
    return intent


# « et celui de l'assistance JPEL, c'était lequel ? » : a coordinate by a pronoun, not by its word.
_WHICH_ONE = re.compile(r"\b(?:celui|celle|ceux|celles|lequel|laquelle)\b")


# « il fait quoi ? », « c'est quoi son rôle ? », « il s'occupe de quoi ? » : what a person does (folded text)
# « il le fait quand ? », « elle intervient à quel moment ? » : when someone does what the previous answer said
# (not a line's hours: « ils ouvrent quand ? », « elle répond quand ? »)
_OPENS = r"(?!(?:ouvr|ferm|repond|bosse|travaill|sont|est)\w*\b)"
_HE_DOES = rf"(?:il|elle|ils|elles) (?:(?:le|la|les|l|y|en) )?{_OPENS}\w+"
_WHEN_HE_DOES_IT = re.compile(rf"\b{_HE_DOES} (?:quand|a quel moment)\b|\bquand (?:est ce qu )?{_HE_DOES}")
_WHAT_HE_DOES = re.compile(r"\b(?:fait|fais|font|s occupe\w*|gere\w*) (?:de )?quoi\b|\bquoi (?:il|elle) fait\b|"
                           r"\b(?:son|leur) (?:role|job|boulot|travail)s?\b|\b(?:ses|leurs) missions\b")


# « et lui ? », « et elle, elle fait quoi ? » : a person set apart by the stressed pronoun (folded)
_HIM = re.compile(r"\b(?:lui|elle|celui la|celle la)\b")


def asks_several_coordinates(text: str) -> bool:
    """« tel et mail de la monétique pro », « leur num et leur mail », « leur mail et leurs horaires » : two
    coordinates (or one and the hours) asked, which the whole line answers."""
    specific = {f if f in COORDINATE_FAMILIES else "hours" for families in aspects(text) for f in families
                if f in (*COORDINATE_FAMILIES, *HOURS_FAMILIES)}
    return len(specific) > 1


def asks_what_someone_does(text: str) -> bool:
    """« il fait quoi ? », « c'est quoi son rôle ? », « ses missions ? » : what someone does (his missions)."""
    return bool(_WHAT_HE_DOES.search(fold(text)))


def roles_for_the_focus(m: Message) -> Optional[Resolution]:
    """A question that names nothing: the role that uses or sells the subject in focus, the person its answer names,
    the offer before a detour."""
    cat, text, focus, named = m.cat, m.text, m.focus, m.named
    intent, moment = m.intent, m.moment
    if not named and focus.intent:
        # « qui s'en sert ? » after SimulEasy: the role whose mission names it.
        using = roles_for_who(cat, text, focus.subjects())
        if using:
            return Resolution(question_of("ask_role", {"roles": using}))
        if selling := sellers(cat, text):
            # « et c'est qui qui le vend au client ? » after an offer: the role whose mission is to sell it ; « et moi
            # je peux le vendre ? » : no, that role.
            return Resolution(question_of("ask_role", {"roles": selling}), own_sale_verdict(cat, text))
        if is_who_question(text) and focus.acteurs and focus.intent not in CONTACT_FAMILIES and not aspects(text):
            # « et qui s'en occupe ? » after the pricing: the person the answer names first.
            return Resolution(question_of("ask_role", {"roles": focus.acteurs[:1]}))
        if focus.acteurs and (not focus.roles or focus.acteurs[0] in focus.roles) \
                and focus.intent not in CONTACT_FAMILIES and PERSON.search(fold(text)) and asks_what_someone_does(text):
            # « il fait quoi alors, lui, dans ce cas ? » after « c'est le CIF qui signe pour Payplug ? » → « Non », « il
            # fait quoi d'autre ? » after « c'est qui qui signe ? » for SP+ (the CIF) : the person the question and its
            # answer named, what he does (his missions)
            return Resolution(question_of("ask_role", {"roles": focus.acteurs[:1]}))
        if not focus.acteurs and focus.avant is not None and focus.avant.intent == "ask_role" and focus.avant.roles \
                and focus.intent not in CONTACT_FAMILIES and not focus.contacts \
                and _HIM.search(fold(text)) and asks_what_someone_does(text):
            # « et lui, il fait quoi d'autre ? » after « il l'utilise aussi pour Payplug ? » → « Non… » on the CIF's
            # tool: the person of the answer before, the one the yes / no was asked of
            return Resolution(question_of("ask_role", {"roles": focus.avant.roles[:1]}))
        if focus.intent == "ask_role" and focus.roles and not focus.contacts and intent in HOURS_FAMILIES \
                and _WHEN_HE_DOES_IT.search(fold(text)):
            # « il le fait quand ? » after the ATC's mission: when he does it is in that mission (« si le réseau le
            # souhaite »), not opening hours
            return Resolution(question_of("ask_role", {"roles": focus.roles}))
        before_detour = focus.avant
        if before_detour is not None and before_detour.offres and focus.roles and not focus.offres \
                and not focus.contacts \
                and intent not in accepted_families(focus) \
                and family_accepts(intent, {"offres": before_detour.offres}) \
                and any(intent in f for f in aspects(text)):
            # « et les fonds arrivent tous les jours ? » after a detour on the CIF from Payplug: a question on an offer,
            # which a role cannot answer, is on the offer the conversation was about
            return Resolution(question_of(intent, {"offres": before_detour.offres}, moment=moment))
        intent = _family_for_focus(text, intent, focus, moment is not None or asks_now(text))
    if set(named) == {"services"} and intent not in (WHY, AUDIENCE) and not FAMILIES[intent].contacts \
            and (line_families := [f for f in next(iter(aspects(text)), ()) if f in CONTACT_FAMILIES]):
        # « une fois paramétrés, qui assure l'assistance de ces contrats ? » read as the opening of the services: the
        # service named, and the first aspect its words say, ask for a line
        intent = line_families[0]
    m.intent = intent
    return None


# « je lui donne quels numéros ? », « tous les contacts » : every line asked, not only the one in focus
_SEVERAL_LINES = re.compile(r"\b(?:(?:quels|quelles|tous les|toutes les|les) (?:numeros|lignes|contacts|tels|mails|"
                            r"adresses|coordonnees)|lesquels|lesquelles)\b")


def question_for_the_focus(m: Message) -> Resolution:
    """The question asked, for the subjects named or, when none, for the focus: the family its words say, the audience,
    the offer recommended."""
    cat, text, focus, named = m.cat, m.text, m.focus, m.named
    intent, moment = m.intent, m.moment
    generic = set(named) == {"services"} and is_generic_service(text, named["services"])
    if set(named) == {"offres"} and FAMILIES[intent].contacts \
            and (quoted := quoted_contacts(cat, text, focus.contacts)) and set(quoted) <= set(focus.contacts) \
            and set(named["offres"]) <= set(offers_of_the_client(cat, text)) & set(offers_served(cat, quoted)):
        # « pour ma cliente SP+ : celui en 09, il ouvre à quelle heure ? » : the offer says whose client, the line
        # quoted among those in focus is what is asked about
        named = {}
    # « c'est BPCE qui gère l'assistance ? » after a line quoted by its number: the offers that line serves
    in_focus = offers_talked_about(focus) or offers_served(cat, focus.contacts)
    if (set(named) == {"services"} and in_focus and FAMILIES[intent].contacts
            and (generic or POSSESSIVE.search(fold(text))
                 and _has_service_line(cat, named["services"], in_focus))):
        # « qui fait leur support ? » : celui de l'offre en cours ; « et la monétique pro, c'est quoi ses horaires ? »
        # after Payplug's support: that line has no Payplug part, it is asked for itself.
        named = {**named, "offres": in_focus}
    elif generic and not FAMILIES[intent].contacts:
        named = {}  # « qui assure le support pour… » : le support de quelle offre ?
    elif set(named) == {"services"} and set(named["services"]) <= GENERIC_SERVICES and FAMILIES[intent].contacts \
            and not generic:
        # « le numéro de l'équipe support » : a line, that of the offers whose line has that name (Payplug); « le mail
        # du support » alone keeps its service, and its offer is asked (the buttons keep the service).
        named = {**named, "offres": tuple(dict.fromkeys(
            o for c in cat.contacts.values() if c.service in named["services"] for o in c.offres))}
    if (selling := sells_it(cat, text, named)):
        # « qui vend SP+ ? » : the role that sells it ; « je peux le vendre moi-même ? » : no, that role.
        return Resolution(question_of("ask_role", {"roles": selling}),
                          own_sale_verdict(cat, text))
    if named and (using := roles_for_who(cat, text, named)):
        return Resolution(question_of("ask_role", {"roles": using}))  # « qui utilise SimulUPI ? »
    if set(named) == {"roles"} and intent != "ask_role" and asks_what_someone_does(text):
        # « et l'ATC, lui, il s'occupe de quoi ? » read as the opening of the services: that role's missions
        return Resolution(question_of("ask_role", named))
    if intent == "ask_role" and not named:
        doing = roles_doing(cat, text) or roles_for_aspect(cat, text, focus.roles)
        if doing:
            named = {"roles": doing}
    if intent == "ask_simulation_filing" and asks_the_simulator_used(text):
        intent = "ask_simulator"  # « la simulation qu'on y met, elle est faite avec quoi ? » : made with, not filed
    if intent == "ask_pricing" and "services" in named and CALL.search(fold(text)):
        intent = "ask_phone"  # « combien coûte l'appel au service client SP+ ? » : the price is on the phone line
    if named and FAMILIES[intent].about and not set(kinds_named(named)) & set(FAMILIES[intent].about):
        # « contrat diners, je tarife avec quoi ? » read as a contracts question: a card has no contract
        # of its own, the words also say the price.
        # « le second il le saisit quand » after the CIF and the ATC: a role has no hours, its missions say when it acts
        intent = next((f for families in aspects(text) for f in families if family_accepts(f, named)),
                      "ask_role" if set(named) == {"roles"} and intent in HOURS_FAMILIES else intent)
    if named and intent in DEFINITION_FAMILIES and (contact := coordinate_asked(text, intent, named)):
        # « quel num je donne à un client JPEL ? » read as a presentation of JPEL: the words ask a line.
        intent = contact
    if named and intent in COORDINATE_FAMILIES and _WHICH_ONE.search(fold(text)) and (found := aspects(text)) \
            and not any(intent in f for f in found) and any(LINES_GIVEN in f for f in found):
        # « et celui de l'assistance JPEL, c'était lequel déjà ? » read as an e-mail question: no word says which
        # coordinate, the line does; all of it.
        intent = LINES_GIVEN
    worded = [f for families in aspects(text) for f in families if f in CONTACT_FAMILIES and f != AUDIENCE]
    lines_asked = [f for f in worded if family_accepts(f, named)]
    if named and intent in FAMILIES and intent not in (*CONTACT_FAMILIES, WHY) and lines_asked \
            and asks_for_a_line(text) and not family_accepts(intent, named) \
            and not any(intent in families for families in aspects(text)):
        # « sa boutique en ligne sous Payplug, les paiements ne passent plus : quel numéro je lui donne ? » read as
        # the choice of an offer, « on a une ligne interne chez Payplug pour nous ? » as site creation: the words ask
        # for a line of the offer named, and DIET's family does not take it
        intent = lines_asked[0]
    if named and intent in COORDINATE_FAMILIES and worded and intent not in worded and _TO_REACH.search(fold(text)):
        # « le support payplug on les joint comment ? » read as a phone question: the words ask for the whole line
        # (not « What is the Payplug support phone number? », whose only French word is the service's name)
        intent = worded[0]
    specific = [f for f in worded if f in (*COORDINATE_FAMILIES, *HOURS_FAMILIES)]
    if named and intent in COORDINATE_FAMILIES and specific and intent not in worded:
        # « les plages d'appel de l'assistance SP+ ? », « on les joint autrement que par téléphone ? » read as a phone
        # question: the coordinate the words ask for (hours, e-mail).
        intent = specific[0]
    if named and intent in CONTACT_FAMILIES and asks_several_coordinates(text):
        intent = LINES_GIVEN  # « tel et mail de la monétique pro » : two coordinates asked, the whole line
    if named and intent in COORDINATE_FAMILIES and asks_now(text) and family_accepts("ask_is_open", named):
        intent = "ask_is_open"  # « le service client SP+ prend des appels en ce moment ? » : yes or no, then the line
    if named and intent == "ask_offers_overview" and not family_accepts(intent, named) \
            and not names_only_the_generic_card(named):  # (« des cb » : card payments, the offers' list)
        # « SimulUPI c pour quelles cartes », read as the list of the offers: the words' question for what is named,
        # else what it is (its definition says what it serves)
        definition: str = next((f for f in DEFINITION_FAMILIES if family_accepts(f, named)), intent)
        intent = aspect_family(text, intent, [f for f in FAMILIES if family_accepts(f, named)]) or definition
    if named and intent == CHOICE and aspects(text) and (by_words := aspect_family(
            text, intent, [f for f in FAMILIES if family_accepts(f, named)])):
        # « quand je tarife un contrat SP+, faut que je respecte quoi ? » read as Payplug-or-SP+: the choice of an offer
        # has no aspect word of its own, the words say the question (the delegation scheme)
        intent = by_words
    if named and intent == CHOICE and set(named) == {"outils"}:
        # « et dans le premier, on dépose quoi ? » after MyGed and the delegation scheme, read as Payplug-or-SP+: the
        # choice of an offer takes no tool; what the tool is (not a card: « il veut encaisser en CB, je lui propose
        # quoi ? » chooses an offer)
        intent = DEFAULT_FAMILY["tool"]
    if named and intent in CONTACT_FAMILIES and not any(set(f) & set(CONTACT_FAMILIES) for f in aspects(text)) \
            and not asks_whom_to_call_for_trouble(text) and not asks_what_to_give_for_trouble(text):
        # « un client part sur SP+, qui fait le contrat ? » read as a support question: no word of contact
        # in it, the aspect words say the question; « avec JPEL qui tape la carte ? » : what the offer does.
        intent = aspect_family(text, intent, [f for f in FAMILIES if family_accepts(f, named)]) or (
            "ask_offer_definition" if set(named) == {"offres"} and is_who_question(text) else intent)
    worded_aspects = aspects(text)
    if not named and intent in CONTACT_FAMILIES and worded_aspects \
            and not any(set(f) & set(CONTACT_FAMILIES) for f in worded_aspects):
        # « et l'impayé, c'est qui qui le supporte ? » after the VAD, read as its support: no word of contact, the
        # aspect words say the question, for the subject in focus
        of_its_own = [f for families in worded_aspects for f in families if f in FAMILIES and not FAMILIES[f].about]
        for_focus = aspect_family(text, intent, accepted_families(focus))
        if for_focus is not None:
            intent = for_focus
        elif of_its_own:
            intent = of_its_own[0]
    if set(named) == {"offres"} and intent in CONTACT_FAMILIES and asks_benefit(text) and not asks_for_a_line(text):
        # « et JPEL, en quoi ça règle le problème ? » read as its support (« problème ») : what the offer brings
        intent = "ask_offer_definition"
    audience = audience_of(text) if FAMILIES[intent].contacts else None
    if set(named) == {"offres"} and intent == focus.intent and not focus.offres \
            and keeps_generic_service(named, intent, focus):
        # « payplug », typed or clicked after « Pour quelle offre… ? » on « le mail du support » : that offer's support.
        named = {**named, "services": focus.services}
    if named:
        lead = same_simulator_verdict(cat, text, named, focus) if intent in PRICING_FAMILIES else None
        if audience is None and FAMILIES[intent].contacts and focus.audience == CLIENT and is_elliptical(text) \
                and set(named) == {"offres"} and set(named["offres"]) <= set(focus.offres):
            audience = CLIENT  # « et le mail pour celui en Payplug ? » after the lines to give two clients: still his
        return Resolution(question_of(intent, named, moment=moment, audience=audience), lead)
    if audience is None and FAMILIES[intent].contacts and focus.audience == CLIENT and (
            (PERSON.search(fold(text)) and intent not in HOURS_FAMILIES)
            or (intent in COORDINATE_FAMILIES and is_elliptical(text) and not PERSONAL.search(fold(text)))):
        # « il a quoi comme num, lui ? » after « mon client peut les appeler ? » : the client's lines; « et par tel ? »
        # after « Non » to « le client peut écrire à partenariat-bpce@… ? », or after the address to give him: the
        # client's number (« et ils ont un tel aussi ? » : the line's own). « elle ouvre le samedi, elle ? » : a line
        # opens, not the merchant: the line in focus.
        audience = CLIENT
    carried = for_audience(focus.subjects(), audience) if FAMILIES[intent].about else {}
    recommended = recommended_offer(cat, focus)
    if FAMILIES[intent].about and not family_accepts(intent, carried) and recommended \
            and family_accepts(intent, {"offres": recommended}):
        # « et qui fait signer le contrat au client ? » after the Diners' simulator that followed a recommendation:
        # the card says nothing of contracts, the offer recommended does
        carried = {"offres": recommended}
    contacts = focus.contacts if FAMILIES[intent].contacts else ()
    if len(contacts) == 1 and (offers := carried.get("offres") or offers_served(cat, contacts)) \
            and _SEVERAL_LINES.search(fold(text)):
        # « dc au final je lui donne quels numéros ? » after one of the offer's lines: all of them
        contacts, carried = (), {**{k: v for k, v in carried.items() if k != "services"}, "offres": tuple(offers)}
    return Resolution(question_of(intent, carried, moment=moment, contacts=contacts, audience=audience))
