# Shared vectors: re-run the independent generators and fail if the committed
# tests/vectors and tests/attacks differ from what they write (proof that no expected
# value came from our own code). The suites of every language then run these files.
.PHONY: test-vectors

test-vectors: deps
	VENV=$(VENV) bash tests/vectors/gen/regenerate.sh
	@changes=$$(git status --porcelain -- tests/vectors tests/attacks); \
	if [ -n "$$changes" ]; then \
	  echo "test-vectors: the generators disagree with the committed vectors:"; \
	  echo "$$changes"; git --no-pager diff --stat -- tests/vectors tests/attacks; exit 1; \
	fi
	@echo "test-vectors: the committed vectors are exactly what the generators write"

TEST_TARGETS += test-vectors
