"""Le diagnostic guidé sans Rasa : table de décision complète, lecture des réponses, textes."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations, product
from typing import Dict, Optional, Tuple

import pytest

from cecaz.catalogue import Diagnostic, load_catalogue
from cecaz.diagnostic import (
    CARTES,
    INCONNU,
    NON,
    OUI,
    STAFF_PART,
    Facts,
    check_catalogue,
    corrected_cards,
    describes_the_client,
    is_answer,
    is_hypothetical,
    next_question,
    observe,
    offer_before_the_cards,
    payplug_question,
    recap_text,
    recommend,
    recommendation_text,
    take_answer,
    text_facts,
    update,
    what_if,
)
from tests.support.facts import unknown_contacts

CAT = load_catalogue()
ANSWERS = (OUI, NON, INCONNU)
MOYENS = [tuple(c for c in CARTES if c in chosen) for n in range(len(CARTES) + 1)
          for chosen in combinations(CARTES, n)] + [(INCONNU,)]

# Ce que le document de référence impose pour chaque offre.
OFFER_BY_BRANCH: Dict[Tuple[str, str], str] = {
    ("oui", OUI): "payplug", ("oui", INCONNU): "payplug", ("oui", NON): "sp_plus",
    ("non", OUI): "iz_ecommerce", ("non", NON): "jpel", ("non", INCONNU): "jpel",
}
CONTRACTS = {"payplug": (), "iz_ecommerce": (), "sp_plus": ("acquisition", "acceptation"),
             "jpel": ("acquisition_jpel",), None: ()}
CLIENT_CONTACTS = {"payplug": ("payplug_support",), "sp_plus": ("assistance_spplus_jpel", "service_clients_spplus"),
                   "jpel": ("assistance_spplus_jpel",), "iz_ecommerce": (), None: ()}
# Lignes que le document réserve aux collaborateurs pour le produit (IZ eCommerce : ses pages, Payplug).
STAFF_LINES = {"payplug": ("payplug_partenariat",),
               "sp_plus": ("assistance_monetique_pro", "assistance_spplus_interne"),
               "jpel": ("assistance_monetique_pro",), "iz_ecommerce": ("payplug_partenariat",), None: ()}


def all_complete_facts():
    """Toutes les combinaisons de réponses, y compris les réponses hors branche (ignorées)."""
    for site, creer, payplug, moyens in product(ANSWERS, (None, *ANSWERS), (None, *ANSWERS), MOYENS):
        facts = Facts(site=site, creer_site=creer, payplug=payplug, moyens=moyens)
        if next_question(facts) is None:
            yield facts


COMPLETE = list(all_complete_facts())


def expected_offer(facts: Facts) -> Optional[str]:
    if facts.site == INCONNU:
        return None
    branch = facts.payplug if facts.site == OUI else facts.creer_site
    return OFFER_BY_BRANCH[(str(facts.site), str(branch))]


def test_the_table_covers_every_branch():
    # site oui : 3 réponses sur Payplug × 4 valeurs hors branche ; site non : de même ; inconnu : 4 × 4.
    assert len(COMPLETE) == (3 * 4 + 3 * 4 + 4 * 4) * len(MOYENS)
    offers = {expected_offer(f) for f in COMPLETE}
    assert offers == {"payplug", "sp_plus", "iz_ecommerce", "jpel", None}


@pytest.mark.parametrize("facts", COMPLETE, ids=str)
def test_decision_table(facts):
    rec = recommend(CAT, facts)
    offer = expected_offer(facts)
    wanted = [c for c in facts.moyens or () if c != INCONNU]
    checked = set(CARTES) if facts.moyens == (INCONNU,) else set(wanted)  # cards the text speaks of
    assert rec.offre == offer
    assert rec.contrats == CONTRACTS[offer]
    # Contrat d'acquisition : le CIF tarifie les contrats de l'offre ; aucun contrat UnionPay ou DFS/Diners
    # n'est ajouté, le document ne disant pas si l'offre accepte ces cartes.
    assert rec.simulateurs == (("simuleasy",) if offer in ("sp_plus", "jpel") else ())
    assert rec.contacts == CLIENT_CONTACTS[offer]
    assert rec.internes == (STAFF_LINES[offer] if checked else ())

    text = recommendation_text(CAT, facts, rec)
    recap = recap_text(CAT, facts, rec)
    assert "Recommandation : contrat VAD" not in text and "VAD" not in recap
    assert ("Pourquoi pas un contrat VAD ?" in text) == (facts.site != OUI)
    direct, special = {"amex", "ancv"} & checked, {"upi", "dfs_diners"} & checked
    assert (CAT.affiliation.procedure[1:] in text) == bool(direct)
    assert ("Le document décrit ce lien pour nos TPE seulement" in text) == bool(direct)
    assert ("le document ne dit pas si ces cartes sont acceptées avec" in text) == bool(special)
    assert ("SimulUPI" in text) == (bool(special) and offer not in ("payplug", "iz_ecommerce"))
    assert ("Le document renvoie au schéma délégataire par un lien (sa page 3) : cette page n’est pas dans le "
            "document de référence." in text) == bool(rec.simulateurs)
    assert "voir sa page" not in text and "votre CIF pourra vous les communiquer" not in text
    assert "Lead Monexpert" in text and "CIF" in text
    assert text.rstrip().splitlines()[-1].startswith("Source : « ")
    assert unknown_contacts(CAT, [text, recap]) == []
    for cid in rec.contacts:
        assert CAT.contacts[cid].telephone in recap
    client_part, _, staff_part = text.partition(STAFF_PART)
    for cid, contact in CAT.contacts.items():
        if contact.public == "cecaz":
            assert contact.nom not in client_part and contact.nom not in recap, "contact interne donné au client"
            assert (contact.nom in staff_part) == (cid in rec.internes)
    if offer:
        assert f"Offre recommandée : {CAT.offres[offer].nom}." in recap


def test_unionpay_with_an_acquisition_offer_is_conditional_and_lists_only_the_offer_contracts():
    facts = Facts(site=OUI, payplug=NON, moyens=("upi",))
    text = recommendation_text(CAT, facts, recommend(CAT, facts))
    assert "Contrats à ouvrir côté BPCE : contrat d’acquisition et contrat d’acceptation." in text
    assert ("Union Pay International (cartes chinoises) : le document ne dit pas si ces cartes sont acceptées avec "
            "SP+ ; à vérifier avec le CIF") in text
    assert "Si un contrat est à ouvrir pour ces cartes, le CIF le confirme et le tarifie avec SimulUPI" in text


def test_iz_ecommerce_support_says_the_document_gives_no_contact_and_routes_nowhere():
    facts = Facts(site=NON, creer_site=OUI, moyens=())
    text = recommendation_text(CAT, facts, recommend(CAT, facts))
    assert "C’est IZ eCommerce qui assure le support.\n• Le document de référence ne donne pas ses coordonnées." in text
    assert "IZ eCommerce négocie directement avec notre client les conditions tarifaires de création du site" in text
    assert STAFF_PART not in text


def test_staff_lines_come_apart_after_the_client_lines_when_something_is_to_check():
    facts = Facts(site=NON, creer_site=OUI, moyens=("amex",))
    text = recommendation_text(CAT, facts, recommend(CAT, facts))
    client, staff = text.index("Contacts à donner au client :"), text.index(STAFF_PART)
    assert client < staff < text.index("Équipe partenariat BPCE de Payplug (usage interne CECAZ")
    assert "pages de paiement d’un site IZ eCommerce, prises en charge par Payplug" in text[staff:]


def test_incomplete_facts_are_not_decided():
    with pytest.raises(ValueError):
        recommend(CAT, Facts(site=OUI, moyens=()))


@pytest.mark.parametrize(("facts", "question"), [
    (Facts(), "site"),
    (Facts(site=OUI), "payplug"),
    (Facts(site=NON), "creer_site"),
    (Facts(site=INCONNU), "moyens"),
    (Facts(site=OUI, payplug=NON), "moyens"),
    (Facts(site=NON, creer_site=OUI, moyens=()), None),
])
def test_only_the_needed_questions_are_asked(facts, question):
    assert next_question(facts) == question


@pytest.mark.parametrize(("text", "intent", "asked", "seen"), [
    ("mon client a un site mais Payplug ne lui convient pas", "inform_needs_modular", None,
     {"site": OUI, "payplug": NON}),
    ("il a une boutique Shopify", "inform_has_site", "site", {"site": OUI}),
    ("pas encore de site", "inform_no_site", "site", {"site": NON}),
    ("il voudrait en créer un", "inform_wants_site", "creer_site", {"creer_site": OUI}),
    # a site made for him is one he does not have yet, whatever DIET reads
    ("et s'il veut finalement qu'on lui crée un site ?", "inform_has_site", "moyens", {"creer_site": OUI}),
    ("et si au final il veut qu'on lui en refasse un ?", "nlu_fallback", None, {"creer_site": OUI}),
    ("et si finalement il veut pas passer par payplug ?", "nlu_fallback", None, {"payplug": NON}),
    # facts listed tersely: « payplug il en veut pas » refuses Payplug, it says nothing of a site to create
    ("site ok, payplug il en veut pas, cb + amex, je fais quoi ?", "inform_needs_modular", None,
     {"site": OUI, "payplug": NON, "moyens": ("amex",)}),
    ("non, il veut quelque chose de plus modulable", "inform_needs_modular", "payplug", {"payplug": NON}),
    ("il n'a pas de site mais voudrait en créer un", "inform_no_site", "site", {"site": NON, "creer_site": OUI}),
    ("il n'a pas de site web et ne compte pas en créer", "inform_no_site", None, {"site": NON, "creer_site": NON}),
    ("il veut aussi l'amex et les chèques vacances", "inform_payment_methods", "moyens", {"moyens": ("amex", "ancv")}),
    ("ses clients paient en UnionPay et en Diners", "nlu_fallback", "moyens", {"moyens": ("upi", "dfs_diners")}),
    ("non", "deny", "moyens", {"moyens": ()}),
    ("non, pas d'autres moyens de paiement", "nlu_fallback", "moyens", {"moyens": ()}),
    ("oui", "affirm", "moyens", {}),
    ("oui", "affirm", "payplug", {"payplug": OUI}),
    ("non", "deny", "payplug", {"payplug": NON}),
    ("je ne sais pas", "dont_know", "site", {"site": INCONNU}),
    ("je ne sais pas s'il a un site", "dont_know", "site", {"site": INCONNU}),
    ("aucune idée", "dont_know", "moyens", {"moyens": (INCONNU,)}),
    ("non il a un site", "deny", "creer_site", {"site": OUI, "creer_site": NON}),
    ("il lui faut un truc plus personnalisable", "out_of_scope", "payplug", {"payplug": NON}),
    ("la solution clé en main le limite trop", "nlu_fallback", "payplug", {"payplug": NON}),
    ("payplug c'est trop rigide pour ce qu'il veut faire", "nlu_fallback", None, {"payplug": NON}),
    ("ça le briderait, il veut pouvoir tout régler", "nlu_fallback", "payplug", {"payplug": NON}),
    ("l'idée c'est de créer un site", "ask_site_creation", "creer_site", {"creer_site": OUI}),
    ("euh", "nlu_fallback", "site", {}),
    ("finalement il abandonne son projet de site", "nlu_fallback", None, {"creer_site": NON}),
    ("client sans site et sans projet de site, que de la cb", "nlu_fallback", None,
     {"site": NON, "creer_site": NON, "moyens": ()}),
    ("il a aucun projet de site", "nlu_fallback", None, {"creer_site": NON}),
    ("il a un projet de site pour l'an prochain", "nlu_fallback", None, {"creer_site": OUI}),
    ("les cartes bancaires lui suffisent", "nlu_fallback", "moyens", {"moyens": ()}),
    ("il a deja sa boutique en ligne mais veut pas de payplug, que de la carte bleue", "nlu_fallback", None,
     {"site": OUI, "payplug": NON, "moyens": ()}),  # the standard cards said as staff say them
    ("ouais ça lui convient", "nlu_fallback", "payplug", {"payplug": OUI}),
    ("non, la cb suffit", "inform_needs_modular", "moyens", {"moyens": ()}),  # DIET's guess is noise here
    ("oui ça lui convient", "inform_needs_modular", "payplug", {"payplug": OUI}),
    ("bof, ça lui plaît pas trop", "out_of_scope", "payplug", {"payplug": NON}),
    ("ça l'intéresse pas", "nlu_fallback", "creer_site", {"creer_site": NON}),
])
def test_answers_are_read_from_buttons_and_free_text(text, intent, asked, seen):
    assert observe(CAT, text, intent, asked) == seen


def test_button_entities_are_read():
    assert observe(CAT, '/inform_payment_methods{"card":"amex"}', "inform_payment_methods", "moyens",
                   ["amex"]) == {"moyens": ("amex",)}


def test_update_corrects_and_forgets_the_other_branch():
    facts = Facts(site=OUI, payplug=NON)
    assert update(facts, {"site": NON}) == Facts(site=NON)
    assert update(Facts(site=OUI, payplug=OUI), {"creer_site": OUI}) == Facts(site=NON, creer_site=OUI)
    assert update(Facts(site=NON, creer_site=NON), {"payplug": NON}) == Facts(site=OUI, payplug=NON)
    assert update(Facts(site=OUI), {"moyens": ("amex",)}) == Facts(site=OUI, moyens=("amex",))


def test_facts_given_upfront_are_acknowledged():
    step = take_answer(CAT, Facts(), "mon client a un site mais Payplug ne lui convient pas",
                       "inform_needs_modular", None)
    assert step.facts == Facts(site=OUI, payplug=NON)
    assert step.messages == ("C’est noté : le client a déjà un site e-commerce ; "
                             "Payplug ne lui convient pas (besoin plus modulable).",
                             "L’offre à proposer : SP+. Une dernière question, sur les autres moyens de paiement, "
                             "pour préciser le reste.")
    assert next_question(step.facts) == "moyens"


def test_the_offer_is_said_at_once_only_when_the_facts_given_upfront_decide_it():
    assert offer_before_the_cards(Facts(site=NON, creer_site=OUI)) == "iz_ecommerce"
    assert offer_before_the_cards(Facts(site=OUI)) is None  # Payplug's question still to ask
    step = take_answer(CAT, Facts(site=OUI), "non", "deny", "payplug")  # an answer on the way: no repeat
    assert not any("L’offre à proposer" in m for m in step.messages)


def test_a_plain_answer_is_not_repeated_back():
    step = take_answer(CAT, Facts(site=OUI), "non", "deny", "payplug")
    assert step.facts == Facts(site=OUI, payplug=NON)
    assert step.messages == () and step.probleme is None


def test_a_correction_is_confirmed():
    step = take_answer(CAT, Facts(site=OUI, payplug=NON), "en fait il n'a pas de site", "inform_no_site", "moyens")
    assert step.facts == Facts(site=NON)
    assert step.messages == ("C’est corrigé : le client n’a pas de site.",
                             "Sans site, l’offre à proposer est JePaieEnLigne (JPEL) ; s’il veut un site, IZ eCommerce "
                             "peut le créer.")
    assert next_question(step.facts) == "creer_site"


def test_a_client_without_site_said_upfront_hears_what_each_site_project_leads_to():
    step = take_answer(CAT, Facts(), "pas de site, il prend la cb, on lui met quoi en place", "inform_no_site", None)
    assert step.facts.site == NON and next_question(step.facts) == "creer_site"
    assert any("JePaieEnLigne (JPEL)" in m and "IZ eCommerce" in m for m in step.messages)
    answered = take_answer(CAT, Facts(site=NON), "non", "deny", "site")  # a plain answer on the way: no repeat
    assert not any("JePaieEnLigne" in m for m in answered.messages)


@pytest.mark.parametrize("question", ["site", "creer_site", "payplug", "moyens"])
def test_dont_know_explains_and_points_to_the_cif(question):
    facts = {"site": Facts(), "creer_site": Facts(site=NON), "payplug": Facts(site=OUI),
             "moyens": Facts(site=OUI, payplug=OUI)}[question]
    step = take_answer(CAT, facts, "je ne sais pas", "dont_know", question)
    assert step.messages == (CAT.diagnostic.aide[question],)
    assert "CIF" in step.messages[0]
    assert next_question(step.facts) != question


@pytest.mark.parametrize(("text", "intent", "asked", "probleme"), [
    ("euh bof", "nlu_fallback", "site", "not_understood"),
    ("oui", "affirm", "moyens", "which_cards"),
    ("diagnostic", "start_diagnostic", "payplug", "already_running"),
])
def test_nothing_learnt_says_why(text, intent, asked, probleme):
    step = take_answer(CAT, Facts(site=OUI), text, intent, asked)
    assert step.probleme == probleme and step.facts == Facts(site=OUI)


@pytest.mark.parametrize(("text", "intent", "expected"), [
    ("oui", "affirm", True),
    ("c'est quoi SP+ ?", "ask_offer_definition", False),
    ("numéro assistance SP+", "ask_phone", False),
    ("non, il vend par téléphone, sans site", "ask_no_website", True),
    ("comment faire sans site", "ask_no_website", False),
    ("mon client veut accepter l'amex", "ask_affiliation", True),
    ("il lui faut un truc plus personnalisable", "out_of_scope", True),
    ("quel temps fait-il à Nice ?", "out_of_scope", False),
])
def test_a_factual_question_interrupts_but_a_statement_answers(text, intent, expected):
    assert is_answer(CAT, text, intent, "site") is expected


def test_payplug_question_explains_turnkey_from_the_catalogue():
    answer = payplug_question(CAT)
    p = CAT.offres["payplug"]
    for sentence in (p.contractant, p.tarification, p.support, p.note_contrats, CAT.offres["sp_plus"].definition):
        assert sentence in answer.text
    assert [payload for _, payload in answer.buttons] == ["/affirm", "/inform_needs_modular", "/dont_know"]


def test_recap_is_plain_text_with_facts_offer_steps_and_contacts():
    facts = Facts(site=OUI, payplug=NON, moyens=("amex",))
    recap = recap_text(CAT, facts, recommend(CAT, facts))
    assert "•" not in recap and "Source" not in recap
    for part in ("Situation du client :", "- Le client a déjà un site e-commerce.",
                 "- Payplug ne lui convient pas (besoin plus modulable).", "Offre recommandée : SP+.",
                 "Prochaines étapes :", "Contacts à donner au client :", "09 69 37 80 30", "American Express"):
        assert part in recap


def test_catalogue_section_is_consistent_and_checked():
    assert check_catalogue(CAT) == []
    broken = CAT.copy(update={"diagnostic": Diagnostic(pourquoi={"payplug": "…"}, aide=CAT.diagnostic.aide)})
    assert any("diagnostic.pourquoi" in problem for problem in check_catalogue(broken))


# --- « et si… » après une recommandation ----------------------------------------------------

PAYPLUG_DONE = Facts(site=OUI, payplug=OUI, moyens=())


@pytest.mark.parametrize(("text", "intent", "conclusion", "change"), [
    ("et s'il veut aussi accepter AMEX ?", "inform_payment_methods", "payplug", "American Express"),
    ("et si payplug ne lui convient pas ?", "inform_needs_modular", "sp_plus", "Payplug ne lui convient pas"),
    ("et s'il n'a finalement pas de site ?", "inform_no_site", "jpel_projet_inconnu", "n’a pas de site"),
])
def test_what_if_changes_one_fact_and_recomputes_at_once(text, intent, conclusion, change):
    assert is_hypothetical(text)
    step = what_if(CAT, PAYPLUG_DONE, text, intent)
    assert next_question(step.facts) is None
    assert recommend(CAT, step.facts).conclusion == conclusion
    assert step.messages[0].startswith("Ce qui change : ") and change in step.messages[0]


def test_what_if_also_adds_cards_to_those_already_wanted():
    step = what_if(CAT, replace(PAYPLUG_DONE, moyens=("ancv",)), "et s'il veut aussi l'amex ?",
                   "inform_payment_methods")
    assert step.facts.moyens == ("ancv", "amex")


def test_a_plain_fact_is_not_hypothetical():
    assert not is_hypothetical("mon client a un site shopify")


@pytest.mark.parametrize("text", ["et s'il ne veut plus l'amex ?", "et sans l'amex ?", "et si on retire l'amex ?"])
def test_what_if_removes_the_cards_no_longer_wanted(text):
    step = what_if(CAT, replace(PAYPLUG_DONE, moyens=("ancv", "amex")), text, "inform_payment_methods", ("amex",))
    assert step.facts.moyens == ("ancv",)


@pytest.mark.parametrize(("text", "before", "after"), [
    ("pardon pas l’amex, les diners", ("amex",), ("dfs_diners",)),
    ("pardon c’est les chèques vacances, pas l’amex", ("amex",), ("ancv",)),
    ("non pas amex mais diners", ("ancv", "amex"), ("ancv", "dfs_diners")),
    ("il veut les diners, pas l'amex ni l'ancv", ("amex", "ancv"), ("dfs_diners",)),
])
def test_a_card_corrected_after_the_recommendation_replaces_it(text, before, after):
    assert corrected_cards(CAT, text) is not None
    step = what_if(CAT, replace(PAYPLUG_DONE, moyens=before), text, "inform_payment_methods")
    assert step.facts.moyens == after


@pytest.mark.parametrize("text", ["il veut l'amex et les diners", "pas l'amex", "et s'il ne veut plus l'amex ?"])
def test_no_card_correction_without_one_card_denied_and_another_named(text):
    assert corrected_cards(CAT, text) is None


@pytest.mark.parametrize(("text", "facts"), [
    ("diag pour un client sans site qui veut pas en faire", {"site": "non", "creer_site": "non"}),
    ("le client a aucun site et en veut pas", {"site": "non", "creer_site": "non"}),
    ("et sans creer de site finalement ?", {"creer_site": "non"}),
    ("et s’il se lance finalement dans un site ?", {"creer_site": "oui"}),
    ("et si payplug ne lui convenait plus ?", {"payplug": "non"}),
    ("client avec site, payplug lui va, pas d'autres cartes", {"site": "oui", "payplug": "oui", "moyens": ()}),
    ("imaginons qu’il ait un site et que payplug lui aille", {"site": "oui", "payplug": "oui"}),
    ("et s’il avait un site mais que payplug lui convenait pas ?", {"site": "oui", "payplug": "non"}),
    ("imaginons qu’il ait pas de site et pas envie d’en faire", {"site": "non", "creer_site": "non"}),
])

def test_casual_wordings_of_the_clients_situation_are_read(text: str, facts: Dict[str, object]) -> None:
    assert observe(CAT, text, "nlu_fallback", None) == facts


def test_cb_only_says_no_other_means_of_payment() -> None:
    step = take_answer(CAT, Facts(site=NON), "non cb only", "deny", "creer_site")
    assert step.facts == Facts(site=NON, creer_site=NON, moyens=())


def test_a_client_described_after_a_recommendation_is_a_what_if() -> None:
    assert is_hypothetical("et pour un client qui a deja un site et qui veut pas de payplug ?")


def test_diets_guess_of_the_other_branch_does_not_override_the_words() -> None:
    assert observe(CAT, "et s'il renonce au site ?", "inform_has_site", None) == {"creer_site": NON}
    assert observe(CAT, "il a un site", "inform_has_site", None) == {"site": OUI}


@pytest.mark.parametrize(("facts", "text", "intent", "asked", "offre"), [
    (Facts(site=NON, creer_site=NON), "et s'il decide de se faire faire un site au final ?", "nlu_fallback", "moyens",
     "IZ eCommerce"),
    (Facts(site=OUI), "et si payplug lui plait pas ?", "nlu_fallback", "payplug", "SP+"),
])
def test_a_change_on_the_way_that_changes_the_offer_says_the_new_offer(facts, text, intent, asked, offre):
    step = take_answer(CAT, facts, text, intent, asked)
    assert any("L’offre à proposer" in m and offre in m for m in step.messages)


@pytest.mark.parametrize(("text", "facts"), [
    ("et s'il supprimait sa boutique en ligne et ne voulait pas en recréer ?", {"site": "non", "creer_site": "non"}),
    ("et s'il arrêtait son site ?", {"site": "non"}),
    ("imaginons qu'il ne souhaitait pas en monter un", {"creer_site": "non"}),
    ("et s'il voulait en fait pas de site du tout ?", {"site": "non", "creer_site": "non"}),
])
def test_a_what_if_in_the_imperfect_changes_the_same_facts(text: str, facts: Dict[str, str]) -> None:
    assert observe(CAT, text, "nlu_fallback", None, ()) == facts


@pytest.mark.parametrize(("text", "payplug"), [
    ("il a son site et l'offre clé en main du groupe lui convient", "oui"),
    ("la formule de la filiale lui va pas du tout", "non"),
])
def test_payplug_described_as_the_document_describes_it_is_judged_as_payplug(text: str, payplug: str) -> None:
    assert text_facts(text).get("payplug") == payplug


def test_a_line_asked_for_an_offer_described_is_no_client_described() -> None:
    # « modulable » names SP+ (its notion), it is not a need of the client: the line is asked for
    assert not describes_the_client(CAT, "le tel de l assistance de la solution modulable svp")
