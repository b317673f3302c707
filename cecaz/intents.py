"""Names of the domain's intents that the core and the adapters compare against, declared once (`domain.yml`)."""

# Set by Rasa's FallbackClassifier (and the project's classifiers) when no intent is sure enough (`config.yml`).
NLU_FALLBACK = "nlu_fallback"
# A card the client wants to accept (« il veut aussi l'AMEX ») : a fact for the guided diagnostic (`domain.yml`).
INFORM_PAYMENT_METHODS = "inform_payment_methods"
