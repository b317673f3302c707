"""Les lignes de contact (citées, pour nous, pour qui, à quel prix) et l'étape suivante : une étape de la lecture
d'un message par rapport au focus (`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, Optional, Tuple

from cecaz.aspects import asks_obligation, asks_why
from cecaz.audience import (
    CLIENT,
    STAFF,
    asks_if_for_clients,
    asks_if_for_staff,
    asks_if_shareable,
    asks_if_staff_may_use,
    asks_us_or_them,
    audience_of,
    has_alternative,
    names_the_line_by_pronoun,
    whom_the_question_is_for,
)
from cecaz.catalogue import EMAIL, Catalogue, EntityKind
from cecaz.doers import offers_named_as_doer
from cecaz.focus import (
    AUDIENCE,
    CONTACT_FAMILIES,
    DEFAULT_FAMILY,
    FOR_WHOM,
    HOURS_FAMILIES,
    LINES_GIVEN,
    PUBLIC,
    SIMULATORS,
    SINGULAR,
    WHICH_OFFERS,
    WHY,
    Resolution,
    coordinate_asked,
    offers_by_notion,
    question_of,
    step_reached,
)
from cecaz.lines_in_focus import (
    asks_call_cost,
    lines_for_the_public_asked,
    lines_meant,
    lines_named,
    offers_served,
    other_lines,
    quoted_contacts,
    staff_verdict,
    the_clients_if_shared,
    the_line_meant,
)
from cecaz.merchant import offers_of_the_client
from cecaz.phrasing import Question, select_contacts
from cecaz.reasons import whom_it_serves
from cecaz.reported import written_for
from cecaz.resolve.message import Message
from cecaz.steps import NEXT_STEP, asks_next_step
from cecaz.textnorm import WHAT_FOR, fold, has_question_word
from cecaz.verdicts import (
    asks_if_simulation_needed,
    call_cost_verdict,
    is_closed,
    only_clients_verdict,
    staff_line_verdict,
)
from cecaz.when import asked_moment, asks_now

# « lequel est payant ? », « y en a un des deux qui l'est ? » : which of several (folded text)
_WHICH_OF_SEVERAL = re.compile(r"\b(?:lequel|laquelle|lesquels|lesquelles|(?:l )?un des deux|l une des deux|"
                               r"une des deux|y en a (?:un|une))\b")


_IS_THERE_ONE = re.compile(r"\by en a (?:un|une)\b|\b(?:l )?une? des deux\b(?!.*\bquel)")


# « il le fait quand ? », « ça se fait à quel moment ? », « dans quel cas on le saisit ? » : when a thing is done
_WHEN_DONE = re.compile(r"\b(?:le|la|les|l|se|on|il|elle|ils)\s+(?:\w+\s+)?(?:fai[ts]|font|faire|saisi\w*|depos\w*|"
                        r"sign\w*|lanc\w*|utilis\w*)\s+quand\b|\ba quel moment\b|\bdans quels? cas\b|"
                        r"\bquand (?:est ce qu )?(?:il|on|elle|ils) (?:le |la |les |l )?"
                        r"(?:fai[ts]|font|faire|saisi\w*)")


# « le service client SP+ c'est le 09 69 37 80 30 ? », « le support payplug c'est bien le 07… ? » : a line said to be
# a named one (folded text).
_IS_THE_LINE = re.compile(r"\b(?:c est|cest|c|ce sont) (?:bien |toujours |encore )?(?:(?:le|la|l|leur|son|sa) )?"
                          r"(?:numero |num |tel |mail |adresse )?(?:\+?\d|(?:[\w-]+ ){1,4}(?:com|fr)\b)")


# « c'est uniquement pour les clients ? », « que pour les commerçants ? » : whether a line serves the clients only.
_ONLY_CLIENTS = re.compile(r"\b(?:uniquement|seulement|exclusivement|que|juste) (?:pour|aux?) "
                           r"(?:les |le |nos |mes |la )?(?:clients?|clientele|commercants?|marchands?)\b")


# the subjects an e-mail address spells (field of `Question` → kind of entity)
_SPELLED_IN_ADDRESSES: Dict[str, EntityKind] = {"services": "service", "offres": "offer"}


def _besides_the_addresses(cat: Catalogue, text: str,
                           named: Dict[str, Tuple[str, ...]]) -> Dict[str, Tuple[str, ...]]:
    """`named` without the services and offers that only the e-mail addresses quoted in `text` spell (« leur mail
    c'est bien assistance-monetiquepro@natixis.com ? » names no « assistance » ; « boutique en SP+, il a noté
    support@payplug.com » : SP+ stays, Payplug is the line's), field by field, id by id."""
    spelled_in, said_besides = " ".join(EMAIL.findall(text)), EMAIL.sub(" ", text)
    kept = {}
    for field, ids in named.items():
        kind = _SPELLED_IN_ADDRESSES.get(field)
        spelled = set(cat.find_in_text(kind, spelled_in)) - set(cat.find_in_text(kind, said_besides)) if kind else set()
        if remaining := tuple(i for i in ids if i not in spelled):
            kept[field] = remaining
    return kept


# « du lundi au samedi », « lun-sam 9h-18h », « le samedi » : when a line answers, said in a text to check (folded)
_SAYS_WHEN = re.compile(r"\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lun|sam|ven|\d{1,2} ?h(?:\d{2})?)\b")


def lines_and_steps(m: Message) -> Optional[Resolution]:
    """The company named as the doer, the next step of a process, a tool's obligation, and the lines: quoted, to be
    used by the staff, for whom, what for, their call price."""
    cat, reading, text, focus = m.cat, m.reading, m.text, m.focus
    now, named = m.now, m.named
    # « c'est Payplug qui fait le support ? », not « et si c'est un client payplug ? » (the client's offer), nor « la
    # création du site, c'est IZ qui fixe le prix ? » (IZ eCommerce is also the subject, by its notion)
    not_doers = {*offers_of_the_client(cat, text), *offers_by_notion(cat, text)}
    as_doer = tuple(o for o in offers_named_as_doer(cat, text) if o not in not_doers)
    rest = tuple(o for o in named.get("offres", ()) if o not in as_doer)
    if as_doer and rest != named.get("offres", ()) and (rest or focus.offres) \
            and not (asks_why(text) and not set(as_doer) & set(focus.offres)):
        # « c'est Payplug qui fait le support pour SP+ ? » : Payplug is who is asked about; SP+ (or the focus) the
        # subject ; « pk c'est iz qui fixe le prix du site ? » after SP+ asks the reason of what IZ does: IZ stays the
        # subject (« pk c'est payplug qui vire ? » after Payplug's transfers: the reason of that answer).
        named = {**{f: ids for f, ids in named.items() if f != "offres"}, **({"offres": rest} if rest else {})}
    if asks_next_step(text):
        # « et ensuite ? », « j'ai fini ma simu, je fais quoi ? » : the steps after the one reached (or, when nothing
        # says which process, the processes whose order the document gives).
        reached = step_reached(cat, text, named, focus, now)
        return Resolution(question_of(NEXT_STEP, named or focus.subjects(), etape=reached))
    # « l'ATC il est obligé de saisir un lead ? » : the role who does it only says whose obligation
    # the tool behind the role in focus (« il est obligé ? » after who enters the Lead Monexpert, whatever DIET read)
    tools = named.get("outils") if "outils" in named and set(named) <= {"outils", "roles"} else (
        focus.objets if not named and (focus.intent == "ask_role" or focus.acteurs and focus.intent in (
            "ask_open_services", "ask_tool")) else ())
    if tools and asks_obligation(text) and not has_question_word(text) \
            and not (focus.offres and set(tools) <= SIMULATORS and asks_if_simulation_needed(text)) \
            and cat.reason(DEFAULT_FAMILY["tool"], [("tool", t) for t in tools]):
        # (« on doit passer par SimulEasy ? » after an offer: whether that offer goes through a simulation)
        # « et saisir un lead monexpert c'est obligatoire ? » : the rule the document gives for that tool (« pas
        # systématique »), whatever family DIET read; the verdict comes from that reason ; « donc c'est obligatoire
        # de le saisir ? » after who enters it: that tool.
        return Resolution(question_of(WHY, {"outils": tools}, about=DEFAULT_FAMILY["tool"]))
    if not named and not focus.contacts and focus.objets and reading.intent in HOURS_FAMILIES \
            and _WHEN_DONE.search(fold(text)):
        # « et il le fait quand ? » after who enters the Lead Monexpert: when that is done (the condition the
        # document gives with the tool), not a line's opening hours
        return Resolution(question_of(DEFAULT_FAMILY["tool"], {"outils": focus.objets[:1]}))
    if not named and focus.audience and SINGULAR.search(fold(text)) \
            and (meant := the_line_meant(cat, text, focus)) != focus.contacts:
        # « il est ouvert le samedi celui-là ? » after the lines for staff: the line given first for that public.
        focus = replace(focus, contacts=meant[:1])
    elif not named and reading.intent in HOURS_FAMILIES and (asked_for := lines_for_the_public_asked(cat, focus)):
        # « ils bossent le samedi ? » after « c'est quoi notre ligne interne pour SP+ ? » : the lines asked for, not
        # the client lines the answer gave beside them.
        focus = replace(focus, contacts=asked_for)
    if not named and focus.intent == LINES_GIVEN and focus.cartes and not focus.offres \
            and reading.intent in CONTACT_FAMILIES and audience_of(text) != STAFF \
            and len(cat.joined_directly(focus.cartes)) == len(focus.cartes):
        # « il contacte qui alors ? » after « non » to a line for a client who wants the AMEX: no line, he asks the
        # card's organisation himself
        return Resolution(question_of("ask_affiliation", {"cartes": focus.cartes}))
    # « un collègue m'a dit que le 08 10 00 47 24, on pouvait s'en servir en interne ? » : the line quoted, else the
    # line named by its service (« le Service Clients SP PLUS, je peux l'appeler moi aussi ? »), else those in focus
    quoted_here = quoted_contacts(cat, text)
    if quoted_here and EMAIL.search(text):
        named = _besides_the_addresses(cat, text, named)
    lines = quoted_here or lines_meant(cat, named, focus)
    if quoted_here and (public := written_for(text)) is not None and "cartes" not in named \
            and not asks_call_cost(text) and not _SAYS_WHEN.search(fold(text)):
        # « J'ai écrit : « Appelez l'assistance au 09 69 37 80 30 ou écrivez à assistance-spplus@… » C'est bon ? » :
        # each line the written text quotes, for whom it is written (to the merchant: whether he may have it) ; what
        # else it claims of them (« … est gratuit », « … du lundi au samedi ») or of a card's affiliation is checked
        # as such
        if public == STAFF:
            return Resolution(question_of(LINES_GIVEN, {}, contacts=quoted_here))
        clients = offers_of_the_client(cat, text)
        if clients and any(cat.contacts[c].for_clients and not set(cat.contacts[c].offres) & set(clients)
                           for c in quoted_here):
            # « je réponds à un client Payplug : 'appelez le 08 10 00 47 24' c'est bon ? » : not his offer's line; no,
            # and the lines to give him
            return Resolution(question_of(LINES_GIVEN, {"offres": clients}, audience=CLIENT), cat.say("verdict.non"),
                              point=PUBLIC)
        return Resolution(question_of(AUDIENCE, {"offres": clients} if clients else {},
                                      contacts=the_clients_if_shared(cat, quoted_here)))
    if not lines and focus.contacts and not {"services", "offres"} & set(named) and names_the_line_by_pronoun(text):
        # « pour remonter un lead, on peut les appeler ? » : the lines in focus, whatever the purpose names
        lines = focus.contacts
    # (« je peux appeler le commerçant et lui donner le 07… ? » : what is asked is handing the line over, `audiences`)
    if lines and asks_if_staff_may_use(text) and not (asks_if_shareable(text) and audience_of(text) == CLIENT) \
            and asked_moment(text, now) is None and not asks_now(text) \
            and ((may_use := staff_line_verdict(cat, lines)) or not has_alternative(text)):
        # « et moi je peux leur écrire ? » : yes for a line the document reserves to staff, then the coordinate (« je
        # peux les joindre vers 13h ? » asks the hours) ; « … ou c'est que pour les clients ? » without that yes: who
        # the line is for.
        subjects = focus.subjects() if lines == focus.contacts else {}
        return Resolution(question_of(coordinate_asked(text) or LINES_GIVEN, subjects, contacts=lines), may_use)
    if lines and asks_if_for_staff(text):
        # « c'est un numéro pour nous ? » after a line: yes for an internal line, no for a line to give the client
        subjects = focus.subjects() if lines == focus.contacts else {}
        return Resolution(question_of(coordinate_asked(text) or LINES_GIVEN, subjects, contacts=lines),
                          staff_verdict(cat, text, lines))
    if lines and not named and reading.intent != AUDIENCE and asks_if_for_clients(text):
        # « et le premier numéro, c'est pour le client ? » read as a phone question: whether that line may be given
        # (yes, or no and the lines to give instead)
        return Resolution(question_of(AUDIENCE, focus.subjects() if lines == focus.contacts else {}, contacts=lines))
    if quoted_here and named and set(named) <= {"services", "offres"} and _IS_THE_LINE.search(fold(text)) \
            and is_closed(text):
        # « je crois que le service client SP+ c'est le 09 69 37 80 30, c'est ça ? » : the named line's coordinate,
        # after yes or no (no: that number is another line's)
        asked = Question("ask_phone", offres=named.get("offres", ()), services=named.get("services", ()))
        theirs = {cid for cid, _ in select_contacts(cat, asked, next(iter(asked.offres), None))}
        family = "ask_email" if EMAIL.search(text) else "ask_phone"
        said = tuple(c for c in quoted_here if c in theirs)  # an address two lines share is either's
        return Resolution(question_of(family, named, contacts=said), cat.say("verdict.oui" if said else "verdict.non"))
    # (the quoted line is in focus now, `focus_for_message`: the line spoken of is the one before it)
    spoken = focus.avant.contacts if focus.avant is not None and focus.intent == LINES_GIVEN \
        and set(focus.contacts) == set(quoted_here) else focus.contacts
    if quoted_here and not named and spoken and _IS_THE_LINE.search(fold(text)) and is_closed(text):
        # « et leur adresse, c'est bien assistance-monetiquepro@natixis.com ? » after a line: yes when the coordinate
        # quoted is that line's, else no and its own
        family = "ask_email" if EMAIL.search(text) else "ask_phone"
        said = tuple(c for c in quoted_here if c in spoken)
        return Resolution(question_of(family, {}, contacts=said or spoken),
                          cat.say("verdict.oui" if said else "verdict.non"))
    # (« C'est uniquement pour les clients, ce numéro ? » after lines given: those lines)
    only_for = quoted_here or (focus.contacts if not named and is_closed(text) else ())
    if only_for and _ONLY_CLIENTS.search(fold(text)):
        # « je crois que le 09 69 37 80 30 c'est uniquement pour les clients ? » : no when the document gives it « pour
        # les clients et la CECAZ », or reserves it to staff
        return Resolution(question_of(LINES_GIVEN, {}, contacts=only_for), only_clients_verdict(cat, only_for))
    if asks_call_cost(text) and (lines := quoted_here or lines_meant(cat, named, focus)):
        # « le service clients c'est payant ? », « il est gratuit ? » : the price of a call is on the phone line
        # (« l'appel au 08 10 00 47 24, il est payant ? » : the line its number names, whatever is in focus);
        # « lequel est payant ? » among several: the lines that have a price (« y en a un qui l'est ? » : yes, those)
        priced = tuple(c for c in lines if c in cat.contacts and cat.contacts[c].tarif_appel)
        subjects = named or ({} if quoted_here else focus.subjects())
        if priced and len(lines) > 1 and _WHICH_OF_SEVERAL.search(fold(text)):
            lead = cat.say("verdict.oui") if _IS_THERE_ONE.search(fold(text)) else None
            return Resolution(question_of("ask_phone", subjects, contacts=priced), lead)
        return Resolution(question_of("ask_phone", subjects, contacts=lines), call_cost_verdict(cat, text, lines))
    if not named and focus.contacts and focus.intent in CONTACT_FAMILIES and (FOR_WHOM.search(fold(text)) or (
            reading.intent != AUDIENCE and asks_us_or_them(text))):
        # « ok et c'est pour qui ? », « c le num du commerçant ou le nôtre ? » read as a phone question, after contact
        # lines: who they are for (read as a public, `audiences` says it, an address two lines share included)
        if others := other_lines(cat, text, focus):
            # « et l'autre c'est pour qui ? » after the line to give the client: whom the offer's other line serves,
            # then that line (the staff member asks what it is)
            family = focus.intent if focus.intent != AUDIENCE else LINES_GIVEN
            return Resolution(question_of(str(family), focus.subjects(), contacts=others), whom_it_serves(cat, others))
        # (« et le commerçant il écrit à qui ? » asks whom, for him: he stays the one asked for)
        return Resolution(question_of(AUDIENCE, focus.subjects(), contacts=focus.contacts, either_or=True,
                                      audience=whom_the_question_is_for(text)))
    # « et l'équipe partenariat, elle traite quelles demandes ? » : a line named by its service
    named_lines = lines_named(cat, named, focus.offres) \
        if "services" in named and set(named) <= {"services", "offres"} else ()
    if (named_lines or not named and focus.contacts and focus.intent in CONTACT_FAMILIES) and (
            WHAT_FOR.search(fold(text)) or WHICH_OFFERS.search(fold(text))):
        # « celui en 07, il sert à quoi ? » after a company's numbers, « c'est pour quelles offres ? » after a line:
        # what that line is for (its object and offers).
        which = quoted_contacts(cat, text, focus.contacts) or named_lines or focus.contacts
        served = offers_served(cat, which)
        lead = cat.say("contacts.offres_servies", lignes=list(which), offres=list(served)) \
            if served and WHICH_OFFERS.search(fold(text)) else None
        return Resolution(question_of(LINES_GIVEN, named or focus.subjects(), contacts=which), lead)
    quoted = quoted_contacts(cat, text) if focus.intent == LINES_GIVEN else ()
    if quoted:
        # « assistance-monetiquepro@natixis.com, c'est pour qui ? », « le 08 du service client SP+ » : the number
        # or address names its line; the service or offer words around it only describe that line (not the offer of
        # the client it is written to: « dans mon mail à un opticien en JPEL, je mets assistance-monetiquepro@… »).
        theirs = {o for cid in quoted for o in cat.contacts[cid].offres} - set(offers_of_the_client(cat, text))
        named = {f: ids for f, ids in named.items()
                 if f != "services" and not (f == "offres" and set(ids) <= theirs)}
    m.focus = focus
    m.named = named
    m.quoted = quoted
    m.as_doer = as_doer
    return None
