"""Composant NLU : repli (`nlu_fallback`) quand le message est fait de mots jamais vus à l'entraînement.

Placé après le FallbackClassifier ; garde le classement des intentions pour les suggestions."""

from __future__ import annotations

import json
from typing import Any, Dict, FrozenSet, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cecaz.intents import NLU_FALLBACK
from cecaz.vocabulary import MIN_KNOWN_RATIO, build_vocabulary, is_unknown_language

FILE = "vocabulary.json"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class VocabularyFallback(GraphComponent, IntentClassifier):
    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {"min_known_ratio": MIN_KNOWN_RATIO, "fallback_intent": NLU_FALLBACK}

    def __init__(self, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
                 vocabulary: Optional[FrozenSet[str]] = None) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.vocabulary = vocabulary or frozenset()

    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> VocabularyFallback:
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        texts = [m.get(TEXT) or "" for m in training_data.training_examples]
        texts += [e for table in training_data.lookup_tables for e in table.get("elements", [])
                  if isinstance(e, str)]
        texts += [*training_data.entity_synonyms.keys(), *training_data.entity_synonyms.values()]
        self.vocabulary = build_vocabulary(texts)
        with self._model_storage.write_to(self._resource) as directory:
            (directory / FILE).write_text(json.dumps(sorted(self.vocabulary)), encoding="utf-8")
        return self._resource

    @classmethod
    def load(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
             execution_context: ExecutionContext, **kwargs: Any) -> VocabularyFallback:
        try:
            with model_storage.read_from(resource) as directory:
                vocabulary = frozenset(json.loads((directory / FILE).read_text(encoding="utf-8")))
        except (ValueError, OSError):  # not trained yet (e.g. `rasa train core`): never falls back
            return cls(config, model_storage, resource)
        return cls(config, model_storage, resource, vocabulary)

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not self.vocabulary or not isinstance(text, str):
                continue
            if is_unknown_language(text, self.vocabulary, self.config["min_known_ratio"]):
                fallback = {INTENT_NAME_KEY: self.config["fallback_intent"], PREDICTED_CONFIDENCE_KEY: 1.0}
                ranking = [r for r in message.get(INTENT_RANKING_KEY) or []
                           if r.get(INTENT_NAME_KEY) != self.config["fallback_intent"]]
                message.data[INTENT] = fallback
                message.data[INTENT_RANKING_KEY] = [fallback, *ranking]
        return messages
