#!/usr/bin/env python3
"""Known-answer vectors from the answers of the real firebase/php-jwt.

php/tests/data/firebase_answers.json holds what firebase/php-jwt 6.11.1 (the version
the Nextcloud connector pins) answered when its own JWT::decode ran on each case with
JWT::$timestamp and JWT::$leeway set (firebase's code is not part of this
repository).  This turns the answers about tokens and time claims into `verify` cases
with `time_rules` "firebase", the clock at the case's timestamp and its leeway, so that
every language checks firebase's time rules, not only the PHP facade.  Each answer is
also checked against the stdlib model (gen/ooref.py).

Writes tests/vectors/firebase.json (operation verify).
"""

import json
import os

from common import TESTS, VECTORS_OUT, case, ooref

GEN = "gen/firebase_gen.py"
ANSWERS = os.path.join(os.path.dirname(TESTS), "php", "tests", "data", "firebase_answers.json")
VERSION = "6.11.1"

# firebase's exception classes, as the core's error names.
ERRORS = {
    "Firebase\\JWT\\BeforeValidException": "not_yet_valid",
    "Firebase\\JWT\\ExpiredException": "expired",
    "Firebase\\JWT\\SignatureInvalidException": "bad_signature",
}


def main():
    with open(ANSWERS, encoding="utf-8") as f:
        answers = json.load(f)["versions"][VERSION]
    cases = []
    for answer in answers:
        expect = answer["expect"]
        if "token" not in answer or answer["alg"] not in ("HS256", "HS384", "HS512"):
            continue
        if "error" in expect:
            if expect["error"]["class"] not in ERRORS:
                continue
            want = {"error": ERRORS[expect["error"]["class"]]}
        else:
            claims = expect["ok"]
            times = [claims[name] for name in ("exp", "nbf", "iat") if name in claims]
            if not all(isinstance(t, (int, float)) and not isinstance(t, bool) for t in times):
                continue  # a string exp: refused on purpose (php/tests/FirebaseAnswersTest.php)
            want = {"ok": claims}
        args = {
            "token": answer["token"],
            "secret": answer["key"],
            "options": {
                "algorithms": [answer["alg"]],
                "leeway": answer["leeway"],
                "now": answer["timestamp"],
                "time_rules": "firebase",
                # firebase accepts any non-empty key (the connector's may be 16 characters)
                "allow_weak": True,
            },
        }
        model = ooref.run(ooref.verify, token=args["token"], secret=args["secret"], **args["options"])
        assert model == want, f"{answer['name']}: firebase {want} != stdlib model {model}"
        cases.append(case("firebase-" + answer["name"], args, want, operation="verify"))
    assert len(cases) >= 14, len(cases)
    n = ooref.write_vectors(os.path.join(VECTORS_OUT, "firebase.json"), GEN, cases)
    print(f"  firebase.json: {n} cases (firebase/php-jwt {VERSION}'s recorded answers)")


if __name__ == "__main__":
    main()
