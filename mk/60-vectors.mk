# Shared vectors: re-run the independent generators and fail if the committed
# tests/vectors and tests/attacks differ from what they write (proof that no expected
# value came from our own code). The suites of every language then run these files.
.PHONY: test-vectors vectors

VECTORS_CHECK := $(ROOT)/target/vectors-check

## make test-vectors — re-run the vector generators into target/ and compare with the committed files.
test-vectors: deps
	OOJWT_VECTORS_OUT=$(VECTORS_CHECK) VENV=$(VENV) bash tests/vectors/gen/regenerate.sh
	@for part in vectors attacks; do \
	  committed=$$(cd tests/$$part && ls *.json); written=$$(cd $(VECTORS_CHECK)/$$part && ls *.json); \
	  if [ "$$committed" != "$$written" ]; then \
	    echo "test-vectors: tests/$$part holds other files than the generators write"; exit 1; fi; \
	  for file in $$written; do \
	    cmp -s tests/$$part/$$file $(VECTORS_CHECK)/$$part/$$file || { \
	      echo "test-vectors: the generators disagree with the committed tests/$$part/$$file:"; \
	      diff -u tests/$$part/$$file $(VECTORS_CHECK)/$$part/$$file | head -40; exit 1; }; \
	  done; \
	done
	@echo "test-vectors: the committed vectors are exactly what the generators write"

## make vectors — rewrite tests/vectors and tests/attacks from the generators (then commit).
vectors: deps
	VENV=$(VENV) bash tests/vectors/gen/regenerate.sh

TEST_TARGETS += test-vectors
