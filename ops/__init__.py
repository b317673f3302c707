"""Outils d'exploitation : démarrage des serveurs, attente de disponibilité."""
