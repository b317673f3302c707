# Banc de mesure (issue 16) : ops/bench.py, résultats datés dans bench/results/.
.PHONY: bench

bench: install $(MODEL) webchat ## Banc de mesure : latence, débit, profil, mémoire, avant/après (bench/results/)
	@$(BIN)/python -m ops.bench $(BENCH_ARGS)
