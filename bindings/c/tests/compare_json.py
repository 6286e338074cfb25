"""Second half of the C vector check: the JSON results whose text differed from the
expected text (written by test_oojwt as `id, actual hex, expected hex` lines) are
compared as JSON values, as tests/vectors/README.md asks: object member order does not
matter; integers, floats and booleans are kept apart (`2.0` is not `2`, `1` is not
`true`). Standard library only. Exits 1 on any difference."""

import json
import sys


def same(a, b):
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def main(path):
    passed = failed = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            ident, actual, expected = line.rstrip("\n").split("\t")
            actual = bytes.fromhex(actual).decode("utf-8")
            expected = bytes.fromhex(expected).decode("utf-8")
            if same(json.loads(actual), json.loads(expected)):
                passed += 1
            else:
                failed += 1
                print(f"FAIL {ident}:\n  got:      {actual}\n  expected: {expected}", file=sys.stderr)
    if passed + failed == 0:
        print("compare_json: every JSON result matched as text; none left to compare")
    else:
        print(f"compare_json: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main(sys.argv[1])
