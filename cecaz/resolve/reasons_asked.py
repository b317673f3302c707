"""Les « pourquoi ? » : la raison de la réponse précédente : une étape de la lecture d'un message par rapport au focus
(`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from typing import Mapping, Optional, Tuple

from cecaz.aspects import BY_DEFAULT, NEED_ASPECT, PAYMENT_PAGES, asks_obligation, aspects, names_the_doer
from cecaz.catalogue import Catalogue
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    DEFAULT_FAMILY,
    DEFINITION_FAMILIES,
    FIELDS,
    OFFER_DOINGS,
    PERSON,
    PRICING_FAMILIES,
    RECOMMENDATION,
    SIMULATORS,
    WHY,
    Focus,
    Resolution,
    aspect_of_the_object,
    family_accepts,
    kinds_named,
    named_subjects,
    question_of,
    simulates,
    tool_for_offer,
)
from cecaz.lines_in_focus import lines_named, quoted_contacts
from cecaz.resolve.message import Message
from cecaz.textnorm import BY_ONESELF, OPENING, fold

# « pourquoi il doit faire ça lui-même ? » : the merchant doing it himself, as the answer said (not « pourquoi lui ? »)
_HIMSELF = re.compile(rf"\b(?:{BY_ONESELF})\b")


# « pk faut une simu tout court ? », « pourquoi une simulation de manière générale ? » : the aspect itself, whatever
# subject the conversation was on.
_AT_ALL = re.compile(r"\b(?:tout court|du tout|en general|de maniere generale|a la base|dans l absolu)\b")


# « pourquoi pas moi en agence ? », « pk c'est pas nous qui le faisons ? » : the speaker instead of the one who does it
_NOT_US = re.compile(rf"^{OPENING}(?:pourquoi|pourquoi est ce que) "
                     r"(?:c est |ce n est |ce serait |"
                     r"c )?pas (?:moi|nous|l agence|mon agence|le conseiller|la caisse)\b")


# « pourquoi lui et pas moi en agence ? » : a person set against the speaker (folded)
_HIM_NOT_ME = re.compile(r"\b(?:lui|elle|eux|le cif|l atc) (?:et )?pas (?:moi|nous|l agence|mon agence|"
                         r"le conseiller)\b")


# « pourquoi pas SP+ ? », « pourquoi JPEL plutôt que… ? » : an offer set against the previous one.
# « pourquoi pas SP+ d'office ? », « pk pas SP+ en premier ? » : which offer comes first.
_BY_DEFAULT = re.compile(rf"{BY_DEFAULT.pattern}|\b(?:en premier|d abord|systematiquement)\b")


# (« qu'est-ce qui fait qu'on écarte SP+ ? » : set aside, so not proposed)
_INSTEAD = re.compile(r"\b(?:pas|plutot|au lieu|a la place|et non|plus que|par rapport|preferer|prefere|ecart\w*|"
                      r"exclu\w*|elimin\w*)\b")


# « pourquoi on n'en fait pas pour Payplug ? » (a negated verb), « … de Payplug et pas de chez nous ? » (us set against
# the offer): no other offer is set against the previous one.
_NOT_SET_AGAINST = re.compile(r"\bne? (?:\w+ ){0,2}?pas\b|"
                              r"\bpas (?:directement |direct )?(?:de )?(?:chez )?(?:par )?"
                              r"(?:nous|moi|la cecaz|la caisse|la banque|"
                              r"(?:son|sa|l|mon|ma|notre|leur) (?:agence|banque|conseiller\w*))\b")


def _named_lines(cat: Catalogue, named: Mapping[str, Tuple[str, ...]], focus: Focus) -> Tuple[str, ...]:
    """« pourquoi pas la monétique pro ? » après des lignes données : ces lignes et celles que nomme le
    message (par son service, pour les offres du focus s'il en a), pour dire à quoi sert chacune."""
    if not named.get("services") or not focus.contacts:
        return ()
    lines = lines_named(cat, named, focus.offres)
    return tuple(dict.fromkeys((*focus.contacts, *lines))) if lines else ()


# « ça sert à quoi ? », « c'est pour quoi faire ? » with nothing else: the purpose of what was just spoken of.
_BARE_PURPOSE = re.compile(rf"^{OPENING}(?:(?:ca|ce|elle|il|ils) )?(?:sert|servent) a quoi"
                           rf"(?: au juste| exactement| concretement)?$|^{OPENING}a quoi (?:ca|ce|elle|il) sert"
                           rf"(?: au juste| exactement)?$|^{OPENING}c est pour quoi faire$")


# The answer that is a rule (section « Quelle tarification ? ») besides the delegation scheme's own: where the
# simulation goes.
_RULE_ANSWERS = ("ask_simulation_filing",)


# « pk faut le suivre ? », « pourquoi on doit l'appliquer ? » : the rule in focus, taken up by a pronoun
_FOLLOWS_IT = re.compile(r"\b(?:le|la|l|les) (?:suivre|suit|respect\w*|appliqu\w*)\b")


# « pk faut faire une simu ? », « pourquoi passer par un simulateur ? » : the simulation itself, not the simulator the
# previous answer named (folded text).
_ANY_SIMULATION = re.compile(r"\b(?:un|une|des|de|d) simu(?:l|lation|lations|lateur|lateurs)?\b")


def _own_reason(cat: Catalogue, family: str, focus: Focus) -> bool:
    """The document gives a reason for `family` on one of the focus's own subjects that the family answers for,
    besides the tool asked about (`Focus.objets`), not a general one."""
    own = [(kind, i) for kind, f in FIELDS.items() for i in getattr(focus, f)
           if i not in focus.objets and family_accepts(family, {f: (i,)})]
    reason = cat.reason(family, own)
    return reason is not None and reason.sujet in {f"{kind}/{i}" for kind, i in own}


def reasons(m: Message) -> Optional[Resolution]:
    """« pourquoi ? » and its forms: the reason of the previous answer, of a rule, of an aspect, of a person, or a
    comparison with another offer."""
    cat, reading, text, focus = m.cat, m.reading, m.text, m.focus
    previous_text, named, intent = m.previous_text, m.named, m.intent
    found_aspects = aspects(text)
    if not named and not found_aspects and (intent == WHY or _BARE_PURPOSE.search(fold(text))) \
            and (earlier := aspect_of_the_object(cat, text, previous_text, focus)):
        # « faut faire une simu pour SP+ ? » → « ça sert à quoi ? », « qui fait les simulations ? » → « pourquoi il
        # doit en faire une ? » : « ça », « en » are the simulation the previous message named, not the offer or
        # the role of the answer; the reason of that aspect.
        return Resolution(question_of(WHY, {f: ids for f, ids in focus.subjects().items()
                                            if family_accepts(earlier, {f: ids})}, about=earlier))
    if intent == WHY and not named and focus.regles and not _NOT_US.search(fold(text)) \
            and not _HIM_NOT_ME.search(fold(text)) \
            and (asks_obligation(text) or _FOLLOWS_IT.search(fold(text))
                 or any(found[0] == "ask_delegation" for found in found_aspects)
                 # « c'est pour quelle raison ? » after « la simulation doit être déposée dans MyGed » : the answer was
                 # the rule (not the simulator that qualified the simulation)
                 or (not found_aspects and focus.intent in _RULE_ANSWERS)
                 or (not found_aspects and any(found[0] == "ask_delegation" for found in aspects(previous_text)))) \
            and all(found == DEFINITION_FAMILIES or found[0] == "ask_delegation" for found in found_aspects):
        # « c'est obligatoire ? », « pk faut le suivre ? » after « … doit respecter le schéma délégataire » :
        # the reason of that rule ; « c'est quoi l'idée derrière ? » too when the question was what to respect.
        return Resolution(question_of(WHY, {"outils": focus.regles[:1]}, about=DEFAULT_FAMILY["tool"]))
    said = named_subjects(reading).get("offres", ())  # IZ eCommerce too, named as the one who made the site
    # (after contact lines only: « pourquoi pas IZ eCommerce ? » after a recommendation compares the offers)
    why_lines = intent == WHY and focus.intent in CONTACT_FAMILIES
    # « pk payplug alors que c'est IZ qui a fait le site ? » after IZ eCommerce's presentation: the same reason
    # (« un client iz me demande pk c'est payplug qui gère son paiement alors que c'est iz qui a fait son site », first
    # message: the same)
    why_site = intent == WHY and focus.intent not in (RECOMMENDATION, WHY) and len(said) > 1 \
        and (bool(set(said) & set(focus.offres)) or not focus.intent)
    site = next((o for o in said if o in cat.offres and cat.offres[o].pages_paiement in {*focus.offres, *said} - {o}),
                None) if why_lines or why_site else None
    if why_lines and site is None and set(said) <= set(focus.offres) and PAYMENT_PAGES.search(fold(previous_text)) \
            and not set(cat.find_in_text("offer", previous_text)) & set(focus.offres):
        # « pk payplug ? » after « et si c'est la page de paiement qui plante ? » about an IZ eCommerce site
        site = next((o for o, offre in cat.offres.items() if offre.pages_paiement in focus.offres), None)
    if site:
        # « pourquoi Payplug alors que c'est IZ qui a fait le site ? » : the pages of an IZ eCommerce site are
        # Payplug's; the reason of the previous answer follows.
        pages = str(cat.offres[site].pages_paiement)
        # outside contact lines, the site's offer stays in focus with its pages' (« et le prix du site ? » next)
        offres = (pages,) if why_lines else (site, pages)
        return Resolution(question_of(WHY, {"offres": offres}, contacts=focus.contacts,
                                      about=focus.intent or "ask_offer_definition"),
                          cat.say("pages.autre_offre", offre=cat.offres[site], offres=[pages]))
    if intent == WHY and not named and _AT_ALL.search(fold(text)) and found_aspects \
            and cat.reason(found_aspects[0][0], []):
        # « et pk faut une simu tout court ? » after the reason of one card's simulator: the reason of the aspect
        # itself, for every subject (the simulation of profitability, section « Quelle tarification ? »)
        return Resolution(question_of(WHY, {}, about=found_aspects[0][0]))
    if intent == WHY and (names_the_doer(text) or focus.intent == RECOMMENDATION) and found_aspects \
            and set(named) <= {"offres", "roles"} \
            and (offers := focus.offres or named.get("offres", ())) \
            and (done := next((f[0] for f in found_aspects if f[0] in OFFER_DOINGS), None)) \
            and cat.reason(done, [("offer", o) for o in offers]):
        # « pourquoi c'est Payplug qui contractualise ? », « pk c le cif qui signe et pas payplug », « pourquoi on
        # n'ouvre pas de contrat chez nous ? » after a recommendation: the reason of that aspect (who does it) for the
        # offer in focus (full service; the CIF for SP+), not of the recommendation; an offer set against it is not
        # the subject
        return Resolution(question_of(WHY, {"offres": offers}, about=done))
    if intent == WHY:
        alternative = named.get("offres", (None,))[0]
        if alternative and alternative in focus.offres and focus.intent != RECOMMENDATION:
            alternative = None  # « pourquoi Payplug ? » après une réponse sur Payplug : la raison, pas une comparaison
        if alternative and focus.intent != RECOMMENDATION \
                and not _INSTEAD.search(_NOT_SET_AGAINST.sub(" ", fold(text))):
            alternative = None  # « et pour JPEL pourquoi il en faut une ? » : the same reason, for JPEL
        about = focus.intent
        if _BY_DEFAULT.search(fold(text)) and (named.get("offres") or focus.offres) and about != RECOMMENDATION:
            about = "ask_choose_offer"  # « pk pas SP+ d'office ? » after its contracts: the reason of the default offer
        elif len(named.get("offres", ())) > 1 and set(named) == {"offres"} and not found_aspects \
                and about != RECOMMENDATION and (against := _INSTEAD.search(_NOT_SET_AGAINST.sub(" ", fold(text)))):
            # « et pk sp+ et pas payplug » after SP+'s contracts: why the offer said first was chosen over the other
            about, alternative = "ask_choose_offer", None
            chosen = [o for o in cat.find_in_text("offer", fold(text)[:against.start()]) if o in named["offres"]]
            named = {"offres": tuple(chosen)} if chosen else named
        if not named and about in FAMILIES and about != RECOMMENDATION:
            # « pk c'est déconseillé ? » after the pricing: the words name another aspect, whose reason the document
            # gives (the VAD contract's risk); « pourquoi il faut un simulateur ? » after contact lines likewise.
            about = next((found[0] for found in found_aspects if about not in found
                          and found not in (NEED_ASPECT, DEFINITION_FAMILIES) and cat.reason(found[0], [])), about)
        if set(named) == {"outils"} and set(named["outils"]) <= SIMULATORS and focus.intent in PRICING_FAMILIES \
                and focus.offres and not any(simulates(cat, o) for o in focus.offres):
            # « pourquoi je peux pas lui faire une simu SimulEasy ? » after Payplug's pricing: that offer's prices are
            # not simulated (Payplug negotiates them), so the reason of that answer, not SimulEasy's.
            named = {}
        if named and not alternative and not (about in FAMILIES and family_accepts(about, named)):
            # « pourquoi on n'en fait pas pour un client Payplug ? » after OSC: what the tool does for that offer;
            # « pourquoi l'argent vient de Payplug ? » : the aspect its words name; else « pourquoi pas SimulEasy ? » :
            # la raison de SimulEasy
            worded = [f for found in found_aspects if found not in (NEED_ASPECT, DEFINITION_FAMILIES)
                      for f in found if f in FAMILIES and family_accepts(f, named)]
            about = tool_for_offer(named, focus) or next(iter(worded), None) or DEFAULT_FAMILY[kinds_named(named)[0]]
        justified = focus.subjects() if alternative or not named else named
        person = focus.roles or focus.acteurs[:1]
        against_me = bool(_HIM_NOT_ME.search(fold(text)))
        # (not « pourquoi lui n'en a pas besoin ? » after a Payplug client's contracts: « lui » is that client)
        if not person and not named and focus.avant is not None and (_NOT_US.search(fold(text)) or against_me):
            # « pourquoi lui et pas moi en agence ? » after where the CIF files the simulation (no one named by that
            # answer): the person of the answer before it
            person = focus.avant.roles or focus.avant.acteurs[:1]
        if not person and set(named) == {"roles"} and against_me:
            person = named["roles"]  # « pk le cif et pas nous en agence » : the role named, against the speaker
        # « pourquoi pas le réseau directement ? » after the CIF and the network: the one named first against the other.
        compared = person[:1] if re.search(r"\bpas\b", fold(text)) else person
        other_person = set(named) == {"roles"} and not set(named["roles"]) & set(compared)
        person = compared if other_person else person
        if set(named) == {"roles"} and not focus.roles and focus.subjects() and focus.intent in FAMILIES \
                and focus.intent not in (WHY, AUDIENCE) and re.search(r"\bpas\b", fold(text)) and not against_me \
                and not (person and PERSON.search(fold(text))):
            # « pourquoi c'est pas le CIF ? » after an AMEX answer: the reason of that answer.
            return Resolution(question_of(WHY, focus.subjects(), contacts=focus.contacts, about=focus.intent,
                                          recommendation=focus.recommendation))
        if person and (other_person or (not named and PERSON.search(fold(text)) and not _HIMSELF.search(fold(text)))
                       or (not named and _NOT_US.search(fold(text))) or against_me):
            # « pourquoi lui ? », « pourquoi (lui et) pas l'ATC ? », « pourquoi pas moi en agence ? » : la personne de
            # la réponse précédente.
            others = named.get("roles", ()) if other_person else ()
            justified, about = {"roles": tuple(dict.fromkeys((*person, *others)))}, "ask_role"
            if others and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE, "ask_role"):
                # « pourquoi lui et pas le réseau ? » after JPEL's pricing: their missions on the pricing only.
                return Resolution(question_of(WHY, justified, about=about, aspect=focus.intent))
        elif not named and about in FAMILIES and about != RECOMMENDATION and any(
                (r := cat.reason(about, [("tool", o)])) and r.sujet == f"tool/{o}" for o in focus.objets) \
                and not _own_reason(cat, about, focus) and not _ANY_SIMULATION.search(fold(text)):
            # « pk ? » after « l'ATC doit saisir un lead monexpert à chaque fois ? » : the reason of the tool the
            # question was about, not of the process its answer described; « pk pas ? » after « pour les chèques-
            # vacances je fais une simul simuleasy ? » : the card's own reason (no pricing by the CECAZ).
            justified = {"outils": focus.objets}
        elif not named and about in FAMILIES and about != RECOMMENDATION:
            # « pourquoi ? » after an AMEX answer that also named the CIF: the reason of the card; « on est
            # obligés de faire une simu ? » after JPEL's simulator: the reason of the simulation, not of JPEL.
            justified = {f: ids for f, ids in justified.items() if family_accepts(about, {f: ids})
                         # « pourquoi faut-il passer par un simulateur ? » after the pricing of a card: the
                         # simulation itself, not the card's simulator
                         and not (f == "cartes" and _ANY_SIMULATION.search(fold(text)))}
        lines = _named_lines(cat, named, focus) if named and not alternative else ()
        # another aspect's reason is not about the lines just given, nor is the reason of a tool or a card named
        # (« pourquoi il faut passer par SimulUPI ? » after a recommendation that gave contact lines)
        # (« pourquoi pas assistance-monetiquepro@natixis.com ? » after the client's address: the line quoted)
        contacts = quoted_contacts(cat, text) or lines or (
            focus.contacts if about == focus.intent and not set(named) - {"offres", "services"} else ())
        return Resolution(question_of(WHY, justified, contacts=contacts, about=about,
                                      alternative=alternative, recommendation=focus.recommendation))
    m.named = named
    return None
