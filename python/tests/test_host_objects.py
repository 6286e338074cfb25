"""Host objects that claim more than they are: subclasses of str and int whose methods
lie or run code. What is signed is what the objects hold, a JSON object never holds a
name twice, and no such object makes the binding panic."""

import base64
import json

import pytest

import onlyoffice_jwt as oo

SECRET = "host-objects-test-secret-0123456789abcdef"
NOW = 1767225600


def payload(token):
    part = token.split(".")[1]
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode()


class Unequal(str):
    """A key that never equals another, so that a dict holds two with one text."""

    def __eq__(self, other):
        return self is other

    def __hash__(self):
        return id(self)


def two_keys(text, first, second):
    return {Unequal(text): first, Unequal(text): second}


def test_two_dict_keys_with_one_text_are_refused_by_sign():
    claims = two_keys("exp", 1, 9999999999)
    assert len(claims) == 2
    with pytest.raises(oo.InvalidInputError, match='"exp"'):
        oo.sign(claims, SECRET, iat=False)


def test_a_str_subclass_key_beside_an_exact_str_key_with_its_text():
    claims = {"iat": 5, Unequal("iat"): 6}
    with pytest.raises(oo.InvalidInputError, match='"iat"'):
        oo.sign(claims, SECRET, iat=True, now=NOW)
    nested = {"a": {"x": 1, Unequal("x"): 2}}
    with pytest.raises(oo.InvalidInputError):
        oo.sign(nested, SECRET)


def test_two_keys_with_one_text_are_refused_by_the_other_operations():
    config = {
        "document": {"key": "k", "url": "https://nc.example/d"},
        "editorConfig": two_keys("mode", "view", "edit"),
    }
    with pytest.raises(oo.InvalidInputError, match='"mode"'):
        oo.sign_config(config, SECRET, now=NOW)
    with pytest.raises(oo.InvalidInputError, match='"key"'):
        oo.sign_request({"c": "info", **two_keys("key", "A", "B")}, SECRET, now=NOW)


def test_str_subclass_keys_with_distinct_texts_sign_as_str():
    claims = {Unequal("a"): 1, "b": 2, Unequal("c"): 3}
    assert payload(oo.sign(claims, SECRET, iat=False)) == '{"a":1,"b":2,"c":3}'


def test_an_option_given_twice_is_refused():
    config = {"document": {"key": "k", "url": "https://nc.example/d"}}
    # A declared option: refused as Python refuses any argument given twice.
    with pytest.raises(TypeError, match="multiple values for argument 'now'"):
        oo.sign_config(config, SECRET, **{Unequal("now"): NOW, Unequal("now"): NOW + 1})
    # An option that reaches the core through **kwargs (sign_request's nullable ttl):
    # the core refuses the second.
    with pytest.raises(oo.InvalidInputError, match='"ttl" is given twice'):
        oo.sign_request({"c": "info"}, SECRET, **{Unequal("ttl"): 60, Unequal("ttl"): None})


class Lying(int):
    """An int whose __int__ and __index__ claim another number."""

    def __int__(self):
        return 7

    def __index__(self):
        return 7

    def __str__(self):
        return "7"

    def __repr__(self):
        return "7"


def test_an_int_subclass_beyond_64_bits_signs_the_value_it_holds():
    token = oo.sign({"n": Lying(2**70), "m": Lying(-(2**70)), "s": Lying(5)}, SECRET, iat=False)
    assert json.loads(payload(token)) == {"n": 2**70, "m": -(2**70), "s": 5}


def test_an_int_subclass_that_changes_the_dict_neither_runs_nor_panics(capfd):
    claims = {}

    class Mutating(int):
        def __int__(self):
            claims.clear()
            claims["injected"] = True
            return 7

        __index__ = __int__

    claims.update({"a": 1, "n": Mutating(2**70), "z": 2})
    token = oo.sign(claims, SECRET, iat=False)
    assert json.loads(payload(token)) == {"a": 1, "n": 2**70, "z": 2}
    assert "injected" not in claims
    captured = capfd.readouterr()
    assert "panicked" not in captured.err and "panic" not in captured.err
