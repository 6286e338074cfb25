"""PyJWT's ``jwt.api_jwt``: ``PyJWT`` and the module functions ``encode``, ``decode``
and ``decode_complete``, for HS256/HS384/HS512.

A token is verified by the core in one call (``onlyoffice_jwt.verify``: structure,
header, signature, the claims' JSON and the time claims); the claim checks PyJWT adds
(``require``, ``iss``, ``aud``, ``sub``, ``jti``) follow here with PyJWT's rules and
messages. Two paths cannot use that call, and check the time claims here with PyJWT's
rules instead: ``options={"verify_signature": False}`` (nothing verified), and a
subclass that overrides ``_decode_payload`` (a payload the core cannot read, e.g.
compressed; its signature is still verified by the core).
"""

from __future__ import annotations

import json
import math
import sys
import warnings
from calendar import timegm
from collections.abc import Container, Iterable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any, Optional, Union

from .. import _native
from .api_jws import (
    _ALGORITHM_UNSET,
    PyJWS,
    _jws_global_obj,
    _structure_error,
    _warn_unsupported_kwargs,
)
from .exceptions import (
    DecodeError,
    ExpiredSignatureError,
    ImmatureSignatureError,
    InvalidAlgorithmError,
    InvalidAudienceError,
    InvalidIssuedAtError,
    InvalidIssuerError,
    InvalidJTIError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidSubjectError,
    MissingRequiredClaimError,
    PyJWTError,
)

__all__ = ["PyJWT", "decode", "decode_complete", "encode"]

_TIME_OPTIONS = ("verify_exp", "verify_nbf", "verify_iat")

# PyJWT's message for a time claim that is not a number, by claim.
_NOT_A_NUMBER = {
    "exp": lambda: DecodeError("Expiration Time claim (exp) must be an integer."),
    "nbf": lambda: DecodeError("Not Before claim (nbf) must be an integer."),
    "iat": lambda: InvalidIssuedAtError("Issued At claim (iat) must be an integer."),
}


def _claim_of(error: _native.JwtError) -> Optional[str]:
    """The claim a core error names (its detail ``claims.<name>``), if any."""
    detail = error.detail or ""
    return detail[len("claims."):] if detail.startswith("claims.") else None


def _verify_error(error: _native.JwtError) -> PyJWTError:
    """PyJWT's exception and message for the core's verdict on a token."""
    claim = _claim_of(error)
    if isinstance(error, _native.BadSignatureError):
        return InvalidSignatureError("Signature verification failed")
    if isinstance(error, _native.AlgNotAllowedError):
        return InvalidAlgorithmError("The specified alg value is not allowed")
    if isinstance(error, _native.ExpiredError):
        return ExpiredSignatureError("Signature has expired")
    if isinstance(error, _native.NotYetValidError):
        return ImmatureSignatureError(f"The token is not yet valid ({claim})")
    if isinstance(error, _native.InvalidClaimError) and claim in _NOT_A_NUMBER:
        return _NOT_A_NUMBER[claim]()
    if isinstance(error, _native.WeakSecretError):
        return InvalidKeyError(str(error))
    if error.detail == "payload.object":
        return DecodeError("Invalid payload string: must be a json object")
    if error.detail == "payload.json":
        return DecodeError(f"Invalid payload string: {error}")
    return _structure_error(error)


def _leeway_seconds(leeway: Union[float, timedelta]) -> float:
    if isinstance(leeway, timedelta):
        return leeway.total_seconds()
    return leeway


class PyJWT:
    """PyJWT's JWT API (``jwt.api_jwt.PyJWT``): ``encode``, ``decode``,
    ``decode_complete`` with its options, on a ``PyJWS``."""

    def __init__(self, options: Optional[dict[str, Any]] = None) -> None:
        """The default options of every ``decode``, merged with ``options``."""
        self.options: dict[str, Any] = self._get_default_options()
        if options is not None:
            self.options = self._merge_options(options)
        self._jws = PyJWS(options=self._get_sig_options())

    @staticmethod
    def _get_default_options() -> dict[str, Any]:
        return {
            "verify_signature": True,
            "verify_exp": True,
            "verify_nbf": True,
            "verify_iat": True,
            "verify_aud": True,
            "verify_iss": True,
            "verify_sub": True,
            "verify_jti": True,
            "require": [],
            "strict_aud": False,
            "enforce_minimum_key_length": False,
        }

    def _get_sig_options(self) -> dict[str, Any]:
        return {
            "verify_signature": self.options["verify_signature"],
            "enforce_minimum_key_length": self.options.get("enforce_minimum_key_length", False),
        }

    def _merge_options(self, options: Optional[dict[str, Any]] = None) -> dict[str, Any]:
        """``options`` over this object's; without the signature, the claim checks
        default to off (as in PyJWT)."""
        if options is None:
            return self.options
        merged = dict(options)
        if not merged.get("verify_signature", True):
            for name in self._get_default_options():
                if name.startswith("verify_"):
                    merged.setdefault(name, False)
        return {**self.options, **merged}

    def encode(
        self,
        payload: dict[str, Any],
        key: Any,
        algorithm: Optional[str] = _ALGORITHM_UNSET,
        headers: Optional[dict[str, Any]] = None,
        json_encoder: Optional[type[json.JSONEncoder]] = None,
        sort_headers: bool = True,
    ) -> str:
        """The JWT of ``payload`` (a dict): PyJWT's header and ``json.dumps`` bytes,
        signed by the core. ``exp``/``iat``/``nbf`` given as ``datetime`` become Unix
        seconds; no claim is added."""
        if not isinstance(payload, dict):
            raise TypeError(
                "Expecting a dict object, as JWT only supports JSON objects as payloads."
            )
        payload = payload.copy()
        for claim in ("exp", "iat", "nbf"):
            if isinstance(payload.get(claim), datetime):
                payload[claim] = timegm(payload[claim].utctimetuple())
        if "iss" in payload and not isinstance(payload["iss"], str):
            raise TypeError("Issuer (iss) must be a string.")
        json_payload = self._encode_payload(payload, headers=headers, json_encoder=json_encoder)
        return self._jws.encode(
            json_payload, key, algorithm, headers, json_encoder, sort_headers=sort_headers
        )

    def _encode_payload(
        self,
        payload: dict[str, Any],
        headers: Optional[dict[str, Any]] = None,
        json_encoder: Optional[type[json.JSONEncoder]] = None,
    ) -> bytes:
        """The payload's bytes (a subclass may override it, e.g. to compress)."""
        return json.dumps(payload, separators=(",", ":"), cls=json_encoder).encode("utf-8")

    def _decode_payload(self, decoded: dict[str, Any]) -> dict[str, Any]:
        """The claims of a verified JWS's payload bytes (a subclass may override it;
        this one is what the core reads when it is not overridden)."""
        try:
            payload = json.loads(decoded["payload"])
        except (ValueError, RecursionError) as error:
            raise DecodeError(f"Invalid payload string: {error}") from error
        if not isinstance(payload, dict):
            raise DecodeError("Invalid payload string: must be a json object")
        return payload

    def decode_complete(
        self,
        jwt: Union[str, bytes],
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[dict[str, Any]] = None,
        verify: Optional[bool] = None,
        detached_payload: Optional[bytes] = None,
        audience: Union[str, Iterable[str], None] = None,
        issuer: Union[str, Container[str], None] = None,
        subject: Optional[str] = None,
        leeway: Union[float, timedelta] = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Like ``jwt.decode_complete``: ``{"header", "payload", "signature"}``, the
        payload the verified claims (dict)."""
        _warn_unsupported_kwargs("decode_complete", kwargs)
        verify_signature = True if options is None else options.get("verify_signature", True)
        if verify is not None and verify != verify_signature:
            warnings.warn(
                "The `verify` argument to `decode` does nothing in PyJWT 2.0 and newer. "
                "The equivalent is setting `verify_signature` to False in the `options` dictionary. "
                "This invocation has a mismatch between the kwarg and the option entry.",
                category=DeprecationWarning,
                stacklevel=2,
            )
        merged = self._merge_options(options)
        sig_options = {
            "verify_signature": verify_signature,
            "enforce_minimum_key_length": merged.get("enforce_minimum_key_length", False),
        }
        seconds = _leeway_seconds(leeway)
        core_reads_payload = type(self)._decode_payload is PyJWT._decode_payload
        if verify_signature and core_reads_payload and detached_payload is None:
            decoded = self._verify(jwt, key, algorithms, merged, sig_options, seconds)
        else:
            decoded = self._jws.decode_complete(
                jwt,
                key=key,
                algorithms=algorithms,
                options=sig_options,
                detached_payload=detached_payload,
            )
            decoded["payload"] = self._decode_payload(decoded)
            self._validate_times(decoded["payload"], merged, seconds)
        self._validate_claims(decoded["payload"], merged, audience, issuer, subject)
        return decoded

    def _verify(
        self,
        jwt: Any,
        key: Any,
        algorithms: Optional[Sequence[str]],
        options: dict[str, Any],
        sig_options: dict[str, Any],
        leeway: float,
    ) -> dict[str, Any]:
        """The token verified by the core in one call (structure, header, signature,
        claims, time claims), after PyJWT's checks of algorithm and key."""
        if not algorithms and not _is_pyjwk(key):
            raise DecodeError(
                'It is required that you pass in a value for the "algorithms" argument when calling decode().'
            )
        if leeway < 0:
            raise ValueError("onlyoffice_jwt.compat: leeway must not be negative")
        parts = self._jws._load(jwt)
        header = parts["header"]
        self._jws._validate_headers(header)
        if "b64" in header:
            raise DecodeError("onlyoffice_jwt.compat does not accept detached payloads (RFC 7797, b64)")
        # A list of keys is onlyoffice_jwt's rotation (not in PyJWT): every one verifies.
        keys = list(key) if isinstance(key, (list, tuple)) else [key]
        checked = [
            self._jws._verification_key(header, item, algorithms, sig_options) for item in keys or [""]
        ]
        alg = checked[0][0]
        secret = [item for _, item in checked] if isinstance(key, (list, tuple)) else checked[0][1]
        try:
            claims = _native.verify(
                jwt,
                secret,
                algorithms=[alg],
                leeway=math.ceil(leeway),
                # PyJWT's time rules (whole-second claims, iat before nbf), by the core.
                time_rules="pyjwt",
                allow_weak=True,
                # PyJWT has no size limit: a Document Server callback's token passes 1 MiB.
                max_size=sys.maxsize,
                **{name: bool(options[name]) for name in _TIME_OPTIONS},
            )
        except _native.JwtError as error:
            raise _verify_error(error) from error
        return {"header": header, "payload": claims, "signature": parts["signature"]}

    def decode(
        self,
        jwt: Union[str, bytes],
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[dict[str, Any]] = None,
        verify: Optional[bool] = None,
        detached_payload: Optional[bytes] = None,
        audience: Union[str, Iterable[str], None] = None,
        subject: Optional[str] = None,
        issuer: Union[str, Container[str], None] = None,
        leeway: Union[float, timedelta] = 0,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """Like ``jwt.decode``: verifies the token and returns its claims (dict)."""
        _warn_unsupported_kwargs("decode", kwargs)
        decoded = self.decode_complete(
            jwt,
            key,
            algorithms,
            options,
            verify=verify,
            detached_payload=detached_payload,
            audience=audience,
            subject=subject,
            issuer=issuer,
            leeway=leeway,
        )
        return decoded["payload"]

    @staticmethod
    def _validate_times(payload: dict[str, Any], options: dict[str, Any], leeway: float) -> None:
        """PyJWT's checks of ``iat``, ``nbf`` and ``exp`` (whole seconds), for the two
        paths where the core does not read the claims."""
        now = datetime.now(tz=timezone.utc).timestamp()
        for claim, option in (("iat", "verify_iat"), ("nbf", "verify_nbf"), ("exp", "verify_exp")):
            if claim not in payload or not options[option]:
                continue
            try:
                value = int(payload[claim])
            except (ValueError, TypeError, OverflowError):
                raise _NOT_A_NUMBER[claim]() from None
            if claim == "exp" and value <= now - leeway:
                raise ExpiredSignatureError("Signature has expired")
            if claim != "exp" and value > now + leeway:
                raise ImmatureSignatureError(f"The token is not yet valid ({claim})")

    def _validate_claims(
        self,
        payload: dict[str, Any],
        options: dict[str, Any],
        audience: Union[str, Iterable[str], None] = None,
        issuer: Union[str, Container[str], None] = None,
        subject: Optional[str] = None,
    ) -> None:
        """PyJWT's checks of ``require``, ``iss``, ``aud``, ``sub`` and ``jti``."""
        if audience is not None and not isinstance(audience, (str, Iterable)):
            raise TypeError("audience must be a string, iterable or None")
        for claim in options["require"]:
            if payload.get(claim) is None:
                raise MissingRequiredClaimError(claim)
        if options["verify_iss"]:
            self._validate_iss(payload, issuer)
        if options["verify_aud"]:
            self._validate_aud(payload, audience, strict=options.get("strict_aud", False))
        if options["verify_sub"] and "sub" in payload:
            if not isinstance(payload["sub"], str):
                raise InvalidSubjectError("Subject must be a string")
            if subject is not None and payload["sub"] != subject:
                raise InvalidSubjectError("Invalid subject")
        if options["verify_jti"] and "jti" in payload and not isinstance(payload["jti"], str):
            raise InvalidJTIError("JWT ID must be a string")

    def _validate_aud(
        self, claims: dict[str, Any], audience: Union[str, Iterable[str], None], *, strict: bool = False
    ) -> None:
        """PyJWT's check of ``aud`` against ``audience``."""
        if audience is None:
            if claims.get("aud"):
                raise InvalidAudienceError("Invalid audience")
            return
        if not claims.get("aud"):
            raise MissingRequiredClaimError("aud")
        aud = claims["aud"]
        if strict:
            if not isinstance(audience, str):
                raise InvalidAudienceError("Invalid audience (strict)")
            if not isinstance(aud, str):
                raise InvalidAudienceError("Invalid claim format in token (strict)")
            if audience != aud:
                raise InvalidAudienceError("Audience doesn't match (strict)")
            return
        token_audiences = [aud] if isinstance(aud, str) else aud
        if not isinstance(token_audiences, list) or not all(
            isinstance(item, str) for item in token_audiences
        ):
            raise InvalidAudienceError("Invalid claim format in token")
        expected = [audience] if isinstance(audience, str) else list(audience)
        if all(item not in token_audiences for item in expected):
            raise InvalidAudienceError("Audience doesn't match")


    def _validate_iss(self, claims: dict[str, Any], issuer: Union[str, Container[str], None]) -> None:
        """PyJWT's check of ``iss`` against ``issuer``."""
        if issuer is None:
            return
        if "iss" not in claims:
            raise MissingRequiredClaimError("iss")
        iss = claims["iss"]
        if not isinstance(iss, str):
            raise InvalidIssuerError("Payload Issuer (iss) must be a string")
        try:
            matches = iss == issuer if isinstance(issuer, str) else iss in issuer
        except TypeError:
            raise InvalidIssuerError('Issuer param must be "str" or "Container[str]"') from None
        if not matches:
            raise InvalidIssuerError("Invalid issuer")


def _is_pyjwk(key: Any) -> bool:
    from .api_jwk import PyJWK

    return isinstance(key, PyJWK)


_jwt_global_obj = PyJWT()
_jwt_global_obj._jws = _jws_global_obj
encode = _jwt_global_obj.encode
decode_complete = _jwt_global_obj.decode_complete
decode = _jwt_global_obj.decode
