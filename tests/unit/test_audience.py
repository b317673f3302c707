"""Pour qui est demandée une ligne, et ce que cela change à la réponse : jamais une ligne interne
quand on demande ce qu'il faut donner au commerçant."""

from __future__ import annotations

from datetime import datetime

import pytest

from cecaz.aspects import asks_the_coordinate, asks_what_to_give, aspects
from cecaz.audience import (
    CLIENT,
    STAFF,
    asks_if_for_staff,
    asks_if_shareable,
    asks_if_staff_may_use,
    asks_us_or_them,
    asks_which_line,
    audience_of,
)
from cecaz.catalogue import load_catalogue
from cecaz.families import FAMILIES, compose
from cecaz.focus import Focus, after
from cecaz.hours import PARIS
from cecaz.merchant import offers_of_the_client, several_merchants
from cecaz.phrasing import INTERNAL_PART, Question
from cecaz.resolve import resolve
from tests.unit.conftest import paris, reply_to
from tests.unit.test_focus import answer, focus_after

CAT = load_catalogue()
MONDAY_10 = datetime(2026, 11, 30, 10, 0, tzinfo=PARIS)
INTERNAL = [v for c in CAT.contacts.values() if c.public == "cecaz" for v in (c.telephone, c.email) if v]
CLIENT_ONLY_EMAILS = {c.email for c in CAT.contacts.values() if c.public == "clients" and c.email}


@pytest.mark.parametrize(("text", "audience"), [
    ("Quel numéro puis-je communiquer à un commerçant SP Plus ?", CLIENT),
    ("Mon client a un souci avec sa page SP+, qui doit-il contacter ?", CLIENT),
    ("le commerçant peut appeler qui ?", CLIENT),
    ("en tant que collaborateur CECAZ, qui j'appelle pour une question monétique ?", STAFF),
    ("le numéro pour moi, en interne", STAFF),
    ("numéro assistance SP+", None),
    ("client jpel qui a un souci, je lui donne quel numéro ?", CLIENT),
    ("je lui passe quel mail à ce commerçant ?", CLIENT),
    ("et pour les clients sp+ ?", CLIENT),
    ("le mail du service client sp+", None),  # a line's name, not who it is for
    ("et le sce clients ?", None),
    ("c'est pour le client ou pour nous ?", STAFF),  # « pour nous » named: the staff's lines are the question
    ("et nous si on a une question côté caisse ?", STAFF),
    ("et par tel il appelle qui ?", CLIENT),  # « il » : the merchant of the conversation
    ("s'il a un souci de paiement il écrit à qui ?", CLIENT),
    ("et il peut leur écrire à quelle adresse du coup ?", CLIENT),
    ("et nous on a qui le samedi ?", STAFF),  # « et nous » after the client's line
    ("et nous avons un client sp+, je lui donne quel numéro ?", CLIENT),  # the merchant named: his lines
    # whom a call is for is read from who is called
    ("après mon rendez-vous avec un commerçant, je pourrai encore joindre l'équipe partenariat ?", STAFF),
    ("pour le dossier d'un client SP+, nous pouvons toujours rappeler la monétique pro le samedi ?", STAFF),
    ("et là tout de suite, je peux les appeler ?", None),
    # the one called, written to or left a message is a line or a colleague, not the merchant
    ("ma directrice veut le numéro de l'équipe partenariat", None),
    ("l'équipe partenariat, je peux lui écrire directement ?", None),
    ("je peux envoyer un mail à l'adresse de l'équipe partenariat ?", None),
    ("j'ai fait un recap à la direction, quel est le mail de l'équipe partenariat ?", None),
    ("je peux laisser un message à l'équipe partenariat ?", None),
    # the merchant called by me, then handed a line: his
    ("je pourrai contacter le client demain, je lui donne quel numéro pour un souci SP+ ?", CLIENT),
    ("mon commerçant, il pourra les joindre ce soir ?", CLIENT),
])
def test_audience_of(text, audience):
    assert audience_of(text) == audience


@pytest.mark.parametrize("intent", [i for i, f in FAMILIES.items() if f.contacts])
@pytest.mark.parametrize("offre", ["payplug", "sp_plus", "jpel"])
def test_client_wording_never_gets_an_internal_line(intent, offre):
    text = compose(CAT, Question(intent, offres=(offre,), audience=CLIENT), MONDAY_10).text
    leaked = [v for v in INTERNAL if v in text and v not in CLIENT_ONLY_EMAILS]
    assert leaked == [] and "usage interne" not in text


def test_unclear_audience_puts_internal_lines_apart_after_the_client_ones():
    text = compose(CAT, Question("ask_phone", offres=("sp_plus",)), MONDAY_10).text
    assert text.index("09 69 37 80 30") < text.index(INTERNAL_PART) < text.index("09 69 36 06 26")


def test_staff_gets_the_internal_line_first():
    text = compose(CAT, Question("ask_phone", offres=("sp_plus",), audience=STAFF), MONDAY_10).text
    assert text.index("09 69 36 06 26") < text.index("09 69 37 80 30")


def test_a_means_the_client_has_no_line_for_says_so_and_gives_the_client_line_it_has():
    text = compose(CAT, Question("ask_email", offres=("jpel",), audience=CLIENT), MONDAY_10).text
    assert "ne donne pas d’adresse e-mail" in text and "09 69 37 80 30" in text
    assert not [v for v in INTERNAL if v in text and v not in CLIENT_ONLY_EMAILS]


def test_a_line_for_staff_after_client_lines_gives_the_offers_internal_line_first():
    question = Question("ask_support", offres=("payplug",), contacts=("payplug_support",), audience=STAFF)
    text = compose(CAT, question, MONDAY_10).text
    assert text.index("07 57 95 38 07") < text.index("+33 1 76 34 01 55")
    assert audience_of("vous avez un contact côté cecaz ?") == STAFF


@pytest.mark.parametrize(("text", "shareable"), [
    ("le client peut appeler le support le samedi ?", False),  # a line named, not the lines given: hours
    ("un client peut les contacter directement ?", True),
    ("le commerçant pourrait leur écrire ?", True),
    ("mon client peut appeler qui ?", False),              # whom to call: a contact question
    ("et celui du partenariat je peux le donner aussi ?", True),  # a line named, then the pronoun
    ("la ligne interne, on la communique au client ?", True),
    ("quel numéro je peux donner au client ?", False),      # which line: a contact question
    ("je peux l'envoyer tel quel au commerçant ?", True),
    ("on peut le partager avec le client ?", True),
    ("je peux leur envoyer un message ?", False),  # writing to the line, not giving it
    ("un commerçant en jpel peut le composer lui aussi ?", True),  # the client qualified by an offer
    ("pour vendre payplug a un client je dois passer par un cif ?", False),  # « passer par » gives nothing
    ("je le mets dans le mail au client ?", True),  # written down for him: handed over
    ("je peux l'indiquer dans ma réponse au commerçant ?", True),
    ("je mets quoi dans le mail au client ?", False),  # which line: a contact question
    ("celui la je peux lui passer aussi ?", True),  # « celui-là » points at a line, « celui que… » asks which
    ("mon client sp+ a un souci je lui file le num de la monetqiue pro", True),  # no comma, no question mark
    ("mon client a un souci je lui file quel num ?", False),  # which line
])
def test_can_the_merchant_use_the_lines_given_is_a_question_on_their_audience(text, shareable):
    assert asks_if_shareable(text) is shareable


@pytest.mark.parametrize(("text", "audience"), [
    ("c’est quoi notre ligne interne pour sp+ ?", STAFF),
    ("c quoi notre ligne interne pour sp plus ?", STAFF),  # « c » written for « c'est »
    ("et l'adresse a lui donner alors ?", CLIENT),  # the one to give
    ("cest koi le num pour nous en interne ?", STAFF),
    ("donc je file lequel au commerçant ?", CLIENT),
    ("et celle que je peux passer au client ?", CLIENT),
    ("je peux le donner au client ?", None),  # yes or no on the line, not which line
    ("c'est quoi le numéro de payplug ?", None),  # no public named
])
def test_which_line_for_a_public(text, audience):
    assert asks_which_line(text) == audience


@pytest.mark.parametrize(("text", "may_use"), [
    ("et moi je peux leur écrire ?", True),
    ("on peut les appeler aussi ?", True),
    ("nous on pourrait quand même les joindre ?", True),
    ("et on s'en sert aussi en interne ?", True),
    ("on l'utilise nous aussi ?", True),
    ("le 08 10 00 47 24 on sen sert aussi en interne", True),  # the line quoted first, typed fast
    ("et le 08, on peut s'en servir aussi en interne ?", True),  # its first digits quoted
    ("assistance-spplus@natixis.com, je peux leur écrire ?", True),
    ("et nous on peut lappeler aussi ou cest que pour les clients", True),  # the pronoun glued
    ("un collègue m'a dit que le 08 10 00 47 24, on pouvait s'en servir en interne, c'est vrai ?", True),  # reported
    ("je peux les appeler à quel numéro ?", False),   # which coordinate: an open question
    ("je peux le donner au client ?", False),          # the line's public, not its use by staff
    # who asks, or the line named, in a clause of its own before the question
    ("En tant qu'ATC : l'assistance SP+ et JPEL, on peut la joindre nous aussi ?", True),
    ("moi conseillère, la monétique pro je peux l'appeler ?", True),
    ("mon client a un souci, je lui donne quel numéro ?", False),
])
def test_can_staff_use_the_lines_themselves(text, may_use):
    assert asks_if_staff_may_use(text) is may_use


@pytest.mark.parametrize("text", [
    "mon client jpel a un pb sur un paiement, je lui file le num de l'assistance monétique pro ?",
    "et mon client il peut les appeler aussi ?",
])
def test_can_the_client_have_it_asked_in_a_last_clause_or_with_a_repeated_subject(text):
    assert asks_if_shareable(text)


def test_an_internal_line_refused_to_a_jpel_client_gives_only_the_jpel_client_line():
    reply = answer(focus_after(None), "ask_support",
                   "mon client jpel a un souci, je lui file le num de l'assistance monétique pro ?",
                   offres=["jpel"], services=["assistance_monetique"])
    assert reply.startswith("Non") and "09 69 37 80 30" in reply
    assert "09 69 36 06 26" not in reply and "08 10 00 47 24" not in reply


def test_tel_quel_is_not_a_telephone():
    assert not any("ask_phone" in found for found in aspects("je peux l'envoyer tel quel au commerçant ?"))
    assert any("ask_phone" in found for found in aspects("et leur tel ?"))


@pytest.mark.parametrize(("intent", "text", "present"), [
    # the internal SP+ address is also the address of the client line « Service Clients E-Commerce SP PLUS »
    ("ask_email", "et celle-là le client peut y écrire aussi ?", ["Oui : c’est aussi l’adresse",
                                                                  "Service Clients E-Commerce SP PLUS"]),
    # a number of its own: no
    ("ask_phone", "je peux le donner au client ?", ["Non, réservé"]),
])
def test_a_coordinate_shared_with_a_client_line_can_be_given(intent, text, present):
    focus = Focus.from_slot({"intent": intent, "offres": ["sp_plus"], "contacts": ["assistance_spplus_interne"]}, CAT)
    reply = answer(focus, "ask_audience", text)
    assert reply.startswith(present[0]) and all(p in reply for p in present), reply


def test_a_line_the_client_of_an_offer_may_call_is_the_line_in_focus():
    focus = Focus.from_slot({"intent": "ask_phone", "contacts": ["assistance_monetique_pro"]}, CAT)
    reply = answer(focus, "ask_audience", "un commerçant en jpel peut le composer lui aussi ?", offres=["jpel"])
    assert reply.startswith("Non, réservé") and "09 69 37 80 30" in reply, reply
    assert "08 10 00 47 24" not in reply  # SP+'s client line is not for a JPEL client


def test_the_line_named_first_then_whether_it_may_be_given_is_a_shareability_question():
    assert asks_if_shareable("le support payplug je peux donner leurs coordonnees au commercant ?")
    assert not asks_if_shareable("quel numéro je peux donner au commerçant ?")  # which line: not yes or no


def test_a_named_line_for_an_offers_client_is_judged_alone_and_the_offers_line_given_instead():
    # « mon client JPEL a un souci, la hotline monétique pro je peux la lui filer ? » : the internal line is the one
    # asked about (no « oui pour… ; non pour… »), JPEL's client line is what to give.
    text = compose(CAT, Question("ask_audience", offres=("jpel",), services=("assistance", "assistance_monetique")),
                   MONDAY_10).text
    assert text.startswith("Non")
    assert "09 69 37 80 30" in text and "09 69 36 06 26" not in text


@pytest.mark.parametrize("text, shareable", [
    ("Elle a un site IZ eCommerce ; ma collègue dit de lui donner le numéro de la monétique pro, c'est bon ?", True),
    ("mon collègue me dit de lui filer assistance-monetiquepro@natixis.com, c'est ok ?", True),
    ("Mon client JPEL a un problème ; je crois qu'il doit appeler la monétique pro, c'est ça ?", True),
    ("mon collègue dit de passer par le CIF pour la tarification", False),
    ("le client doit faire une demande d'affiliation ?", False),
    ("Je peux leur envoyer un client qui a un souci de paiement ?", True),
    ("je peux leur envoyer un mail ?", False),
    ("Et l'adresse partenariat-bpce@payplug.com, je peux la lui envoyer ?", True),  # the line, then the merchant
    ("et le mail de la monétique pro, elle peut y écrire ?", True),  # the merchant writing to the line named
    ("elle répond le samedi ?", False),
])
def test_a_line_someone_said_to_hand_over_is_a_question_of_audience(text, shareable):
    assert asks_if_shareable(text) is shareable


@pytest.mark.parametrize("text, lead", [
    # the document gives these lines « pour les clients et la CECAZ »
    ("Je crois que le 09 69 37 80 30 c'est uniquement pour les clients, c'est ça ?", "Non : le document donne"),
    ("le 08 10 00 47 24 c'est que pour les commerçants ?", "Non : le document donne"),
    ("le 09 69 36 06 26 c'est seulement pour les clients ?", "Non, réservé aux collaborateurs CECAZ"),
    ("le +33 1 76 34 01 55 c'est uniquement pour les clients ?", "Oui, à communiquer au client"),
    # reported, then whether staff may use the quoted line
    ("Un collègue m'a dit que le 08 10 00 47 24, on pouvait s'en servir aussi en interne, c'est vrai ?",
     "Oui : le document donne Service Clients E-Commerce SP PLUS « pour les clients et la CECAZ »"),
])
def test_whom_a_quoted_line_serves_is_answered_yes_or_no_first(text, lead):
    resolution = resolve(CAT, Question("ask_audience"), text, Focus(), MONDAY_10)
    assert resolution.lead and resolution.lead.startswith(lead)
    assert resolution.question and resolution.question.intent != "ask_audience"  # the line itself, not « oui, … »


def test_a_line_for_a_card_the_client_affiliates_himself_is_no_and_then_whom_he_contacts():
    # « le client veut l'AMEX, je lui donne le num de la monétique pro pour s'affilier ? » read as the AMEX's
    # affiliation: no (internal), and the card's direct affiliation instead of lines; « il contacte qui alors ? » next
    text = "le client veut lamex, je crois que je lui donne le num de la monetique pro pour saffilier cest ca"
    reading = Question("ask_affiliation", cartes=("amex",), services=("assistance_monetique",))
    resolution = resolve(CAT, reading, text, Focus(), MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_affiliation"
    answered = compose(CAT, resolution.question, MONDAY_10)
    said = f"{resolution.lead}\n{answered.text}"
    assert said.startswith("Non, réservé aux collaborateurs CECAZ") and "affiliation en direct" in said
    assert "09 69 36 06 26" not in said and "09 69 37 80 30" not in said
    focus = after(Focus(), resolution.question, answered)
    then = resolve(CAT, Question("ask_support"), "Il contacte qui alors ?", focus, MONDAY_10)
    assert then.question is not None and then.question.intent == "ask_affiliation"
    assert then.question.cartes == ("amex",)


@pytest.mark.parametrize("text, named, lead, given, not_given", [
    ("Je crois que le service client SP+ c'est le 09 69 37 80 30, c'est ça ?",
     {"offres": ("sp_plus",), "services": ("service_clients",)}, "Non.", "08 10 00 47 24", "09 69 37 80 30"),
    ("le support payplug c'est bien le 07 57 95 38 07 ?", {"offres": ("payplug",), "services": ("support",)},
     "Non.", "+33 1 76 34 01 55", "07 57 95 38 07"),
    ("le support payplug c'est bien le +33 1 76 34 01 55 ?", {"offres": ("payplug",), "services": ("support",)},
     "Oui.", "+33 1 76 34 01 55", "07 57 95 38 07"),
    # an address two lines share (the SP+ client service and the CECAZ's SP+ line) is either's
    ("le service client sp+ c'est bien assistance-spplus@natixis.com ?",
     {"offres": ("sp_plus",), "services": ("service_clients",)}, "Oui.", "assistance-spplus@natixis.com", "09 69"),
])
def test_a_line_said_to_be_a_named_ones_is_confirmed_or_corrected_by_that_lines_coordinate(text, named, lead, given,
                                                                                            not_given):
    resolution = resolve(CAT, Question("ask_audience", **named), text, Focus(), MONDAY_10)
    assert resolution.lead == lead and resolution.question is not None
    body = compose(CAT, resolution.question, MONDAY_10).text
    assert given in body and not_given not in body


@pytest.mark.parametrize(("text", "for_staff"), [
    ("le support payplug, c'est une ligne interne ?", True),
    ("l'équipe partenariat c'est pour nous seulement ?", True),
    ("c'est une ligne interne ?", True),
    ("le service clients c'est quoi son numéro ?", False),
    ("le support payplug c'est pour nous ou pour le client ?", False),  # which of the two: not a yes or no
])
def test_a_line_named_first_then_asked_if_it_is_the_staffs(text, for_staff):
    assert asks_if_for_staff(text) is for_staff


@pytest.mark.parametrize("text, audience", [
    ("je transmets quoi à une esthéticienne en JPEL ?", CLIENT),
    ("je passe ce numéro à un traiteur, ça va ?", CLIENT),
    ("je passe le dossier à mon collègue ?", None),  # handed to a colleague, not to the merchant
    ("on donne la simu à un CIF ?", None),
])
def test_what_is_handed_to_someone_named_by_his_trade_is_for_the_merchant(text, audience):
    assert audience_of(text) == audience


@pytest.mark.parametrize("text, audience", [
    # the merchant in the feminine, and writing to a line as a way of contacting it
    ("la commerçante, elle envoie ses mails à qui ?", CLIENT),
    ("et une marchande en JPEL, elle appelle quel numéro ?", CLIENT),
    ("il envoie son mail où ?", CLIENT),
    ("je leur envoie un mail ?", None),  # the speaker writing to the line
])
def test_the_merchant_in_the_feminine_or_writing_to_a_line(text, audience):
    assert audience_of(text) == audience


def test_lines_to_hand_over_are_the_merchant_s_whatever_the_family_read(fixed_clock):
    # read as a question on opening the services, after SP+'s next steps and who does them
    steps = {"intent": "ask_next_step", "offres": ["sp_plus"], "acteurs": ["cif"], "demarche": "ouverture_sp_plus"}
    focus = {"intent": "ask_role", "roles": ["cif"], "acteurs": ["cif", "reseau"], "avant": steps}
    reply, _ = reply_to("Quand tout sera en place, s'il a un problème, je transmets quoi à la commerçante ?",
                        "ask_open_services", focus=focus)
    assert "09 69 37 80 30" in reply and "assistance-monetiquepro@natixis.com" not in reply \
        and "09 69 36 06 26" not in reply


@pytest.mark.parametrize(("text", "offers"), [
    ("je peux le mettre dans mon mail à un plombier en JPEL ?", ("jpel",)),
    ("je peux le donner à un garage sous SP+ ?", ("sp_plus",)),
    ("un plombier veut JPEL, je lui donne ce numéro ?", ()),  # the trade introduced, then the offer he wants
    ("une cliente qui est sous SP+ peut-elle les joindre ?", ("sp_plus",)),  # the offer he has, in a relative
    ("à un client de l'offre la plus modulaire je peux le filer ?", ("sp_plus",)),  # the offer by its notions
    ("je peux l'envoyer à une boulangerie qui est sous JPEL ?", ("jpel",)),  # his trade, the offer in a relative
    ("le service client SP+, il peut l'appeler ?", ()),  # a line's name, not a client of SP+
    ("les services clients de SP+ ouvrent quand ?", ()),
    # a note quoted opens on the trade, bare, then his offer (not an action noted)
    ("le récap dit : « opticien chez JPEL, rappeler lundi », je fais quoi ?", ("jpel",)),
    ("son post-it : « salon de thé sous SP+ → donner le 08 » c'est bon ?", ("sp_plus",)),
    ("elle a noté « basculer en SP+ », on le fait ?", ()),
    ("dossier repris : traiteur en JPEL, le 08 est noté, ça va ?", ("jpel",)),  # after a colon, too
])
def test_a_merchant_named_by_his_trade_is_qualified_by_his_offer(text: str, offers: tuple) -> None:
    assert offers_of_the_client(CAT, text) == offers


def test_a_merchant_described_by_the_offer_he_uses_may_not_call_an_internal_line(fixed_clock):
    _, focus = reply_to("le numéro de l'équipe partenariat de Payplug ?", "ask_phone", offres=["payplug"])
    reply, _ = reply_to("un commerçant qui a Payplug peut-il les contacter pour un souci ?", "ask_support", focus,
                        offres=["payplug"])
    assert reply.startswith("Non") and "+33 1 76 34 01 55" in reply and "07 57 95 38 07" not in reply


@pytest.mark.parametrize("text", [
    "et l'autre numéro de Payplug, je peux le filer au commerçant ?",
    "l'autre adresse payplug, je peux la mettre en copie de ma réponse ?",
])
def test_the_other_line_of_the_offer_named_is_the_one_asked_about(fixed_clock, text: str):
    _, focus = reply_to("le mail du support Payplug ?", "ask_email", offres=["payplug"])
    reply, _ = reply_to(text, "ask_email", focus, offres=["payplug"])
    assert reply.startswith("Non") and "partenariat" in reply and "partenariat-bpce@payplug.com" not in reply
    assert "support@payplug.com" in reply


def test_asking_for_whom_a_line_is_keeps_that_line_for_the_next_question(fixed_clock):
    _, focus = reply_to("c'est quel numéro qui est ouvert le samedi ?", "ask_is_open")
    _, focus = reply_to("il est réservé à nous ou il est pour les clients ?", "ask_audience", focus)
    reply, _ = reply_to("et il décroche le dimanche ?", "ask_is_open", focus)
    assert reply.startswith("Non") and "09 69 36 06 26" in reply and "09 69 37 80 30" not in reply


@pytest.mark.parametrize("text", [
    "Leur numéro, je peux le donner au commerçant qui veut des renseignements ?",
    "je peux le transmettre aux clients qui cherchent de l'aide ?",
])
def test_the_merchant_described_by_a_relative_still_asks_whether_to_give_the_line(text: str):
    assert asks_if_shareable(text)


@pytest.mark.parametrize("text", ["ce numéro, c'est pour lui ou pour nous ?", "c pr eux ou pr nous ca"])
def test_the_merchant_by_a_pronoun_against_us_asks_for_whom(text: str):
    assert asks_us_or_them(text)


def test_the_internal_lines_asked_after_hours_are_the_lines_not_whether_they_are_open(fixed_clock):
    _, focus = reply_to("mon client JPEL a un souci, il appelle qui ?", "ask_support", offres=["jpel"])
    _, focus = reply_to("il décroche demain à 8h ?", "ask_is_open", focus)
    reply, _ = reply_to("et nous côté caisse on a quoi ?", "nlu_fallback", focus)
    assert not reply.startswith(("Oui", "Non")) and "09 69 36 06 26" in reply


def test_which_line_the_merchant_may_call_at_a_moment_lists_only_client_lines(fixed_clock):
    _, focus = reply_to("je peux filer le 09 69 36 06 26 à une cliente JPEL qui a un problème dimanche ?",
                        "ask_audience", offres=["jpel"])
    reply, _ = reply_to("bon, du coup elle peut contacter quel numéro le samedi ?", "ask_phone", focus)
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply and "partenariat" not in reply


def test_whom_the_merchant_writes_to_keeps_him_as_the_one_asked_for(fixed_clock):
    _, focus = reply_to("les lignes payplug ?", "ask_support", offres=["payplug"])
    _, focus = reply_to("et le client il envoie un mail à qui ?", "ask_audience", focus)
    reply, _ = reply_to("ils répondent jeudi à 9h10 ?", "ask_is_open", focus)
    assert reply.startswith("Oui") and "07 57 95 38 07" not in reply, reply


def test_for_whom_alone_after_a_line_is_whom_it_serves(fixed_clock):
    _, focus = reply_to("le numéro du service client sp plus", "ask_phone", offres=["sp_plus"])
    reply, _ = reply_to("C pour qui", "nlu_fallback", focus)
    assert reply.startswith("Pour les clients et pour la CECAZ"), reply


def test_an_internal_line_asked_for_a_client_of_another_offer_after_its_hours(fixed_clock):
    # the hours of a line kept for the CECAZ, then whether to give it (by its pronoun) to a client of an offer it does
    # not serve: it is kept for the CECAZ, then that client's lines ; not whether they are open
    _, focus = reply_to("l'équipe partenariat Payplug répond le lundi ?", "ask_is_open", services=["partenariat"],
                        offres=["payplug"])
    reply, _ = reply_to("ok et je peux la refiler à un client JPEL pour lundi ?", "ask_audience", focus,
                        offres=["jpel"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "09 69 37 80 30" in reply


@pytest.mark.parametrize("text", ["et la caisse, elle a un numéro à elle pour SP+ ?",
                                  "nous on a un contact chez SP+ ?"])
def test_a_line_of_our_own_asked_with_the_offer_alone_is_the_offers_line_for_the_staff(fixed_clock, text):
    # read as the offer named alone after a client line: not the previous question for that offer, the line for us
    _, focus = reply_to("le numéro du support Payplug ?", "ask_phone", offres=["payplug"], services=["support"])
    reply, _ = reply_to(text, "inform_subject", focus, offres=["sp_plus"])
    assert reply.startswith("Oui") and reply.index("usage interne CECAZ") < reply.index("09 69 37 80 30")


def test_a_line_of_our_own_after_an_hour_asked_is_not_that_hour_again(fixed_clock):
    _, focus = reply_to("le support Payplug répond demain à 8h45 ?", "ask_is_open", offres=["payplug"],
                        services=["support"])
    reply, _ = reply_to("et la caisse, elle a un numéro à elle chez Payplug ?", "inform_subject", focus,
                        offres=["payplug"])
    assert reply.startswith("Oui") and "07 57 95 38 07" in reply and "8h45" not in reply


@pytest.mark.parametrize(("text", "several"), [
    ("un opticien est chez Payplug et un garage en SP+, quel mail je leur donne ?", True),
    ("quel numéro je donne à chacun ?", True),
    ("on file quoi aux deux ?", True),
    ("quel numéro je donne à mon client Payplug ?", False),
])
def test_a_message_about_several_merchants_is_read_as_such(text: str, several: bool) -> None:
    assert several_merchants(text) is several


@pytest.mark.parametrize("text", ["Et la CECAZ, elle intervient dans cette négociation ?",
                                  "nous on intervient dans cette négo ?"])
def test_a_closed_question_read_as_a_lines_public_with_no_line_in_focus_is_on_the_previous_answer(fixed_clock, text):
    # no line was given and the message names neither a line nor a public: not « de quelle ligne parlez-vous ? »
    _, focus = reply_to("pour l'AMEX qui négocie les frais ?", "ask_affiliation", cartes=["amex"])
    reply, _ = reply_to(text, "ask_audience", focus)
    assert reply.startswith("Non.") and "n’intervient pas" in reply, reply


def test_whether_the_refused_line_opens_is_asked_of_that_line_not_of_the_merchant(fixed_clock):
    # « elle décroche le samedi, elle ? » after « Non, réservé aux collaborateurs » : a line opens, not the merchant
    _, focus = reply_to("la monétique pro, je peux la donner à ma cliente SP+ ?", "ask_audience", offres=["sp_plus"],
                        services=["assistance_monetique"])
    reply, _ = reply_to("elle décroche le samedi, elle ?", "ask_is_open", focus)
    assert reply.startswith("Oui (le samedi)") and "09 69 36 06 26" in reply and "usage interne CECAZ" in reply, reply


def test_in_house_at_the_branch_is_where_we_are_not_the_network(fixed_clock):
    # « à l'agence » after « en interne » says where the staff member is: whether we may use the line in focus
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"]}
    reply, _ = reply_to("et nous ici a l'agence, on peut l'utiliser ?", "nlu_fallback", focus, roles=["reseau"])
    assert reply.startswith("Oui") and "08 10 00 47 24" in reply and "Réseau :" not in reply


@pytest.mark.parametrize("text", ["Le marchand peut donc écrire au support Payplug ?",
                                  "et la cliente elle peut quand même les appeler ?"])
def test_what_is_said_by_the_way_keeps_a_merchant_calling_a_closed_question(fixed_clock, text):
    focus = {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_support"]}
    reply, _ = reply_to(text, "ask_support", focus, offres=["payplug"] if "Payplug" in text else [])
    assert reply.startswith("Oui") and "support@payplug.com" in reply


# Wave r63 (other words): where the line is written down, dialled, whom it answers, kept for us
@pytest.mark.parametrize(("text", "shareable"), [
    ("je peux le reprendre dans le récap que j'envoie à la cliente ?", False),  # « reprendre » hands nothing over
    ("je peux la copier dans le compte rendu pour le commerçant ?", True),
    ("et son mail, je le rajoute juste en dessous ?", True),
    ("elle peut le composer elle-même ?", True),
    ("elles traitent aussi les commerçants ?", True),
    ("ils répondent à quelle heure ?", False),
    ("à quelle heure ils répondent aux commerçants ?", False),  # the hours, asked of the merchants' line
    # a line named by whose it is, written in a message to him
    ("je peux glisser le numéro de l'équipe partenariat dans ma réponse ?", True),
    ("je rajoute l'adresse de l'assistance monétique en copie ?", True),
])
def test_a_line_written_down_dialled_or_answering_merchants_is_a_question_on_its_public(text, shareable):
    assert asks_if_shareable(text) is shareable


@pytest.mark.parametrize("text", ["c'est une adresse qu'on garde pour nous ?",
                                  "c'est une ligne que l'on réserve en interne ?"])
def test_a_line_kept_for_us_is_whether_it_is_the_staffs(text):
    assert asks_if_for_staff(text)


def test_the_client_as_subject_asking_for_an_internal_line_gets_his_offers_lines_instead(fixed_clock):
    # « le client » the conversation is about (an SP+ client), not any client: the SP+ lines, not JPEL's too
    _, focus = reply_to("je donne quel contact à une cliente SP+ qui a un problème ?", "ask_support",
                        offres=["sp_plus"])
    reply, _ = reply_to("la cliente peut joindre l'équipe partenariat elle-même ?", "ask_audience", focus,
                        services=["partenariat"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "08 10 00 47 24" in reply, reply
    assert "support@payplug.com" not in reply, reply


@pytest.mark.parametrize("text", ["et la ligne d'assistance SP+, ça irait pour lui ?",
                                  "le service client sp plus, il pourrait l'appeler lui ?"])
def test_another_offers_line_for_him_is_no_then_his_offers_lines(fixed_clock, text):
    # « lui » is the Payplug client of the previous answer: a line of another offer does not serve him
    _, focus = reply_to("un fleuriste chez Payplug a une question, je lui donne quoi ?", "ask_support",
                        offres=["payplug"])
    reply, _ = reply_to(text, "ask_audience", focus, offres=["sp_plus"], services=["assistance"])
    assert reply.startswith("Non") and "support@payplug.com" in reply, reply


@pytest.mark.parametrize(("intent", "text"), [
    ("ask_audience", "on les sollicite pour quoi, eux ?"),
    ("ask_support", "ils servent à quoi exactement ?"),
    ("ask_tool", "c'est pour quelles demandes, ce numéro ?"),
])
def test_what_a_line_in_focus_is_for_is_what_the_document_says_it_handles(fixed_clock, intent, text):
    _, focus = reply_to("le contact partenariat de Payplug ?", "ask_support", services=["partenariat"],
                        offres=["payplug"])
    reply, _ = reply_to(text, intent, focus)
    assert "traitement des leads" in reply and not reply.startswith(("Non", "Oui")), reply


def test_what_a_line_named_is_for_is_what_it_handles_not_whether_to_give_it(fixed_clock):
    reply, _ = reply_to("l'assistance monétique pro, on la joint pour quoi en général ?", "ask_audience",
                        services=["assistance_monetique"])
    assert "assistance monétique des collaborateurs" in reply and not reply.startswith("Non"), reply



def test_what_a_line_is_for_unplaced_by_the_nlu_is_still_what_it_handles(fixed_clock):
    # after a question on a line's public: not that question again for the line named
    _, focus = reply_to("le commerçant peut écrire lui-même à la monétique pro ?", "ask_audience",
                        services=["assistance_monetique"])
    reply, _ = reply_to("et nous, on s'en sert pour quoi au juste, de la monétique pro ?", "nlu_fallback", focus,
                        services=["assistance_monetique"])
    assert "assistance monétique des collaborateurs" in reply and not reply.startswith("Non"), reply


def test_another_offers_line_named_alone_after_a_public_question_is_no_for_him(fixed_clock):
    # the previous question was whether a line may be given to an SP+ client: « lui » is that client, whose lines
    # are not Payplug's
    _, focus = reply_to("je peux donner la monétique pro à ma cliente SP+ ?", "ask_audience",
                        services=["assistance_monetique"], offres=["sp_plus"])
    reply, _ = reply_to("et l'équipe support Payplug, ça lui irait ?", "inform_subject", focus,
                        offres=["payplug"], services=["support"])
    assert reply.startswith("Non") and "08 10 00 47 24" in reply and "support@payplug.com" not in reply, reply


def test_a_client_calling_a_line_named_alone_is_whether_he_may(fixed_clock):
    # read as the line named alone: its own closed question, not the previous question for that line
    _, focus = reply_to("un client SP+ a un bug, il appelle qui ?", "ask_support", offres=["sp_plus"])
    reply, _ = reply_to("et le commerçant, il peut joindre l'équipe partenariat lui aussi ?", "inform_subject",
                        focus, services=["partenariat"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ"), reply


def test_the_merchant_calling_the_line_for_his_requests_is_whether_he_may(fixed_clock):
    # the requests say which line (the partnership team handles product questions), the merchant may not use it
    _, focus = reply_to("le support Payplug ?", "ask_support", offres=["payplug"], services=["support"])
    reply, _ = reply_to("elle a une question sur la distribution de Payplug, elle peut les contacter elle-même ?",
                        "ask_support", focus, offres=["payplug"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "support@payplug.com" in reply, reply


def test_the_staff_calling_the_lines_in_focus_whatever_the_purpose_names(fixed_clock):
    # « un lead » may be read as the Lead Monexpert tool: the lines are still those of the answer, by their pronoun
    _, focus = reply_to("le numéro de l'équipe partenariat payplug ?", "ask_phone", offres=["payplug"],
                        services=["partenariat"])
    reply, _ = reply_to("et nous, pour transmettre un lead, on peut leur téléphoner ?", "nlu_fallback", focus,
                        outils=["monexpert"])
    assert reply.startswith("Oui") and "07 57 95 38 07" in reply, reply


@pytest.mark.parametrize(("text", "writes_for_him"), [
    ("je note quoi dans ma réponse au pâtissier ?", True),
    ("qu'est-ce que je mets dans le compte rendu ?", True),
    ("on met quoi dans MyGed après la simu ?", False),  # a filing, not a message to him
])
def test_what_to_write_in_a_message_is_what_to_give(text, writes_for_him):
    assert asks_what_to_give(text) is writes_for_him


@pytest.mark.parametrize(("text", "audience"), [
    ("un traiteur m'a dit qu'il voulait des contacts, je lui envoie lesquels ?", "client"),
    ("ma responsable me dit que ce numéro est interne, je peux l'utiliser ?", "staff"),
    # the adviser needs the line; the client only says whose file it is
    ("pour le contrat JPEL d'une cliente, j'ai besoin du numéro de la monétique pro", "staff"),
    ("il me faut le mail de l'équipe partenariat pour le dossier d'un commerçant", "staff"),
    ("j'ai besoin du numéro à donner à mon client", "client"),  # needed to hand it over
    ("on m'a dit d'appeler la monétique pro, c'est quel numéro ?", None),  # someone told the adviser, not the merchant
    # the « je » of the merchant's words, quoted, is not the adviser
    ("un garagiste m'a écrit : « je contacte qui si le paiement bloque ? ». Je lui réponds quoi ?", "client"),
    ('une cliente me dit "je dois joindre qui en cas de panne ?", je lui transmets quoi ?', "client"),
])
def test_what_the_merchant_told_the_adviser_is_about_the_merchant(text, audience):
    assert audience_of(text) == audience


def test_a_line_quoted_in_a_question_on_its_public_is_that_line_not_the_one_in_focus(fixed_clock):
    _, focus = reply_to("le numéro pour un client Payplug ?", "ask_phone", offres=["payplug"])
    reply, _ = reply_to("un collègue lui a transmis le 07 57 95 38 07, pourquoi il ne peut pas s'en servir ?",
                        "ask_audience", focus)
    assert "réservé aux collaborateurs CECAZ" in reply and "Équipe partenariat" in reply, reply


def test_the_merchant_calling_at_a_moment_after_an_internal_line_gets_his_lines_at_that_moment(set_clock):
    set_clock(paris("2026-11-30T10:00"))
    _, focus = reply_to("le mail de l'assistance monétique pro ?", "ask_email", services=["assistance_monetique"])
    reply, _ = reply_to("il m'a dit qu'il les appellerait mardi vers 8h30, ça ira ?", "ask_is_open", focus)
    assert reply.startswith("Non (le mardi à 8h30)") and "assistance-monetiquepro@natixis.com" not in reply, reply


def test_for_which_cases_an_offer_needs_something_is_not_what_the_line_in_focus_is_for(fixed_clock):
    _, focus = reply_to("le support Payplug ?", "ask_support", offres=["payplug"], services=["support"])
    reply, _ = reply_to("et pour quels cas faut-il un contrat ?", "ask_contracts", focus)
    assert not reply.startswith("Le document l’indique ainsi"), reply


def test_the_line_for_some_requests_described_by_who_handles_them_asked_for_the_merchant(fixed_clock):
    # « qui » describes the team, the question is closed: whether it may be given (no)
    _, focus = reply_to("le support Payplug ?", "ask_support", offres=["payplug"], services=["support"])
    reply, _ = reply_to("et l'équipe Payplug qui s'occupe de la distribution, je peux la transmettre au commerçant ?",
                        "ask_support", focus, offres=["payplug"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ"), reply


@pytest.mark.parametrize(("text", "intent", "offre"), [
    # where the lines go (a mail, a report, a reply) is not the coordinate asked: all of the merchant's lines
    ("Un caviste en JPEL me demande nos contacts en cas de panne. Qu'est-ce que je mets dans mon courriel ?",
     "ask_email", "jpel"),
    ("un fleuriste payplug m'écrit « envoyez-moi de quoi joindre l'assistance », je lui mets quoi dans ma réponse ?",
     "ask_email", "payplug"),
    ("pour mon compte rendu au garagiste en SP+, j'y note quoi comme contacts ?", "ask_phone", "sp_plus"),
])
def test_lines_written_down_for_the_merchant_are_all_his_lines(text: str, intent: str, offre: str) -> None:
    reply, focus = reply_to(text, intent, offres=[offre])
    assert focus["intent"] == "ask_support", reply
    his_lines = [c for c in CAT.contacts.values() if offre in c.offres and c.public == "clients"]
    assert his_lines and all(value in reply for c in his_lines for value in (c.telephone, c.email) if value)
    assert "usage interne" not in reply


@pytest.mark.parametrize(("text", "asked"), [
    ("quel mail je mets dans ma réponse ?", True),
    ("je mets quoi dans mon mail ?", False),
    ("et elle a un mail, cette ligne ?", True),
    ("« écrivez-moi par mail » qu'il me dit, je lui donne quoi ?", False),
    ("et leur adresse, je la note dans le compte rendu ?", True),
    ("je le note dans mon mail ou dans mon compte rendu ?", False),
    ("le 07 que j'ai vu dans un vieux mail, il est à qui ?", False),  # where it was found
    # « en mail » asked alone, after the answer's number: its e-mail (as « par mail »)
    ("et en mail ?", True),
    ("ok du coup en e-mail ?", True),
    ("je lui réponds en mail, j'y mets quoi ?", False),
])
def test_a_mail_where_lines_are_written_asks_no_e_mail(text: str, asked: bool) -> None:
    assert asks_the_coordinate(text, "ask_email") is asked


@pytest.mark.parametrize("text", [
    "en partant, je lui laisse quelles coordonnées ?",
    "je lui remets quel numéro à la fin du rendez-vous ?",
    "qu'est-ce que je lui laisse comme contact ?",
])
def test_lines_left_with_the_merchant_are_handed_over(text: str) -> None:
    assert asks_what_to_give(text)
    assert audience_of(text) == CLIENT


@pytest.mark.parametrize("text", [
    "le mail de l'équipe partenariat, je peux le lui laisser en partant ?",
    "et la monétique pro, je la lui remets aussi ?",
])
def test_an_internal_line_left_with_the_merchant_is_refused(text: str) -> None:
    focus = {"intent": "ask_support", "offres": ["payplug"], "contacts": ["payplug_support"], "audience": "client"}
    reply, _ = reply_to(text, "ask_email", focus=focus, services=["partenariat" if "partenariat" in text
                                                                    else "assistance_monetique"])
    assert reply.startswith("Non"), reply
    assert "support@payplug.com" in reply and "partenariat-bpce@payplug.com" not in reply
    assert "assistance-monetiquepro@natixis.com" not in reply


def test_a_quoted_internal_line_refused_gives_the_clients_own_line(fixed_clock: str) -> None:
    focus = {"intent": "ask_phone", "offres": ["jpel"], "contacts": ["assistance_spplus_jpel"], "audience": "client"}
    reply, kept = reply_to("et le 07 57 95 38 07, je peux le lui passer en plus ?", "ask_audience", focus=focus)
    assert reply.startswith("Non"), reply
    assert "09 69 37 80 30" in reply and "+33 1 76 34 01 55" not in reply and "partenariat-bpce" not in reply
    # then « les », with a moment, is the line given him: open or not then (its hours are not in the document)
    reply, _ = reply_to("d'accord, et il pourra les joindre tout de suite ?", "ask_audience", focus=kept)
    assert not reply.startswith("Non, réservé") and "horaires" in reply, reply
    assert "09 69 37 80 30" in reply and "07 57 95 38 07" not in reply


def test_an_internal_line_refused_for_a_client_of_two_offers_gives_what_each_says() -> None:
    focus = {"intent": "ask_support", "offres": ["iz_ecommerce", "payplug"], "contacts": ["payplug_support"],
             "audience": "client"}
    reply, _ = reply_to("et l'adresse partenariat-bpce@payplug.com, elle peut lui servir ?", "ask_audience",
                        focus=focus)
    assert reply.startswith("Non"), reply
    assert "IZ eCommerce" in reply and "support@payplug.com" in reply and "+33 1 76 34 01 55" in reply


@pytest.mark.parametrize("text", [
    "je peux téléphoner à la commerçante et lui transmettre le 07 57 95 38 07 ?",
    "je vais rappeler le client, je peux lui filer l'adresse partenariat-bpce@payplug.com ?",
])
def test_calling_the_merchant_to_hand_him_an_internal_line_is_refused(text: str) -> None:
    reply, _ = reply_to(text, "ask_audience")
    assert reply.startswith("Non"), reply


@pytest.mark.parametrize(("text", "offre", "line"), [
    ("Dans le récap d'un collègue : « traiteur en JPEL, lui filer le 09 69 36 06 26 ». Je lui file ce numéro ?",
     "jpel", "09 69 37 80 30"),
    ("son mail dit « boutique sous SP+ → donner assistance-monetiquepro@natixis.com ». Je la lui donne, l'adresse ?",
     "sp_plus", "08 10 00 47 24"),
    ("Dans la passation : « caviste sous Payplug, paiement bloqué → lui donner le 09 69 36 06 26 ». Je lui donne ce "
     "numéro ?", "payplug", "+33 1 76 34 01 55"),
])
def test_a_line_quoted_in_a_note_is_asked_for_the_merchant_the_note_names(text: str, offre: str, line: str) -> None:
    reply, _ = reply_to(text, "ask_audience", offres=[offre])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and line in reply, reply


@pytest.mark.parametrize(("text", "card", "offre"), [
    ("mon collègue a noté : « client JPEL, veut les chèques-vacances → lui passer le 09 69 36 06 26 pour "
     "l'affiliation ». Je le lui passe ?", "ancv", "jpel"),
    ("je lui file l'adresse de la monétique pro pour qu'il s'affilie à American Express ?", "amex", "sp_plus"),
])
def test_an_internal_line_asked_for_a_card_joined_directly_is_refused_then_the_affiliation(text, card, offre) -> None:
    reply, focus = reply_to(text, "ask_affiliation", offres=[offre], cartes=[card], services=["assistance_monetique"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "affiliation en direct" in reply, reply
    assert focus["intent"] == "ask_affiliation" and focus["cartes"] == [card]


@pytest.mark.parametrize("text", ["le 09 69 37 80 30 est noté dans le dossier, c'est ok pour lui ?",
                                  "ma collègue a mis partenariat-bpce@payplug.com, c'est bien correct pour elle ?",
                                  "cette adresse trouvée dans l'ancien courriel, elle marche aussi pour lui ?"])
def test_a_line_right_for_the_merchant_asks_whether_to_give_it(text: str) -> None:
    assert asks_if_shareable(text) and audience_of(text) == CLIENT


def test_an_offer_said_only_by_a_quoted_address_is_the_line_s_not_the_merchant_s() -> None:
    # the merchant is in JPEL; the address quoted is Payplug's support: not his line, then his own
    reply, _ = reply_to("repris le dossier : opticien en JPEL, la collègue a noté support@payplug.com, c'est bon pour "
                        "lui ?", "ask_audience", offres=["jpel", "payplug"])
    assert reply.startswith("Non") and "09 69 37 80 30" in reply and "support@payplug.com" not in reply, reply


@pytest.mark.parametrize(("before", "offre", "text", "lead"), [
    ("un client SP+ a un souci de contrat, je lui donne quel numéro ?", "sp_plus",
     "il est seulement pour les commerçants, celui-là ?", "Non : le document donne"),
    ("le mail de l'équipe partenariat Payplug ?", "payplug", "c'est juste pour les clients cette adresse ?",
     "Non, réservé aux collaborateurs CECAZ"),
])
def test_whether_the_one_line_given_is_only_for_clients_says_whom_the_document_gives_it(before, offre, text,
                                                                                        lead) -> None:
    _, focus = reply_to(before, "ask_support", offres=[offre],
                        services=["partenariat"] if "partenariat" in before else [])
    reply, _ = reply_to(text, "ask_audience", focus)
    assert reply.startswith(lead), reply


def test_another_offer_s_internal_line_asked_for_the_merchant_is_first_the_cecaz_s() -> None:
    # a JPEL merchant: Payplug's partnership team is not his offer's line, and it is kept for the CECAZ first
    reply, _ = reply_to("et le mail de l'équipe partenariat Payplug, il peut servir pour lui ?", "ask_audience",
                        {"intent": "ask_support", "offres": ["jpel"], "audience": "client"},
                        offres=["payplug"], services=["partenariat"])
    assert reply.startswith("Non, réservé aux collaborateurs CECAZ") and "09 69 37 80 30" in reply, reply
    assert "partenariat-bpce@payplug.com" not in reply


@pytest.mark.parametrize(("text", "lead"), [
    ("et leur adresse, c'est bien assistance-monetiquepro@natixis.com ?", "Oui"),
    ("leur mail c'est bien assistance-spplus@natixis.com hein ?", "Non"),
])
def test_the_address_of_the_line_in_focus_checked_by_quoting_it(text: str, lead: str) -> None:
    # the words the address spells (« assistance ») name no service of their own
    focus = {"intent": "ask_hours", "offres": ["jpel"], "services": ["assistance_monetique"],
             "contacts": ["assistance_monetique_pro"]}
    reply, _ = reply_to(text, "ask_email", focus, services=["assistance"])
    assert reply.startswith(lead), reply


@pytest.mark.parametrize(("before", "offre", "text", "lead", "said"), [
    ("c'est qui qui fixe le prix du site IZ ?", "iz_ecommerce", "et l'assistance, c'est nous ?", "Non",
     "IZ eCommerce qui assure le support"),
    ("pour Payplug, les fonds arrivent comment ?", "payplug", "et le support, c'est bien eux ?", "Oui",
     "+33 1 76 34 01 55"),
])
def test_who_assures_the_support_of_the_offer_in_focus_is_not_a_line_s_public(before, offre, text, lead,
                                                                              said) -> None:
    _, focus = reply_to(before, "ask_pricing" if "prix" in before else "ask_funds", offres=[offre])
    reply, _ = reply_to(text, "ask_audience", focus, services=["support"] if "support" in text else ["assistance"])
    assert reply.startswith(lead) and said in reply, reply


@pytest.mark.parametrize(("text", "shareable"), [
    ("la note dit 'client sp+ : lui passer le mail de la monétique pro'. je lui envoie ?", True),
    ("j'ai l'adresse de l'assistance monétique pro, je lui envoie", True),
    ("je leur envoie un mail pour le lead ?", False),  # written to the line, not handed over
])
def test_sending_it_to_him_the_thing_left_unsaid_is_handing_the_line_over(text: str, shareable: bool) -> None:
    assert asks_if_shareable(text) is shareable


# Review of wave r66's changes: what these readings must not catch
@pytest.mark.parametrize("text", ["demain matin, c'est bon pour elle ?", "le tarif à 25 euros, ça va pour lui ?",
                                  "un fleuriste sans site, JPEL c'est bon pour lui ?"])
def test_what_suits_the_merchant_without_a_line_named_is_not_a_line_to_give(text: str) -> None:
    assert not asks_if_shareable(text) and audience_of(text) != CLIENT


def test_a_public_line_asked_for_a_card_joined_directly_is_no_without_calling_it_internal() -> None:
    reply, _ = reply_to("client JPEL qui veut l'AMEX, je peux lui donner l'assistance JPEL pour l'affiliation ?",
                        "ask_affiliation", offres=["jpel"], cartes=["amex"], services=["assistance"])
    assert reply.startswith("Non.") and "affiliation en direct" in reply and "ligne CECAZ" not in reply, reply
