"""Actions Rasa : adaptateurs minces entre le tracker et le cœur métier `cecaz`."""
