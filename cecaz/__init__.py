"""Cœur métier de l'assistant CECAZ : catalogue, phrasé des réponses, horaires, diagnostic.

Rien ici n'importe Rasa : ces modules sont testés directement."""
