"""Extensions chargées par le serveur Rasa : composant NLU et canaux."""
