"""Repli sur vocabulaire inconnu : fonctions pures, puis le composant Rasa entraîné et rechargé."""

from __future__ import annotations

from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.vocabulary_fallback import VocabularyFallback
from cecaz.vocabulary import build_vocabulary, is_unknown_language, known_ratio, words

VOCAB = build_vocabulary(["Quel est le numéro du support Payplug ?", "tél SP+", "horaires de l'assistance"])


def test_words_are_folded_and_numbers_ignored():
    assert words("Numéro du SP+ : 09 69 37 80 30, svp") == ["numero", "du", "sp+", "svp"]


def test_known_ratio():
    assert known_ratio("numero payplug", VOCAB) == 1.0
    assert known_ratio("numéro du suport paypal", VOCAB) == 0.5
    assert known_ratio("???", VOCAB) == 1.0  # nothing to judge: left to the classifier


def test_unknown_language():
    assert is_unknown_language("sdfsdf qsdqsd", VOCAB)
    assert is_unknown_language("blorp zorglub fnarg payplug wuxi", VOCAB)  # 1 known word in 5
    assert not is_unknown_language("tel payplug stp", VOCAB)


def _message(text: str) -> Message:
    message = Message(data={"text": text})
    ranking = [{"name": "ask_phone", "confidence": 0.9}, {"name": "greet", "confidence": 0.1}]
    message.set("intent", ranking[0])
    message.set("intent_ranking", ranking)
    return message


def test_component_trains_persists_and_falls_back(tmp_path):
    storage = LocalModelStorage(tmp_path)
    resource = Resource("vocabulary_fallback")
    context = ExecutionContext(GraphSchema({}), "test")
    data = TrainingData([Message(data={"text": "numéro du support payplug", "intent": "ask_phone"})],
                        entity_synonyms={"spplus": "sp_plus"},
                        lookup_tables=[{"name": "offer", "elements": ["je paie en ligne"]}])
    VocabularyFallback.create({}, storage, resource, context).train(data)
    loaded = VocabularyFallback.load({}, storage, resource, context)
    assert loaded.vocabulary == {"numero", "du", "support", "payplug", "spplus", "sp", "plus",
                                 "je", "paie", "en", "ligne"}

    gibberish, question = _message("sdfsdf qsdqsd"), _message("numero payplug")
    loaded.process([gibberish, question])
    assert gibberish.get("intent") == {"name": "nlu_fallback", "confidence": 1.0}
    assert [r["name"] for r in gibberish.get("intent_ranking")] == ["nlu_fallback", "ask_phone", "greet"]
    assert question.get("intent")["name"] == "ask_phone"


def test_untrained_component_never_falls_back(tmp_path):
    context = ExecutionContext(GraphSchema({}), "test")
    component = VocabularyFallback.load({}, LocalModelStorage(tmp_path), Resource("none"), context)
    message = _message("sdfsdf qsdqsd")
    component.process([message])
    assert message.get("intent")["name"] == "ask_phone"
