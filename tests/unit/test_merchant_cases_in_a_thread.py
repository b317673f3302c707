"""Un cas de commerçant au fil d'une conversation (vague r50, issue 11) : le commerçant présenté par son métier puis
désigné par lui (« à la fromagère »), une ligne demandée « la même » que celle d'une autre demande, une ligne par son
rang et son public (« le deuxième, le commerçant a le droit de l'appeler ? »), une ligne à écrire « sans souci » dans
un courriel lue par DIET comme autre chose. Phrases écrites pour ces tests, autres que celles des conversations."""

from __future__ import annotations

import pytest

from cecaz.merchant import as_the_client, merchant_nouns
from tests.unit.conftest import reply_to

pytestmark = pytest.mark.usefixtures("fixed_clock")

_PAYPLUG_SUPPORT = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support"],
                    "audience": "client"}
_PAYPLUG_PARTNERS = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_partenariat"]}
_PAYPLUG_BOTH = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support", "payplug_partenariat"]}
_FROMAGERIE = "Une fromagerie qui vend ses plateaux sur son site Payplug a un souci de paiement : quel numéro ?"


@pytest.mark.parametrize("text, nouns", [
    ("Un ostéopathe qui prend ses rendez-vous en ligne veut encaisser à distance", ("osteopathe",)),
    ("mon client ? une quincaillerie en SP+ depuis l'an dernier", ("quincaillerie",)),
    ("je regarde le dossier d'une mercerie, elle est en JPEL", ("mercerie",)),
    ("j'ai un souci avec un paiement qui bloque", ()),
    ("un client jpel me demande le numéro de l'assistance", ()),
    ("Une agence de voyages a son site", ()),  # « l'agence » is the bank's branch
    ("un client sp+ veut parler à qqn samedi matin", ()),  # « quelqu'un », then a day
    # a note names him by his trade, bare (not an action noted)
    ("dans le récap : « potier sans site, veut JPEL »", ("potier",)),
    ("son post-it : « relancer en SP+ la semaine prochaine »", ()),
    ("ses notes : « restaurant sous Payplug »", ("restaurant",)),  # a trade, not a verb (« rester »)
    ("Question rapide : paramétrage sous JPEL pour un fleuriste, il appelle qui ?", ("fleuriste",)),  # no note
    ("un fleuriste me dit « vendre en ligne, c'est possible ? »", ("fleuriste",)),  # his question quoted
])
def test_the_merchant_is_introduced_by_his_trade(text: str, nouns: tuple) -> None:
    assert merchant_nouns([text]) == nouns


@pytest.mark.parametrize("text, read", [
    ("je le mets dans mon mail à la fromagère ?", "je le mets dans mon mail au client ?"),
    ("et lostéo il a quel numéro lui", "et le client il a quel numéro lui"),
    ("et la quincaillerie, elle appelle qui ?", "et le client, elle appelle qui ?"),
    ("le numéro de l'agence", "le numéro de l'agence"),
])
def test_the_merchant_named_by_his_trade_again_is_the_client(text: str, read: str) -> None:
    assert as_the_client(text, ("fromagerie", "osteopathe", "quincaillerie")) == read


@pytest.mark.parametrize("focus, verdict", [(_PAYPLUG_SUPPORT, "Oui"), (_PAYPLUG_PARTNERS, "Non")])
def test_a_line_written_to_the_merchant_named_by_his_trade_is_the_question_of_its_public(focus: dict,
                                                                                      verdict: str) -> None:
    reply, _ = reply_to("Et celui-là, je peux l'insérer dans mon mail à la fromagère ?", "nlu_fallback", focus,
                        before=_FROMAGERIE)
    assert reply.startswith(verdict), reply


@pytest.mark.parametrize("text, focus, intent, verdict", [
    ("Ce numéro, c'est bien celui qu'on contacte pour un lead ?", _PAYPLUG_SUPPORT, "ask_phone", "Non"),
    ("Et pour une question de client, c'est bien celui qu'il doit appeler ?", _PAYPLUG_SUPPORT, "ask_phone", "Oui"),
    ("et le commerçant, il compose ce même numéro ?", _PAYPLUG_PARTNERS, "ask_phone", "Non"),
])
def test_the_same_line_for_another_request_is_a_yes_or_no_on_the_line_spoken_of(text: str, focus: dict, intent: str,
                                                                                verdict: str) -> None:
    reply, _ = reply_to(text, intent, focus)
    assert reply.startswith(verdict), reply


@pytest.mark.parametrize("text, verdict, number", [
    ("Le deuxième, le commerçant a le droit de le composer ?", "Non", "+33 1 76 34 01 55"),
    ("La première, le client a-t-il le droit de l'appeler ?", "Oui", "+33 1 76 34 01 55"),
])
def test_a_line_by_its_rank_asked_for_the_merchant_is_whether_it_may_be_given(text: str, verdict: str,
                                                                              number: str) -> None:
    reply, _ = reply_to(text, "ask_audience", _PAYPLUG_BOTH)
    assert reply.startswith(verdict) and number in reply, reply


@pytest.mark.parametrize("text", ["Ça lui sera facturé, cet appel ?", "et l'appel, il est facturé au commerçant ?"])
def test_a_call_billed_is_the_call_price(text: str) -> None:
    focus = {"intent": "ask_phone", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"], "audience": "client"}
    reply, _ = reply_to(text, "ask_phone", focus)
    assert reply.startswith("Oui") and "0,06 €/min" in reply, reply


@pytest.mark.parametrize("text", ["et les fonds il les reçoit chaque jour",
                                  "il touche ses encaissements tous les jours ?"])
def test_receiving_the_money_every_day_is_the_daily_transfers_said_back(text: str) -> None:
    reply, _ = reply_to(text, "ask_funds", {"intent": "ask_contracts", "offres": ["payplug"]})
    assert reply.startswith("Oui") and "quotidiens" in reply, reply


@pytest.mark.parametrize("text", ["je peux la mettre sans souci dans mon courriel au commerçant ?",
                                  "Bon, je la glisse dans ma réponse au client ?"])
def test_an_address_written_to_the_merchant_is_whether_it_may_be_given_whatever_diet_read(text: str) -> None:
    focus = {"intent": "ask_email", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"],
             "audience": "client"}
    reply, _ = reply_to(text, "ask_vad", focus)
    assert reply.startswith("Oui") and "assistance-spplus@natixis.com" in reply, reply


@pytest.mark.parametrize("text, cost", [("Et la deuxième, elle est payante ?", "0,06 €/min"),
                                        ("et le 2e il est surtaxé", "0,06 €/min")])
def test_the_cost_of_a_line_by_its_rank_is_that_line_s_call_price(text: str, cost: str) -> None:
    focus = {"intent": "ask_phone", "offres": ["sp_plus"],
             "contacts": ["assistance_spplus_jpel", "service_clients_spplus"]}
    reply, _ = reply_to(text, "ask_phone", focus)
    assert reply.startswith("Oui") and cost in reply, reply


@pytest.mark.parametrize("text", ["Un fleuriste en JPEL a un paiement bloqué : qui doit-il appeler ?",
                                  "une librairie sous jpel a un bug, qui peut-elle joindre"])
def test_whom_the_merchant_must_call_by_an_inverted_pronoun_is_his_lines_only(text: str) -> None:
    reply, _ = reply_to(text, "ask_support", offres=["jpel"])
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply, reply


@pytest.mark.parametrize("text, named, line", [
    ("un client JPEL peut écrire au support Payplug s'il a un souci ?", {"offres": ["jpel", "payplug"],
                                                                          "services": ["support"]}, "09 69 37 80 30"),
    ("ma cliente payplug, elle peut appeler l'assistance SP+ ?", {"offres": ["payplug", "sp_plus"],
                                                                 "services": ["assistance"]}, "+33 1 76 34 01 55"),
])
def test_another_offer_s_line_for_a_client_is_no_and_her_own_lines(text: str, named: dict, line: str) -> None:
    reply, _ = reply_to(text, "ask_phone", **named)
    assert reply.startswith("Non") and line in reply, reply


def test_a_client_s_own_offer_line_named_with_another_offer_is_still_hers() -> None:
    reply, _ = reply_to("mon client sp+ peut appeler l'assistance sp+ et jpel ?", "ask_audience",
                        offres=["sp_plus", "jpel"], services=["assistance"])
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize("text", ["Le conseiller peut-il lui transmettre le 09 69 36 06 26 ?",
                                  "Pour une épicerie en SP+, un collaborateur peut lui donner le 09 69 36 06 26 ?"])
def test_the_adviser_who_hands_a_quoted_line_over_is_not_the_subject(text: str) -> None:
    reply, _ = reply_to(text, "ask_audience")
    assert reply.startswith("Non") and "09 69 37 80 30" in reply, reply


_SP_PLUS_TWO_LINES = {"intent": "ask_phone", "offres": ["sp_plus"], "audience": "client",
                      "contacts": ["assistance_spplus_jpel", "service_clients_spplus"]}


@pytest.mark.parametrize("text", ["et le premier, on peut l'appeler nous aussi depuis l'agence ?",
                                  "le 1er des deux je peux le composer moi aussi depuis mon agence"])
def test_calling_from_the_branch_is_where_the_adviser_calls_from_not_the_network(text: str) -> None:
    reply, _ = reply_to(text, "ask_phone", _SP_PLUS_TWO_LINES)
    assert reply.startswith("Oui") and "09 69 37 80 30" in reply and "Réseau" not in reply, reply


@pytest.mark.parametrize("text, verdict", [("et l'autre, il sert aussi pour jpel", "Oui"),
                                           ("et lui il marche aussi pour jpel", "Non")])
def test_whether_the_other_line_of_a_list_serves_an_offer_too(text: str, verdict: str) -> None:
    # after « le deuxième il ouvre à quelle heure ? » : the service clients line picked among SP+'s two lines
    focus = {"intent": "ask_hours", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"],
             "avant": _SP_PLUS_TWO_LINES}
    reply, _ = reply_to(text, "inform_subject", focus, offres=["jpel"])
    assert reply.startswith(verdict), reply


def test_the_other_after_the_first_of_two_offers_is_the_same_question_for_the_second() -> None:
    focus = {"intent": "ask_phone", "offres": ["payplug"], "contacts": ["payplug_support"], "audience": "client",
             "avant": {"intent": "ask_choose_offer", "offres": ["payplug"]}}
    reply, _ = reply_to("et pour l'autre ?", "inform_subject", focus,
                        before="la première, quel numéro je donne au client ?")
    assert "09 69 37 80 30" in reply and "+33 1 76 34 01 55" not in reply, reply


@pytest.mark.parametrize("text, site", [
    ("Un caviste vient d'ouvrir sa boutique en ligne et Payplug lui convient", "oui"),
    ("elle a lancé son e-shop l'an dernier", "oui"),
    ("il veut lancer sa boutique en ligne", "non"),  # he has none yet: he wants one
])
def test_a_site_just_launched_exists(text: str, site: object) -> None:
    from actions import runtime
    from cecaz.diagnostic import known_facts
    facts = known_facts(runtime.catalogue(), text)
    assert facts.site == site and (facts.creer_site == "oui") == (site == "non"), facts


@pytest.mark.parametrize("text, offer", [("Qu'est-ce qui fait qu'on écarte SP+ pour ce client-là ?", "sp_plus"),
                                         ("qu'est-ce qui exclut JPEL ici ?", "jpel")])
def test_what_leads_to_setting_an_offer_aside_asks_a_reason(text: str, offer: str) -> None:
    from cecaz.aspects import asks_why
    from cecaz.moves import read_move
    assert asks_why(text) and read_move(text, [offer]) == "ask_why"


@pytest.mark.parametrize("text, intent, named, said, unsaid", [
    ("Un glacier a un site, Payplug ne lui plaît pas et il part sur SP+ : faut-il ouvrir des contrats chez nous ?",
     "nlu_fallback", {"offres": ["payplug", "sp_plus"]}, "acquisition", "full service"),
    ("Un fromager a un site, Payplug ne lui va pas et le CIF a retenu SP+ : qui paramètre les contrats ?",
     "ask_open_services", {"offres": ["payplug", "sp_plus"]}, "OSC", "full service"),
])
def test_an_offer_chosen_after_another_set_aside_is_what_the_question_is_about(text: str, intent: str, named: dict,
                                                                              said: str, unsaid: str) -> None:
    reply, _ = reply_to(text, intent, **named)
    assert said in reply and unsaid not in reply and "Je vous guide" not in reply, reply


@pytest.mark.parametrize("text", ["Et ces contrats sont paramétrés dans OSC par le conseiller ?",
                                  "ils sont configurés dans osc par l'atc"])
def test_a_doer_named_in_the_passive_is_checked(text: str) -> None:
    focus = {"intent": "ask_contracts", "offres": ["sp_plus"], "acteurs": ["cif"], "point": "contrat"}
    reply, _ = reply_to(text, "ask_open_services", focus, outils=["osc"])
    assert reply.startswith("Non") and "CIF" in reply, reply


@pytest.mark.parametrize("text, named", [
    ("pour le dossier sp+ d'un garage, jai le droit dappeler la monetique pro moi",
     {"offres": ["sp_plus"], "services": ["assistance_monetique"]}),
    ("j'ai le droit de lappeler moi aussi le service clients sp+ ?", {"offres": ["sp_plus"],
                                                                      "services": ["service_clients"]}),
])
def test_whether_i_am_allowed_to_call_a_line_is_whether_staff_may_use_it(text: str, named: dict) -> None:
    reply, _ = reply_to(text, "ask_support", **named)
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize("text, named, verdict", [
    ("un club de sport a un site et prend la cb, on lui propose sp+ direct", {"offres": ["sp_plus"],
                                                                             "cartes": ["standard"]}, "Non"),
    ("site marchand, cb seulement : je lui propose payplug directement", {"offres": ["payplug"],
                                                                           "cartes": ["standard"]}, "Oui"),
])
def test_an_offer_proposed_straight_away_is_whether_it_is_the_default(text: str, named: dict, verdict: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", **named)
    assert reply.startswith(verdict), reply


@pytest.mark.parametrize("text, offer, verdict", [("et sp+ c'est adapté même à une petite asso", "sp_plus", "Oui"),
                                                  ("SP+ il est pensé aussi pour une TPE ?", "sp_plus", "Oui")])
def test_whom_a_named_offer_suits_is_its_clientele(text: str, offer: str, verdict: str) -> None:
    reply, _ = reply_to(text, "ask_offer_definition", offres=[offer])
    assert reply.startswith(verdict) and "tous les types de clients" in reply, reply


@pytest.mark.parametrize("text", ["donc SP+ c'est seulement quand payplug colle pas, c'est ça ?",
                                  "sp+ cest uniquement si payplug lui va pas hein"])
def test_sp_plus_when_payplug_does_not_suit_said_back_is_confirmed(text: str) -> None:
    reply, _ = reply_to(text, "ask_choose_offer", {"intent": "ask_choose_offer", "offres": ["sp_plus"]},
                        offres=["sp_plus", "payplug"])
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize("text", ["et l'assistance de son contrat sp+ une fois ouvert, c'est qui ?",
                                  "une fois ouvert, qui assure l'assistance du contrat jpel"])
def test_a_contract_once_opened_is_not_an_opening_hour(text: str) -> None:
    reply, _ = reply_to(text, "ask_contracts", offres=["sp_plus" if "sp+" in text else "jpel"], services=["assistance"])
    assert "09 69 37 80 30" in reply and not reply.startswith("Horaires"), reply


@pytest.mark.parametrize("text", ["Un serrurier a un site, Payplug ne lui convient pas et on part sur SP+ : c'est à "
                                  "moi de faire la simulation ?",
                                  "il a un site, payplug lui va pas, on part sur sp+ : c'est moi qui fais la simu ?"])
def test_who_does_a_step_for_the_offer_chosen_is_that_step_s_doer(text: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", offres=["payplug", "sp_plus"])
    assert reply.startswith("Non") and "CIF" in reply and "simulateur" in reply, reply


@pytest.mark.parametrize("text", ["et les contrats sont ouverts chez BPCE ?", "le contrat est bien signé chez nous ?"])
def test_contracts_said_to_be_opened_is_whether_there_are_contracts(text: str) -> None:
    reply, _ = reply_to(text, "ask_contracts", {"intent": "ask_offer_definition", "offres": ["sp_plus"]})
    assert reply.startswith("Oui") and "acquisition" in reply, reply


@pytest.mark.parametrize("text", ["Un plombier sans site encaisse par JPEL : c'est lui qui saisit la carte de ses "
                                  "clients ?",
                                  "une coiffeuse en jpel c'est elle qui tape le numéro de carte ?"])
def test_he_after_a_merchant_by_his_trade_is_the_merchant(text: str) -> None:
    reply, _ = reply_to(text, "ask_offer_definition", offres=["jpel"])
    assert reply.startswith("Non") and "porteur" in reply, reply


@pytest.mark.parametrize("text", ["pour un restaurant qui a un site et à qui Payplug ne plaît pas, il faut faire une "
                                  "simulation ?",
                                  "une agence immo a un site, payplug lui convient pas : faut-il une simu ?"])
def test_the_offer_left_when_the_only_offer_named_is_set_aside(text: str) -> None:
    reply, _ = reply_to(text, "ask_offer_definition", offres=["payplug"])
    assert reply.startswith("Oui") and "SP+" in reply and "SimulEasy" in reply, reply


@pytest.mark.parametrize("text", ["je peux le transférer au fleuriste ?", "je le transfère tel quel au client ?"])
def test_a_line_transferred_to_the_merchant_is_whether_it_may_be_given(text: str) -> None:
    focus = {"intent": "ask_email", "offres": ["jpel"], "contacts": ["assistance_monetique_pro"]}
    reply, _ = reply_to(text, "nlu_fallback", focus, before="le mail de la monétique pro, pour le contrat JPEL d'un "
                                                              "fleuriste")
    assert reply.startswith("Non") and "09 69 37 80 30" in reply, reply


@pytest.mark.parametrize("text", ["Quelles lignes je donne à une pâtisserie en SP+ qui a un souci de paiement ?",
                                  "je transmets quel numéro à un client sp+ bloqué ?"])
def test_lines_handed_to_someone_are_the_merchant_s_only(text: str) -> None:
    reply, _ = reply_to(text, "ask_support", offres=["sp_plus"])
    assert "09 69 37 80 30" in reply and "09 69 36 06 26" not in reply, reply


@pytest.mark.parametrize("text, offer", [("une fromagerie part sur jpel, c'est quoi les étapes", "jpel"),
                                         ("Pour SP+, quelles sont les étapes ?", "sp_plus")])
def test_the_steps_for_an_offer_read_as_what_it_is_are_how_it_is_set_up(text: str, offer: str) -> None:
    reply, _ = reply_to(text, "ask_offer_definition", offres=[offer])
    assert "CIF" in reply and "contrat" in reply, reply


@pytest.mark.parametrize("text, verdict, number", [
    ("et le premier des deux, on peut le composer nous aussi depuis l agence", "Oui", "09 69 37 80 30"),
    ("dac et la ligne rien que pour nous c laquelle", None, "09 69 36 06 26"),
])
def test_a_line_by_its_rank_or_for_a_public_read_as_nothing_by_diet(text: str, verdict: object, number: str) -> None:
    reply, _ = reply_to(text, "nlu_fallback", _SP_PLUS_TWO_LINES)
    assert number in reply and (verdict is None or reply.startswith(str(verdict))), reply


def test_the_first_right_after_the_second_of_two_lines_is_in_the_same_list() -> None:
    from actions import runtime
    from cecaz.designation import focus_on_designated_line
    from cecaz.focus import Focus
    focus = Focus.from_slot({"intent": "ask_hours", "offres": ["sp_plus"], "contacts": ["service_clients_spplus"],
                             "avant": _SP_PLUS_TWO_LINES}, runtime.catalogue())
    picked = focus_on_designated_line(runtime.catalogue(), "Et la première, elle a un numéro ?", focus)
    assert picked.contacts == ("assistance_spplus_jpel",)
    reply, _ = reply_to("et le premier, il est payant ?", "ask_phone", {**focus.to_slot()})
    assert "09 69 37 80 30" in reply and "0,06" not in reply, reply


@pytest.mark.parametrize("text", ["il appelle qui quand un paiement coince ?",
                                  "et si ses paiements échouent, je lui donne quel numéro ?"])
def test_a_payment_that_fails_on_an_iz_site_is_for_the_payment_pages_support(fixed_clock, text):
    # the payment is made on the payment pages, which are Payplug's for an IZ eCommerce site
    _, focus = reply_to("c'est quoi IZ eCommerce ?", "ask_offer_definition", offres=["iz_ecommerce"])
    reply, _ = reply_to(text, "ask_phone", focus)
    assert "+33 1 76 34 01 55" in reply, reply


def test_the_merchant_noted_by_his_trade_is_who_a_doer_question_names() -> None:
    reply, _ = reply_to("et si l'acheteur conteste, c'est l'ébéniste qui supporte le risque ?", "ask_vad",
                        {"intent": "ask_vad", "offres": ["vad"]},
                        "le mail du collègue : « ébéniste avec contrat VAD, il tape les cartes lui-même ». On garde ?")
    assert reply.startswith("Oui"), reply
