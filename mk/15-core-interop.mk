# Core protocol interop with the Document Server's JWT library (npm jsonwebtoken 9):
# our configs/requests verified by jwt.verify, DS-style callbacks verified by us.
.PHONY: test-interop-node

INTEROP_NODE_DIR := tests/interop/node

$(INTEROP_NODE_DIR)/node_modules/.package-lock.json: $(INTEROP_NODE_DIR)/package.json $(INTEROP_NODE_DIR)/package-lock.json
	cd $(INTEROP_NODE_DIR) && (npm ci --no-audit --no-fund || npm install --no-audit --no-fund)

## make test-interop-node — the core against npm jsonwebtoken, the Document Server's JWT library.
test-interop-node: deps $(INTEROP_NODE_DIR)/node_modules/.package-lock.json
	$(CARGO) test -p onlyoffice-jwt --locked --test interop_node -- --ignored --exact document_server_jsonwebtoken_interop

TEST_TARGETS += test-interop-node
