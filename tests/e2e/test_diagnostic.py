"""Diagnostics complets par le canal REST, sur les serveurs réels, avec des réponses en texte libre.

Chaque tour : ce que tape le collaborateur, puis des fragments attendus dans les réponses du bot.
Aucune réponse ne doit citer un numéro ou un e-mail hors catalogue, ni recommander la VAD."""

from __future__ import annotations

import json
import sqlite3
from typing import List, Sequence, Tuple

import pytest
import yaml

from addons.channels import conversation_key
from ops.serve import ROOT, Services
from tests.e2e.conftest import log_alarms

Turn = Tuple[str, Sequence[str]]
SITE_Q = "a-t-il déjà un site e-commerce ?"
PAYPLUG_Q = "la solution clé en main Payplug lui convient-elle ?"
CREER_Q = "Veut-il créer un site e-commerce ?"
MOYENS_Q = "Veut-il accepter d’autres moyens de paiement"
RECAP = "Récapitulatif à coller dans le dossier client :"
RESUMED = "Nous étions en plein diagnostic : je le reprends là où nous en étions."


DIAGNOSTICS: List[Tuple[str, List[Turn]]] = [
    ("Payplug", [
        ("aide-moi à choisir une solution pour mon client", ["Je vous guide", SITE_Q]),
        ("oui il a déjà un site sous wordpress", [PAYPLUG_Q, "Payplug procède à la contractualisation",
                                                 "Payplug négocie directement", "acquisition et l’acceptation"]),
        ("oui le clé en main lui convient", [MOYENS_Q]),
        ("non, pas d'autres moyens de paiement", [
            "Recommandation : Payplug", "proposer par défaut",
            "Aucun contrat monétique n’est à ouvrir côté BPCE",
            "virements quotidiens", "Payplug négocie directement", "+33 1 76 34 01 55", "support@payplug.com",
            "Lead Monexpert", RECAP, "Offre recommandée : Payplug.", "autre diagnostic"]),
    ]),
    ("SP+", [
        ("diagnostic", [SITE_Q]),
        ("il a une boutique shopify", [PAYPLUG_Q]),
        ("non, il veut quelque chose de plus modulable", [MOYENS_Q]),
        ("non", ["Recommandation : SP+", "contrat d’acquisition et contrat d’acceptation", "OSC", "SimulEasy",
                 "page 3", "MyGed", "09 69 37 80 30", "08 10 00 47 24", "Offre recommandée : SP+."]),
    ]),
    ("IZ eCommerce", [
        ("tu peux m'aider à trouver la bonne offre pour un client ?", [SITE_Q]),
        ("pas encore de site", [CREER_Q]),
        ("il voudrait en créer un", [MOYENS_Q]),
        ("non aucun", ["Recommandation : IZ eCommerce", "pages de paiement est prise en charge par Payplug",
                       "IZ eCommerce négocie directement", "Pourquoi pas un contrat VAD ?",
                       "Offre recommandée : IZ eCommerce."]),
    ]),
    ("JPEL", [
        ("quelle offre pour mon client ? pose moi les questions", [SITE_Q]),
        ("non il n'a pas de site", [CREER_Q]),
        ("non, il ne compte pas en créer", [MOYENS_Q]),
        ("non", ["Recommandation : JePaieEnLigne (JPEL)", "contrat monétique « JPEL »", "SimulEasy", "MyGed",
                 "Pourquoi pas un contrat VAD ?", "risque d’impayé", "09 69 37 80 30",
                 "Offre recommandée : JePaieEnLigne (JPEL)."]),
    ]),
    ("SP+ avec AMEX, faits donnés d'avance", [
        ("mon client a un site mais Payplug ne lui convient pas", [
            "C’est noté : le client a déjà un site e-commerce ; Payplug ne lui convient pas", MOYENS_Q]),
        ("il veut aussi l'amex", ["Recommandation : SP+", "American Express (AMEX) : le client doit faire "
                                  "lui-même une demande d’affiliation", "numéro d’affilié",
                                  "la CECAZ n’intervient pas dans cette négociation",
                                  "Le document décrit ce lien pour nos TPE seulement",
                                  "Pour vous seulement (usage interne CECAZ, à ne pas transmettre au client) :",
                                  "Il veut aussi accepter : American Express (AMEX)."]),
    ]),
]


@pytest.mark.parametrize("turns", [t for _, t in DIAGNOSTICS], ids=[name for name, _ in DIAGNOSTICS])
def test_full_diagnostic(conversation, turns):
    conversation.play(turns)


def test_factual_question_in_the_middle_then_resume(conversation):
    conversation.play([
        ("diagnostic", [SITE_Q]),
        ("oui il a un site", [PAYPLUG_Q]),
        ("numéro du support payplug ?", ["+33 1 76 34 01 55", PAYPLUG_Q]),
        ("non", [MOYENS_Q]),
    ])


def test_correction_dont_know_cancel_and_restart(conversation):
    conversation.play([
        ("diagnostic", [SITE_Q]),
        ("oui il a un site", [PAYPLUG_Q]),
        ("en fait il n'a pas de site", ["C’est corrigé : le client n’a pas de site.", CREER_Q]),
        ("je ne sais pas", ["IZ eCommerce", "CIF", MOYENS_Q]),
        ("recommencer", ["on reprend le diagnostic depuis le début", SITE_Q]),
        ("annuler", ["Diagnostic annulé"]),
        ("numéro assistance SP+", ["09 69 37 80 30"]),
    ])


def test_diagnostic_survives_a_restart_of_the_rasa_server(services, conversation):
    conversation.play([("diagnostic", [SITE_Q]), ("oui il a un site", [PAYPLUG_Q])])
    services.stop("rasa")
    services.start_rasa()
    services.wait_rasa(240)
    conversation.play([("non", [MOYENS_Q]), ("non", ["Recommandation : SP+"])])


def test_bad_input_mid_diagnostic_keeps_the_diagnostic(conversation) -> None:
    """Un message vide, trop long ou illisible en plein diagnostic ne le perd pas : la question suivante
    reprend là où il en était."""
    conversation.play([
        ("aide-moi à choisir une solution pour mon client", [SITE_Q]),
        ("", ["message est vide"]),
        ("x" * 5000, ["trop long"]),
        ("🤔🤔", ["émojis"]),
        ("oui il a déjà un site", [PAYPLUG_Q]),
        ("oui", [MOYENS_Q]),
        ("non", ["Recommandation : Payplug"]),
    ])


CARD_BUTTONS = [("Non, aucun", "/deny"), ("American Express (AMEX)", '/inform_payment_methods{"card":"amex"}'),
                ("Chèques-vacances ANCV", '/inform_payment_methods{"card":"ancv"}'),
                ("UnionPay (cartes chinoises)", '/inform_payment_methods{"card":"upi"}'),
                ("DFS/Diners", '/inform_payment_methods{"card":"dfs_diners"}'), ("Je ne sais pas", "/dont_know")]


def test_card_buttons_are_shown_and_clicked_without_any_error_in_the_logs(conversation, log_watch) -> None:
    """Issue 13, point 1 : les boutons des cartes portent du JSON ; dans une réponse du domaine, Rasa le
    lisait comme des variables et journalisait quatre ERROR avec leur trace à chaque diagnostic."""
    log_watch.new_lines()  # only what this conversation writes
    conversation.play([("diagnostic", [SITE_Q]), ("oui il a un site", [PAYPLUG_Q])])
    text, buttons = conversation.reply("oui")
    assert MOYENS_Q in text and buttons == CARD_BUTTONS
    text, _ = conversation.reply(CARD_BUTTONS[1][1])  # the click on AMEX
    assert "Recommandation : Payplug" in text and "American Express (AMEX)" in text
    assert log_alarms(log_watch.new_lines()) == []


def expire(services: Services, sender: str) -> None:
    """La conversation `sender` comme si son dernier message datait d'une heure de plus que la durée
    d'une session (`session_expiration_time` du domaine) : le message suivant ouvre une nouvelle session."""
    minutes = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))["session_config"][
        "session_expiration_time"]
    shift = (minutes + 60) * 60
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        rows = db.execute("SELECT id, data FROM events WHERE sender_id = ?",
                          (conversation_key("rest", sender),)).fetchall()
        for row_id, data in rows:
            event = json.loads(data)
            event["timestamp"] -= shift
            db.execute("UPDATE events SET timestamp = timestamp - ?, data = ? WHERE id = ?",
                       (shift, json.dumps(event), row_id))


def sessions_started(services: Services, sender: str) -> int:
    with sqlite3.connect(services.var_dir / "tracker.db") as db:
        return db.execute("SELECT COUNT(*) FROM events WHERE sender_id = ? AND type_name = 'session_started'",
                          (conversation_key("rest", sender),)).fetchone()[0]


def test_a_session_expiring_mid_diagnostic_resumes_it_at_the_pending_question(services, conversation) -> None:
    """Issue 13, point 3 : avant, la réponse qui suivait l'expiration était perdue (« D’accord. Avez-vous
    une autre question ? ») ; le diagnostic reprend, annoncé, et la réponse compte."""
    conversation.play([("diagnostic", [SITE_Q]), ("oui il a un site", [PAYPLUG_Q])])
    expire(services, conversation.sender)
    replies = conversation.play([("oui", [RESUMED, MOYENS_Q])])
    assert sessions_started(services, conversation.sender) == 2  # the session did expire
    assert not [r for r in replies if "Avez-vous une autre question" in r]
    conversation.play([("diagnostic", ["déjà en cours", MOYENS_Q]),
                       ("non", ["Recommandation : Payplug", "Offre recommandée : Payplug."])])
