"""Pour qui est une ligne, si on peut la donner : une étape de la lecture d'un message par rapport au focus
(`cecaz.resolve`, docs/conversation.md). Fonctions pures, testées sans Rasa."""

from __future__ import annotations

import re
from typing import Dict, Mapping, Optional, Tuple

from cecaz.aspects import asks_what_to_give, aspects, contract_only_qualifies, is_who_question
from cecaz.audience import (
    CLIENT,
    STAFF,
    asks_for_both_publics,
    asks_if_shareable,
    asks_us_or_them,
    asks_what_a_line_is_for,
    asks_which_line,
    audience_of,
    names_the_line_by_pronoun,
    whom_the_question_is_for,
)
from cecaz.doers import asks_who_does
from cecaz.families import FAMILIES
from cecaz.focus import (
    AUDIENCE,
    CALL,
    CALL_COST,
    CONTACT_FAMILIES,
    DEFINITION_FAMILIES,
    HOURS_FAMILIES,
    LINES_GIVEN,
    PERSON,
    PUBLIC,
    RECOMMENDATION,
    SUBJECT_ONLY,
    WHY,
    Focus,
    Resolution,
    coordinate_asked,
    designated,
    for_audience,
    is_elliptical,
    question_of,
    roles_for_aspect,
    same_question,
    sellers,
)
from cecaz.lines_in_focus import (
    coordinate_quoted,
    has_line_for,
    lines_named,
    offers_served,
    other_lines,
    quoted_contacts,
    the_clients_if_shared,
    the_line_meant,
)
from cecaz.merchant import offers_of_the_client
from cecaz.phrasing import COORDINATE_FAMILIES, GENERIC_SERVICES
from cecaz.resolve.message import Message
from cecaz.textnorm import LINE_NOUN, fold
from cecaz.verdicts import is_closed


def _with_the_client_in_focus(text: str, named: Mapping[str, Tuple[str, ...]],
                              focus: Focus) -> Dict[str, Tuple[str, ...]]:
    """« je peux lui filer la monétique pro ? » after IZ eCommerce's support, what IZ eCommerce is, or a
    recommendation: the line named, for the client of the offer in focus (whose lines to give instead: IZ eCommerce,
    its own support) ; `named` as it is when the message names an offer or does not speak of « lui »."""
    # (« elle me demande si elle peut passer par la hotline monétique pro pour ça » after the AMEX: for the card)
    if set(named) <= {"services", "contacts"} and focus.cartes and (_TO_HIM.search(fold(text)) or (
            focus.intent == "ask_affiliation" and audience_of(text) != STAFF)) \
            and (not focus.offres or focus.intent == "ask_affiliation"):
        # « je lui donne le num de la monétique pro pour ça ? » after the AMEX (« un restaurateur en SP+ veut aussi
        # l'AMEX » included): he asks the card's organisation himself, whatever his offer
        return {**named, "cartes": focus.cartes}
    if set(named) <= {"services", "contacts"} and focus.offres and _TO_HIM.search(fold(text)) \
            and (focus.intent in CONTACT_FAMILIES or focus.intent == RECOMMENDATION or len(focus.offres) == 1):
        return {**named, "offres": focus.offres}
    return dict(named)


# « je peux lui filer… ? », « je la lui donne ? » : to the client the conversation is about
# (« il a un souci, je lui donne la monétique pro ? » is the merchant's trouble: a yes or no)
_WORRY = re.compile(r"\b(?:pose\w*|poserait)(?: un| des| du)? (?:souci|soucis|probleme|problemes)\b|"
                    r"\bc est (?:un |une )?(?:probleme|souci|genant|grave|embetant|risque|faute)\b|"
                    r"\by a (?:un |du )?risque\b|\b(?:genant|embetant)\b")
# (« je peux donner au client le numéro de la monétique pro à la place ? » : to him, instead of his line)
# (« le client peut pas appeler la monétique pro, hein ? » : the client the conversation is about, as the subject)
_TO_HIM = re.compile(r"\b(?:lui|leur|a la place|(?:au|(?:a )?(?:le|la|mon|ma|notre|ce|cette)) (?:client|cliente|"
                     r"commercant|commercante|marchand))\b(?! final)")


# « ça se tarife comment ? », « et les frais ? » : the offer's pricing, not the price of a call to its line.
_OFFER_PRICING = re.compile(r"\b(?:tarif\w*|negoci\w*|simul\w*|frais|commissions?|conditions tarifaires)\b")


# « il peut le faire aussi ? », « elle peut s'en charger ? » : the action of the previous answer, by a pro-verb.
_DOES_IT_TOO = re.compile(r"\b(?:le|la|les|l) faire\b|\bs en (?:charger|occuper)\b|\bfaire (?:pareil|la meme chose)\b")


# « ils ont une ligne pour nous ? », « y a un numéro pour la caisse ? » : another line, for the public the words say.
_HAS_A_LINE = re.compile(r"\b(?:ont|a|avez|auraient|aurait|existe|y a|ya)\b(?: \w+){0,2}? (?:une?|des|d) (?:autres? )?"
                         r"(?:lignes?|numeros?|tel|contacts?|adresses?|mails?|interlocuteurs?)\b|\bquelqu un\b")


def _coordinate_in_focus(intent: str, focus: Focus) -> Optional[str]:
    """The coordinate (`ask_email`, `ask_phone`) a question on whether a line may be handed over is about: the one its
    words ask for (« cette adresse », « ce numéro », read by DIET as that coordinate's family), else the one the
    previous answer gave; None for a whole line. An address that an internal line shares with a client line may be
    given (`cecaz.reasons.answer_audience`)."""
    return next((f for f in (intent, focus.intent) if f in COORDINATE_FAMILIES), None)


def another_offers_line(m: Message) -> Optional[Resolution]:
    """« cliente jpel, elle peut appeler le support payplug si ça plante ? » : the line named is another offer's and
    does not serve the client's offer (named with him, or in focus when the message speaks of « lui »); no, and the
    lines to give a client of his offer (section « Comment assister mon client ? »). None when the message does not
    name a line and the client's offer apart."""
    named, focus = m.named, m.focus
    clients = set(named.get("offres", ())) & set(offers_of_the_client(m.cat, m.text))
    if not clients and _TO_HIM.search(fold(m.text)) and audience_of(m.text) != STAFF and focus.offres \
            and not set(focus.offres) & set(named.get("offres", ())) \
            and (focus.intent in CONTACT_FAMILIES or focus.intent == RECOMMENDATION):
        # « et le support de Payplug, ça marcherait pour lui ? » after the lines to give a JPEL client: « lui » is
        # that client, the offer in focus his
        clients = set(focus.offres)
    others = tuple(o for o in named.get("offres", ()) if o not in clients)
    lines = lines_named(m.cat, {**named, "offres": others}) if others else ()
    if not clients or not others or set(named) != {"offres", "services"} or any(
            o in m.cat.contacts[c].offres for c in lines for o in clients):
        return None
    # (« et l'équipe partenariat de Payplug, je peux la lui donner aussi ? » for an IZ eCommerce site: that line is
    # first the CECAZ's)
    internal = [c for c in lines if m.cat.contacts[c].internal]
    lead = m.cat.say("public.non", lignes=internal) if internal else m.cat.say("verdict.non")
    return Resolution(question_of(LINES_GIVEN, {"offres": tuple(sorted(clients))}, audience=CLIENT), lead,
                      point=PUBLIC)


# a line, a coordinate, a public or handing over (folded text): what a question on a line's public speaks of
_SAYS_A_LINE_OR_A_PUBLIC = re.compile(rf"\b(?:{LINE_NOUN}|mails?|adresses?|coordonnees|contacts?|clients?|"
                                      r"commercante?s?|marchande?s?|donne\w*|file\w*|communiqu\w*|transmet\w*|"
                                      r"passe\w*|public|interne|pour (?:nous|moi|eux|lui))\b")


def _what_a_line_is_for(m: Message) -> Optional[Resolution]:
    """« et nous, on s'en sert pour quoi, de l'équipe partenariat ? », « on l'appelle pour quoi ? » after a line : what
    the line named (a service of its own, not « le support ») or in focus is for, with its coordinates (section
    « Comment assister mon client ? »). None when the message asks no purpose or speaks of no line."""
    cat, named, focus = m.cat, m.named, m.focus
    if not asks_what_a_line_is_for(m.text):
        return None
    if named and set(named) <= {"services", "offres"} and set(named.get("services", ())) - GENERIC_SERVICES:
        lines = lines_named(cat, named, focus.offres)
    elif not named and focus.contacts and focus.intent in CONTACT_FAMILIES \
            and (m.intent in (*CONTACT_FAMILIES, AUDIENCE) or names_the_line_by_pronoun(m.text)):
        # (« pour quels cas faut-il un contrat ? » after a line asks about contracts)
        lines = the_line_meant(cat, m.text, focus) or focus.contacts
    else:
        return None
    return Resolution(question_of(WHY, {}, contacts=lines, about=LINES_GIVEN)) if lines else None


_AFFILIATION = re.compile(r"\baffili\w*")


# « et je mets quoi à la place ? », « je lui donne quoi au lieu de ça ? » : what replaces the line refused (folded)
_IN_ITS_PLACE = re.compile(r"\b(?:a la place|au lieu|en remplacement)\b")


def audiences(m: Message) -> Optional[Resolution]:
    """Whom a line serves and whether it may be handed over, what it is for, the line for a public, a role that does it
    too, the lines to give the client."""
    cat, text, focus, named = m.cat, m.text, m.focus, m.named
    intent = m.intent
    if not named and focus.point == PUBLIC and focus.audience == CLIENT and focus.offres \
            and _IN_ITS_PLACE.search(fold(text)) and not asks_if_shareable(text) and audience_of(text) != STAFF:
        # « et je mets quoi à la place ? » after « Non, réservé aux collaborateurs CECAZ » : the lines to give him
        return Resolution(question_of(LINES_GIVEN, {"offres": focus.offres}, audience=CLIENT))
    if (purpose := _what_a_line_is_for(m)) is not None:
        return purpose
    # (« pr revenir à la monétique pro, je peux la filer au camping pr son affiliation » after the ANCV: the card of the
    # answer the message came back from)
    cards = named.get("cartes") or ((focus.cartes or (focus.avant.cartes if focus.avant is not None else ()))
                                    if _AFFILIATION.search(fold(text)) else ())
    if (joined := cat.joined_directly(cards)) and asks_if_shareable(text) \
            and (asked := quoted_contacts(cat, text) or lines_named(cat, named)):
        # « veut l'AMEX, lui donner la monétique pro pour l'affiliation » : no (the line is the CECAZ's, or it is not
        # what joins the card), then the client asks the organisation in direct (section « Quelle tarification ? »)
        refused = [cid for cid in asked if cat.contacts[cid].internal]
        return Resolution(question_of("ask_affiliation", {"cartes": joined, "offres": named.get("offres", ())}),
                          cat.say("public.non", lignes=refused) if refused else cat.say("verdict.non"))
    if intent in DEFINITION_FAMILIES and not named and focus.offres and focus.intent in CONTACT_FAMILIES \
            and focus.intent != AUDIENCE and is_elliptical(text) and audience_of(text) == STAFF and not aspects(text):
        intent = AUDIENCE  # « et en interne on a quoi ? » after the line to give a client, read as what the offer is
    if intent == AUDIENCE and not named and focus.offres and focus.intent in CONTACT_FAMILIES \
            and focus.intent != AUDIENCE and (is_elliptical(text) or _HAS_A_LINE.search(fold(text))) \
            and not asks_if_shareable(text) and (audience := audience_of(text)):
        # « ils ont une ligne pour nous, côté caisse ? » after Payplug's support: their lines for that public, not
        # the public of the line just given.
        # « et pour nous en interne ? » after the line to give a JPEL client: the same question, for that audience;
        # « et le mail de cette ligne interne ? » : the coordinate the words say; « ils ont quelqu'un pour nous ? »
        # after their hours: the whole line (who, how to reach them, when).
        family = coordinate_asked(text) or (LINES_GIVEN if focus.intent in HOURS_FAMILIES else str(focus.intent))
        return Resolution(question_of(family, {"offres": focus.offres}, audience=audience))
    subjects = named or ({"offres": focus.offres} if focus.offres else {})
    if intent == AUDIENCE and subjects and asks_for_both_publics(text) and not asks_if_shareable(text):
        # « donne-moi les lignes pour un client JPEL, et la nôtre en interne » read as whom a line serves: the lines,
        # the client's first, then the internal ones apart
        return Resolution(question_of(LINES_GIVEN, subjects))
    # (« lequel je mets dans mon mail à un client jpel ? » : the offer says whose client, a line in focus serves it)
    situating = set(named) == {"offres"} and any(o in cat.contacts[c].offres for c in focus.contacts
                                                 if c in cat.contacts for o in named["offres"])
    if (not named or situating) and focus.intent in CONTACT_FAMILIES \
            and intent not in (*CONTACT_FAMILIES, AUDIENCE) and (which_for := asks_which_line(text)):
        # « donc je file lequel au commerçant ? » read as a choice of offer: the lines just given, for that public.
        return Resolution(same_question(focus, audience=which_for))
    if intent == AUDIENCE and (selling := sellers(cat, text)):
        # « et c'est qui qui le vend au client ? » read as a line's public: the role that sells it.
        return Resolution(question_of("ask_role", {"roles": selling}))
    if intent == AUDIENCE and (audience := asks_which_line(text)):
        # « c'est quoi notre ligne interne pour SP+ ? » : not « can I give it? » but which line, for that public.
        family = next((f for found in aspects(text) for f in found if f in CONTACT_FAMILIES and f != AUDIENCE),
                      LINES_GIVEN)
        subjects, contacts = (named, ()) if named else (for_audience(focus.subjects(), audience), focus.contacts)
        return Resolution(question_of(family, subjects, contacts=contacts, audience=audience))
    if named and intent in CONTACT_FAMILIES and intent != AUDIENCE and asks_us_or_them(text):
        # « le numéro de l'assistance SP+, il est pour nous ou pour nos clients ? » read as a phone question: whom the
        # line serves.
        intent = AUDIENCE
    if intent == AUDIENCE and named and set(named) == {"services"} and set(named["services"]) <= GENERIC_SERVICES \
            and focus.offres and not focus.contacts and asks_who_does(cat, text, designated(cat, focus)):
        # « et le support du site, c'est nous ? » after IZ eCommerce's pricing, read as a line's public: who assures
        # the support of the offer in focus (yes or no first)
        return Resolution(question_of("ask_support", {"offres": focus.offres, "services": named["services"]}))
    if intent == AUDIENCE and not named and not focus.contacts and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and asks_who_does(cat, text, designated(cat, focus)):
        # « c'est l'organisme qui lui donne un numéro ? » after the ANCV's affiliation, read as a line's public: who
        # does it, on the previous answer (no line was given)
        return Resolution(question_of(str(focus.intent), focus.subjects()))
    if intent == AUDIENCE and not named and not focus.contacts and focus.intent in FAMILIES \
            and focus.intent not in (WHY, AUDIENCE) and is_closed(text) and not _SAYS_A_LINE_OR_A_PUBLIC.search(
                fold(text)) and audience_of(text) is None and not asks_if_shareable(text):
        # « La CECAZ intervient-elle dans cette négociation ? » after the ANCV's pricing, read as a line's public
        # though no line was given and it names neither a line nor a public: a yes or no on the previous answer
        return Resolution(question_of(str(focus.intent), focus.subjects()))
    if (intent == AUDIENCE or FAMILIES[intent].contacts and asks_if_shareable(text)) \
            and (elsewhere := another_offers_line(m)) is not None:
        return elsewhere
    if intent == AUDIENCE:
        # « pour le client ou pour nous ? » asks who; « je le file au client ou pas ? » is still a yes or no
        # « le 07 57 95 38 07 c'est qui ? » asks who it is, not whether to give it
        # « si je le mets dans ma signature, ça pose souci ? » : a yes would mean a problem; who the line serves says it
        # (« jpeux lui filer aussi au cas ou » : « au cas où » weighs nothing)
        either_or = bool(re.search(r"\b(?:(?<!\bau cas )ou(?! (?:pas|non)\b)|pour qui|a qui|qui peut|c est qui|"
                                   r"qui c est|de qui)\b", fold(text)) or _WORRY.search(fold(text)))
        clients_offers = set(named.get("offres", ())) & set(offers_of_the_client(cat, text))
        if set(named) == {"offres"} and clients_offers == set(named["offres"]) \
                and (quoted := quoted_contacts(cat, text)) \
                and any(o in cat.contacts[c].offres for c in quoted for o in clients_offers):
            # « dans ses notes : « fleuriste sous Payplug → lui donner le 09 69 36 06 26 ». Je lui donne ce numéro ? »,
            # « je reviens à mon client JPEL : le 09 69 36 06 26, je peux le lui donner aussi ? » : the line quoted,
            # for a client of the offer named (its coordinate: an address another line shares may be given)
            return Resolution(question_of(AUDIENCE, named, contacts=the_clients_if_shared(cat, quoted),
                                          either_or=either_or, about=coordinate_quoted(text)))
        if focus.contacts and set(named) == {"offres"} and clients_offers == set(named["offres"]) and not any(
                o in cat.contacts[c].offres for c in focus.contacts if c in cat.contacts for o in clients_offers):
            # « et à un client payplug je peux le donner aussi ? » after SP+ and JPEL's assistance: not that client's
            # line; no, and the lines to give a client of that offer.
            # (after hours, « je peux la donner à mon client Payplug pour le week-end ? » : his lines, not whether they
            # are open)
            family = focus.intent if focus.intent in CONTACT_FAMILIES and focus.intent != AUDIENCE \
                and focus.intent not in HOURS_FAMILIES else LINES_GIVEN
            # « et à un client jpel ? » next asks the same yes or no for that offer's client
            # (a line kept for the CECAZ is first that: « Non, réservé aux collaborateurs CECAZ »)
            kept = [c for c in focus.contacts if c in cat.contacts and cat.contacts[c].internal]
            lead = cat.say("public.non", lignes=kept) if kept else cat.say("verdict.non")
            return Resolution(question_of(family, named, audience=CLIENT), lead, point=PUBLIC)
        if focus.contacts and set(named) == {"offres"} and clients_offers == set(named["offres"]) \
                and names_the_line_by_pronoun(text):
            # « je peux le filer à mon client JPEL ? » after the monétique pro: that line, and JPEL's client lines
            # when it cannot be given
            return Resolution(question_of(AUDIENCE, named, contacts=focus.contacts, either_or=either_or,
                                          about=_coordinate_in_focus(intent, focus)))
        if set(named) == {"offres"} and audience_of(text) == STAFF and asks_if_shareable(text) and (
                internal := tuple(c for o in named["offres"] if o in cat.offres for c in cat.offres[o].contacts
                                  if c in cat.contacts and cat.contacts[c].internal)):
            # « le num pour nous en interne sur jpel, je peux le donner au commerçant ? » : the line the words say (the
            # internal one), not every line of the offer.
            return Resolution(question_of(AUDIENCE, named, contacts=internal))
        if set(named) == {"offres"} and set(named["offres"]) <= set(focus.offres) \
                and (other := other_lines(cat, text, focus)):
            # « et l'autre mail de payplug, je peux le mettre en copie ? » : the offer says whose the other line is
            return Resolution(question_of(AUDIENCE, focus.subjects(), contacts=other, either_or=either_or))
        if named:
            subjects = named if either_or else _with_the_client_in_focus(text, named, focus)
            return Resolution(question_of(AUDIENCE, subjects, either_or=either_or))
        # « et l'autre, je peux le donner ? » after the line to give the client: the offer's other line
        # (« un ami lui a donné le 09 69 36 06 26, pourquoi il ne peut pas l'utiliser ? » : the line quoted)
        meant = quoted_contacts(cat, text) or other_lines(cat, text, focus) or the_line_meant(cat, text, focus)
        # (« et le commerçant il écrit à qui ? » asks whom, for him)
        return Resolution(question_of(AUDIENCE, focus.subjects(), contacts=meant, either_or=either_or,
                                      about=_coordinate_in_focus(intent, focus),
                                      audience=whom_the_question_is_for(text) if either_or else None))
    if "services" in named and (FAMILIES[intent].contacts and set(named) <= {"services", "offres"} or set(
            named["services"]) - GENERIC_SERVICES and set(named) <= {"services", "offres", "cartes"}) \
            and asks_if_shareable(text):
        # « le client veut l'AMEX, je lui donne le num de la monétique pro pour s'affilier ? » read as the AMEX's
        # affiliation: the line named is what is asked about.
        # « et celui du partenariat, je peux le donner aussi ? », « mon client JPEL, je lui file le num de la monétique
        # pro ? » : who that service's line is for.
        return Resolution(question_of(AUDIENCE, _with_the_client_in_focus(text, named, focus)))
    # (« il a une question sur le produit Payplug, il peut les appeler ? » : the offer the lines in focus serve)
    only_their_offer = set(named) == {"offres"} and names_the_line_by_pronoun(text) \
        and set(named["offres"]) <= set(offers_served(cat, focus.contacts))
    # (« mon client sp+ a un souci, je lui file assistance-monetiquepro@natixis.com ? » : the offer says whose client)
    his_offer = set(named) == {"offres"} and bool(quoted_contacts(cat, text)) \
        and set(named["offres"]) <= set(offers_of_the_client(cat, text))
    if (FAMILIES[intent].contacts or focus.intent in CONTACT_FAMILIES and names_the_line_by_pronoun(text)) \
            and (not named or only_their_offer or his_offer) and focus.contacts and asks_if_shareable(text):
        # « je peux lui donner ce numéro ? » read as a phone question: it asks who the line is for; « je peux la
        # mettre dans mon courriel au client ? » after an address, read as anything else, too.
        return Resolution(question_of(AUDIENCE, named if his_offer else focus.subjects(),
                                      contacts=the_line_meant(cat, text, focus),
                                      about=_coordinate_in_focus(intent, focus)))
    if intent == "ask_pricing" and not named and focus.contacts and focus.intent in CONTACT_FAMILIES \
            and (CALL.search(fold(text)) or CALL_COST.search(fold(text)) or not _OFFER_PRICING.search(fold(text))):
        # « ça coûte combien de les appeler ? » : the price of a call is on the phone line (« et ça se tarife
        # comment ? » after JPEL's assistance is JPEL's pricing).
        return Resolution(question_of("ask_phone", focus.subjects(), contacts=focus.contacts))
    if set(named) == {"roles"} and len(named["roles"]) == 1 and focus.intent == "ask_role" and focus.roles \
            and named["roles"][0] not in focus.roles and is_closed(text) and _DOES_IT_TOO.search(fold(text)):
        # « l'ATC il peut le faire aussi ? » after « c'est le CIF qui s'en charge ? » : no, and what each one does.
        return Resolution(question_of("ask_role", {"roles": (*focus.roles[:1], *named["roles"])}),
                          cat.say("verdict.non"))
    if not named and focus.roles and PERSON.search(fold(text)) and not is_who_question(text) and aspects(text) \
            and (others := roles_for_aspect(cat, text, focus.roles[:1])):
        # « il s'occupe aussi du pricing ? » after the ATC: no, the roles whose mission it is.
        return Resolution(question_of("ask_role", {"roles": others}),
                          cat.say("verdict.non") if is_closed(text) else None)
    if (focus.intent in CONTACT_FAMILIES or focus.contacts or contract_only_qualifies(text)) \
            and intent not in CONTACT_FAMILIES and audience_of(text) == CLIENT and asks_what_to_give(text):
        # « alors je lui donne quoi pour son contrat SP+ ? » after a line: the lines to give the client.
        subjects, contacts = (named, ()) if named else (focus.subjects(), focus.contacts)
        return Resolution(question_of(LINES_GIVEN, subjects, contacts=contacts, audience=CLIENT))
    m.intent = intent
    return None


def line_for_a_public(m: Message) -> Optional[Resolution]:
    """« on a une ligne interne pour jpel ? », « et la CECAZ, elle a une ligne à elle chez Payplug ? » (read as a line's
    public, or as the offer alone) : whether the offer has a line for that public (yes: its lines for that public), not
    whether a line may be handed over nor the previous question for that offer (section « Comment assister mon
    client ? »)."""
    cat, text, named = m.cat, m.text, m.named
    if m.intent not in (AUDIENCE, SUBJECT_ONLY) or not named.get("offres") or set(named) != {"offres"} \
            or not _HAS_A_LINE.search(fold(text)) or asks_if_shareable(text) or not (audience := audience_of(text)):
        return None
    family = coordinate_asked(text) or LINES_GIVEN
    known = any(cat.offres[o].contacts for o in named["offres"] if o in cat.offres)  # IZ eCommerce: none given
    verdict = "verdict.oui" if has_line_for(cat, named["offres"], audience) else "verdict.non"
    return Resolution(question_of(family, named, audience=audience), cat.say(verdict) if known else None)
