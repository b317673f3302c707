"""Message en anglais ou dans une autre écriture : reconnu pour le dire, sans gêner le français."""

from __future__ import annotations

import pytest

from cecaz.clarify import clarification_text
from cecaz.language import FRENCH_ONLY, looks_english, mostly_non_latin


@pytest.mark.parametrize("text", ["What is the weather like today?", "can you help me please",
                                  "Which phone number should I give to the merchant?"])
def test_english(text):
    assert looks_english(text)


@pytest.mark.parametrize("text", ["quel est le numéro du support ?", "tel payplug", "help", "support sp+ open ?",
                                  "le client is open ?", "numéro pour the merchant"])
def test_not_english(text):
    assert not looks_english(text)


def test_scripts():
    assert mostly_non_latin("مرحبا كيف حالك") and mostly_non_latin("Привет, какой номер payplug")
    assert not mostly_non_latin("numéro payplug ?") and not mostly_non_latin("123 ?")


def test_clarification_says_french_first_for_english_only():
    assert clarification_text(True, "what is the weather like?").startswith(FRENCH_ONLY)
    assert not clarification_text(True, "bla bla truc").startswith(FRENCH_ONLY)
