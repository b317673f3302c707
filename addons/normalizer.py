"""Composant NLU : même texte pour « é », « e », « ’ » et « ' » avant tokenisation, et salutation ou
remerciement placés devant une question effacés (`cecaz.segments.blank_leading_courtesy`), comme la demande de
confirmation qui la finit (« …, c'est bien ça ? », `cecaz.segments.blank_trailing_tag`).

Les remplacements gardent la longueur du texte, donc les positions des entités restent justes."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from cecaz.segments import blank_leading_courtesy, blank_trailing_tag
from cecaz.textnorm import normalize_same_length


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class TextNormalizer(GraphComponent):
    @classmethod
    def create(cls, config: Dict[str, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> TextNormalizer:
        return cls()

    def _normalize(self, message: Message) -> None:
        text = message.get(TEXT)
        if isinstance(text, str):
            message.set(TEXT, blank_trailing_tag(blank_leading_courtesy(normalize_same_length(text))))

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        for message in training_data.training_examples:
            self._normalize(message)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._normalize(message)
        return messages
