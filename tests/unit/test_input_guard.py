"""Filtre des messages entrants : chaque mauvaise entrée a sa réponse, le reste passe nettoyé."""

from __future__ import annotations

import pytest

from cecaz.input_guard import (
    EMPTY_REPLY,
    MAX_CHARS,
    NO_WORDS_REPLY,
    NOT_FRENCH_REPLY,
    NOT_UNDERSTOOD_PAYLOAD,
    Screened,
    clean,
    mask_card_numbers,
    offered_payloads,
    screen,
)

# The buttons shown in the conversation so far (as stored in the tracker), plus the channels' welcome.
SHOWN = [{"title": "Contacts de support", "payload": "/ask_support"},
         {"title": "Payplug", "payload": '/inform_subject{"offer":"payplug"}'},
         {"title": "SP+ assistance", "payload": '/ask_support{"offer": "sp_plus", "service": "assistance"}'},
         {"title": "Autre chose", "payload": "/nlu_fallback"}, {"title": "Sans payload"}]
OFFERED = offered_payloads([*SHOWN, {"payload": "/greet"}])


def run(text: object):
    return screen(text, OFFERED)


@pytest.mark.parametrize("text", ["", "   ", "\n\t  \r\n", "\x00\x01", "\x1b[31m\x1b[0m", "<br/><p></p>", None, 42])
def test_empty_or_unreadable_gets_the_empty_reply(text):
    assert run(text).text is None
    assert run(text).reply == EMPTY_REPLY


@pytest.mark.parametrize("text", ["😀😀😀", "👍", "???!!!", "🇫🇷 ❤️ …", "<b>🙂</b>"])
def test_symbols_only_get_a_reply_asking_for_words(text):
    assert run(text) == Screened(reply=NO_WORDS_REPLY)


@pytest.mark.parametrize("text", ["?", " ??? ", "? ?", "？"])
def test_question_marks_alone_ask_to_say_the_last_answer_again(text):
    # « ? » typed alone after an answer (Teams) means « what? » : read as a request to repeat (action_repeat)
    from cecaz.moves import REPEAT, read_move
    assert run(text) == Screened(text="?") and read_move(run(text).text or "") == REPEAT


def test_long_message_is_refused_with_its_length():
    result = run("a" * 20_000)
    assert result.text is None
    assert "20\u202f000 caractères" in result.reply and "1\u202f000 au plus" in result.reply


def test_message_at_the_limit_passes_and_one_more_is_refused():
    assert run("a" * MAX_CHARS).text == "a" * MAX_CHARS
    assert run("a" * (MAX_CHARS + 1)).text is None


def test_control_characters_and_ansi_escapes_are_removed():
    assert run("\x1b[1;31mnuméro\x1b[0m du\x00 support\x07 payplug\u200b ?").text == "numéro du support payplug ?"


def test_html_and_script_are_reduced_to_their_text():
    assert run("<script>alert('x')</script><b>tarif</b> payplug &amp; sp+").text == "tarif payplug & sp+"


@pytest.mark.parametrize("text", ["'; DROP TABLE events; --", '{"intent": "greet", "x": [1, 2]}',
                                  "What is the Payplug phone number?"])
def test_sql_json_and_english_reach_understanding_unchanged(text):
    assert run(text).text == text


@pytest.mark.parametrize("payload", ["/greet", "/ask_support", '/inform_subject{"offer":"payplug"}',
                                     '/ask_support{"offer": "sp_plus", "service": "assistance"}', "/nlu_fallback"])
def test_offered_button_payloads_pass_as_commands(payload):
    assert payload in OFFERED
    assert run(payload).text == payload


@pytest.mark.parametrize("typed", [
    "/session_start",  # Rasa's own intents: never offered as buttons
    "/start_diagnostic",  # a real button, but not shown in this conversation
    '/inform_subject{"offer":"vad"}',  # offered intent, other entity
    "/unknown_intent",
    '/ask_support{"password":"x"}',
    '/ask_support{"offer":"<script>"}',
    '/ask_support{"offer": 3}',
    "/ask_support{not json}",
    "//greet{",
    '/ask_phone{"offer": "<img src=x>", "admin": true}',
])
def test_commands_not_offered_in_the_conversation_are_not_understood(typed):
    """Never an intent, and never a guess from the words of the command (« phone », « offer ») either."""
    assert run(typed).text == NOT_UNDERSTOOD_PAYLOAD


def test_only_slash_payloads_count_as_offered():
    assert offered_payloads([{"payload": "https://www.payplug.com"}, {"payload": None}, {"title": "x"}]) == set()


@pytest.mark.parametrize(("typed", "read_as"), [
    ("/restart", "restart"),
    ("/back", "back"),
    ("/aide", "aide"),
    ("/ numéro payplug", "numéro payplug"),
    ("/numéro payplug ?", "numéro payplug ?"),
])
def test_text_mimicking_a_command_is_read_as_words(typed, read_as):
    assert run(typed).text == read_as


# Luhn-valid numbers of every card length (published test numbers, or completed with their Luhn digit),
# each with a look-alike that differs by its last digit only and so fails the Luhn check.
CARDS = {
    13: "4222222222222",
    14: "30569309025904",
    15: "378282246310005",
    16: "4970101234567893",
    17: "63049001774029283",
    18: "670345000000000004",
    19: "5018000000000000007",
}


def look_alike(number: str) -> str:
    """Le même numéro, dernier chiffre changé : la clé de Luhn n'est plus bonne."""
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def written(number: str, separator: str) -> str:
    """Le numéro par groupes de quatre chiffres, séparés comme un humain les tape."""
    return separator.join(number[i:i + 4] for i in range(0, len(number), 4))


SEPARATORS = {"collés": "", "espaces": " ", "tirets": "-", "points": "."}


@pytest.mark.parametrize("separator", list(SEPARATORS.values()), ids=list(SEPARATORS))
@pytest.mark.parametrize("length", list(CARDS))
def test_card_numbers_of_13_to_19_digits_are_masked_however_written(length: int, separator: str) -> None:
    number = CARDS[length]
    masked = mask_card_numbers(f"carte {written(number, separator)} refusée")
    assert masked == f"carte [carte •••• {number[-4:]}] refusée"


@pytest.mark.parametrize("separator", list(SEPARATORS.values()), ids=list(SEPARATORS))
@pytest.mark.parametrize("length", list(CARDS))
def test_luhn_invalid_look_alikes_are_kept(length: int, separator: str) -> None:
    text = f"commande {written(look_alike(CARDS[length]), separator)} du client"
    assert mask_card_numbers(text) == text


@pytest.mark.parametrize("text", [
    "appelez le 09 69 37 80 30", "appelez le 09.69.37.80.30", "le +33 1 76 34 01 55",
    "référence 123456789015",  # 12 digits, Luhn-valid: too short for a card
    "référence 49701012345678931230",  # 20 digits, Luhn-valid: too long for a card
])
def test_phone_numbers_and_other_lengths_are_kept(text: str) -> None:
    assert mask_card_numbers(text) == text


def test_a_card_number_is_masked_before_understanding() -> None:
    assert run("ma carte 4970 1012 3456 7893 est refusée").text == "ma carte [carte •••• 7893] est refusée"
    assert "4970101234567893" not in clean("carte 4970101234567893")


@pytest.mark.parametrize("text", ["مرحبا، ما هو رقم الدعم؟", "שלום payplug מספר", "Какой номер поддержки?",
                                  "支付支持电话"])
def test_non_latin_scripts_get_the_french_only_reply(text):
    assert run(text) == Screened(reply=NOT_FRENCH_REPLY)


def test_a_foreign_word_inside_a_french_question_passes():
    assert run("numéro du support Payplug (السلام)").text == "numéro du support Payplug (السلام)"
