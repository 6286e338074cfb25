"""Checks that docs/c.md shows the compiled example (bindings/c/examples/sign_verify.c)
verbatim, so the documented example is the one `make test-c` builds and runs."""

import sys


def main(doc_path, example_path):
    with open(doc_path, encoding="utf-8") as handle:
        doc = handle.read()
    with open(example_path, encoding="utf-8") as handle:
        example = handle.read()
    if "```c\n" + example + "```" not in doc:
        sys.exit(f"{doc_path} does not show {example_path} verbatim in a ```c block")
    print(f"check_docs: {doc_path} shows {example_path}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
