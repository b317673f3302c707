"""Résolution d'un message par rapport au focus, sans Rasa : tables sujet × question × forme de relance."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any, Dict, List, Optional, Tuple

import pytest

from cecaz.aspects import asks_whom_to_call_for_trouble
from cecaz.catalogue import load_catalogue
from cecaz.doers import with_doer
from cecaz.families import compose
from cecaz.focus import (
    LINES_GIVEN,
    PUBLIC,
    Focus,
    after,
    after_recommendation,
    asks_all_offers,
    designated,
    follow_up_guess,
    is_correcting,
    is_elliptical,
    offers_by_notion,
    roles_doing,
    roles_in,
    rules_in,
    subject_aspect_guess,
    tools_asked,
    who_answered,
)
from cecaz.hours import PARIS
from cecaz.lines_in_focus import focus_for_message, quoted_contacts
from cecaz.phrasing import Answer, Question
from cecaz.resolve import resolve
from cecaz.textnorm import has_question_word
from cecaz.verdicts import obligation_verdict
from cecaz.when import Moment

CAT = load_catalogue()
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)


def focus_after(intent: Optional[str], **subjects: Any) -> Focus:
    """Le focus laissé par la réponse à une première question (`intent` None : pas de question avant)."""
    if intent is None:
        return Focus()
    question = Question(intent, **{k: tuple(v) for k, v in subjects.items()})
    answered = compose(CAT, question, MONDAY_10)
    return after(Focus(), question, answered, regles=rules_in(CAT, answered))


def answer(focus: Focus, intent: str, text: str, **named: Any) -> str:
    resolution = resolve(CAT, Question(intent, **{k: tuple(v) for k, v in named.items()}), text, focus, MONDAY_10)
    assert resolution.question is not None
    body = compose(CAT, resolution.question, MONDAY_10).text
    return f"{resolution.lead}\n{body}" if resolution.lead else body


# (first question, follow-up intent, follow-up text, named subjects, facts expected, facts forbidden)
FOLLOW_UPS = [
    # a subject named alone: the previous question for it
    (("ask_phone", {"offres": ["payplug"]}), "inform_subject", "et sp+ ?", {"offres": ["sp_plus"]},
     ["09 69 37 80 30"], ["+33 1 76 34 01 55"]),
    (("ask_email", {"offres": ["payplug"]}), "inform_subject", "et celle pour sp+ ?", {"offres": ["sp_plus"]},
     ["assistance-spplus@natixis.com"], ["support@payplug.com"]),
    (("ask_phone", {"offres": ["payplug"], "services": ["support"]}), "inform_subject", "et l'équipe partenariat ?",
     {"services": ["partenariat"]}, ["07 57 95 38 07"], ["+33 1 76 34 01 55"]),
    # the generic service asked stays asked for the other offer: its assistance, not a team kept for leads
    (("ask_phone", {"offres": ["sp_plus"], "services": ["assistance"]}), "correct_subject",
     "non pardon je voulais dire payplug", {"offres": ["payplug"]}, ["+33 1 76 34 01 55"], ["07 57 95 38 07"]),
    (("ask_phone", {}), "ask_phone", "num de la hotline payplug", {"offres": ["payplug"], "services": ["assistance"]},
     ["+33 1 76 34 01 55"], ["07 57 95 38 07"]),
    (("ask_affiliation", {"cartes": ["amex"]}), "inform_subject", "et pour les chèques-vacances ?",
     {"cartes": ["ancv"]}, ["Chèques-vacances"], []),
    (("ask_contracts", {"offres": ["payplug"]}), "inform_subject", "et pour sp+ ?", {"offres": ["sp_plus"]},
     ["acquisition", "acceptation"], []),
    (("ask_phone", {"offres": ["sp_plus"]}), "inform_subject", "et MyGed ?", {"outils": ["myged"]},
     ["MyGed", "simulation"], ["09 69"]),
    # a question without a subject: the subject in focus (pronouns, ellipses)
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_phone", "et leur numéro ?", {},
     ["+33 1 76 34 01 55"], ["09 69 37 80 30"]),
    (("ask_phone", {"services": ["assistance_monetique"]}), "ask_is_open", "ils bossent le samedi ?", {},
     ["Oui", "du lundi au samedi"], []),
    (("ask_phone", {"offres": ["payplug"], "services": ["support"]}), "ask_is_open", "ils sont ouverts le samedi ?", {},
     ["Non", "du lundi au vendredi de 9h à 18h"], []),
    (("ask_role", {"roles": ["cif"]}), "ask_offer_definition", "il fait quoi concrètement ?", {},
     ["diagnostic des besoins"], ["Pour quelle offre"]),
    (("ask_offer_definition", {"offres": ["jpel"]}), "ask_pricing", "ça se tarife comment ?", {},
     ["SimulEasy"], ["Pour quelle offre"]),
    (("ask_phone", {"services": ["assistance_monetique"]}), "ask_email", "et leur mail ?", {},
     ["assistance-monetiquepro@natixis.com"], ["support@payplug.com"]),
    # an explicit subject always wins over the focus
    (("ask_phone", {"offres": ["payplug"]}), "ask_email", "et le mail de l'assistance monétique ?",
     {"services": ["assistance_monetique"]}, ["assistance-monetiquepro@natixis.com"], ["support@payplug.com"]),
    # corrections redo the previous question for the corrected subject
    (("ask_phone", {"offres": ["payplug"], "services": ["support"]}), "correct_subject", "non je voulais dire JPEL",
     {"offres": ["jpel"]}, ["D’accord, pour JePaieEnLigne", "09 69 37 80 30"], ["+33 1 76 34 01 55"]),
    (("ask_phone", {"offres": ["sp_plus"]}), "correct_subject", "je parlais du service client",
     {"services": ["service_clients"]}, ["08 10 00 47 24"], []),
    # yes/no questions: yes or no first
    (("ask_phone", {"offres": ["sp_plus"], "services": ["assistance_monetique"]}), "ask_audience",
     "je peux le donner au client ?", {}, ["Non", "à ne pas transmettre", "09 69 37 80 30"], []),
    (("ask_phone", {"offres": ["payplug"], "services": ["support"]}), "ask_audience",
     "c'est pour le client ou pour nous ?", {}, ["Pour les clients"], ["07 57 95 38 07"]),
    # why: the reason behind the previous answer, from the document
    (("ask_contracts", {"offres": ["payplug"]}), "ask_why", "pourquoi ?", {}, ["full service"], []),
    (("ask_vad", {}), "ask_why", "pourquoi ?", {}, ["impayé"], []),
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_why", "pourquoi pas SP+ ?", {"offres": ["sp_plus"]},
     ["si Payplug ne convient pas"], []),
    # « pourquoi pas comme pour Payplug ? » : Payplug's reason on the same aspect as the previous answer
    (("ask_contracts", {"offres": ["sp_plus"]}), "ask_why", "et pourquoi pas comme pour payplug ?",
     {"offres": ["payplug"]}, ["full service", "acquisition"], []),
    # « pourquoi pas la monétique pro ? » after the client lines: what each line is for
    (("ask_support", {"offres": ["jpel"]}), "ask_why", "pourquoi pas la monétique pro ?",
     {"services": ["assistance_monetique"]}, ["collaborateurs CECAZ", "à ne pas transmettre"], []),
    # « pourquoi ? » justifies what the previous question was about (the card), not a role also named
    (("ask_affiliation", {"cartes": ["amex"], "roles": ["cif"]}), "ask_why", "pourquoi c'est au client ?", {},
     ["organisme"], ["diagnostic des besoins"]),
    # the generic word « support » is the support of the offer in focus
    (("ask_offer_definition", {"offres": ["iz_ecommerce"]}), "ask_phone", "ils ont un num de support ?",
     {"services": ["support"]}, ["ne donne pas ses coordonnées"], ["+33 1 76 34 01 55"]),
    # a client asked about after an internal line: the client lines of the same offers
    (("ask_audience", {"services": ["assistance_monetique"]}), "ask_phone", "et le client il appelle quoi alors ?", {},
     ["09 69 37 80 30"], ["09 69 36 06 26"]),
    # « pourquoi lui et pas le réseau ? » after a who answer: what each of them does
    (("ask_role", {"roles": ["cif"]}), "ask_why", "pourquoi lui et pas le réseau ?", {"roles": ["reseau"]},
     ["CIF", "Réseau", "donne son accord"], []),
    # « on est obligés de faire une simu ? » : the reason of the simulation, not of the offer named before
    (("ask_simulator", {"offres": ["jpel"]}), "ask_why", "on est obligés de faire une simu ?", {},
     ["simulateur de rentabilité"], ["VAD"]),
    # a simulator for an offer that opens no contract: the offer negotiates its own prices
    (("ask_offer_definition", {"offres": ["sp_plus"]}), "ask_simulator", "je fais une simu simuleasy pour payplug ?",
     {"offres": ["payplug"], "outils": ["simuleasy"]}, ["négocie"], []),
    # a client e-mail for a service with no client e-mail: the offer's client lines that have one
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_email",
     "un commercant sp+ veut ecrire a l'assistance, je lui donne quelle adresse ?",
     {"offres": ["sp_plus"], "services": ["assistance"]}, ["assistance-spplus@natixis.com"], ["monetiquepro"]),
    # the price of a call to a named line is on its phone line, not the offer's pricing
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_pricing",
     "le service client sp+ il coute combien a appeler ?", {"offres": ["sp_plus"], "services": ["service_clients"]},
     ["0,06 €/min"], ["SimulEasy"]),
    # « c'est pour qui ? » after contact lines: who they are for
    (("ask_email", {"offres": ["sp_plus"], "services": ["assistance"]}), "inform_subject", "ok et c'est pour qui ?", {},
     ["Pour la CECAZ seulement"], []),
    # « pourquoi c'est pas le CIF ? » after the AMEX answer: the reason of that answer, not the CIF's
    (("ask_affiliation", {"cartes": ["amex"]}), "ask_why", "pourquoi c'est pas le cif ?", {"roles": ["cif"]},
     ["organisme"], ["diagnostic des besoins"]),
    # « c'est lui qui fait la tarif ? » after the ATC: the ATC's mission, and who prices
    (("ask_role", {"roles": ["atc"]}), "ask_role", "et c'est lui qui fait la tarif ?", {},
     ["CIF", "établit la tarification"], []),
    # a card named with a family that has nothing to say of cards: the family its words say
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_contracts", "contrat diners, je tarife avec quoi ?",
     {"cartes": ["dfs_diners"]}, ["SimulUPI"], ["Pour quelle offre"]),
    # « où ? » : where the thing of the previous answer is done or kept, whatever family DIET read
    (("ask_contracts", {"offres": ["sp_plus"]}), "ask_support", "ils se paramètrent où, ces contrats ?", {},
     ["OSC"], ["Pour quelle offre"]),
    (("ask_role", {"roles": ["cif"]}), "ask_role", "et ensuite la simulation, on la range où ?", {}, ["MyGed"], []),
    (("ask_delegation", {}), "ask_tool", "il se trouve ou ?", {}, ["page 3"], []),
    (("ask_phone", {"offres": ["payplug"]}), "ask_phone", "payplug ou sp+ ?", {"offres": ["payplug", "sp_plus"]},
     ["+33 1 76 34 01 55", "09 69 37 80 30"], ["MyGed"]),
    # a tool asked about for an offer: what the tool does for that offer (OSC: its contracts, or none)
    (("ask_tool", {"outils": ["osc"]}), "ask_offer_definition", "et pour un commerçant sous payplug, on y fait quoi ?",
     {"offres": ["payplug"]}, ["full service"], []),
    (("ask_tool", {"outils": ["osc"]}), "inform_subject", "et pour jpel ?", {"offres": ["jpel"]}, ["OSC"], []),
    (("ask_tool", {"outils": ["simulupi"]}), "inform_subject", "même question pour sp+", {"offres": ["sp_plus"]},
     ["SimulEasy"], []),
    # a long « pourquoi … ? » read as a question of the previous family: the reason of that answer; of another
    # aspect, DIET's family
    (("ask_pricing", {"offres": ["payplug"]}), "ask_pricing", "pk c'est pas la caisse qui decide du tarif la ?", {},
     ["négocient directement avec le client"], []),
    (("ask_pricing", {"offres": ["payplug"]}), "ask_funds", "pourquoi les virements arrivent chaque jour ?", {},
     ["virements quotidiens"], ["établit la tarification"]),
    # whom to call about a problem: the support lines, even when the words name another aspect
    ((None, {}), "ask_contracts", "le contrat jpel de mon commerçant bloque, je contacte qui ?", {"offres": ["jpel"]},
     ["09 69 37 80 30"], []),
    # a service named with a family that takes no subject: the service's line
    ((None, {}), "ask_choose_offer", "le 01 du support payplug c'est lequel ?", {"offres": ["payplug"],
     "services": ["support"]}, ["+33 1 76 34 01 55"], ["Par défaut"]),
    # who does a step named by its aspect words only (« la simu »): the role whose mission it is
    (("ask_simulation_filing", {}), "ask_simulator", "et la simulation, qui s'en charge ?", {}, ["CIF"], []),
    # why after SP+'s contracts: the document sets SP+ against Payplug's « full service »
    (("ask_contracts", {"offres": ["sp_plus"]}), "ask_why", "pourquoi ?", {}, ["full service", "OSC"], []),
    # an audience alone after a line: the same question for that audience; a named line « je peux le donner ? »
    (("ask_phone", {"offres": ["jpel"]}), "ask_audience", "et pour nous en interne ?", {},
     ["09 69 36 06 26"], []),
    (("ask_email", {"offres": ["payplug"], "services": ["support"]}), "ask_email",
     "et celui du partenariat je peux le donner aussi ?", {"services": ["partenariat"]}, ["Non"], []),
    # a card in focus: its pricing (negotiated with the network when the client is affiliated directly)
    (("ask_affiliation", {"cartes": ["amex"]}), "ask_pricing", "et c'est qui qui fixe les frais ?", {},
     ["négociées directement"], ["SimulEasy"]),
    (("ask_affiliation", {"cartes": ["upi"]}), "ask_pricing", "ça se tarife comment ?", {}, ["SimulUPI"], []),
    # « ce numéro » after a card's affiliation: the affiliation number (no line for a card network)
    (("ask_affiliation", {"cartes": ["amex"]}), "ask_phone", "ça sert à quoi ce numéro ?", {}, ["TPE"], []),
    # « quel intérêt ? » after an offer: the reason the document gives for it
    (("ask_offer_definition", {"offres": ["jpel"]}), "ask_why", "quel intérêt ?", {}, ["sécurité"], []),
    # a coordinate DIET guessed but no word says (« celui… c'était lequel ? »): the whole line
    (("ask_hours", {"services": ["assistance_monetique"]}), "ask_email",
     "et celui de l'assistance jpel c'était lequel déjà ?", {"offres": ["jpel"], "services": ["assistance"]},
     ["09 69 37 80 30"], []),
    # which line for a public, after lines: client-facing only, or the internal one first
    (("ask_phone", {"offres": ["sp_plus"]}), "ask_phone", "donc je file lequel au commerçant ?", {},
     ["09 69 37 80 30"], ["09 69 36 06 26"]),
    (("ask_phone", {"offres": ["sp_plus"]}), "ask_phone", "et pour moi en interne ?", {}, ["09 69 36 06 26"], []),
    (None, "ask_audience", "c’est quoi notre ligne interne pour sp+ ?", {"offres": ["sp_plus"]},
     ["09 69 36 06 26"], []),
    (("ask_phone", {"services": ["assistance_monetique"]}), "ask_contracts",
     "alors je lui donne quoi pour son contrat sp+ ?", {"offres": ["sp_plus"]}, ["09 69 37 80 30"],
     ["09 69 36 06 26"]),
    # « il s'occupe aussi du pricing ? » after the ATC: no, the roles whose mission it is
    (("ask_role", {"roles": ["atc"]}), "ask_open_services", "il s'occupe aussi du pricing après ?", {},
     ["Non", "CIF"], []),
    # « et qui décide ? » : the one role whose mission has that word
    (("ask_role", {"roles": ["atc"]}), "inform_subject", "et qui décide alors ?", {}, ["Réseau"], []),
    # the frequency of the payouts
    (("ask_funds", {"offres": ["payplug"]}), "ask_pricing", "c'est tous les combien ?", {}, ["quotidiens"], []),
    # a card has no line: the previous question for that card, or what the document says of the card
    (("ask_simulator", {"cartes": ["standard"]}), "ask_email", "et pour les diners c'était lequel déjà ?",
     {"cartes": ["dfs_diners"]}, ["SimulUPI"], []),
    (None, "ask_audience", "pour l'amex, l'organisme donne quoi au commerçant ?", {"cartes": ["amex"]},
     ["affiliation"], []),
    # « je dois passer par un CIF ? » : what that role does
    (None, "ask_offer_definition", "pour vendre payplug a un client je dois passer par un cif ?",
     {"offres": ["payplug"], "roles": ["cif"]}, ["commercialisation"], []),
    # « il sert aussi pour un client Payplug ? » after OSC: what the tool does for that offer
    (("ask_tool", {"outils": ["osc"]}), "ask_support", "il sert aussi pour un client payplug ?",
     {"offres": ["payplug"]}, ["full service"], []),
    # the public alone, with a coordinate word: that coordinate, for that public
    (("ask_phone", {"offres": ["sp_plus"]}), "ask_audience", "et le mail de cette ligne interne ?", {},
     ["assistance-monetiquepro@natixis.com"], []),
    # the price of a call: yes or no first, from the line's surcharge
    (("ask_phone", {"offres": ["sp_plus"], "services": ["service_clients"]}), "ask_is_open", "il est gratuit ?", {},
     ["Non", "0,06"], []),
    (("ask_email", {"offres": ["sp_plus"]}), "ask_pricing", "et le service clients c’est payant pour lui ?",
     {"services": ["service_clients"]}, ["Oui", "0,06"], []),
    # a staff member may use a line the document reserves to staff
    (("ask_phone", {"services": ["assistance_monetique"]}), "ask_email", "et moi je peux leur écrire ?", {},
     ["Oui", "assistance-monetiquepro@natixis.com"], []),
    # the staff's line on Saturday, after the client's line (« on a qui » is not « à qui »)
    (("ask_phone", {"offres": ["jpel"]}), "ask_is_open", "et nous on a qui le samedi ?", {}, ["09 69 36 06 26"], []),
    # « pourquoi pas le réseau ? » after the CIF and the network: what each does
    (("ask_role", {"roles": ["cif", "reseau"]}), "ask_why", "pourquoi pas le réseau directement ?",
     {"roles": ["reseau"]}, ["accord"], []),
    # a named offer in a plain why is not a comparison: the same reason, for that offer
    (("ask_pricing", {"offres": ["payplug"]}), "ask_why", "et pour jpel pourquoi il en faut une ?",
     {"offres": ["jpel"]}, ["contrat d’acquisition"], []),
    # an offer and a simulator: the offer's pricing says whether one is used
    (None, "ask_simulator", "pour payplug faut faire une simu simuleasy ?",
     {"offres": ["payplug"], "outils": ["simuleasy"]}, ["négocie directement"], []),
    # « passer par » + a role: that role; « passer par un simulateur » is not a role question
    (None, "ask_simulator", "pour un contrat jpel le cif doit passer par un simulateur ?",
     {"offres": ["jpel"], "roles": ["cif"]}, ["SimulEasy"], []),
    # which line for a public, whatever DIET read, after lines
    (("ask_phone", {"offres": ["sp_plus"]}), "ask_choose_offer", "donc je file lequel au commerçant ?", {},
     ["09 69 37 80 30"], ["09 69 36 06 26"]),
    # « qui le vend ? » read as a line's public: the role that sells it
    (("ask_offer_definition", {"offres": ["sp_plus"]}), "ask_audience", "et c'est qui qui le vend au client ?", {},
     ["CIF"], []),
    # the simulation asked for an offer named with its contract
    (("ask_pricing", {"offres": ["payplug"]}), "ask_contracts", "et pour un contrat jpel, faut une simu ?",
     {"offres": ["jpel"]}, ["SimulEasy"], []),
    # an offer named with its contract and nothing else asked: the previous question for it
    (("ask_pricing", {"offres": ["payplug"]}), "ask_contracts", "et pour un contrat sp+ ?",
     {"offres": ["sp_plus"]}, ["simulateur"], ["Payplug négocie"]),
    # « c'est eux aussi ? » on the payment pages of a site whose pages are another offer's
    (("ask_support", {"offres": ["iz_ecommerce"]}), "inform_subject", "et la page de paiement, c'est eux aussi ?",
     {}, ["Non", "Payplug"], []),
    # « agence » says who asks (the reading drops it: `actions.tracker_reading`), not what the line is for
    (("ask_phone", {"offres": ["jpel"]}), "ask_phone", "et nous côté agence on appelle qui ?", {},
     ["09 69 36 06 26"], []),
    # « nous en agence » is who asks (the staff), not the network as the subject
    (("ask_support", {"offres": ["payplug"]}), "ask_support",
     "et nous en agence pour une question sur la distribution du produit ?", {},
     ["07 57 95 38 07"], ["réseau :"]),
    # what one uses for a card: its simulator, whatever the words around it (a contract, the verb)
    (("ask_simulator", {"cartes": ["upi"]}), "ask_pricing", "et pour des cartes cb normales on prend quoi ?",
     {"cartes": ["standard"]}, ["SimulEasy"], []),
    # a card with no aspect in its words, after a simulator (kept through « qui s'en sert ? »): its simulator
    (("ask_role", {"roles": ["cif"], "outils": ["simulupi"]}), "ask_contracts",
     "et celui pour les contrats standards il s'appelle comment ?", {"cartes": ["standard"]}, ["SimulEasy"], []),
    # « on le conseille ? » after the VAD contract, read as a subject alone: no, then the same answer
    (("ask_vad", {"offres": ["vad"]}), "inform_subject", "et ca on le conseille ?", {}, ["Non.", "impayé"], []),
    # a card read with a family that is not about cards: the aspect its words name
    (("ask_role", {"roles": ["cif"]}), "ask_offers_overview", "et pour des cartes cb normales on prend quoi ?",
     {"cartes": ["standard"]}, ["SimulEasy"], ["Payplug"]),
    (("ask_pricing", {}), "ask_contracts", "et pour le contrat d’acquisition standard il utilise quoi ?",
     {"cartes": ["standard"]}, ["Pour cartes « standards » : SimulEasy."], []),
    # « où ? » after the pricing, read as a subject alone: where the simulation goes
    (("ask_pricing", {"offres": ["jpel"]}), "inform_subject", "et ça va où après ?", {}, ["MyGed"], []),
    # the reason of the rule the answer stated, named by a pronoun
    (("ask_pricing", {"offres": ["jpel"]}), "ask_why", "pourquoi faut le respecter ?", {},
     ["schéma délégataire", "ne donne pas la raison"], []),
    # which offer the previous answer was about
    (("ask_contracts", {"offres": ["payplug"]}), "inform_subject", "ça concerne quelle offre ?", {},
     ["Payplug :", "clé en main"], []),
    (("ask_funds", {"offres": ["sp_plus"]}), "inform_subject", "c'est pour quelle offre ça ?", {}, ["SP+ :"], []),
    # a closed question read as a why by DIET (« forcément ») with nothing before: yes or no first
    (None, "ask_why", "il faut forcément un site pour jpel ?", {"offres": ["jpel"]}, ["Non"], []),
    (None, "ask_why", "c'est obligatoire d'avoir un site pour sp+ ?", {"offres": ["sp_plus"]}, ["Oui"], []),
    # the line in focus by a pronoun, for a client of an offer: that line's public, then that offer's client lines
    (("ask_email", {"services": ["assistance_monetique"]}), "ask_audience", "ça je le transmets à un commerçant sp+ ?",
     {"offres": ["sp_plus"]}, ["Non, réservé", "À donner au client", "08 10 00 47 24"], ["+33 1 76 34 01 55"]),
    (("ask_phone", {"offres": ["payplug"], "services": ["support"]}), "ask_audience",
     "ce numéro je peux le donner à mon client payplug ?", {"offres": ["payplug"]}, ["Oui", "+33 1 76 34 01 55"],
     ["07 57 95 38 07"]),
    # another role asked to do what the role in focus does, by a pro-verb: no, and what each one does
    (("ask_role", {"roles": ["cif"]}), "ask_role", "et le réseau il peut s'en charger ?", {"roles": ["reseau"]},
     ["Non", "CIF", "OSC"], []),
    # « à la place » after the VAD contract, whatever DIET read: what the CECAZ proposes instead (JPEL)
    (("ask_vad", {"offres": ["vad"]}), "ask_open_services", "ok et on lui met quoi a la place ?", {},
     ["JePaieEnLigne"], ["Tout part du diagnostic"]),
    # « et si c'est un client payplug ? » : Payplug is the client's offer (the subject), not who does the support
    (("ask_support", {"offres": ["jpel"]}), "inform_subject", "et si c’est un client payplug ?",
     {"offres": ["payplug"]}, ["+33 1 76 34 01 55"], ["09 69 37 80 30"]),
]


@pytest.mark.parametrize(("first_text", "first_named", "then", "named", "lead", "present"), [
    ("le support payplug, c pour le client ou pour nous ?", {"offres": ("payplug",), "services": ("support",)},
     "et l'équipe partenariat ?", {"services": ("partenariat",)}, "Pour la CECAZ seulement", "+33 1 76 34 01 55"),
    ("je peux donner le num du support payplug au client ?", {"offres": ("payplug",), "services": ("support",)},
     "et l'équipe partenariat ?", {"services": ("partenariat",)}, "Non", "+33 1 76 34 01 55"),
    ("l'assistance monétique pro c'est pour qui ?", {"services": ("assistance_monetique",)},
     "et le service client sp+ ?", {"offres": ("sp_plus",), "services": ("service_clients",)}, "Pour les clients",
     "08 10 00 47 24"),
])
def test_a_subject_alone_after_a_public_question_asks_its_public(first_text, first_named, then, named, lead, present):
    first = resolve(CAT, Question("ask_audience", **first_named), first_text, Focus(), MONDAY_10).question
    assert first is not None
    focus = after(Focus(), first, compose(CAT, first, MONDAY_10))
    assert Focus.from_slot(focus.to_slot(), CAT) == focus
    reply = answer(focus, "inform_subject", then, **named)
    assert reply.startswith(lead) and present in reply, reply


@pytest.mark.parametrize(("first", "intent", "text", "named", "expected", "forbidden"), FOLLOW_UPS,
                         ids=[f"{f[0][0] if f[0] else None}-{f[2]}" for f in FOLLOW_UPS])
def test_follow_up_resolves_against_the_focus(first, intent, text, named, expected, forbidden):
    reply = answer(focus_after(first[0], **first[1]) if first else focus_after(None), intent, text, **named)
    assert [e for e in expected if e not in reply] == [], reply
    assert [f for f in forbidden if f in reply] == [], reply
    if expected[0] in ("Oui", "Non"):
        assert reply.startswith(expected[0]), reply


@pytest.mark.parametrize(("text", "trouble"), [
    ("le contrat jpel de mon commerçant bloque, je contacte qui ?", True),
    ("paiement en panne chez mon client, j'appelle quel numéro ?", True),
    ("qui je dois appeler pour ouvrir sp+ ?", False),  # an action to carry out, not a problem
    ("mon client a un souci avec son contrat", False),  # nobody to call asked
])
def test_asks_whom_to_call_for_trouble(text, trouble):
    assert asks_whom_to_call_for_trouble(text) is trouble


def test_where_to_file_the_simulation_without_focus():
    assert "MyGed" in answer(Focus(), "ask_simulator", "une fois ma simu de rentabilité terminée, je la dépose où ?")


@pytest.mark.parametrize("text", [
    "Avant de faire signer, le CIF doit passer par une simulation pour un contrat SP+ ?",
    "avant la signature le cif doit faire une simu pour le contrat sp+",
])
def test_whether_the_role_who_makes_it_makes_a_simulation_is_whether_one_is_made(text: str):
    reply = answer(Focus(), "ask_contracts", text, offres=["sp_plus"], roles=["cif"])
    assert reply.startswith("Oui") and "SimulEasy" in reply, reply


def test_a_tool_named_in_the_moment_before_the_question_only_says_when():
    # « dans OSC » says when (once set up there); the question is who assists, for SP+
    reply = answer(Focus(), "ask_open_services", "Dès que la boutique SP+ est paramétrée dans OSC, qui fait "
                   "l'assistance ?", offres=["sp_plus"], outils=["osc"])
    assert "assurée par BPCE" in reply and "09 69 37 80 30" in reply


def test_a_tool_named_with_an_offer_says_what_it_does_for_that_offer():
    reply = answer(Focus(), "ask_tool", "osc, on y règle quoi pour sp+ ?", outils=["osc"], offres=["sp_plus"])
    assert "OSC" in reply and "acquisition" in reply and "SimulEasy" not in reply


def test_subject_alone_without_focus_is_presented():
    assert "clé en main" in answer(Focus(), "inform_subject", "payplug", offres=["payplug"])


def test_correction_without_a_subject_asks_what_it_is_about():
    resolution = resolve(CAT, Question("correct_subject"), "non c'est pas ça", Focus(intent="ask_phone"), MONDAY_10)
    assert resolution.question is None


def test_why_without_anything_before_says_so():
    assert "rien affirmé" in answer(Focus(), "ask_why", "pourquoi ?")


def test_why_not_after_a_recommendation_uses_the_client_facts():
    focus = after_recommendation("payplug", {"site": "oui", "payplug": "oui", "moyens": []}, "payplug",
                                 ("payplug_support",))
    reply = answer(focus, "ask_why", "pourquoi pas SP+ ?", offres=["sp_plus"])
    assert "quand Payplug ne convient pas" in reply and "la solution clé en main Payplug lui convient" in reply


def test_why_about_a_tool_after_a_recommendation_gives_the_reason_of_the_tool():
    """« pourquoi SimulEasy ? » après une recommandation : la famille du focus (« recommendation ») n'est
    pas une famille de questions ; la raison porte sur l'outil nommé (KeyError auparavant)."""
    focus = after_recommendation("sp_plus", {"site": "oui", "payplug": "non", "moyens": []}, "sp_plus", ())
    resolution = resolve(CAT, Question("ask_why", outils=("simuleasy",)), "pourquoi SimulEasy ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.about == "ask_tool"


@pytest.mark.parametrize("text", ["et qui le vend au client ?", "c'est qui qui le commercialise alors ?"])
def test_who_sells_it_after_a_recommendation_is_the_role_that_sells(text):
    focus = after_recommendation("jpel", {"site": "non", "creer_site": "non", "moyens": []}, "jpel", ())
    resolution = resolve(CAT, Question("inform_subject"), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.roles == ("cif",)


def test_focus_survives_the_slot_round_trip_and_forgets_unknown_ids():
    focus = focus_after("ask_phone", offres=["payplug"])
    slot: Dict[str, Optional[Any]] = focus.to_slot()
    assert Focus.from_slot(slot, CAT) == focus
    assert Focus.from_slot({**slot, "offres": ["disparue"]}, CAT).offres == ()
    assert Focus.from_slot("n'importe quoi", CAT) == Focus()


def test_a_justification_keeps_the_focus():
    focus = focus_after("ask_contracts", offres=["payplug"])
    why = Question("ask_why", offres=("payplug",), about="ask_contracts")
    assert after(focus, why, compose(CAT, why, MONDAY_10)) == focus


@pytest.mark.parametrize(("text", "elliptical"), [
    ("et pour des cb classiques ?", True), ("pareil pour jpel", True), ("et l'amex ?", True),
    ("pour un client sans site on peut faire un contrat vad ?", False), ("numéro payplug", False),
])
def test_is_elliptical(text, elliptical):
    assert is_elliptical(text) == elliptical


@pytest.mark.parametrize(("text", "correcting"), [
    ("oups, l'équipe partenariat", True), ("je me suis gouré : SimulUPI", True), ("plutôt l'ATC", True),
    ("c'était pour jpel", True), ("quel est le numéro de payplug ?", False), ("et pour sp+ ?", False),
    ("non " + "vraiment " * 12, False), ("ah non, les chèques-vacances", True), ("c'est pour l'ancv en fait", True),
    ("en fait c'est quoi jpel au juste ?", True), ("il a fait quoi ?", False),
])
def test_is_correcting(text, correcting):
    assert is_correcting(text) == correcting


def test_who_does_a_step_is_read_from_the_roles_missions():
    assert roles_doing(CAT, "qui fait le diagnostic des besoins du client ?") == ("cif",)
    assert "CIF" in answer(Focus(), "ask_role", "qui fait le diagnostic des besoins du client ?").splitlines()[0]


def test_can_i_give_it_read_as_a_phone_question_is_a_yes_no_on_the_audience():
    focus = focus_after("ask_phone", offres=["payplug"], services=["partenariat"])
    assert answer(focus, "ask_phone", "je peux lui donner ce numéro ?").startswith("Non")


RANKING = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_is_open", "confidence": 0.41},
           {"name": "ask_hours", "confidence": 0.3}]


def test_a_pronoun_follow_up_without_aspect_repeats_the_question_on_the_same_subject():
    focus = focus_after("ask_affiliation", cartes=["amex"])
    unsure = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "inform_subject", "confidence": 0.3}]
    assert follow_up_guess("et ils lui donnent quoi ?", unsure, focus) == "ask_affiliation"
    assert "numéro d’affilié" in answer(focus, "inform_subject", "et ils lui donnent quoi ?")
    # DIET sure of another reading, or no personal pronoun: no repetition
    assert follow_up_guess("et ça donne quoi ?", unsure, focus) is None
    assert follow_up_guess("et ils lui donnent quoi ?", [], focus) is None


def test_a_correction_or_a_repeat_of_the_aspect_is_read_against_the_focus():
    focus = focus_after("ask_phone", offres=["sp_plus"], services=["service_clients"])
    unsure = [{"name": "nlu_fallback", "confidence": 0.45}]
    assert follow_up_guess("pardon, le mail", unsure, focus) == "ask_email"
    assert follow_up_guess("tu me redonnes l'adresse ?", unsure, focus) == "ask_email"
    assert "assistance-spplus@natixis.com" in answer(focus, "ask_email", "pardon, le mail")


def test_what_an_offer_requires_is_asked_of_its_presentation():
    focus = focus_after("ask_offer_definition", offres=["jpel"])
    unsure = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "inform_has_site", "confidence": 0.2}]
    assert follow_up_guess("et il faut un site pour ça ?", unsure, focus) == "ask_offer_definition"


def test_who_question_makes_the_answers_roles_the_focus_for_why_him():
    question = Question("ask_choose_offer")
    reply = compose(CAT, question, MONDAY_10)
    who = who_answered(CAT, "au final c'est qui qui tranche ?", question, reply)
    assert who == ("cif",)
    assert who_answered(CAT, "payplug ou sp+ ?", question, reply) == ()
    focus = after(Focus(), question, reply, who)
    assert "diagnostic des besoins" in answer(focus, "ask_why", "pourquoi lui ?")


def test_why_him_and_not_another_role_justifies_the_role_of_the_previous_answer():
    question = Question("ask_open_services", offres=("jpel",), outils=("osc",))
    reply = compose(CAT, question, MONDAY_10)
    focus = after(Focus(), question, reply, who_answered(CAT, "qui fait le paramétrage osc ?", question, reply))
    text = answer(focus, "ask_why", "pourquoi lui et pas l'atc ?", roles=["atc"])
    assert "CIF" in text and "paramètre OSC" in text


@pytest.mark.parametrize(("tool", "roles"), [("osc", ["CIF"]), ("schema_delegataire", ["CIF"]),
                                             ("monexpert", ["ATC"])])
def test_who_of_a_tool_no_mission_names_is_read_from_what_it_governs(tool: str, roles: list) -> None:
    text = answer(focus_after("ask_tool", outils=[tool]), "ask_role", "c'est qui qui doit le respecter ?")
    assert [r for r in roles if r not in text] == [], text


def test_who_after_an_answer_that_names_a_role_is_that_role():
    question = Question("ask_pricing", offres=("jpel",))
    reply = compose(CAT, question, MONDAY_10)
    focus = after(Focus(), question, reply, (), roles_in(CAT, reply))
    assert focus.acteurs[0] == "cif" and Focus.from_slot(focus.to_slot(), CAT) == focus
    assert "diagnostic des besoins" in answer(focus, "ask_support", "et qui s'en occupe ?")
    assert "CIF" in answer(focus, "ask_why", "pourquoi c'est pas l'atc ?", roles=["atc"])
    # a contact question keeps its lines: « qui s'en occupe ? » after a phone number is the support
    contacts = focus_after("ask_phone", offres=["payplug"], services=["support"])
    assert "+33 1 76 34 01 55" in answer(contacts, "ask_support", "et qui s'en occupe ?")


def test_who_uses_a_tool_asked_without_naming_it():
    text = answer(focus_after("ask_tool", outils=["simulupi"]), "inform_subject", "et qui l'utilise ?")
    assert "CIF" in text


def test_where_is_a_document_is_its_presentation():
    focus = focus_after("ask_tool", outils=["schema_delegataire"])
    unsure = [{"name": "nlu_fallback", "confidence": 0.45}]
    assert follow_up_guess("on le trouve où ?", unsure, focus) == "ask_tool"
    assert "page 3" in answer(focus, "ask_tool", "on le trouve où ?")


@pytest.mark.parametrize(("text", "among", "expected"), [
    ("le +33 1 76 34 01 55 c’est quelle équipe ?", (), ("payplug_support",)),
    ("et le 09.69.36.06.26 je peux lui donner ?", (), ("assistance_monetique_pro",)),
    ("pourquoi pas assistance-monetiquepro@natixis.com ?", (), ("assistance_monetique_pro",)),
    ("celui en 07 il sert à quoi ?", ("payplug_support", "payplug_partenariat"), ("payplug_partenariat",)),
    ("le 09 c'est lequel ?", (), ()),  # several lines start with 09: none is named
    ("le numéro de payplug", (), ()),
])
def test_lines_quoted_by_number_or_email(text: str, among: tuple, expected: tuple) -> None:
    assert quoted_contacts(CAT, text, among) == expected


def test_a_quoted_line_is_what_the_message_is_about():
    asked = "et le 09 69 36 06 26 je peux lui donner ?"
    focus = focus_for_message(CAT, asked, focus_after("ask_phone", offres=["jpel"]))
    assert focus.contacts == ("assistance_monetique_pro",)
    assert answer(focus, "ask_audience", asked).startswith("Non")
    assert "0,06 €/min" in answer(focus_for_message(CAT, "le 08 10 00 47 24 ?", Focus()), "ask_pricing",
                                  "il coûte combien ?")


def test_a_yes_no_on_a_day_is_asked_again_for_the_next_line():
    question = Question("ask_is_open", services=("assistance_monetique",), moment=Moment((5,)))
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10))
    assert Focus.from_slot(focus.to_slot(), CAT) == focus
    reply = answer(focus, "inform_subject", "et le support payplug ?", offres=["payplug"], services=["support"])
    assert reply.startswith("Non") and "samedi" in reply, reply


def test_a_line_asked_for_the_client_stays_for_the_client_on_the_next_offer():
    question = Question("ask_email", offres=("sp_plus",), audience="client")
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10))
    assert Focus.from_slot(focus.to_slot(), CAT) == focus
    reply = answer(focus, "inform_subject", "et pour payplug ?", offres=["payplug"])
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply, reply


def test_the_other_line_is_the_offers_other_line():
    focus = focus_after("ask_phone", offres=["payplug"], services=["partenariat"])
    assert focus.contacts == ("payplug_partenariat",)
    reply = answer(focus, "correct_subject", "pas celui-là, l’autre")
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply, reply


def test_support_without_offer_nor_focus_asks_which_offer():
    resolution = resolve(CAT, Question("ask_support", services=("support",)), "qui assure le support pour…", Focus(),
                         MONDAY_10)
    assert resolution.question is not None and resolution.question.services == ("support",)
    assert "Pour quelle offre" in compose(CAT, resolution.question, MONDAY_10).text
    kept = resolve(CAT, Question("ask_phone", services=("support",)), "le numéro de l'équipe support", Focus(),
                   MONDAY_10)
    assert kept.question is not None and kept.question.services == ("support",)
    assert "+33 1 76 34 01 55" in compose(CAT, kept.question, MONDAY_10).text


def test_the_offer_chosen_for_a_generic_service_keeps_the_service():
    # « c'est quoi le mail du support de » : typing « payplug » (a button's title) must still ask the support's mail.
    resolution = resolve(CAT, Question("ask_email", services=("support",)), "c'est quoi le mail du support de",
                         Focus(), MONDAY_10)
    assert resolution.question is not None
    asked = compose(CAT, resolution.question, MONDAY_10)
    assert "Pour quelle offre" in asked.text
    focus = after(Focus(), resolution.question, asked)
    reply = answer(focus, "ask_email", '/ask_email{"offer":"payplug"}', offres=["payplug"])
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply, reply


def test_hesitant_follow_up_referring_back_uses_diet_best_family():
    focus = focus_after("ask_phone", services=["assistance_monetique"])
    assert follow_up_guess("ils le font aussi le samedi ?", RANKING, focus) == "ask_is_open"


@pytest.mark.parametrize(("text", "focus", "ranking"), [
    ("ils le font aussi le samedi ?", Focus(), RANKING),  # nothing to refer back to
    ("horaires de la boulangerie", focus_after("ask_phone", offres=["payplug"]), RANKING),  # no back-reference
    ("ils le font le samedi ?", focus_after("ask_phone", offres=["payplug"]),
     [{"name": "ask_is_open", "confidence": 0.2}]),  # too unsure, and no word says the aspect
    ("et lui il fait quoi ?", focus_after("ask_tool", outils=["myged"]), [{"name": "ask_phone", "confidence": 0.5}]),
])
def test_no_guess(text, focus, ranking):
    assert follow_up_guess(text, ranking, focus) is None


def test_trouble_with_the_payment_page_of_a_site_whose_pages_are_another_offers_goes_to_that_support():
    reply = answer(focus_after("ask_support", offres=["iz_ecommerce"]), "ask_support",
                   "et si le souci vient de la page de paiement ?")
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply and reply.startswith("Les pages de paiement")


def test_a_notion_of_one_offer_names_that_offer():
    assert "acquisition et l’acceptation" in answer(Focus(), "ask_contracts", "c'est quoi le full service ?")
    assert answer(focus_after("ask_phone", offres=["payplug"]), "ask_offer_definition",
                  "et l'offre la plus modulaire c'est laquelle ?").startswith("SP+")


def test_after_a_line_kept_from_the_client_his_own_number_is_asked_with_a_pronoun():
    staff = focus_after("ask_is_open", offres=["jpel"], services=["assistance_monetique"])
    resolution = resolve(CAT, Question("ask_audience"), "et mon client il peut les appeler aussi ?", staff, MONDAY_10)
    assert resolution.question is not None
    told = after(staff, resolution.question, compose(CAT, resolution.question, MONDAY_10))
    his = answer(told, "ask_phone", "ok il a quoi comme num lui alors ?")
    assert "09 69 37 80 30" in his and "09 69 36 06 26" not in his


def test_does_the_previous_line_work_for_another_offer_is_yes_or_no_then_its_lines():
    lines = focus_after("ask_support", offres=["sp_plus"])
    payplug = answer(lines, "inform_subject", "et pour un client payplug ça marche aussi ?", offres=["payplug"])
    assert payplug.startswith("Non.") and "+33 1 76 34 01 55" in payplug and "09 69 37 80 30" not in payplug
    assert answer(lines, "inform_subject", "et pour jpel c'est valable aussi ?", offres=["jpel"]).startswith("Oui.")
    assert answer(lines, "inform_subject", "c’est eux aussi pour jpel ?", offres=["jpel"]).startswith("Oui.")
    assert not answer(lines, "inform_subject", "et pour payplug ?", offres=["payplug"]).startswith("Non")


def test_either_or_audience_question_is_answered_by_who_not_yes():
    focus = focus_after("ask_phone", offres=["sp_plus"], services=["assistance_monetique"])
    assert answer(focus, "ask_audience", "c'est pour le client ou pour nous ?").startswith("Pour la CECAZ seulement")
    assert answer(focus, "ask_audience", "je peux le donner au client ?").startswith("Non")
    assert answer(focus, "ask_audience", "ça je le file au client ou pas ?").startswith("Non")
    # « Pour les clients et la CECAZ : » in the document: a client line serves both.
    both = answer(focus_after("ask_phone", offres=["jpel"]), "ask_audience", "c'est pour les clients ou pour nous ?")
    assert both.startswith("Pour les clients et pour la CECAZ : Assistance SP+ et JPEL")
    line = compose(CAT, Question("ask_audience", contacts=("assistance_spplus_jpel",), either_or=True), MONDAY_10)
    assert line.text.startswith("Pour les clients et pour la CECAZ : Assistance SP+ et JPEL")


def test_why_after_a_recommendation_gives_the_offers_own_reason_too():
    focus = after_recommendation("jpel", {"site": "non", "creer_site": "non", "moyens": []}, "jpel", ())
    assert "impayé" in answer(focus, "ask_why", "et pourquoi ça ?")


@pytest.mark.parametrize(("family", "text", "rule"), [
    ("ask_simulation_filing", "pourquoi là ?", "MyGed"),
    ("ask_delegation", "pourquoi faut le suivre ?", "schéma délégataire"),
])
def test_why_after_a_rule_without_a_named_tool_names_the_rule_and_says_the_document_gives_no_reason(
        family, text, rule):
    answered = answer(focus_after(family), "ask_why", text)
    assert rule in answered and "raison" in answered and "CIF" in answered


@pytest.mark.parametrize(("text", "named", "only"), [
    ("et celui du partenariat bpce ?", {"services": ("partenariat",), "offres": ("payplug",)}, True),
    ("et pour SP+ ?", {"offres": ("sp_plus",)}, True),
    ("et le mail de SP+ ?", {"offres": ("sp_plus",)}, False),
    ("SP+ c'est quoi ?", {"offres": ("sp_plus",)}, False),
])
def test_only_names_subjects(text, named, only):
    from cecaz.focus import only_names_subjects
    assert only_names_subjects(CAT, text, named) is only


def test_a_bare_subject_follow_up_keeps_the_previous_question_whatever_diet_says():
    focus = focus_after("ask_phone", services=["assistance_monetique"])
    text = answer(focus, "ask_email", "et celui du partenariat bpce ?", services=["partenariat"])
    assert "07 57 95 38 07" in text


def test_a_bare_aspect_follow_up_without_subject_is_asked_for_the_focus():
    focus = focus_after("ask_is_open", services=["assistance_monetique"])
    assert "assistance-monetiquepro@natixis.com" in answer(focus, "inform_subject", "et leur adresse ?")


def test_their_client_service_is_the_one_of_the_offer_in_focus():
    focus = focus_after("ask_funds", offres=["payplug"])
    text = answer(focus, "inform_subject", "et leur service client ?", services=["service_clients"])
    assert "+33 1 76 34 01 55" in text and "08 10 00 47 24" not in text


def test_a_correction_read_as_another_question_redoes_the_previous_one():
    focus = focus_after("ask_phone", offres=["payplug"], services=["partenariat"])
    text = answer(focus, "ask_is_open", "en fait je cherchais le support", services=["support"])
    assert text.startswith("D’accord, pour") and "+33 1 76 34 01 55" in text


def test_lines_asked_about_first_in_an_audience_question_become_the_focus():
    question = Question("ask_audience", services=("assistance_monetique",))
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10))
    assert "18h" in answer(focus, "ask_hours", "et eux ils ferment à quelle heure ?")


def test_for_whom_is_answered_by_who():
    assert answer(Focus(), "ask_audience", "l'assistance monétique pro c'est pour qui ?",
                  services=["assistance_monetique"]).startswith("Pour la CECAZ seulement")


@pytest.mark.parametrize(("intent", "text", "shown"), [
    ("ask_simulation_filing", "où on dépose la simulation ?", "MyGed"),
    ("ask_delegation", "et la dérogation, elle se valide comment ?", "délégataire"),
])
def test_a_question_whose_answer_depends_on_no_subject_is_not_bent_towards_the_focus(intent, text, shown):
    focus = focus_after("ask_pricing", cartes=("amex",))
    resolution = resolve(CAT, Question(intent), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == intent
    assert resolution.question.cartes == ()
    assert shown in answer(focus, intent, text)


@pytest.mark.parametrize(("intent", "text", "named", "expected"), [
    # DIET reads a contact family, but no word of contact is there: the aspect words say the question
    ("ask_support", "le commerçant prend Payplug, qui signe avec lui ?", {"offres": ["payplug"]}, "ask_contracts"),
    ("ask_phone", "pour JPEL l'argent tombe sur quel compte ?", {"offres": ["jpel"]}, "ask_funds"),
    # a word of contact keeps the contact family
    ("ask_support", "mon client SP+ a un souci de virement, qui contacter ?", {"offres": ["sp_plus"]}, "ask_support"),
    ("ask_phone", "le numéro pour un souci de contrat JPEL ?", {"offres": ["jpel"]}, "ask_phone"),
])
def test_a_contact_family_without_a_word_of_contact_gives_way_to_the_aspect(intent, text, named, expected):
    resolution = resolve(CAT, Question(intent, **{k: tuple(v) for k, v in named.items()}), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == expected


@pytest.mark.parametrize(("intent", "text", "named", "expected"), [
    # whom the line serves, asked of a line named, read as its phone or e-mail
    ("ask_phone", "le 0969 de la monétique pro, c'est pour nous ou pour les commerçants ?",
     {"services": ["assistance_monetique"]}, "ask_audience"),
    ("ask_email", "l'adresse du support Payplug, pour nos clients ou pour nous ?",
     {"offres": ["payplug"], "services": ["support"]}, "ask_audience"),
    ("ask_phone", "le numéro du support Payplug pour nos clients ?", {"offres": ["payplug"], "services": ["support"]},
     "ask_phone"),  # a line for them, not whom it serves
    # a first message naming subjects, read as « et pour… ? » with no previous question: what its words ask
    ("inform_subject", "pour les cartes chinoises et les cb, on prend quel simulateur ?",
     {"cartes": ["upi", "standard"]}, "ask_simulator"),
])
def test_a_first_question_is_read_at_its_words(intent, text, named, expected):
    resolution = resolve(CAT, Question(intent, **{k: tuple(v) for k, v in named.items()}), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == expected


@pytest.mark.parametrize(("intent", "text", "expected"), [
    ("ask_no_website", "qu'est-ce qu'on propose pour payer en ligne, que le pro ait un site ou pas ?",
     "ask_offers_overview"),
    ("ask_choose_offer", "nos solutions de paiement à distance avec ou sans boutique en ligne ?",
     "ask_offers_overview"),
    ("ask_no_website", "pas de site du tout chez ce pro, on lui met quoi ?", "ask_no_website"),
])
def test_with_or_without_a_site_asks_for_every_offer(intent: str, text: str, expected: str) -> None:
    resolution = resolve(CAT, Question(intent), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == expected


@pytest.mark.parametrize(("intent", "text", "named", "expected"), [
    # DIET reads the phone, the words ask for another coordinate of the line named
    ("ask_phone", "c'est quoi les plages d'appel de la monétique pro ?", {"services": ["assistance_monetique"]},
     "ask_hours"),
    ("ask_phone", "y a moyen d'écrire au support Payplug autrement que par tel ?",
     {"offres": ["payplug"], "services": ["support"]}, "ask_email"),
    ("ask_phone", "l'assistance JPEL, je peux la contacter sans l'appeler ?",
     {"offres": ["jpel"], "services": ["assistance"]}, "ask_email"),
    ("ask_phone", "le support Payplug répond au téléphone à l'instant ?",
     {"offres": ["payplug"], "services": ["support"]}, "ask_is_open"),
    # the phone itself
    ("ask_phone", "le tel de la monétique pro ?", {"services": ["assistance_monetique"]}, "ask_phone"),
])
def test_the_coordinate_the_words_ask_for_wins_over_the_phone(intent, text, named, expected):
    resolution = resolve(CAT, Question(intent, **{k: tuple(v) for k, v in named.items()}), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == expected


@pytest.mark.parametrize(("intent", "text", "named"), [
    # a word that looks like an aspect word says something else here: DIET's family stays
    ("ask_no_website", "il n'a pas de boutique web et voudrait être réglé par cb, on lui propose quoi ?",
     {"cartes": ["standard"]}),  # paid, not a rule
    ("ask_funds", "un caviste qui vend avec SP+, qui lui reverse ses ventes ?", {"offres": ["sp_plus"]}),  # his sales
    ("ask_offer_definition", "Payplug, ça s'adresse plutôt à quel type de commerce ?", {"offres": ["payplug"]}),
    ("ask_vad", "on peut toujours signer un contrat VAD avec un artisan ?", {"offres": ["vad"]}),  # its name
    ("ask_vad", "je peux vendre un contrat VAD à un restaurateur ?", {"offres": ["vad"]}),
    # « ou », not « où »
    ("ask_vad", "le contrat VAD, on l'ouvre encore ou on ne le propose plus ?", {"offres": ["vad"]}),
    ("ask_support", "une cliente SP+ a un litige avec un acheteur, vers qui je l'oriente ?", {"offres": ["sp_plus"]}),
    ("ask_support", "un marchand Payplug conteste des frais, il s'adresse à qui ?", {"offres": ["payplug"]}),
])
def test_the_family_read_stays_when_a_word_only_looks_like_another_aspect(intent, text, named):
    resolution = resolve(CAT, Question(intent, **{k: tuple(v) for k, v in named.items()}), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == intent


@pytest.mark.parametrize(("text", "expected"), [
    ("vous avez quelles solutions pour encaisser à distance ?", "ask_offers_overview"),
    ("on a quoi comme produit pour la vente en ligne ?", "ask_offers_overview"),
    ("présente-moi l'offre", "ask_offer_definition"),
])
def test_a_presentation_of_all_the_offers_is_the_overview(text, expected):
    resolution = resolve(CAT, Question("ask_offer_definition"), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == expected


@pytest.mark.parametrize("text", ["c'est obligatoire ?", "on est obligé ?", "il faut vraiment le respecter ?"])
def test_is_it_mandatory_after_a_rule_gives_the_reason_of_that_rule(text):
    focus = focus_after("ask_delegation")
    assert focus.regles and focus.regles[0] == "schema_delegataire"
    assert Focus.from_slot(focus.to_slot(), CAT).regles == focus.regles
    resolution = resolve(CAT, Question("ask_why"), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.outils == ("schema_delegataire",)
    assert "délégataire" in answer(focus, "ask_why", text)


def test_a_plain_why_after_a_rule_still_justifies_the_answer():
    focus = focus_after("ask_delegation")
    resolution = resolve(CAT, Question("ask_why"), "pourquoi ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.about == "ask_delegation"


def test_what_a_quoted_line_is_for_is_its_purpose():
    focus = focus_for_message(CAT, "celui en 07, il sert à quoi ?",
                              focus_after("ask_phone", offres=("payplug",)))
    resolution = resolve(CAT, Question("ask_offer_definition"), "celui en 07, il sert à quoi ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_support"
    assert resolution.question.contacts == ("payplug_partenariat",)
    assert "leads" in answer(focus, "ask_offer_definition", "celui en 07, il sert à quoi ?")


def test_who_sets_the_prices_without_an_offer_is_the_role_whose_mission_it_is():
    resolution = resolve(CAT, Question("ask_pricing"), "qui établit la tarification des contrats d'acceptation ?",
                         Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_role"
    assert resolution.question.roles == ("cif",)
    payplug = resolve(CAT, Question("ask_pricing"), "et qui établit la tarification ?",
                      focus_after("ask_offer_definition", offres=("payplug",)), MONDAY_10)
    assert payplug.question is not None and payplug.question.intent == "ask_pricing"


@pytest.mark.parametrize("text", [
    "pour un contrat Paiement Internet Sécurisé qui fixe le prix ?",
    "sur un contrat monétique c'est qui qui fait la tarif ?",
])
def test_a_contract_that_only_qualifies_a_pricing_question_without_an_offer_asks_the_pricing(text):
    # DIET reads « contrat » (ask_contracts) and no offer: the pricing asked, not « pour quelle offre ? »
    resolution = resolve(CAT, Question("ask_contracts"), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_role"
    assert resolution.question.roles[0] == "cif"  # the CIF sets it, in agreement with the network


@pytest.mark.parametrize("text", [
    "pour chiffrer un contrat JPEL, l'ATC se sert de quel simulateur ?",
    "le CIF prend quel outil pour la tarification d'un contrat Paiement Internet Sécurisé ?",
])
def test_a_role_doing_the_aspect_asked_about_a_contract_is_not_its_subject(text):
    # the role named does the pricing; the tool asked is the simulator, not « pour quelle offre… les contrats ? »
    said = answer(Focus(), "ask_contracts", text)
    assert "SimulEasy" in said and "Pour quelle offre" not in said, said


def test_the_vad_practice_described_without_its_name_is_the_vad_contract():
    text = "mon commercant prend les num de cb au tel et les tape lui meme, ca pose souci ?"
    resolution = resolve(CAT, Question("ask_phone"), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_vad"
    assert "impayé" in answer(Focus(), "ask_phone", text)


@pytest.mark.parametrize(("focus", "text", "expected"), [
    (("ask_pricing", {"offres": ["jpel"]}), "pk c'est deconseille ?", ["contestée", "impayé"]),
    (("ask_phone", {"offres": ["jpel"]}), "pourquoi il faut une simu ?", ["simulateur", "CIF"]),
])
def test_a_why_that_names_another_aspect_gives_that_aspects_reason(focus, text, expected):
    intent, subjects = focus
    said = answer(focus_after(intent, **{f: tuple(v) for f, v in subjects.items()}), "ask_why", text)
    assert all(e in said for e in expected), said


@pytest.mark.parametrize("text", ["ils ont une ligne pour nous, côté caisse ?", "y a un numéro pour nous en interne ?"])
def test_whether_they_have_a_line_for_a_public_gives_their_lines_for_that_public(text):
    focus = Focus("ask_support", ("payplug",), contacts=("payplug_support",))
    said = answer(focus, "ask_audience", text)
    assert "07 57 95 38 07" in said
    assert "+33 1 76 34 01 55" not in said or said.index("07 57 95 38 07") < said.index("+33 1 76 34 01 55")


@pytest.mark.parametrize(("offre", "expected"), [("payplug", "négocient directement"), ("jpel", "« standards »")])
def test_why_not_a_simulator_after_an_offers_pricing(offre, expected):
    # Payplug's prices are not simulated: the reason of that pricing; JPEL's are: what the simulator is for
    said = answer(focus_after("ask_pricing", offres=(offre,)), "ask_why",
                  "pourquoi je peux pas lui faire une simu simuleasy ?", outils=("simuleasy",))
    assert expected in said


def test_an_offer_of_the_client_after_a_lines_public_asks_the_same_of_that_line():
    # « et pour un client sp+ ? » after « je lui file le num de la monétique pro ? » : still no, an internal line
    focus = Focus("ask_phone", ("jpel",), contacts=("assistance_monetique_pro",), point=PUBLIC, audience="client")
    said = answer(focus, "inform_subject", "et pour un client sp+ ?", offres=("sp_plus",))
    assert said.startswith("Non") and "Assistance monétique PRO" in said


def test_an_offer_of_the_client_the_line_does_not_serve_asks_that_offers_lines():
    # « et pour un client sp+ ? » after « le support payplug c'est pour le client ? » : SP+'s lines, not Payplug's
    focus = Focus(LINES_GIVEN, ("payplug",), contacts=("payplug_support",), point=PUBLIC)
    said = answer(focus, "inform_subject", "et pour un client sp+ ?", offres=("sp_plus",))
    assert "09 69 37 80 30" in said and "+33 1 76 34 01 55" not in said


def test_whether_a_line_works_for_another_offers_client_after_its_public():
    focus = Focus(LINES_GIVEN, ("sp_plus", "jpel"), contacts=("assistance_spplus_jpel",), point=PUBLIC)
    said = answer(focus, "inform_subject", "et pour un client payplug ca marche aussi ?", offres=("payplug",))
    assert said.startswith("Non.") and "+33 1 76 34 01 55" in said and "07 57 95 38 07" not in said


def test_whether_they_also_do_the_payment_pages_after_an_offer_whose_pages_are_another_offers():
    said = answer(focus_after("ask_pricing", offres=("iz_ecommerce",)), "inform_subject",
                  "et la page de paiement c eux aussi ?")
    assert said.startswith("Non") and "Payplug" in said


def test_a_tool_stays_in_focus_through_who_uses_it():
    # « c quoi OSC ? » → « et c qui qui s'en sert ? » (the CIF) → « il sert aussi pour un client payplug ? » (OSC)
    focus = focus_after("ask_tool", outils=("osc",))
    who = resolve(CAT, Question("inform_subject"), "et c qui qui s en sert ?", focus, MONDAY_10)
    assert who.question is not None and who.question.roles == ("cif",)
    focus = after(focus, who.question, compose(CAT, who.question, MONDAY_10))
    assert "full service" in answer(focus, "ask_support", "il sert aussi pour un client payplug ?", offres=("payplug",))


@pytest.mark.parametrize(("first", "intent", "subjects", "tool", "offre", "fact"), [
    ("dans quel outil on paramètre les contrats SP+ ?", "ask_open_services", {"offres": ("sp_plus",)}, "osc",
     "payplug", "full service"),
    ("simuleasy ca sert pour quoi", "ask_tool", {"outils": ("simuleasy",)}, "simuleasy", "payplug", "négocie"),
])
def test_the_tool_asked_stays_the_object_through_a_question_on_the_role_that_uses_it(
        first: str, intent: str, subjects: Dict[str, Any], tool: str, offre: str, fact: str) -> None:
    # « … » → « c'est qui qui s'en sert ? » (the CIF, read without the tool) → « il l'utilise aussi pour un client
    # payplug ? » : « l' » is the tool two answers back, not the CIF.
    question = Question(intent, **subjects)
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10),
                  objets=tools_asked(CAT, first, question, compose(CAT, question, MONDAY_10)))
    assert tool in (*focus.outils, *focus.objets)
    role = Question("ask_role", roles=("cif",))
    focus = after(focus, role, compose(CAT, role, MONDAY_10))
    assert focus.objets == (tool,) and not focus.outils
    assert fact in answer(focus, "nlu_fallback", "il l'utilise aussi pour un client payplug ?", offres=(offre,))
    # a question on an offer closes it: « et pour JPEL ? » is no longer about the tool
    offer = Question("ask_phone", offres=("jpel",))
    assert not after(focus, offer, compose(CAT, offer, MONDAY_10)).objets


@pytest.mark.parametrize(("focus", "text", "intent"), [
    (Focus("ask_pricing", ("jpel",), regles=("schema_delegataire",)), "et c’est qui qui fait la simu",
     "ask_simulation_filing"),
    (Focus(), "qui fait la simulation de rentabilité ?", "ask_simulation_filing"),
    (Focus("ask_simulation_filing"), "c qui qui s'occupe de la simu ?", "ask_simulator"),
])
def test_who_makes_the_simulation_is_the_role_that_prices_with_the_simulators(focus: Focus, text: str,
                                                                              intent: str) -> None:
    said = answer(focus, intent, text)
    assert said.lstrip("•- ").startswith("CIF") and "MyGed" not in said.split("\n")[0]


@pytest.mark.parametrize("text", ["qui la dépose dans myged la simu ?", "la simu c'est qui qui la range ou ?"])
def test_who_files_the_simulation_is_not_who_makes_it(text: str) -> None:
    assert "MyGed" in answer(Focus("ask_pricing", ("jpel",)), "ask_simulation_filing", text)


@pytest.mark.parametrize(("text", "previous", "payplug"), [
    ("donc si la page plante le client appelle qui", "et la page de paiement pk c payplug", True),
    ("donc si la page plante le client appelle qui", "iz ecommerce ça sert à quoi ?", False),  # a page of the site
    ("Et si elle plante, le client appelle qui ?", "et ils gerent aussi la page de paiement", True),  # by its pronoun
    ("Et si elle plante, le client appelle qui ?", "iz ecommerce c'est eux qui font les sites ?", False),
])
def test_the_page_just_said_to_be_the_payment_page_is_payplugs(text: str, previous: str, payplug: bool) -> None:
    focus = focus_after("ask_offer_definition", offres=("iz_ecommerce",))
    resolution = resolve(CAT, Question("ask_phone"), text, focus, MONDAY_10, previous)
    assert resolution.question is not None
    assert (resolution.question.offres == ("payplug",)) is payplug
    if payplug:
        assert "+33 1 76 34 01 55" in compose(CAT, resolution.question, MONDAY_10).text


@pytest.mark.parametrize(("focus", "intent", "text", "previous"), [
    (Focus("ask_pricing", ("sp_plus",)), "ask_offer_definition", "ca sert a quoi ?",
     "faut faire une simu pour un contrat sp+ ?"),
    (Focus("ask_role", roles=("cif",)), "ask_why", "pourquoi il doit en faire une ?",
     "c'est qui qui fait les simulations simuleasy ?"),
])
def test_a_pronoun_for_the_object_of_the_previous_message_asks_its_reason(focus: Focus, intent: str, text: str,
                                                                          previous: str) -> None:
    resolution = resolve(CAT, Question(intent), text, focus, MONDAY_10, previous)
    assert resolution.question is not None and resolution.question.intent == "ask_why"
    assert "simulateur de rentabilité" in compose(CAT, resolution.question, MONDAY_10).text


@pytest.mark.parametrize(("text", "previous"), [
    ("c’est obligatoire de la deposer ?", "j’ai fini la simu simuleasy pour un contrat jpel, j’en fais quoi ?"),
    ("on est obligés ? c’est quoi la raison ?", "apres la simu de tarif faut la mettre dans myged ?"),
])
def test_an_obligation_on_the_filing_is_not_the_reason_of_the_simulation(text: str, previous: str) -> None:
    focus = Focus("ask_simulation_filing", regles=("myged", "schema_delegataire"))
    resolution = resolve(CAT, Question("ask_why"), text, focus, MONDAY_10, previous)
    assert resolution.question is not None
    assert "MyGed" in compose(CAT, resolution.question, MONDAY_10).text


@pytest.mark.parametrize(("text", "previous"), [
    ("ca sert a quoi ?", "c quoi sp+ ?"),  # the offer itself: its presentation
    ("ca sert a quoi ?", ""),
])
def test_what_it_is_for_after_an_offer_is_still_the_offer(text: str, previous: str) -> None:
    resolution = resolve(CAT, Question("ask_offer_definition"), text, Focus("ask_offer_definition", ("sp_plus",)),
                         MONDAY_10, previous)
    assert resolution.question is not None and resolution.question.intent == "ask_offer_definition"


@pytest.mark.parametrize("intent", ["ask_tool", "ask_role", "inform_subject"])
def test_where_after_the_role_that_follows_a_tool_is_where_the_tool_is(intent: str) -> None:
    # « c'est quoi le schéma délégataire ? » → « c'est qui qui doit le respecter ? » (the CIF) → « il est où ? »
    focus = Focus("ask_role", roles=("cif",), objets=("schema_delegataire",))
    resolution = resolve(CAT, Question(intent), "il est ou ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.outils == ("schema_delegataire",)
    assert "page 3" in compose(CAT, resolution.question, MONDAY_10).text
    assert follow_up_guess("il est ou ?", [{"name": "nlu_fallback", "confidence": 0.4}], focus) == "ask_tool"
    # without a tool behind the role, a role is nowhere
    assert resolve(CAT, Question("ask_role"), "il est ou ?", Focus("ask_role", roles=("cif",)),
                   MONDAY_10).question.intent == "ask_role"


@pytest.mark.parametrize(("text", "intent"), [
    ("et ça se tarife comment ?", "ask_pricing"),  # the offer's pricing
    ("et les frais c'est qui qui les fixe ?", "ask_pricing"),
    ("ça coûte combien de les appeler ?", "ask_phone"),  # the price of a call
    ("c'est payant ?", "ask_phone"),
    ("ça coûte combien ?", "ask_phone"),
])
def test_a_price_after_an_offers_line_is_the_call_only_when_no_word_says_the_offers_pricing(text: str,
                                                                                          intent: str) -> None:
    focus = Focus("ask_support", ("jpel",), services=("assistance",), contacts=("assistance_spplus_jpel",))
    resolution = resolve(CAT, Question("ask_pricing"), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == intent


def test_a_line_handed_to_another_offers_client_is_no_when_it_does_not_serve_that_offer() -> None:
    focus = Focus("ask_support", contacts=("assistance_spplus_jpel",), audience="client", point=PUBLIC)
    said = answer(focus, "inform_subject", "et a un client payplug aussi ?", offres=("payplug",))
    assert said.startswith("Non.") and "+33 1 76 34 01 55" in said and "09 69 37 80 30" not in said


@pytest.mark.parametrize(("text", "offre", "lead", "fact", "absent"), [
    ("on a une ligne interne pour jpel ?", "jpel", "Oui.", "09 69 36 06 26", None),
    ("y a un num pour nous pour payplug ?", "payplug", "Oui.", "07 57 95 38 07", None),
    ("on a une ligne interne pour iz ecommerce ?", "iz_ecommerce", "C’est IZ", "ne donne pas", "Non."),
])
def test_whether_an_offer_has_a_line_for_a_public(text: str, offre: str, lead: str, fact: str,
                                                   absent: Optional[str]) -> None:
    said = answer(Focus(), "ask_audience", text, offres=(offre,))
    assert said.startswith(lead) and fact in said
    assert absent is None or absent not in said


@pytest.mark.parametrize(("text", "lead"), [
    ("iz ecommerce ils gerent aussi la page de paiement ?", "Non."),
    ("est-ce que iz fait aussi les pages de paiement ?", "Non."),
    ("iz ecommerce c est quoi la page de paiement ?", "IZ eCommerce"),  # an open question: no yes or no
])
def test_whether_an_offer_named_does_the_payment_pages_another_offer_handles(text: str, lead: str) -> None:
    said = answer(Focus(), "ask_offer_definition", text, offres=("iz_ecommerce",))
    assert said.startswith(lead) and "Payplug" in said


def test_a_company_named_by_its_offers_short_name_is_the_doer_asked_about() -> None:
    text = "et c’est iz qui negocie le prix du site ?"
    focus = Focus("ask_offer_definition", ("iz_ecommerce",))
    question = Question("ask_pricing", offres=("iz_ecommerce",))
    assert with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), designated(CAT, focus),
                     MONDAY_10)[2] == "Oui."


def test_the_idea_behind_after_asking_what_to_respect_is_the_rules_reason() -> None:
    focus = Focus("ask_pricing", ("sp_plus",), regles=("schema_delegataire",))
    resolution = resolve(CAT, Question("ask_why"), "c’est quoi l’idée derrière ?", focus, MONDAY_10,
                         "quand je tarife un sp+ je dois respecter quoi ?")
    assert resolution.question is not None and resolution.question.outils == ("schema_delegataire",)
    # asked after what the pricing is, the same « pourquoi » is the pricing's
    other = resolve(CAT, Question("ask_why"), "c’est quoi l’idée derrière ?", focus, MONDAY_10,
                    "c qui qui fait la tarif de sp+ ?")
    assert other.question is not None and not other.question.outils


@pytest.mark.parametrize(("offre", "lead"), [("sp_plus", "Non."), ("payplug", "Oui.")])
def test_whether_another_offer_does_the_pages_of_the_offer_in_focus(offre: str, lead: str) -> None:
    said = answer(Focus("ask_site_creation", ("iz_ecommerce",)), "inform_subject",
                  "et le paiement sur le site c’est pas sp+ ?", offres=(offre,))
    assert said.startswith(lead) and "IZ eCommerce" in said


@pytest.mark.parametrize(("moyens", "card"), [(["amex"], "amex"), (["upi", "ancv"], "ancv"), ([], None)])
def test_where_the_request_is_made_after_a_recommendation_is_the_cards_affiliation(moyens: List[str],
                                                                                   card: Optional[str]) -> None:
    focus = after_recommendation("payplug", {"site": "oui", "payplug": "oui", "moyens": moyens}, "payplug", ())
    resolution = resolve(CAT, Question("inform_subject"), "et il fait la demande ou ?", focus, MONDAY_10)
    if card is None:  # no card that needs one: nothing to guess
        assert resolution.question is None or resolution.question.intent != "ask_affiliation"
    else:
        assert resolution.question is not None and resolution.question.cartes == (card,)
        assert "en direct" in compose(CAT, resolution.question, MONDAY_10).text


@pytest.mark.parametrize(("moyens", "said", "unsaid"), [
    (["upi"], "Pour Union Pay International (cartes chinoises) : SimulUPI.", None),
    (["standard"], "SimulEasy", "Pour cartes"),  # SimulEasy is said once
])
def test_the_pricing_after_a_recommendation_with_cards_says_their_simulator(moyens: List[str], said: str,
                                                                          unsaid: Optional[str]) -> None:
    focus = after_recommendation("jpel", {"site": "non", "creer_site": "non", "moyens": moyens}, "jpel", ())
    text = answer(focus, "ask_pricing", "ça change quoi pour la tarif ?")
    assert text.startswith("Tarification JePaieEnLigne") and said in text
    assert unsaid is None or unsaid not in text


def test_whether_the_tool_behind_a_role_is_obligatory_is_that_tools_rule() -> None:
    # « le lead monexpert c'est qui qui le saisit ? » → « … » → « donc c'est obligatoire de le saisir ou pas ? »
    question = Question("ask_role", roles=("atc", "reseau"))
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10),
                  objets=tools_asked(CAT, "le lead monexpert c’est qui qui le saisit ?", question,
                                     compose(CAT, question, MONDAY_10), ("monexpert",)))
    text = "donc c’est obligatoire de le saisir ou pas ?"
    guess = follow_up_guess(text, [{"name": "nlu_fallback", "confidence": 0.4}], focus)
    assert guess is not None
    said = compose(CAT, resolve(CAT, Question(guess), text, focus, MONDAY_10).question, MONDAY_10).text
    assert obligation_verdict(CAT, text, Answer(said)) == "Non." and "réseau" in said


def test_whether_the_filing_is_obligatory_stays_the_filings_rule_whatever_tool_the_question_named() -> None:
    question = Question("ask_simulation_filing", outils=("simuleasy",))
    focus = after(Focus(), question, compose(CAT, question, MONDAY_10), regles=("myged", "schema_delegataire"),
                  objets=("simuleasy",))
    assert "MyGed" in answer(focus, "ask_why", "c'est obligatoire ?")


@pytest.mark.parametrize("text", ["et ça c’est pour quoi, que ce soit payplug qui vire et pas nous ?",
                                  "et ça sert a quoi que ce soit payplug qui vire ?"])
def test_what_it_is_for_that_it_be_so_asks_the_reason(text: str) -> None:
    said = answer(Focus("ask_funds", ("payplug",)), "ask_offer_definition", text)
    assert "full service" in said and "acquisition" in said


def test_whether_the_internal_line_of_an_offer_may_be_given_is_about_that_line_only() -> None:
    said = answer(Focus(), "ask_audience", "le num pour nous en interne sur jpel, je peux le donner au commercant ?",
                  offres=("jpel",))
    assert said.startswith("Non") and "Assistance monétique PRO" in said and "09 69 37 80 30" in said
    # without « interne », every line of the offer, each with its public
    assert answer(Focus(), "ask_audience", "le num de jpel je peux le donner au commercant ?",
                  offres=("jpel",)).startswith("Oui pour")


@pytest.mark.parametrize(("text", "card", "lead"), [
    ("il sert aussi pour les diners ?", "dfs_diners", "Oui."),  # SimulUPI for both
    ("et pour les cb classiques c le meme ?", "standard", "Non."),  # SimulEasy
    ("et pour les diners ?", "dfs_diners", "Pour DFS/Diners"),  # not a yes or no
])
@pytest.mark.parametrize("intent", ["inform_subject", "ask_simulator"])
def test_whether_a_cards_simulator_serves_another_card_too(text: str, card: str, lead: str, intent: str) -> None:
    said = answer(Focus("ask_simulator", cartes=("upi",)), intent, text, cartes=(card,))
    assert said.startswith(lead)


def test_whether_staff_use_a_line_too_is_guessed_when_diet_hesitates() -> None:
    focus = Focus("ask_phone", contacts=("service_clients_spplus",))
    guess = follow_up_guess("on s’en sert aussi en interne ?", [{"name": "nlu_fallback", "confidence": 0.4}], focus)
    assert guess is not None
    resolution = resolve(CAT, Question(guess), "on s’en sert aussi en interne ?", focus, MONDAY_10)
    assert resolution.lead is not None and resolution.lead.startswith("Oui") and "la CECAZ" in resolution.lead
    assert resolution.question is not None
    assert "08 10 00 47 24" in compose(CAT, resolution.question, MONDAY_10).text


def test_a_question_that_asks_no_tool_keeps_none_of_the_answers_tools():
    question = Question("ask_open_services", offres=("sp_plus",))
    assert tools_asked(CAT, "comment on ouvre sp+ ?", question, compose(CAT, question, MONDAY_10)) == ()


def test_who_does_something_of_an_offer_without_a_word_of_contact_is_what_the_offer_does():
    resolution = resolve(CAT, Question("ask_phone", offres=("jpel",)), "en JPEL qui saisit la carte bancaire ?",
                         Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_offer_definition"


@pytest.mark.parametrize(("text", "asks"), [
    ("vous avez quelles solutions d'encaissement en ligne ?", True),
    ("la caisse a quoi comme offre pour vendre sur internet ?", True),
    ("c'est quoi l'offre globale pour le paiement à distance ?", True),
    ("la gamme e-commerce de la caisse ?", True),
    ("quelles solutions pour ouvrir un livret ?", False),
    ("le numéro du support ?", False),
])
def test_asks_all_offers(text, asks):
    assert asks_all_offers(text) is asks


@pytest.mark.parametrize(("first", "intent", "text", "named", "line"), [
    # the requests a line takes (its object in the document) name it, whatever DIET read
    (None, "ask_support", "pour une question sur la distribution de payplug je vois avec qui ?",
     {"offres": ["payplug"]}, "partenariat-bpce@payplug.com"),
    (None, "ask_offer_definition", "j'ai un lead payplug à faire traiter, je vois avec qui ?",
     {"offres": ["payplug"], "outils": ["monexpert"]}, "07 57 95 38 07"),
    (("ask_offer_definition", {"offres": ["payplug"]}), "ask_support", "et pour une question produit je contacte qui ?",
     {}, "07 57 95 38 07"),
    (None, "ask_open_services", "un lead Payplug à faire suivre, c'est quel service qui le prend ?",
     {"offres": ["payplug"], "outils": ["monexpert"]}, "07 57 95 38 07"),  # the team asked for
])
def test_a_request_the_document_assigns_to_a_line_gets_that_line(first, intent, text, named, line) -> None:
    focus = focus_after(first[0], **first[1]) if first else Focus()
    assert line in answer(focus, intent, text, **named)


@pytest.mark.parametrize(("intent", "text", "named", "absent"), [
    ("ask_offer_definition", "c'est quoi le produit payplug ?", {"offres": ["payplug"]}, "07 57 95 38 07"),
    ("ask_tool", "un lead je le passe à qui ?", {"outils": ["monexpert"]}, "07 57 95 38 07"),  # no offer: Monexpert
])
def test_request_words_without_a_contact_question_or_an_offer_keep_their_reading(intent, text, named, absent) -> None:
    assert absent not in answer(Focus(), intent, text, **named)


def test_the_other_audience_named_alone_asks_the_previous_question_for_it() -> None:
    focus = focus_after("ask_support", offres=["jpel"])
    reply = answer(focus, "inform_subject", "et nous si on a une question côté caisse ?")
    assert reply.index("09 69 36 06 26") < reply.index("09 69 37 80 30")


def test_who_sells_an_offer_is_the_role_whose_mission_is_to_sell() -> None:
    focus = focus_after("ask_offer_definition", offres=["sp_plus", "payplug"])
    resolution = resolve(CAT, Question("ask_role"), "et c'est qui qui le vend au client ?", focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.roles == ("cif",)


@pytest.mark.parametrize("text", ["c'est qui chez nous qui va leur présenter une offre de paiement à distance ?",
                                  "un boucher veut encaisser en ligne : qui lui propose une solution ?"])
def test_who_proposes_him_a_solution_is_the_role_that_sells(text: str) -> None:
    resolution = resolve(CAT, Question("ask_offers_overview"), text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.roles == ("cif",), resolution


@pytest.mark.parametrize(("first", "text", "named", "starts"), [
    (("ask_offer_definition", {"offres": ["jpel"]}), "il lui faut un site pour ça ?", {}, "Non"),
    (("ask_contracts", {"offres": ["vad"]}), "il faut un site pour ça ?", {}, "Non"),  # and JPEL instead
    (None, "jpel nécessite une boutique en ligne ?", {"offres": ["jpel"]}, "Non"),
    (None, "pour sp+ il faut avoir un site ?", {"offres": ["sp_plus"]}, "Oui"),
    (None, "iz ecommerce il faut déjà un site ?", {"offres": ["iz_ecommerce"]}, "Non"),
    (None, "pour jpel mon client doit forcément avoir un site ?", {"offres": ["jpel"]}, "Non"),
    (None, "avec SP+, le commerçant doit tout de même bien avoir une boutique en ligne ?", {"offres": ["sp_plus"]},
     "Oui"),
    (None, "JPEL : il doit quand même avoir un site marchand ?", {"offres": ["jpel"]}, "Non"),
    # « demande » : what the offer requires
    (("ask_offer_definition", {"offres": ["jpel"]}), "et celle-là, elle demande un site ?", {}, "Non"),
    (None, "ça demande un site web, SP+ ?", {"offres": ["sp_plus"]}, "Oui"),
    # in the future tense
    (None, "et pour Payplug, il lui faudra une boutique en ligne ?", {"offres": ["payplug"]}, "Oui"),
])
def test_whether_an_offer_needs_a_site_is_a_yes_no_from_its_category(first, text, named, starts) -> None:
    focus = focus_after(first[0], **first[1]) if first else Focus()
    reply = answer(focus, "ask_site_creation", text, **named)
    assert reply.startswith(starts), reply


def test_creating_a_site_is_not_asking_whether_one_is_needed() -> None:
    assert "IZ eCommerce" in answer(focus_after("ask_offer_definition", offres=["jpel"]), "ask_site_creation",
                                    "il faut créer un site ?")
    assert not answer(Focus(), "ask_site_creation", "il faut créer un site ?").startswith(("Oui", "Non"))


@pytest.mark.parametrize("text", ["on y touche pour un commerçant payplug ?", "on s'en sert pour un client payplug ?"])
def test_using_the_tool_in_focus_for_an_offer_says_what_the_tool_does_for_it(text: str) -> None:
    focus = focus_after("ask_tool", outils=["osc"])
    assert "full service" in answer(focus, "ask_funds", text, offres=["payplug"])


def test_what_a_quoted_line_is_for_is_its_object() -> None:
    reply = answer(focus_after("ask_phone", offres=["payplug"]), "ask_phone", "celui en 07 il sert a quoi ?")
    assert "traitement des leads" in reply and "+33 1 76 34 01 55" not in reply


def test_a_line_asked_in_words_read_as_a_presentation_gets_the_line() -> None:
    reply = answer(Focus(), "ask_offer_definition", "quel num je donne a un client jpel ?", offres=["jpel"])
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply


def test_who_does_an_aspect_no_family_of_the_focus_takes_is_a_role() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_simulation_filing", "confidence": 0.39}]
    assert follow_up_guess("c’est qui qui la fait cette simu ?", ranking, focus_after("ask_simulation_filing")) \
        == "ask_role"


def test_why_him_and_not_the_other_role_keeps_to_the_aspect_of_the_previous_answer() -> None:
    """« pourquoi lui et pas le réseau ? » après la tarification de JPEL : ce que chacun fait de la tarification,
    rien de leurs autres missions (le réseau décide aussi si l'ATC saisit le lead : hors sujet ici)."""
    focus = replace(focus_after("ask_pricing", offres=["jpel"]), acteurs=("cif", "reseau"))
    reply = answer(focus, "ask_why", "pourquoi lui et pas le reseau ?", roles=["reseau"])
    assert "donne son accord sur la tarification" in reply and "établit la tarification" in reply
    assert "ATC" not in reply and "commercialisation" not in reply



def test_the_roles_an_answer_names_as_actors_leave_out_the_line_that_routes_to_someone():
    affiliation = compose(CAT, Question("ask_affiliation", cartes=("amex",)), MONDAY_10)
    assert "à vérifier avec le CIF" in affiliation.text and roles_in(CAT, affiliation) == ()
    simulator = compose(CAT, Question("ask_simulator", cartes=("upi",)), MONDAY_10)
    assert roles_in(CAT, simulator)[:1] == ("cif",)


def test_why_without_a_reason_in_the_document_says_so_and_names_whom_to_ask():
    reply = answer(focus_after("ask_tool", outils=["osc"]), "ask_why", "pourquoi ?")
    assert reply.startswith("Le document de référence ne donne pas la raison") and "CIF" in reply


def test_why_after_the_site_creation_answer_is_the_creation_service():
    assert "création de sites" in answer(focus_after("ask_site_creation"), "ask_why", "pourquoi ?")


def test_that_one_after_lines_for_a_public_is_the_first_line_for_that_public():
    focus = replace(focus_after("ask_phone", offres=["sp_plus"]), audience="staff",
                    contacts=("assistance_monetique_pro", "assistance_spplus_jpel", "service_clients_spplus"))
    reply = answer(focus, "ask_is_open", "il est ouvert le samedi celui-là ?")
    assert reply.startswith("Oui") and "09 69 36 06 26" in reply and "08 10 00 47 24" not in reply


@pytest.mark.parametrize(("first", "text", "family"), [
    (("ask_phone", {"offres": ["jpel"]}), "et nous si on a une question côté caisse ?", "ask_phone"),
    (("ask_funds", {"offres": ["payplug"]}), "pk c'est payplug qui vire et pas nous ?", "ask_why"),
    (("ask_vad", {}), "du coup on propose quoi a la place", "ask_vad"),
    (("ask_vad", {}), "on propose quoi du coup ?", "ask_vad"),  # right after the VAD advised against
])
def test_hesitant_follow_ups_that_the_words_settle(first, text, family):
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "greet", "confidence": 0.2}]
    focus = focus_after(first[0], **first[1])
    if first[0] == "ask_vad":
        focus = replace(focus, offres=("vad",))
    assert follow_up_guess(text, ranking, focus) == family


def test_which_offers_a_line_serves_is_its_object_and_offers():
    focus = focus_after("ask_audience", contacts=("assistance_spplus_jpel",))
    reply = answer(focus, "ask_offer_definition", "c'est pour quelles offres ?")
    assert "SP+" in reply and "JPEL" in reply


def test_a_correction_of_up_to_twelve_words_is_still_a_correction():
    assert is_correcting("ah non attends il prend surtout des cartes chinoises en fait")


def test_a_role_kept_beside_the_offer_does_not_hide_the_offers_questions():
    # « il le tarife avec quoi ? » after « c qui fait le contrat ? » keeps the CIF beside JPEL
    focus = focus_after("ask_pricing", offres=["jpel"], roles=["cif"])
    guess = follow_up_guess("il doit respecter un truc pour ça ?", [{"name": "out_of_scope", "confidence": 0.6}], focus)
    assert guess in ("ask_pricing", "ask_delegation")
    assert "schéma délégataire" in answer(focus, str(guess), "il doit respecter un truc pour ça ?")


def test_a_subject_alone_after_asking_whether_the_lines_given_may_be_passed_on_asks_the_same():
    lines = focus_after("ask_phone", offres=["sp_plus"])
    question = resolve(CAT, Question("ask_audience"), "je peux le donner au client ?", lines, MONDAY_10).question
    assert question is not None
    focus = after(lines, question, compose(CAT, question, MONDAY_10))
    reply = answer(focus, "inform_subject", "et celle de la monétique pro ?", services=["assistance_monetique"])
    assert reply.startswith("Non") and "09 69 37 80 30" in reply, reply


def test_another_line_for_us_after_a_client_line_gives_the_internal_lines():
    focus = Focus.from_slot({"intent": "ask_support", "contacts": ["assistance_spplus_jpel"], "audience": "client",
                             "point": "public"}, CAT)
    reply = answer(focus, "inform_subject", "et pour nous cote caisse y a une autre ligne ?")
    assert reply.index("09 69 36 06 26") < reply.index("08 10 00 47 24"), reply  # the internal line first


def test_a_coordinate_asked_after_refusing_a_line_to_the_client_is_the_clients():
    first = Question("ask_audience", offres=("payplug",), contacts=("payplug_partenariat",))
    focus = after(Focus(), first, compose(CAT, first, MONDAY_10))
    reply = answer(focus, "inform_subject", "et par tel ?")
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply, reply


def test_a_coordinate_asked_after_a_quoted_line_refused_to_the_client_is_the_clients():
    # the quoted line was already in focus: « le client payplug peut écrire à partenariat-bpce@payplug.com ? »
    focus = Focus.from_slot({"intent": "ask_support", "contacts": ["payplug_partenariat"], "audience": "client",
                             "point": "public"}, CAT)
    reply = answer(focus, "ask_phone", "et par tel ?")
    assert "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply, reply
    reply = answer(focus, "ask_phone", "et ils ont un tel aussi ?")  # « ils » : the line asked about
    assert "07 57 95 38 07" in reply, reply


@pytest.mark.parametrize(("text", "named", "verdict"), [
    ("et d'acceptation ?", {}, "Non."),                          # another contract, the same offer
    ("et pour un sp+ on en ouvre ?", {"offres": ["sp_plus"]}, "Oui."),  # the same contract question, another offer
    ("et en sp+ faut en ouvrir un ?", {"offres": ["sp_plus"]}, "Oui."),  # « faut » is the need asked, not an aspect
])
def test_an_elliptical_closed_question_after_a_contract_question_keeps_its_yes_or_no(text, named, verdict):
    first_text = "pour un client payplug la cecaz ouvre un contrat d'acquisition ?"
    first = resolve(CAT, Question("ask_contracts", offres=("payplug",)), first_text, Focus(), MONDAY_10)
    assert first.question is not None
    focus = after(Focus(), first.question, compose(CAT, first.question, MONDAY_10), point=first.point)
    assert answer(focus, "ask_contracts", text, **named).startswith(verdict)


def test_a_line_asked_for_a_client_of_another_offer_is_no_and_that_offer_s_client_lines():
    """« et à un client payplug je peux le donner aussi ? » after SP+ and JPEL's assistance: not that client's line."""
    focus = Focus.from_slot({"intent": "ask_audience", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"],
                             "point": "public"}, CAT)
    reply = answer(focus, "ask_audience", "et a un client payplug je peux le donner aussi ?", offres=["payplug"])
    assert reply.startswith("Non.") and "+33 1 76 34 01 55" in reply and "09 69 37 80 30" not in reply, reply
    same = answer(focus, "ask_audience", "et a un client sp+ je peux le donner aussi ?", offres=["sp_plus"])
    assert same.startswith("Oui") and "09 69 37 80 30" in same, same


@pytest.mark.parametrize(("slot", "text", "lead"), [
    # the internal line asked for, among the lines of the answer: « la » is that one
    ({"intent": "ask_lines", "offres": ["jpel"], "audience": "staff",
      "contacts": ["assistance_monetique_pro", "assistance_spplus_jpel"]}, "je peux la donner au commercant ?", "Non"),
    ({"intent": "ask_support", "offres": ["payplug"], "audience": "staff",
      "contacts": ["payplug_partenariat", "payplug_support"]}, "et ca je le file au client ou pas ?", "Non"),
    # the line open on the day asked
    ({"intent": "ask_hours", "offres": ["sp_plus"], "moment": {"jours": [5], "heure": None},
      "contacts": ["assistance_spplus_jpel", "service_clients_spplus", "assistance_monetique_pro"]},
     "je peux la donner au commercant ?", "Non"),
    # « les » : every line of the answer, the client's ones may be given
    ({"intent": "ask_lines", "offres": ["jpel"], "audience": "staff",
      "contacts": ["assistance_monetique_pro", "assistance_spplus_jpel"]}, "je peux les donner au commercant ?", "Oui"),
])
def test_a_singular_pronoun_takes_up_the_line_the_previous_question_asked_for(slot, text, lead):
    reply = answer(Focus.from_slot(slot, CAT), "ask_audience", text)
    assert reply.startswith(lead), reply


@pytest.mark.parametrize(("focus_slot", "intent", "text", "named"), [
    ({}, "ask_support", "un client iz ecommerce a un souci sur sa page de paiement, il appelle qui ?",
     {"offres": ["iz_ecommerce"]}),
    ({}, "ask_support", "un client de la boite qui fait les sites a un souci sur sa page de paiement, il appelle qui ?",
     {}),  # IZ eCommerce said by its notion
    ({"intent": "ask_offer_definition", "offres": ["iz_ecommerce"]}, "ask_support",
     "donc si le paiment plante sur son site il appelle qui ?", {}),  # the payment said by its trouble, typo kept
])
def test_the_payment_pages_of_an_iz_site_are_supported_by_payplug(focus_slot, intent, text, named):
    reply = answer(Focus.from_slot(focus_slot, CAT), intent, text, **named)
    assert "+33 1 76 34 01 55" in reply and "ne donne pas ses coordonnées" not in reply, reply


def test_why_that_offer_right_after_the_payment_page_of_an_iz_site_says_whose_pages_they_are():
    support = Focus.from_slot({"intent": "ask_support", "offres": ["payplug"], "services": ["support"],
                               "contacts": ["payplug_support"]}, CAT)
    after_pages = resolve(CAT, Question("ask_why", offres=("payplug",)), "pk payplug ?", support, MONDAY_10,
                          previous_text="et si c'est la page de paiement qui plante ?")
    assert after_pages.lead.startswith("Les pages de paiement d’un site IZ eCommerce"), after_pages
    after_payplug = resolve(CAT, Question("ask_why", offres=("payplug",)), "pk payplug ?", support, MONDAY_10,
                            previous_text="la page de paiement payplug plante, j'appelle qui ?")
    assert not after_payplug.lead, after_payplug


def test_why_after_a_closed_question_on_a_tool_is_the_reason_of_that_tool():
    slot = {"intent": "ask_open_services", "outils": ["monexpert"], "roles": ["atc"], "acteurs": ["cif", "atc"],
            "objets": ["monexpert"]}  # after « latc doit saisir un lead monexpert a chaque fois »
    reply = answer(Focus.from_slot(slot, CAT), "ask_why", "pk")
    assert reply.startswith("Ce n’est pas systématique") and "réseau" in reply, reply


@pytest.mark.parametrize("text", ["Pourquoi Payplug alors que c'est IZ qui a fait le site ?",
                                  "pk c payplug et pas iz ecommerce ?"])
def test_why_another_offer_supports_the_pages_of_an_iz_site_says_whose_pages_they_are(text):
    support = {"intent": "ask_support", "offres": ["payplug"], "services": ["support"], "contacts": ["payplug_support"]}
    reply = answer(Focus.from_slot(support, CAT), "ask_why", text, offres=["payplug", "iz_ecommerce"])
    assert reply.startswith("Les pages de paiement d’un site IZ eCommerce sont prises en charge par Payplug"), reply


@pytest.mark.parametrize("text", ["la boite qui fait les sites pour nos clients c'est qui deja ?",
                                  "la société qui crée les sites, elle s'appelle comment ?"])
def test_a_company_said_by_what_it_does_is_its_offer_not_a_role(text):
    reply = answer(Focus(), "ask_role", text)
    assert reply.startswith("IZ eCommerce") and "CIF" not in reply, reply


def test_the_contracts_of_a_tool_are_what_the_tool_is_for():
    reply = answer(Focus(), "ask_contracts", "simulupi c'est pour quels contrats ?", outils=["simulupi"])
    assert "Union Pay" in reply and "Diners" in reply and "Pour quelle offre" not in reply, reply


def test_the_result_put_somewhere_after_a_simulator_is_the_simulation_filed_in_myged():
    focus = Focus.from_slot({"intent": "ask_role", "roles": ["cif"], "objets": ["simuleasy"]}, CAT)
    assert "MyGed" in answer(focus, "ask_tool", "et le resultat on le met ou ?")


@pytest.mark.parametrize(("text", "cartes"), [("et pour l'amex il fait la demande ou ?", ("amex",)),
                                              ("les cheques vacances il adresse sa demande a qui ?", ("ancv",))])
def test_a_request_the_merchant_makes_for_a_card_is_its_affiliation(text, cartes):
    assert subject_aspect_guess(CAT, text, Question("out_of_scope", cartes=cartes)) == "ask_affiliation"


def test_a_company_said_by_what_it_does_is_its_offer_when_the_nlu_reading_names_it_already():
    # the action's reading already holds the offer its notion names (actions/tracker_reading.py)
    reply = answer(Focus(), "ask_role", "la boite qui fait les sites pour nos clients c'est qui deja ?",
                   offres=["iz_ecommerce"])
    assert reply.startswith("IZ eCommerce"), reply


@pytest.mark.parametrize("intent", ["inform_subject", "ask_email", "ask_audience"])
def test_the_coordinate_to_give_after_an_internal_line_is_the_client_line_s(intent):
    focus = Focus.from_slot({"intent": "ask_support", "contacts": ["payplug_partenariat"], "audience": "client",
                             "point": "public"}, CAT)
    reply = answer(focus, intent, "et l'adresse a lui donner alors ?")
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply, reply


@pytest.mark.parametrize(("tool", "text", "offre", "lead"), [
    ("osc", "il sert aussi quand le client part chez payplug ?", "payplug", "Non."),  # full service: no contract
    ("osc", "il sert aussi pour un client jpel ?", "jpel", "Oui."),
    ("simuleasy", "il sert aussi pour un client payplug ?", "payplug", "Non."),  # Payplug negotiates
    ("simuleasy", "il sert aussi pour un client sp+ ?", "sp_plus", "Oui."),
])
def test_whether_a_tool_serves_for_an_offer_is_answered_yes_or_no_first(tool, text, offre, lead):
    focus = Focus.from_slot({"intent": "ask_role", "roles": ["cif"], "objets": [tool]}, CAT)
    assert answer(focus, "ask_hours", text, offres=[offre]).startswith(lead)


@pytest.mark.parametrize(("text", "asks"), [
    ("il sert aussi quand le client part chez payplug ?", False),  # a condition
    ("quand le client peut appeler ?", True),
    ("ouvert quand ?", True),
])
def test_when_is_a_question_word_unless_it_says_a_condition(text, asks):
    assert has_question_word(text) is asks


def test_whether_a_role_must_use_a_tool_is_the_tool_s_rule():
    reply = answer(Focus(), "ask_open_services", "l'atc il est oblige de saisir un lead monexpert ?",
                   outils=["monexpert"], roles=["atc"])
    assert "pas systématique" in reply and "réseau" in reply, reply


def test_the_means_to_pay_without_a_site_is_jpel():
    assert offers_by_notion(CAT, "mon commercant a le truc pour payer sans site et ca bug") == ("jpel",)
    assert offers_by_notion(CAT, "mon client n'a pas de site, on fait comment ?") == ()


def test_who_does_the_diag_is_who_does_the_diagnostic():
    assert roles_doing(CAT, "le gars qui fait le diag e-commerce du client, c'est qui ?") == ("cif",)


@pytest.mark.parametrize("intent", ["ask_is_open", "ask_audience", "ask_phone"])
def test_that_one_after_the_internal_line_asked_for_is_not_to_be_given(intent):
    focus = Focus.from_slot({"intent": "ask_phone", "offres": ["jpel"], "audience": "staff",
                             "contacts": ["assistance_monetique_pro", "assistance_spplus_jpel"]}, CAT)
    reply = answer(focus, intent, "celui la je peux lui passer aussi ?")
    assert reply.startswith("Non") and "09 69 37 80 30" in reply, reply


def test_whom_the_merchant_turns_to_for_a_card_network_is_its_affiliation():
    text = "et pour les cartes american express, le commercant s’adresse a qui ?"
    assert subject_aspect_guess(CAT, text, Question("nlu_fallback", cartes=("amex",))) == "ask_affiliation"


def test_who_does_an_unnamed_thing_after_an_answer_is_the_person_it_names_first():
    focus = Focus.from_slot({"intent": "ask_choose_offer", "offres": ["sp_plus", "payplug"], "acteurs": ["cif"]}, CAT)
    reply = answer(focus, "inform_subject", "et qui fait le choix avec le client ?")
    assert reply.startswith("• CIF"), reply



@pytest.mark.parametrize(("audience", "contacts", "text", "lead", "shown"), [
    ("client", ["assistance_spplus_interne", "service_clients_spplus"],
     "celle-là je peux la donner au commerçant ?", "Oui", "08 10 00 47 24"),
    # « tous » says whom to give it to, not which lines: « celle-là » is still the internal line asked for.
    ("staff", ["assistance_monetique_pro", "assistance_spplus_jpel"],
     "celle-là je peux la donner à tous mes commerçants ?", "Non, réservé aux collaborateurs", "09 69 37 80 30"),
])
def test_that_one_is_the_line_of_the_public_asked_for(audience, contacts, text, lead, shown):
    focus = Focus.from_slot({"intent": "ask_phone", "offres": ["sp_plus"], "audience": audience,
                             "contacts": contacts}, CAT)
    reply = answer(focus, "ask_audience", text)
    assert reply.startswith(lead) and shown in reply, reply


@pytest.mark.parametrize(("text", "focus", "family"), [
    # the simulators of JPEL's contract (SimulEasy, SimulUPI), which its pricing names
    ("avec quel outil ?", {"intent": "ask_pricing", "offres": ["jpel"]}, "ask_simulator"),
    ("sur quel logiciel ?", {"intent": "ask_pricing", "cartes": ["upi"]}, "ask_simulator"),
])
def test_a_preposition_and_a_question_word_alone_ask_an_aspect_of_the_subject_in_focus(text, focus, family):
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "greet", "confidence": 0.2}]
    assert follow_up_guess(text, ranking, Focus.from_slot(focus, CAT)) == family


@pytest.mark.parametrize(("text", "reason"), [
    # the simulation itself: why the pricing goes through a profitability simulator
    ("pk faut faire une simu dailleurs", "simulateur de rentabilité"),
    ("pk faut passer par un simulateur", "simulateur de rentabilité"),
    # the simulator the question asked for
    ("pk ?", "réserve SimulEasy"),
])
def test_why_a_simulation_is_not_why_that_simulator(text: str, reason: str) -> None:
    focus = replace(focus_after("ask_simulator", offres=("jpel",)), objets=("simuleasy",))
    assert reason in answer(focus, "ask_why", text)


def test_a_tool_the_answer_does_not_name_was_not_what_the_question_was_about() -> None:
    # « la simulation SimulEasy terminée, elle part où ? » → MyGed: « pourquoi ? » is then the filing's reason
    question = Question("ask_simulation_filing", outils=("simuleasy",))
    answered = compose(CAT, question, MONDAY_10)
    assert tools_asked(CAT, "une fois la simulation SimulEasy terminée, elle part où ?", question, answered) == ()
    focus = after(Focus(), question, answered)
    assert "MyGed" in answer(focus, "ask_why", "pourquoi faut la déposer là-dedans ?")
    # a question on the tool itself keeps it
    question = Question("ask_tool", outils=("osc",))
    assert tools_asked(CAT, "osc ça sert à quoi ?", question, compose(CAT, question, MONDAY_10)) == ("osc",)


@pytest.mark.parametrize(("text", "named", "lead", "said"), [
    ("La tarif d'un contrat JPEL pour un client qui prend la CB, c'est le CIF qui la fait avec SimulEasy, c'est ça ?",
     {"offres": ("jpel",), "cartes": ("standard",), "outils": ("simuleasy",)}, "Oui.", "SimulEasy"),
    ("Pour un commerçant JPEL qui prend les cartes chinoises, on m'a dit qu'on tarife avec SimulEasy, c'est bon ?",
     {"offres": ("jpel",), "cartes": ("upi",), "outils": ("simuleasy",)}, "Non.", "SimulUPI"),
    ("je crois que c'est SimulUPI qu'on utilise pour un contrat SP+ qui ne prend que la CB",
     {"offres": ("sp_plus",), "cartes": ("standard",), "outils": ("simulupi",)}, "Non.", "SimulEasy"),
    # no pricing by the CECAZ: the card's direct affiliation, the company's negotiation
    ("Pour les chèques-vacances ANCV, je crois qu'il faut faire une simu SimulEasy, c'est ça ?",
     {"cartes": ("ancv",), "outils": ("simuleasy",)}, "Non.", "affiliation en direct"),
    ("pour payplug on fait une simu simuleasy ?", {"offres": ("payplug",), "outils": ("simuleasy",)}, "Non.",
     "Payplug négocie directement"),
])
def test_a_simulator_claimed_for_cards_or_an_offer_is_checked(text: str, named: Dict[str, Any], lead: str,
                                                              said: str) -> None:
    replied = answer(Focus(), "ask_pricing", text, **named)
    assert replied.startswith(lead) and said in replied


def test_a_simulator_asked_about_is_no_claim() -> None:
    assert not answer(Focus(), "ask_tool", "simuleasy c'est pour quoi ?", outils=("simuleasy",)).startswith(("Oui",
                                                                                                          "Non"))


def test_an_unsure_follow_up_on_the_rule_an_answer_stated_asks_the_rule() -> None:
    focus = focus_after("ask_simulation_filing")
    assert focus.regles  # the filing's answer states the delegation scheme
    unsure = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_why", "confidence": 0.2}]
    assert follow_up_guess("et faut respecter quoi pour lappliquer", unsure, focus) == "ask_delegation"
    assert follow_up_guess("et elle part où après ?", unsure, focus) != "ask_delegation"  # no rule asked
    # no rule stated before: not guessed
    assert follow_up_guess("et faut respecter quoi pour lappliquer", unsure, Focus("ask_simulation_filing")) is None


@pytest.mark.parametrize(("text", "offres", "lead", "said"), [
    ("On m'a dit que pour JPEL il fallait ouvrir un contrat VAD, c'est ça ?", ("jpel", "vad"), "Non.",
     "contrat monétique « JPEL »"),
    ("pour IZ eCommerce on doit ouvrir un contrat SP+ pour la page de paiement ?", ("iz_ecommerce", "sp_plus"), "Non.",
     "ne cite pas de contrat"),
])
def test_another_offers_contract_claimed_for_an_offer_is_no_then_its_contracts(text: str, offres: Tuple[str, ...],
                                                                               lead: str, said: str) -> None:
    replied = answer(Focus(), "ask_contracts", text, offres=offres)
    assert replied.startswith(lead) and said in replied


def test_a_choice_between_two_offers_contracts_is_no_claim() -> None:
    replied = answer(Focus(), "ask_contracts", "Payplug ou SP+, lequel a un contrat chez nous ?",
                     offres=("payplug", "sp_plus"))
    assert not replied.startswith(("Oui", "Non"))


@pytest.mark.parametrize(("text", "reason"), [
    ("Pourquoi il doit faire ça lui-même ?", "affiliation en direct"),  # the merchant, as the answer said
    ("pourquoi lui ?", "commercialisation des solutions e-commerce"),  # the role the answer named
])
def test_why_he_does_it_himself_is_the_answers_reason_not_the_roles(text: str, reason: str) -> None:
    focus = replace(focus_after("ask_affiliation", cartes=("amex",)), acteurs=("cif",))
    assert reason in answer(focus, "ask_why", text)


@pytest.mark.parametrize(("text", "lead"), [
    ("et jpel il en faut un", "Non"),  # now whether JPEL needs one
    ("et jpel ?", "Oui"),  # the same question: works without a site
    ("et pour jpel ça marche sans ?", "Oui"),
])
def test_the_site_asked_again_is_read_from_the_new_words(text: str, lead: str) -> None:
    focus = Focus("ask_offer_definition", ("sp_plus",), point="sans_site")  # « sp+ ça marche sans site ? »
    assert answer(focus, "inform_subject", text, offres=("jpel",)).startswith(lead)


def test_follow_ups_after_the_default_offer_are_about_payplug():
    # « Comment choisir entre Payplug et SP+ ? » : Payplug is the offer to propose by default
    focus = focus_after("ask_choose_offer")
    assert focus.offres == ("payplug",)
    said = answer(focus, "ask_pricing", "et du coup on doit lui faire une simulation de rentabilité ?")
    assert said.startswith("Non.") and "négocie" in said, said


@pytest.mark.parametrize(("text", "named", "lead", "simulator"), [
    ("pour un commerçant sp+ qui prend les cartes chinoises, la simu se fait avec SimulEasy ?",
     {"offres": ["sp_plus"], "cartes": ["upi"], "outils": ["simuleasy"]}, "Non.", "SimulUPI"),
    ("les diners on les simule bien dans simulupi ?", {"cartes": ["dfs_diners"], "outils": ["simulupi"]}, "Oui.",
     "SimulUPI"),
])
def test_a_simulator_named_for_a_card_is_checked_against_the_cards_simulator(text, named, lead, simulator):
    said = answer(Focus(), "ask_simulator", text, **named)
    assert said.startswith(lead) and simulator in said.split("\n")[1], said

