"""Un sujet seul ou une correction : la question précédente pour lui : une étape de la lecture d'un message par
rapport au focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re

from cecaz.aspects import WORKS_FOR, asks_what_to_give, aspect_family, aspects, is_who_question
from cecaz.audience import CLIENT, asks_which_line, audience_of
from cecaz.doers import asks_who_does
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    CORRECTION,
    DEFAULT_FAMILY,
    HOURS_FAMILIES,
    LINES_GIVEN,
    POSSESSIVE,
    PRICING_FAMILIES,
    PUBLIC,
    PUBLIC_EITHER,
    RECOMMENDATION,
    SIMULATORS,
    SUBJECT_ONLY,
    WHY,
    Resolution,
    accepted_families,
    aspect_after_the_subject,
    closed_resolution,
    coordinate_asked,
    corrected_away,
    designated,
    family_accepts,
    focus_family,
    for_audience,
    is_correcting,
    is_generic_service,
    keeps_generic_service,
    kinds_named,
    names,
    offers_talked_about,
    question_of,
    roles_for_who,
    same_question,
    same_simulator_verdict,
    sellers,
    site_point_again,
    the_one_doing,
)
from cecaz.lines_in_focus import lines_designated, lines_for_requests, lines_in_focus, offers_served, other_lines
from cecaz.merchant import offers_of_the_client
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES
from cecaz.resolve.audience_asked import another_offers_line
from cecaz.resolve.message import Message
from cecaz.textnorm import PLACE, fold
from cecaz.verdicts import (
    BOTH,
    CONTRACT,
    SIMULATION,
    SITE,
    WITHOUT_SITE,
    advice_verdict,
    asks_for_one_of_them,
    is_closed,
    works_too_verdict,
)
from cecaz.when import asked_moment, asks_now

# « je voulais les deux », « X et Y » without a « pas » that sets one aside: every subject named is meant (folded text).
_BOTH_MEANT = re.compile(rf"{BOTH.pattern}|^(?!.*\bpas\b).*\S et \S")


# « il sert aussi pour les diners ? », « ça marche pour l'AMEX ? » : what the answer named, for something else
_IT_SERVES = re.compile(r"\b(?:il|elle|ca|celui ci|celui la)\s+(?:\w+\s+)?(?:sert|servira|marche|fonctionne|vaut|"
                        r"s applique|convient)\b")


# « celui-là », « celle-ci », « le second », « l'autre » : a subject designated, not named (folded text)
_THAT_ONE = re.compile(rf"\b(?:(?:celui|celle|ceux|celles) (?:la|ci)|{PLACE})\b")


def subject_or_correction(m: Message) -> Resolution:
    """A subject named alone (« et sp+ ? ») or a correction (« non, JPEL ») : the previous question for it; with no
    subject, the question its words say about the focus."""
    cat, text, focus, now = m.cat, m.text, m.focus, m.now
    previous_text, named, intent, moment = m.previous_text, m.named, m.intent, m.moment
    as_doer = m.as_doer
    served = named.get("offres") or focus.offres or offers_served(cat, focus.contacts)
    if set(named) <= {"outils", "offres"} and served and focus.intent in CONTACT_FAMILIES \
            and (requested := lines_for_requests(cat, text, served)):
        # « non, je parlais de celui pour nous, pour un lead » after Payplug's support: the line for those
        # requests (the partnership team), the same question (« et la ligne interne pour un lead Payplug ? » : for the
        # offer named) ; « et pr un lead c'est lequel alors » after its hours
        # (a line, no offer in focus): the offers that line serves
        family = str(focus.intent) if focus.intent not in HOURS_FAMILIES else LINES_GIVEN
        return Resolution(question_of(family, {"offres": served}, contacts=requested, audience=audience_of(text)))
    # (« et cette assistance, elle gère aussi sp+ ? » : a generic service with the offer is the line in focus)
    if named.get("offres") and set(named) <= {"offres", "services"} \
            and set(named.get("services", ())) <= GENERIC_SERVICES \
            and focus.intent in CONTACT_FAMILIES and focus.contacts \
            and focus.point not in (PUBLIC, PUBLIC_EITHER) and WORKS_FOR.search(fold(text)) \
            and (lines := lines_designated(cat, text, focus)):
        # « et l'autre il sert aussi pour jpel » after one of two lines: whether that line serves the offer named,
        # then that line (yes) or the offer's own lines (no); the whole line when it lacks the coordinate asked before
        family = str(focus.intent) if focus.intent in COORDINATE_FAMILIES and all(
            getattr(cat.contacts[c], COORDINATE_FAMILIES[str(focus.intent)], None) for c in lines
            if c in cat.contacts) else LINES_GIVEN
        verdict = works_too_verdict(cat, text, lines, named["offres"])
        serves = verdict == cat.say("verdict.oui")
        # « et pour un client payplug ça marche aussi ? » : no, and the lines to give that client
        for_client = set(named["offres"]) <= set(offers_of_the_client(cat, text))
        return Resolution(question_of(family, named, contacts=lines if serves else (),
                                      audience=CLIENT if for_client else focus.audience), verdict)
    if focus.point in (PUBLIC, PUBLIC_EITHER) and named and set(named) <= {"offres", "services"}:
        # « et l'équipe partenariat ? » after « le support Payplug, c'est pour le client ? » : for whom it is.
        either = focus.point == PUBLIC_EITHER
        if (elsewhere := another_offers_line(m)) is not None:
            # « et le support de Payplug, ça marcherait pour lui ? » after a JPEL client's lines: not his offer's line
            return elsewhere
        if set(named) == {"offres"} and focus.contacts and not WORKS_FOR.search(fold(text)) \
                and set(named["offres"]) <= set(offers_of_the_client(cat, text)) \
                and all(c in cat.contacts and set(named["offres"]) <= set(cat.contacts[c].offres)
                        for c in focus.contacts):
            # « et pour un client sp+ ? » after « je lui file le num de la monétique pro ? » : the same line, for
            # that client, when it serves that offer too (the offer says whose client, not which line).
            return Resolution(question_of(AUDIENCE, named, contacts=focus.contacts, either_or=either))
        # « et pour un client payplug ça marche aussi ? » after the public of the SP+ and JPEL line: no, first ;
        # « et à un client payplug aussi ? » (the line to hand over, to another offer's client) likewise.
        lead = works_too_verdict(cat, text, lines_in_focus(cat, focus), named.get("offres", ())) or (
            cat.say("verdict.non") if set(named) == {"offres"} and focus.contacts and is_closed(text)
            and set(named["offres"]) <= set(offers_of_the_client(cat, text)) else None)
        if lead:  # then that offer's lines, for whom the words say
            return Resolution(question_of("ask_support", named, audience=audience_of(text) or focus.audience), lead)
        if m.intent == CORRECTION and focus.audience == CLIENT and set(named) == {"offres"}:
            # « non pardon, il est en SP+ en fait » after « Oui, à communiquer au client » for a JPEL client: the lines
            # to give a client of that offer (not whether each of its lines, internal ones included, may be given)
            return Resolution(question_of(LINES_GIVEN, named, audience=CLIENT))
        return Resolution(question_of(AUDIENCE, named, either_or=either))
    # « et en SP+, il en faut un ? » after who signs Payplug's contract (no closed point kept): whether one is needed
    point = focus.point or (CONTRACT if focus.intent == "ask_contracts" and asks_for_one_of_them(text) else None)
    if point in (SITE, WITHOUT_SITE, CONTRACT, SIMULATION) and named.get("offres") and set(named) == {"offres"}:
        # « et pour sp+ ? » after « il faut un site pour JPEL ? » : the same closed question for SP+.
        return closed_resolution(cat, site_point_again(text, point), named["offres"][-1])
    if not named and (moment or asks_now(text)) and (focus.intent in HOURS_FAMILIES or focus.contacts and (
            asked_moment(previous_text, now) or asks_now(previous_text))):
        # « et le dimanche ? » after a yes/no on the hours: the same lines, another moment (« et là,
        # maintenant ? » : now) ; also after lines given for a question that asked about a moment
        return Resolution(question_of("ask_is_open", focus.subjects(), moment=moment, contacts=focus.contacts))
    if not named and focus.intent in COORDINATE_FAMILIES and asks_what_to_give(text) and not coordinate_asked(text):
        # « et je lui donne quoi alors ? » after « non » to an internal line's address: the lines to give him, whole
        # (not only their addresses)
        return Resolution(question_of(LINES_GIVEN, focus.subjects(), contacts=focus.contacts, audience=CLIENT))
    # (« l'autre, celle pour les banques » : the description already says which other line, now in focus)
    others = () if named or focus.sans_description is not None else other_lines(cat, text, focus)
    by_aspect = aspect_family(text, "", accepted_families(focus)) if not named and focus.intent else None
    if by_aspect and not others:
        # « et leur adresse ? » : no subject, but the words say the question, for the focus.
        contacts = focus.contacts if FAMILIES[by_aspect].contacts else ()
        # « et le client il appelle quoi ? » ; « en cas de souci je lui donne quel num ? » after an offer, no line
        audience = (audience_of(text) or focus.audience) if FAMILIES[by_aspect].contacts else None
        return Resolution(question_of(by_aspect, focus.subjects(), contacts=contacts, audience=audience))
    if others:
        # « et pour nous côté caisse, y a une autre ligne ? » after a client line: another line, for us; « y a une
        # autre ligne pour lui ? » : another one to give him.
        return Resolution(question_of(str(focus.intent), {"offres": focus.offres}, contacts=others,
                                      audience=audience_of(text) or focus.audience))
    using = () if named else (roles_for_who(cat, text, focus.subjects()) or the_one_doing(cat, text)
                              or sellers(cat, text))
    if using:
        # « et qui l'utilise ? » after SimulUPI ; « et qui le vend au client ? » after a recommendation. The tool
        # stays in focus: « il sert aussi pour un client Payplug ? » next is about the tool.
        return Resolution(question_of("ask_role", {"roles": using, "outils": focus.outils}))
    if not named and focus.acteurs and is_who_question(text) and not aspects(text):
        # « et qui fait le choix avec le client ? » after the default offer: the person the answer names first.
        return Resolution(question_of("ask_role", {"roles": focus.acteurs[:1]}))
    which_for = None if named or focus.intent not in CONTACT_FAMILIES else asks_which_line(text)
    if which_for:
        # « et l'adresse à lui donner alors ? » after an internal line: the coordinate the words say, for him.
        family = coordinate_asked(text) or str(focus.intent)
        return Resolution(question_of(family, for_audience(focus.subjects(), which_for), contacts=focus.contacts,
                                      audience=which_for))
    repeated = None if named else focus_family(text, focus)
    if repeated:
        contacts = focus.contacts if FAMILIES[repeated].contacts else ()
        return Resolution(question_of(repeated, focus.subjects(), contacts=contacts))
    audience = None if named else audience_of(text)
    if audience and focus.intent in CONTACT_FAMILIES and focus.offres:
        # « et nous, côté caisse ? » after the line to give a client: the same question, for that audience.
        return Resolution(question_of(str(focus.intent), {"offres": focus.offres}, audience=audience))
    if not named and focus.intent in FAMILIES and (advised := advice_verdict(cat, text, focus.offres)):
        # « et ça on le conseille ? » after the VAD contract: no, and why (the same answer).
        return Resolution(same_question(focus), advised)
    if not named and as_doer and focus.intent in FAMILIES and focus.intent not in (WHY, AUDIENCE):
        # « et c'est Payplug qui vire, pas nous ? » after Payplug's funds: the company is who is asked about, the
        # answer in focus says who does it (`cecaz.doers.with_doer`)
        return Resolution(same_question(focus))
    if not named and intent == CORRECTION and focus.intent in FAMILIES and focus.subjects() \
            and _THAT_ONE.search(fold(text)):
        # « non pardon, je parlais de l'autre » (the other line, now in focus: `cecaz.designation`), « je voulais dire
        # celui-là » : the question before, for the one designated
        return Resolution(same_question(focus))
    if not named:
        return Resolution(None)
    previous = focus.intent if focus.intent in FAMILIES else None
    first_asks = aspect_family(text, "", [f for f in FAMILIES if family_accepts(f, named)]) \
        if intent == SUBJECT_ONLY and not previous else None
    # « bon, et pour revenir à Payplug, les encaissements » : the aspect said after the subject is the question
    first_asks = first_asks or (aspect_after_the_subject(cat, text, named) if intent == SUBJECT_ONLY else None)
    # « il sert aussi pour les diners ? » after a recommendation with the Chinese cards: its simulator
    reco_simulator = kinds_named(named)[0] == "card" and focus.intent == RECOMMENDATION \
        and bool(_IT_SERVES.search(fold(text))) and same_simulator_verdict(cat, text, named, focus) is not None
    if first_asks and not reco_simulator:
        family = first_asks  # « c'est le même simulateur pour les cb et pour DFS ? » first: what its words ask
    elif "services" in named and previous in FAMILIES and not FAMILIES[str(previous)].contacts:
        family = LINES_GIVEN  # « et l'assistance pour JPEL c'est qui ? » after what JPEL is: its line
    elif previous and previous not in (WHY, AUDIENCE) and family_accepts(previous, {
            f: ids for f, ids in named.items()
            if not (f == "roles" and "offres" in named and asks_who_does(cat, text, ()))}):
        # (« et pour SP+, c'est bien le CIF ? » after who contracts with a Payplug client: the role is who is asked
        # about, the offer is the subject of the question before)
        family = previous
    elif kinds_named(named)[0] == "card" and (focus.intent in PRICING_FAMILIES or set(focus.outils) & SIMULATORS
                                         or reco_simulator):
        family = "ask_simulator"  # « et pour les cartes chinoises ? » after SimulEasy: which simulator
    else:
        family = DEFAULT_FAMILY[kinds_named(named)[0]]
    if intent == CORRECTION and not _BOTH_MEANT.search(fold(text)):
        # « pas payplug, sp+ » names both: the one already in focus is the mistake (not in « non, je voulais les
        # deux : payplug et sp+ », « je parlais de SimulEasy et SimulUPI »); « …, pas du partenariat » says it.
        aside = corrected_away(cat, text)
        named = {f: kept for f, ids in named.items()
                 if (kept := tuple(i for i in ids if i not in getattr(focus, f) and i not in aside) or ids)}
        if (coordinate := coordinate_asked(text, "", named)) and FAMILIES[family].contacts:
            family = coordinate  # « non, pour le mail je parlais du support Payplug » : the e-mail, for that line
    elif family in COORDINATE_FAMILIES and (coordinate := coordinate_asked(text, "", named)) \
            and coordinate in COORDINATE_FAMILIES:
        family = coordinate  # « ok et le num à donner à un client sp+ ? » after an e-mail: the number
    subjects = dict(named)
    offers = offers_talked_about(focus)
    services_of_focus = {c.service for o in offers if o in cat.offres for _, c in cat.contacts_for(o)}
    if set(named) == {"services"} and FAMILIES[family].contacts and offers and (
            services_of_focus & set(named["services"]) or POSSESSIVE.search(fold(text))
            or is_generic_service(text, named["services"])):
        # « et leur service client ? » : celui de l'offre en cours ; « et ensuite, le support à donner au client ? »
        # after MyGed, in SP+'s setup: SP+'s
        subjects["offres"] = offers
    if keeps_generic_service(named, family, focus):
        # « non, je voulais dire Payplug » after « le num de l'assistance SP+ » : Payplug's assistance too.
        subjects["services"] = focus.services
    # « l'assistance c'est BPCE, non ? » read as a correction: a check on who does it (`cecaz.doers`), not a new subject
    lead = f"D’accord, pour {names(cat, named)} :" if intent == CORRECTION \
        and not (asks_who_does(cat, text, designated(cat, focus)) and not is_correcting(text)) else None
    if moment is None and family in HOURS_FAMILIES and family == focus.intent:
        moment = focus.moment  # « et le support payplug ? » after « ils bossent le samedi ? »
    if moment is not None and family not in HOURS_FAMILIES and FAMILIES[family].contacts:
        family = "ask_is_open"  # « et le service clients dimanche matin ça marche ? » after its e-mail: open then?
    # « et à un client payplug ? » after « quel mail je donne à un client sp+ ? » : still for the client.
    audience = (audience_of(text) or focus.audience) if FAMILIES[family].contacts else None
    if audience == CLIENT and not audience_of(text) and named.get("services") and all(
            c.internal for c in cat.contacts.values() if c.service in named["services"]):
        # « non je voulais dire l'équipe partenariat » after a line asked for the client: that team's own line, under
        # its internal title (not nothing: the public inherited was that of the line corrected away)
        audience = None
    if lead is None and set(named) == {"offres"} and FAMILIES[family].contacts:
        # « et pour un client payplug ça marche aussi ? » after SP+'s lines: no, Payplug has its own lines.
        lead = works_too_verdict(cat, text, lines_in_focus(cat, focus), named["offres"])
    if lead is None and family in PRICING_FAMILIES:
        lead = same_simulator_verdict(cat, text, named, focus)
    question = question_of(family, subjects, moment=moment, audience=audience)
    return Resolution(question, lead)
