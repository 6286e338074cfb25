"""PyJWT's ``jwt.api_jws``: ``PyJWS``, compact JWS over payloads of any bytes, for
HS256/HS384/HS512. The core signs and verifies (``sign_jws_bytes``, ``verify_jws``);
this class keeps PyJWT's arguments, registry of algorithm objects, option handling,
exception classes and messages.

Refused where PyJWT goes on (each is named in docs/seahub.md): signing with ``none``
or with an algorithm object registered by the caller (``NotImplementedError``),
detached payloads and the ``b64`` header (RFC 7797), any ``crit`` extension, padded
base64url, and a ``typ`` other than ``JWT``.
"""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Sequence
from typing import Any, Optional

from .. import _native
from .algorithms import (
    Algorithm,
    HMACAlgorithm,
    NoneAlgorithm,
    get_default_algorithms,
    requires_cryptography,
)
from .exceptions import (
    DecodeError,
    InvalidAlgorithmError,
    InvalidKeyError,
    InvalidSignatureError,
    InvalidTokenError,
)
from .utils import base64url_encode
from .warnings import InsecureKeyLengthWarning, RemovedInPyjwt3Warning

__all__ = [
    "PyJWS",
    "decode",
    "decode_complete",
    "encode",
    "get_algorithm_by_name",
    "get_unverified_header",
    "register_algorithm",
    "unregister_algorithm",
]

_ALGORITHM_UNSET: Any = object()

_HS_ALGORITHMS = ("HS256", "HS384", "HS512")

# PyJWT's messages for each structural fault the core names (Error::detail).
_STRUCTURE_MESSAGES = {
    "token.segments": "Not enough segments",
    "header.base64": "Invalid header padding",
    "payload.base64": "Invalid payload padding",
    "signature.base64": "Invalid crypto padding",
    "header.object": "Invalid header string: must be a json object",
    "payload.segment": "Payload segment must be empty when 'b64' is false.",
}


def _structure_error(error: _native.JwtError) -> InvalidTokenError:
    """The PyJWT exception for a core error about a token's structure or encoding. A
    header with ``alg`` twice is ``InvalidAlgorithmError``, as PyJWT's verdict on the
    last one (its JSON reading keeps it) would be when that one is not allowed."""
    if error.detail == "header.alg":
        return InvalidAlgorithmError("The specified alg value is not allowed")
    if error.detail == "header.json":
        return DecodeError(f"Invalid header string: {error}")
    return DecodeError(_STRUCTURE_MESSAGES.get(error.detail or "", str(error)))


def _warn_unsupported_kwargs(function: str, kwargs: dict[str, Any]) -> None:
    """PyJWT's warning for keyword arguments its `decode` functions ignore (stacklevel:
    the caller of the decode function)."""
    if kwargs:
        warnings.warn(
            f"passing additional kwargs to {function}() is deprecated "
            "and will be removed in pyjwt version 3. "
            f"Unsupported kwargs: {tuple(kwargs.keys())}",
            RemovedInPyjwt3Warning,
            stacklevel=3,
        )


def _pyjwk_type() -> type:
    from .api_jwk import PyJWK

    return PyJWK


class PyJWS:
    """A JWS signer and verifier with PyJWT's interface (``jwt.api_jws.PyJWS``)."""

    header_typ: Optional[str] = "JWT"

    def __init__(
        self,
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[dict[str, Any]] = None,
    ) -> None:
        """The algorithms by name (default: ``none`` and the HMACs) and the options
        ``verify_signature`` and ``enforce_minimum_key_length``."""
        self._algorithms = get_default_algorithms()
        self._valid_algs = set(algorithms) if algorithms is not None else set(self._algorithms)
        for name in list(self._algorithms):
            if name not in self._valid_algs:
                del self._algorithms[name]
        self.options: dict[str, Any] = self._get_default_options()
        if options is not None:
            self.options = {**self.options, **options}

    @staticmethod
    def _get_default_options() -> dict[str, Any]:
        return {"verify_signature": True, "enforce_minimum_key_length": False}

    def register_algorithm(self, alg_id: str, alg_obj: Algorithm) -> None:
        """Registers an algorithm object under ``alg_id`` (``ValueError`` if taken).
        Tokens are still signed and verified only with the core's HMACs."""
        if alg_id in self._algorithms:
            raise ValueError("Algorithm already has a handler.")
        if not isinstance(alg_obj, Algorithm):
            raise TypeError("Object is not of type `Algorithm`")
        self._algorithms[alg_id] = alg_obj
        self._valid_algs.add(alg_id)

    def unregister_algorithm(self, alg_id: str) -> None:
        """Removes ``alg_id`` (``KeyError`` if it is not registered)."""
        if alg_id not in self._algorithms:
            raise KeyError(
                "The specified algorithm could not be removed because it is not registered."
            )
        del self._algorithms[alg_id]
        self._valid_algs.remove(alg_id)

    def get_algorithms(self) -> list[str]:
        """The names of the registered algorithms."""
        return list(self._valid_algs)

    def get_algorithm_by_name(self, alg_name: str) -> Algorithm:
        """The algorithm object of ``alg_name`` (``NotImplementedError`` if none)."""
        try:
            return self._algorithms[alg_name]
        except KeyError as error:
            if alg_name in requires_cryptography:
                raise NotImplementedError(
                    f"Algorithm '{alg_name}' could not be found. Do you have cryptography installed?"
                ) from error
            raise NotImplementedError("Algorithm not supported") from error

    def _core_algorithm(self, alg_name: str) -> HMACAlgorithm:
        """The registered HMAC of ``alg_name``, which the core can run; anything else
        (``none``, an object the caller registered) is refused."""
        alg_obj = self.get_algorithm_by_name(alg_name)
        if alg_name not in _HS_ALGORITHMS or type(alg_obj) is not HMACAlgorithm:
            raise NotImplementedError(
                f"onlyoffice_jwt.compat signs and verifies only HS256, HS384 and HS512, not {alg_name!r}"
            )
        return alg_obj

    def _prepared_key(self, alg_obj: HMACAlgorithm, key: Any, options: dict[str, Any], stacklevel: int) -> bytes:
        """The key's bytes, checked as PyJWT checks them (empty, asymmetric, short)."""
        prepared = alg_obj.prepare_key(key)
        message = alg_obj.check_key_length(prepared)
        if message:
            if options.get("enforce_minimum_key_length", False):
                raise InvalidKeyError(message)
            warnings.warn(message, InsecureKeyLengthWarning, stacklevel=stacklevel + 1)
        return prepared

    def _header(
        self,
        algorithm: Any,
        key: Any,
        headers: Optional[dict[str, Any]],
        is_payload_detached: bool,
    ) -> dict[str, Any]:
        """The header PyJWT writes: ``typ``, ``alg``, then ``headers``."""
        if algorithm is _ALGORITHM_UNSET:
            alg = key.algorithm_name if isinstance(key, _pyjwk_type()) else "HS256"
        elif algorithm is None:
            alg = key.algorithm_name if isinstance(key, _pyjwk_type()) else "none"
        else:
            alg = algorithm
        if headers:
            if headers.get("alg"):
                alg = headers["alg"]
            if headers.get("b64") is False:
                is_payload_detached = True
        header: dict[str, Any] = {"typ": self.header_typ, "alg": alg}
        if headers:
            self._validate_headers(headers, encoding=True)
            header.update(headers)
        if not header["typ"]:
            del header["typ"]
        if is_payload_detached:
            # RFC 7797: b64 false, and listed in crit.
            header["b64"] = False
            crit = header.get("crit", [])
            if not isinstance(crit, list):
                raise InvalidTokenError("Invalid 'crit' header: must be a list")
            if "b64" not in crit:
                header["crit"] = [*crit, "b64"]
        else:
            header.pop("b64", None)
        return header

    def encode(
        self,
        payload: bytes,
        key: Any,
        algorithm: Optional[str] = _ALGORITHM_UNSET,
        headers: Optional[dict[str, Any]] = None,
        json_encoder: Optional[type[json.JSONEncoder]] = None,
        is_payload_detached: bool = False,
        sort_headers: bool = True,
    ) -> str:
        """The compact JWS of ``payload`` (bytes), PyJWT's header and bytes, signed by
        the core (a detached payload when ``is_payload_detached`` or ``"b64": False``)."""
        header = self._header(algorithm, key, headers, is_payload_detached)
        if not isinstance(payload, bytes):
            raise TypeError(f"the payload must be bytes, not {type(payload).__name__}")
        json_header = json.dumps(
            header, separators=(",", ":"), cls=json_encoder, sort_keys=sort_headers
        )
        if header["alg"] == "none" and type(self._algorithms.get("none")) is NoneAlgorithm:
            return self._unsigned(json_header, payload, key, header)
        alg_obj = self._core_algorithm(header["alg"])
        if isinstance(key, _pyjwk_type()):
            key = key.key
        secret = self._prepared_key(alg_obj, key, self.options, stacklevel=2)
        try:
            return _native.sign_jws_bytes(json_header, payload, secret, allow_weak=True)
        except _native.InvalidInputError as error:
            raise NotImplementedError(f"onlyoffice_jwt.compat: {error}") from error

    def _unsigned(self, json_header: str, payload: bytes, key: Any, header: dict[str, Any]) -> str:
        """An ``alg: none`` token, as PyJWT writes it (its signature empty; nothing
        verifies it: decoding it raises ``InvalidSignatureError``)."""
        self._algorithms["none"].prepare_key(key)
        segments = [base64url_encode(json_header.encode()), b""]
        if header.get("b64", True) is not False:
            segments[1] = base64url_encode(payload)
        return b".".join(segments + [b""]).decode()

    def _load(self, jwt: Any) -> dict[str, Any]:
        """Header, payload and signature of ``jwt``, nothing verified."""
        if not isinstance(jwt, (str, bytes)):
            raise DecodeError(f"Invalid token type. Token must be a {bytes}")
        try:
            # PyJWT has no size limit (a Document Server callback passes 1 MiB).
            return _native.decode_jws_unverified(jwt, max_size=sys.maxsize)
        except (_native.MalformedError, _native.TooLargeError, _native.InvalidInputError) as error:
            raise _structure_error(error) from error

    def decode_complete(
        self,
        jwt: Any,
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[dict[str, Any]] = None,
        detached_payload: Optional[bytes] = None,
        **kwargs: Any,
    ) -> dict[str, Any]:
        """``{"payload": bytes, "header": dict, "signature": bytes}``, the signature
        verified by the core unless ``options={"verify_signature": False}``."""
        _warn_unsupported_kwargs("decode_complete", kwargs)
        merged = self.options if options is None else {**self.options, **options}
        verify_signature = merged["verify_signature"]
        if verify_signature and not algorithms and not isinstance(key, _pyjwk_type()):
            raise DecodeError(
                'It is required that you pass in a value for the "algorithms" argument when calling decode().'
            )
        parts = self._load(jwt)
        header = parts["header"]
        self._validate_headers(header)
        self._check_detached(header, detached_payload)
        if verify_signature:
            alg, secret = self._verification_key(header, key, algorithms, merged)
            try:
                parts = _native.verify_jws(
                    jwt, secret, detached_payload, algorithms=[alg], allow_weak=True,
                    # PyJWT has no size limit (a Document Server callback passes 1 MiB).
                    max_size=sys.maxsize,
                )
            except _native.BadSignatureError as error:
                raise InvalidSignatureError("Signature verification failed") from error
            except _native.AlgNotAllowedError as error:
                raise InvalidAlgorithmError("The specified alg value is not allowed") from error
            except _native.JwtError as error:
                raise _structure_error(error) from error
        return {
            "payload": parts["payload"] if detached_payload is None else detached_payload,
            "header": parts["header"],
            "signature": parts["signature"],
        }

    @staticmethod
    def _check_detached(header: dict[str, Any], detached_payload: Optional[bytes]) -> None:
        """PyJWT's checks of ``b64`` against ``detached_payload``, with its messages,
        before anything is verified (the core checks the same when it verifies)."""
        if header.get("b64", True) is not False:
            if detached_payload is not None:
                raise DecodeError(
                    'It is only valid to pass "detached_payload" when the protected header has "b64" set to false.'
                )
            return
        crit = header.get("crit") or []
        if not isinstance(crit, list) or "b64" not in crit:
            raise InvalidTokenError(
                "The 'b64' header parameter requires 'b64' to be listed in 'crit'."
            )
        if detached_payload is None:
            raise DecodeError(
                'It is required that you pass in a value for the "detached_payload" argument to decode a message having the b64 header set to false.'
            )

    def _verification_key(
        self,
        header: dict[str, Any],
        key: Any,
        algorithms: Optional[Sequence[str]],
        options: dict[str, Any],
    ) -> tuple[str, bytes]:
        """PyJWT's checks before the signature (the token's ``alg`` allowed and fitting
        the key, the key usable): the algorithm and the key's bytes."""
        pyjwk = _pyjwk_type()
        if algorithms is None and isinstance(key, pyjwk):
            algorithms = [key.algorithm_name]
        if "alg" not in header:
            raise InvalidAlgorithmError("Algorithm not specified")
        alg = header["alg"]
        if not alg or not isinstance(alg, str) or (algorithms is not None and alg not in algorithms):
            raise InvalidAlgorithmError("The specified alg value is not allowed")
        if isinstance(key, pyjwk):
            if alg != key.algorithm_name:
                raise InvalidAlgorithmError(
                    f"Token algorithm {alg!r} does not match the key's algorithm {key.algorithm_name!r}"
                )
            key = key.key
        try:
            alg_obj = self._core_algorithm(alg)
        except NotImplementedError as error:
            if alg == "none" and "none" in self._algorithms:
                # PyJWT's answer to an unsigned token whose "none" is allowed.
                raise InvalidSignatureError("Signature verification failed") from error
            raise InvalidAlgorithmError("Algorithm not supported") from error
        return alg, self._prepared_key(alg_obj, key, options, stacklevel=4)

    def decode(
        self,
        jwt: Any,
        key: Any = "",
        algorithms: Optional[Sequence[str]] = None,
        options: Optional[dict[str, Any]] = None,
        detached_payload: Optional[bytes] = None,
        **kwargs: Any,
    ) -> Any:
        """The verified payload (bytes)."""
        _warn_unsupported_kwargs("decode", kwargs)
        decoded = self.decode_complete(jwt, key, algorithms, options, detached_payload=detached_payload)
        return decoded["payload"]

    def get_unverified_header(self, jwt: Any) -> dict[str, Any]:
        """The header, **nothing verified**."""
        header = self._load(jwt)["header"]
        self._validate_headers(header)
        return header

    def _validate_headers(self, headers: dict[str, Any], *, encoding: bool = False) -> None:
        if "kid" in headers and not isinstance(headers["kid"], str):
            raise InvalidTokenError("Key ID header parameter must be a string")
        if not encoding and "crit" in headers:
            self._validate_crit(headers)

    # The one critical extension understood (RFC 7797), as in PyJWT.
    _supported_crit: set[str] = {"b64"}

    def _validate_crit(self, headers: dict[str, Any]) -> None:
        """PyJWT's checks of ``crit``, with its messages (the core checks the same when
        it verifies)."""
        crit = headers["crit"]
        if not isinstance(crit, list) or not crit:
            raise InvalidTokenError("Invalid 'crit' header: must be a non-empty list")
        for extension in crit:
            if not isinstance(extension, str):
                raise InvalidTokenError("Invalid 'crit' header: values must be strings")
            if extension not in self._supported_crit:
                raise InvalidTokenError(f"Unsupported critical extension: {extension}")
            if extension not in headers:
                raise InvalidTokenError(f"Critical extension '{extension}' is missing from headers")

    @staticmethod
    def _decode_base64url_segment(segment: bytes, name: str) -> bytes:
        """The bytes of a token segment, decoded by the core: canonical unpadded
        base64url only (``DecodeError`` "Invalid <name> padding" otherwise)."""
        try:
            return _native.b64url_decode(segment)
        except _native.JwtError as error:
            raise DecodeError(f"Invalid {name} padding") from error


_jws_global_obj = PyJWS()
encode = _jws_global_obj.encode
decode_complete = _jws_global_obj.decode_complete
decode = _jws_global_obj.decode
register_algorithm = _jws_global_obj.register_algorithm
unregister_algorithm = _jws_global_obj.unregister_algorithm
get_algorithm_by_name = _jws_global_obj.get_algorithm_by_name
get_unverified_header = _jws_global_obj.get_unverified_header
