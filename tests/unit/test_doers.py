"""Qui fait quoi (cecaz/doers.py) : « c'est eux qui signent ? » tranché par la phrase du catalogue qui dit l'action."""

from __future__ import annotations

from typing import Optional, Sequence

import pytest

from cecaz.catalogue import load_catalogue
from cecaz.doers import actors_in, asked, asks_who_does, doer_check, focus_actors, with_doer
from cecaz.families import compose
from cecaz.focus import designated, the_one_doing
from cecaz.phrasing import Question
from cecaz.resolve import resolve
from tests.unit.conftest import reply_to
from tests.unit.test_focus import MONDAY_10, answer, focus_after

CAT = load_catalogue()
PAYPLUG = focus_actors(CAT, (), ("payplug",), ())
IZ = focus_actors(CAT, (), ("iz_ecommerce",), ())


def _check(text: str, question: Question, actors: Sequence[str] = ()) -> Optional[str]:
    found = doer_check(CAT, text, compose(CAT, question, MONDAY_10).text, actors)
    return found.verdict if found else None


@pytest.mark.parametrize(("text", "question", "actors", "verdict"), [
    ("c'est eux qui signent avec le client ?", Question("ask_open_services", offres=("payplug",)), PAYPLUG,
     "verdict.oui"),
    ("ils s'occupent aussi de la page de paiement ?", Question("ask_offer_definition", offres=("iz_ecommerce",)), IZ,
     "verdict.non"),
    ("et le support du site c'est eux ?", Question("ask_support", offres=("iz_ecommerce",)), IZ, "verdict.oui"),
    ("et le support, ce sont eux aussi ?", Question("ask_support", offres=("iz_ecommerce",)), IZ, "verdict.oui"),
    ("c'est lui qui doit faire la demande d'affiliation ?", Question("ask_affiliation", cartes=("ancv",)),
     focus_actors(CAT, (), (), ("ancv",)), "verdict.oui"),
    ("c'est le client final qui tape sa carte ?", Question("ask_offer_definition", offres=("jpel",)), (),
     "verdict.oui"),
    ("le prix du site c'est nous qui le fixons ?", Question("ask_pricing", offres=("iz_ecommerce",)), (),
     "verdict.non"),
    ("c'est BPCE qui gère ?", Question("ask_support", offres=("jpel",)), (), "verdict.oui"),
    ("c'est le CIF qui négocie le prix de Payplug ?", Question("ask_pricing", offres=("payplug",)), (),
     "verdict.non"),
    ("c'est lui qui fait la tarif ?", Question("ask_role", roles=("cif",)), ("role:cif",), "verdict.oui"),
    # « c » for « c'est », as written in Teams
    ("c le cif qui negocie avec payplug ?", Question("ask_pricing", offres=("payplug",)), (), "verdict.non"),
    # « je peux… ? » on an action the document gives to a role: whether the speaker does it himself
    ("moi en agence je peux faire signer sp+ direct a mon pro ?", Question("ask_contracts", offres=("sp_plus",)), (),
     "verdict.non"),
    ("je peux lui donner le numéro ?", Question("ask_phone", offres=("sp_plus",)), (), None),  # not a role's action
    # not this form of question: no verdict
    ("ils bossent le samedi ?", Question("ask_is_open", offres=("payplug",)), PAYPLUG, None),
    ("c'est qui qui fait le diag ?", Question("ask_role", roles=("cif",)), (), None),
    ("il a quoi comme num lui alors ?", Question("ask_phone", offres=("jpel",)), (), None),
])
def test_who_does_it_is_read_in_the_statement_of_the_action(text, question, actors, verdict):
    assert _check(text, question, actors) == verdict


def test_a_role_that_does_not_do_it_gets_no_and_the_role_that_does():
    question, answer, verdict, _ = with_doer(CAT, "et l'ATC il fait aussi le diag du client ?",
                                          Question("ask_role", roles=("atc",)),
                                          compose(CAT, Question("ask_role", roles=("atc",)), MONDAY_10),
                                          ("role:atc",), MONDAY_10)
    assert verdict == CAT.say("verdict.non")
    assert question.roles == ("cif",) and "diagnostic" in answer.text


def test_whether_the_speaker_does_a_roles_action_gets_no_and_the_role_after_the_situation():
    text = ("Une chambre d'hôtes veut encaisser ses acomptes à distance sans site internet : c'est moi en agence qui "
            "lui vends JPEL ?")
    question = Question("ask_offer_definition", offres=("jpel",))
    question, answer, verdict, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), (), MONDAY_10)
    assert verdict == CAT.say("verdict.non")
    # the offer asked about, then the role that sells it; one line of sources
    assert question.offres == ("jpel",) and answer.text.startswith("JePaieEnLigne (JPEL)")
    assert "commercialisation" in answer.text and answer.text.count("Source :") == 1


@pytest.mark.parametrize(("text", "question"), [
    ("c'est le commerçant qui fait la simulation ?", Question("ask_simulation_filing")),
    ("et c'est mon client qui fait les paramétrages dans OSC ?", Question("ask_offer_definition", offres=("sp_plus",))),
])
def test_the_merchant_asked_for_a_roles_action_gets_no_and_the_role_that_does_it(text: str, question: Question):
    question, answer, verdict, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), (), MONDAY_10)
    assert verdict == CAT.say("verdict.non")
    assert "CIF" in answer.text


@pytest.mark.parametrize(("text", "question", "verdict"), [
    # a role named as the subject, then what it does (with « doit », or a moment before it): whether it does it
    ("l'ATC réalise le diagnostic du client ?", Question("ask_role", roles=("atc",)), "verdict.non"),
    ("le CIF procède à la contractualisation ?", Question("ask_role", roles=("cif",)), "verdict.oui"),
    ("après le diag, le réseau doit paramétrer OSC ?", Question("ask_tool", outils=("osc",)), "verdict.non"),
    # not a role: what the line does is not someone doing a role's action
    ("le support Payplug répond le samedi ?", Question("ask_is_open", offres=("payplug",)), None),
])
def test_a_role_named_before_its_verb_is_the_one_asked(text: str, question: Question, verdict: Optional[str]):
    _, _, found, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), (), MONDAY_10)
    assert found == (CAT.say(verdict) if verdict else None)


def test_someone_else_doing_it_is_a_no_whatever_must_be_done(fixed_clock: str):
    # the simulation must be done (obligation) but the CIF does it: « Non », then who
    reply, _ = reply_to("pour un contrat SP+ l'ATC doit faire une simulation de tarification ?", "ask_pricing",
                        roles=["atc"], offres=["sp_plus"])
    assert reply.startswith("Non") and "CIF" in reply


def test_a_role_described_then_taken_up_by_lui_is_the_one_asked():
    # « celui qui fait signer » is the CIF (`cecaz.notions.naming_the_described_roles`), « lui » takes him up
    text = "le CIF qui fait signer le client, c'est aussi lui qui fait les paramétrages OSC ?"
    question = Question("ask_role", roles=("cif",), outils=("osc",))
    _, _, verdict, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), (), MONDAY_10)
    assert verdict == CAT.say("verdict.oui")


def test_a_stressed_pronoun_before_the_subject_pronoun_asks_about_the_one_it_designates():
    # « c'est quoi OSC ? » (its answer names the CIF) → « et lui il fait aussi la contractualisation ? »
    question = Question("ask_tool", outils=("osc",))
    _, _, verdict, _ = with_doer(CAT, "et lui il fait aussi la contractualisation ?", question,
                            compose(CAT, question, MONDAY_10), ("role:cif",), MONDAY_10)
    assert verdict == CAT.say("verdict.oui")


def test_actors_are_found_in_order_with_the_card_holder_apart_from_the_client():
    assert [key for _, key in actors_in(CAT, "le porteur saisit sa carte, puis Payplug paie notre client")] == [
        "porteur", "org:payplug", "client"]


@pytest.mark.parametrize("text", ["pour l'amex c'est nous qui négocions la commission du commerçant ?",
                                  "et les frais amex c’est nous qui les negocions ?"])
def test_a_statement_that_says_we_do_not_do_it_is_a_no(text):
    assert _check(text, Question("ask_affiliation", cartes=("amex",))) == "verdict.non"


def test_a_what_if_ending_in_a_place_is_not_a_question_on_who_does_it():
    assert _check("et si son tpe c'est un tpe en location chez nous ?", Question("ask_affiliation", cartes=("ancv",)),
                  focus_actors(CAT, (), (), ("ancv",))) is None


def test_a_client_described_before_a_pronoun_is_not_a_question_on_who_does_it():
    assert _check("client sans site internet, il veut vendre à distance, sp+ ça le fait ?",
                  Question("ask_offer_definition", offres=("sp_plus",))) is None


def test_a_yes_on_the_role_in_focus_shows_the_role_when_the_reply_did_not_say_it():
    pending = Question("ask_contracts")  # « Pour quelle offre… ? » : no statement of the action
    question, answer, verdict, _ = with_doer(CAT, "et il contractualise aussi avec le client ?", pending,
                                          compose(CAT, pending, MONDAY_10), ("role:cif",), MONDAY_10)
    assert verdict == CAT.say("verdict.oui") and question.roles == ("cif",) and "contractualisation" in answer.text


def test_no_yes_or_no_that_the_reply_does_not_back_up():
    pending = Question("ask_contracts")
    verdict = with_doer(CAT, "c'est eux qui signent avec le client ?", pending, compose(CAT, pending, MONDAY_10),
                        PAYPLUG, MONDAY_10).verdict
    assert verdict is None


def test_the_company_asked_about_is_not_the_subject_of_the_question():
    focus = focus_after("ask_offer_definition", offres=["sp_plus"])
    reply = answer(focus, "ask_support", "c'est payplug qui fait le support pour sp+ ?", offres=["payplug", "sp_plus"])
    assert "BPCE" in reply and "+33 1 76 34 01 55" not in reply


@pytest.mark.parametrize("text", ["le support payplug est-il ouvert ?", "le cif a-t-il un numéro ?"])
def test_an_inverted_question_is_not_a_question_on_who_does_it(text):
    assert not asks_who_does(CAT, text, PAYPLUG)


@pytest.mark.parametrize("text", ["ils ont un mail aussi ?", "elle a un numéro direct ?", "ils avaient un site ?",
                                  "ils n'ont pas une adresse plutôt ?", "il n'y a pas un numéro direct ?"])
def test_having_something_is_not_a_question_on_who_does_it(text):
    assert not asks_who_does(CAT, text, PAYPLUG)


@pytest.mark.parametrize("text", ["il me demande les tarifs", "elle m'a dit qu'elle avait un site"])
def test_what_the_client_tells_the_speaker_is_not_a_question_on_who_does_it(text):
    assert not asks_who_does(CAT, text, PAYPLUG)


def test_a_reply_that_already_says_yes_or_no_gets_no_second_verdict():
    question = Question("ask_audience", offres=("jpel",), services=("assistance_monetique",))
    _, answer, verdict, _ = with_doer(CAT, "et mon client il peut les appeler aussi ?", question,
                                   compose(CAT, question, MONDAY_10), ("org:bpce",), MONDAY_10)
    assert verdict is None and answer.text.startswith("Non")


@pytest.mark.parametrize(("text", "question", "actors", "verdict"), [
    ("c'est le cif qui fait le contrat ?", Question("ask_contracts", offres=("sp_plus",)), (), "Oui."),
    ("c'est bien l'ATC qui fait le contrat ?", Question("ask_contracts", offres=("sp_plus",)), (), "Non."),
    ("et c'est lui aussi qui paramètre ?", Question("ask_role", roles=("cif",)), ("role:atc",), "Non."),
    # No statement of the reply says « gérer » : the role the reply names first decides.
    ("c'est BPCE qui gère ?", Question("ask_contracts", offres=("sp_plus",)), (), "Non."),
    ("c’est BPCE qui gère ?", Question("ask_support", offres=("jpel",)), (), "Oui."),
    ("c'est payplug qui gère ?", Question("ask_support", offres=("jpel",)), (), "Non."),
    ("c'est lui qui fait la tarif ?", Question("ask_role", roles=("cif",)), (), None),  # nobody in focus: no guess
    ("qui fait le contrat ?", Question("ask_contracts", offres=("sp_plus",)), (), None),  # an open question
])
def test_the_yes_or_no_on_who_does_it_comes_from_the_reply(text, question, actors, verdict):
    _, _, said, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), actors, MONDAY_10)
    assert said == verdict


@pytest.mark.parametrize(("text", "earlier", "verdict", "doer"), [
    # the action is the previous question's (the pricing), the role asked does not do it: no, and who does
    ("et l'atc il peut le faire aussi ?", ["la tarif de l'acceptation c'est le cif qui la fait ?"],
     "verdict.non", "cif"),
    # the message before said no action either: the one before it (the network's own mission says the CIF does it)
    ("et le réseau il le fait aussi ?",
     ["et l'atc il peut le faire aussi ?", "c'est le CIF qui établit la tarification ?"], "verdict.non", "reseau"),
    ("et le CIF il peut le faire aussi ?", ["c'est l'ATC qui fait le diagnostic du client ?"], "verdict.oui", "cif"),
])
def test_a_role_asked_to_do_it_too_is_judged_on_the_previous_question_s_action(
        text: str, earlier: Sequence[str], verdict: str, doer: str) -> None:
    asked = Question("ask_role", roles=(actors_in(CAT, text)[0][1].split(":")[1],))
    question, _, said, _ = with_doer(CAT, text, asked, compose(CAT, asked, MONDAY_10), (), MONDAY_10, earlier)
    assert said == CAT.say(verdict) and question.roles == (doer,)


def test_a_hypothesis_on_the_subject_is_not_a_question_on_who_does_it() -> None:
    assert not asks_who_does(CAT, "et si c'est un client payplug ?", PAYPLUG)
    assert asks_who_does(CAT, "et le support, c'est payplug ?", PAYPLUG)


@pytest.mark.parametrize(("text", "intent", "verdict"), [
    # « auprès de l'organisme concerné, qui lui fournit un numéro d'affilié » : the organisation gives the number
    ("c’est eux qui lui donnent le num d’affilie ?", "ask_affiliation", "Oui."),
    ("C'est l'organisme qui lui donne un numéro ?", "ask_audience", "Oui."),  # read as a line's public by DIET
    ("c'est lui qui fait la demande d'affiliation ?", "ask_affiliation", "Oui."),  # the client
    ("c'est nous qui lui donnons le numéro d'affilié ?", "ask_affiliation", "Non."),
])
def test_who_gives_the_affiliate_number_is_the_cards_organisation(text: str, intent: str, verdict: str) -> None:
    focus = focus_after("ask_affiliation", cartes=("ancv",))
    resolution = resolve(CAT, Question(intent), text, focus, MONDAY_10)
    assert resolution.question is not None and resolution.question.intent == "ask_affiliation"
    answered = compose(CAT, resolution.question, MONDAY_10)
    assert with_doer(CAT, text, resolution.question, answered, designated(CAT, focus), MONDAY_10)[2] == verdict


def test_a_pronoun_with_nothing_before_is_the_merchant_the_message_describes() -> None:
    text = "Un camping veut accepter les chèques-vacances à l'accueil : c'est lui qui fait la demande d'affiliation ?"
    question = Question("ask_affiliation", cartes=("ancv",))
    assert with_doer(CAT, text, question, compose(CAT, question, MONDAY_10), (), MONDAY_10)[2] == "Oui."


def test_not_doing_something_is_still_a_question_on_who_does_it():
    assert asks_who_does(CAT, "ils ne font pas aussi l'acquisition ?", PAYPLUG)


@pytest.mark.parametrize(("text", "intent"), [
    ("qui s'occupe du diagnostic avant de proposer une solution pour un site ?", "ask_site_creation"),
    ("qui pilote la mise en place quand le commerçant a choisi sa solution ?", "ask_choose_offer"),
])
def test_who_does_an_act_is_asked_whatever_the_situation_after_it(text: str, intent: str):
    reply, _ = reply_to(text, intent)
    assert reply.startswith("• CIF (Chargé d’Ingénierie Flux)") and "IZ eCommerce" not in reply


def test_an_act_whose_words_two_roles_share_names_no_one():
    # the ATC may enter the lead, the network decides whether he does: no single role to name
    assert the_one_doing(CAT, "qui saisit le lead si le réseau le souhaite ?") == ()


@pytest.mark.parametrize("text", [
    "elle gère aussi l'authentification forte ?",
    "ils s'occupent de la tokenisation ?",
])
def test_handling_a_thing_the_document_never_speaks_of_gets_no_yes_or_no(text: str):
    question = Question("ask_offer_definition", offres=("sp_plus",))
    _, _, verdict, _ = with_doer(CAT, text, question, compose(CAT, question, MONDAY_10),
                            focus_actors(CAT, (), ("sp_plus",), ()), MONDAY_10)
    assert verdict is None


def test_handling_with_nothing_said_after_the_verb_is_the_answers_thing():
    # « c'est BPCE qui gère ? » after the assistance of SP+: the assistance, which the document gives to BPCE
    question = Question("ask_support", offres=("sp_plus",))
    _, _, verdict, _ = with_doer(CAT, "et derrière, c'est BPCE qui gère ?", question, compose(CAT, question, MONDAY_10),
                            focus_actors(CAT, (), ("sp_plus",), ()), MONDAY_10)
    assert verdict == CAT.say("verdict.oui")


def test_what_the_speaker_adds_after_handling_is_not_the_thing_handled():
    question = Question("ask_role", roles=("atc",))
    verdict = with_doer(CAT, "La vente des solutions e-commerce, c'est l'ATC qui s'en occupe je pense ?", question,
                        compose(CAT, question, MONDAY_10), (), MONDAY_10).verdict
    assert verdict == CAT.say("verdict.non")


@pytest.mark.parametrize(("text", "intent", "named", "corrected"), [
    # a role said to do what another role does, then a question: the answer, then who does it
    ("le réseau paramètre les contrats dans OSC, il le fait à quel moment ?", "ask_tool", {"outils": ["osc"]}, True),
    # the role the document gives it to: nothing to correct
    ("le CIF établit la tarification, il utilise quel simulateur ?", "ask_simulator", {"roles": ["cif"]}, False),
])
def test_a_role_taken_for_granted_for_another_roles_action_is_corrected(fixed_clock, text, intent, named, corrected):
    reply, _ = reply_to(text, intent, **named)
    assert reply.startswith("Attention : selon le document") is corrected
    assert not corrected or "au rôle CIF" in reply.split("\n", 1)[0] and "pas au rôle réseau" in reply


@pytest.mark.parametrize("text", ["et il le fait à quel moment ?", "quand est-ce qu'il le saisit ?"])
def test_when_a_role_does_its_act_is_read_in_its_mission(fixed_clock, text):
    # read as opening hours: when the role does what its mission says is in that mission
    _, focus = reply_to("l'ATC, il sert à quoi ?", "ask_role", roles=["atc"])
    reply, _ = reply_to(text, "ask_hours", focus)
    assert "si le réseau le souhaite" in reply


@pytest.mark.parametrize(("text", "lead"), [
    # « la banque » is us, the CECAZ: the document has the merchant bear the risk
    ("du coup c'est notre banque qui encaisse le risque d'impayé ?", "Non"),
    ("et c'est le commerçant qui supporte le risque d'impayé ?", "Oui"),
])
def test_the_bank_named_as_doer_is_us(fixed_clock, text, lead):
    _, focus = reply_to("pourquoi on déconseille la VAD ?", "ask_vad", offres=["vad"])
    reply, _ = reply_to(text, "ask_vad", focus)
    assert reply.startswith(lead), reply


@pytest.mark.parametrize(("text", "who"), [
    ("c'est le porteur de la carte qui la tape ?", "porteur"),  # « de » inside the person named
    ("c'est au client de faire la demande ?", "client"),  # « de » before what he does
])
def test_the_person_asked_about_is_read_up_to_qui(text: str, who: str) -> None:
    found = asked(CAT, text, ())
    assert found is not None and found[0] == frozenset({who})


def test_who_keys_the_card_in_after_an_offer_is_that_offers_way(fixed_clock):
    # read as the VAD by the NLU: JPEL is in focus, its definition says the holder types his card
    _, focus = reply_to("il faut ouvrir quels contrats pour JPEL ?", "ask_contracts", offres=["jpel"])
    reply, _ = reply_to("et c'est l'acheteur qui rentre lui-même ses coordonnées ?", "ask_vad", focus)
    assert reply.startswith("Oui") and "JePaieEnLigne" in reply.split("\n")[1], reply


@pytest.mark.parametrize("text", ["on doit suivre le schéma délégataire pour sa tarification ?",
                                  "nous devons appliquer le schéma délégataire quand on tarife ?"])
def test_a_rule_we_must_follow_about_a_roles_act_is_not_whether_we_do_that_act(fixed_clock, text):
    # what must be done is right after the verb (follow the scheme): yes, whoever prices the contract
    _, focus = reply_to("la tarification de SP+ ?", "ask_pricing", offres=["sp_plus"])
    reply, _ = reply_to(text, "ask_delegation", focus, outils=["schema_delegataire"])
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize(("first", "then", "intent"), [
    # the answer on choosing names a CIF; « ils » (several) is Payplug, which does the acquisition too
    ("et Payplug, on le propose quand ?", "ils font aussi l'acquisition des flux ?", "ask_contracts"),
    # « elle », the merchant (a caviste), not the CIF
    ("une caviste hésite, Payplug on le propose quand ?", "et ils négocient les conditions tarifaires avec elle ?",
     "ask_pricing"),
])
def test_they_after_an_offer_whose_answer_names_one_role_is_the_offers_company(fixed_clock, first, then, intent):
    _, focus = reply_to(first, "ask_choose_offer", offres=["payplug"])
    reply, _ = reply_to(then, intent, focus)
    assert reply.startswith("Oui"), reply


def test_what_i_may_do_is_read_up_to_a_purpose_however_long_the_way_i_say_it():
    assert asks_who_does(CAT, "je peux moi aussi directement en agence faire signer SP+ ?", ())
    assert not asks_who_does(CAT, "on doit respecter le schéma délégataire pour son tarif ?", ())


@pytest.mark.parametrize(("text", "intent", "role"), [
    # « à sa place », « à la place du client » : instead of him, not the « mise en place » the CIF pilots
    ("et l'ATC, il ne pourrait pas s'en charger à sa place ?", "ask_open_services", "atc"),
    ("le CIF peut la faire à la place du commerçant ?", "ask_role", "cif"),
])
def test_instead_of_the_merchant_is_not_an_act(text: str, intent: str, role: str) -> None:
    focus = {"intent": "ask_affiliation", "cartes": ["ancv"], "offres": ["jpel"]}
    reply, _ = reply_to(text, intent, focus=focus, before="qui fait la demande d'affiliation ANCV ?", roles=[role])
    assert reply.startswith("Non"), reply
    assert "en direct" in reply and "pilote la mise en place" not in reply


@pytest.mark.parametrize("text", ["Et ANCV lui remettra un numéro d'affilié ?",
                                  "amex lui fournit un numéro d'affilié ?"])
def test_a_card_organisation_named_bare_is_the_subject_of_a_claim(text: str) -> None:
    reply, _ = reply_to(text, "ask_affiliation", focus={"intent": "ask_affiliation", "cartes": ["amex"]},
                        cartes=["ancv" if "ANCV" in text else "amex"])
    assert reply.startswith("Oui"), reply


@pytest.mark.parametrize("text", [
    # (« quand » sets the moment, it does not ask it)
    "quand le commerçant part sur SP+, la tarification de l'acquisition, c'est bien le CIF qui l'établit ?",
    "et quand on retient SP+, c'est le CIF qui fixe la tarification ?",
])
def test_a_moment_set_before_a_doer_question_asks_nothing(text: str) -> None:
    reply, _ = reply_to(text, "ask_pricing", offres=["sp_plus"], roles=["cif"])
    assert reply.startswith("Oui"), reply
