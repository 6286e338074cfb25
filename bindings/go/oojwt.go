// Package oojwt is the Go interface of onlyoffice-jwt: every operation of
// docs/api.md over the C library libonlyoffice_jwt (cgo, found with pkg-config
// onlyoffice_jwt). Arguments and results are JSON texts, as in the C ABI; options are a
// JSON object (nil: none). Failures are *Error, carrying the shared error number and
// name.
package oojwt

/*
#cgo pkg-config: onlyoffice_jwt
#include <stdlib.h>
#include <onlyoffice_jwt.h>
*/
import "C"

import (
	"fmt"
	"runtime"
	"sync"
	"unsafe"
)

// Error is a failure of the library: Number is the shared error number (see
// docs/api.md), Code its name, Message what was wrong (never a secret).
type Error struct {
	Number  int
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%s (%d): %s", e.Code, e.Number, e.Message) }

// lastError must run on the OS thread of the failing call (see call).
func lastError(rc C.int32_t) error {
	return &Error{
		Number:  int(rc),
		Code:    C.GoString(C.oojwt_error_name(rc)),
		Message: C.GoString(C.oojwt_last_error()),
	}
}

var emptyByte byte

// bytesArg passes a byte slice as pointer and length (nil: NULL); cgo keeps the memory
// pinned for the duration of the call.
func bytesArg(b []byte) (*C.char, C.size_t) {
	if b == nil {
		return nil, 0
	}
	if len(b) == 0 {
		return (*C.char)(unsafe.Pointer(&emptyByte)), 0
	}
	return (*C.char)(unsafe.Pointer(&b[0])), C.size_t(len(b))
}

func textArg(s string) (*C.char, C.size_t) { return bytesArg([]byte(s)) }

// call runs one operation on a locked OS thread (the last error is per thread), copies
// the owned result into a Go string and frees it.
func call(f func(out **C.char) C.int32_t) (string, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	var out *C.char
	if rc := f(&out); rc != C.OOJWT_OK {
		return "", lastError(rc)
	}
	defer C.oojwt_free(out)
	return C.GoString(out), nil
}

// Version is the library's version.
func Version() string { return C.GoString(C.oojwt_version()) }

// ErrorName is the stable name of an error number ("bad_signature" for 2).
func ErrorName(number int) string { return C.GoString(C.oojwt_error_name(C.int32_t(number))) }

// Keyring holds secrets inside the library: the first signs, all verify. Close
// zeroizes them; a keyring that is no longer referenced is closed by its finalizer.
//
// A call holds the keyring for its whole duration: Close waits for the calls in flight
// (and later calls fail with invalid_input), and runtime.KeepAlive after every C call
// keeps the finalizer from running while the C library still reads the keyring, even
// when that call is the keyring's last use.
type Keyring struct {
	mu  sync.RWMutex
	ptr *C.oojwt_keyring
}

// NewKeyring makes a keyring of one secret; weak secrets are refused unless allowWeak.
func NewKeyring(secret []byte, allowWeak bool) (*Keyring, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p, n := bytesArg(secret)
	var k *C.oojwt_keyring
	if rc := C.oojwt_keyring_new((*C.uint8_t)(unsafe.Pointer(p)), n, C.bool(allowWeak), &k); rc != C.OOJWT_OK {
		return nil, lastError(rc)
	}
	keyring := &Keyring{ptr: k}
	runtime.SetFinalizer(keyring, (*Keyring).Close)
	return keyring, nil
}

// AddPrevious adds a secret that still verifies but no longer signs (rotation). It
// waits for the calls in flight: the keyring changes.
func (k *Keyring) AddPrevious(secret []byte, allowWeak bool) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	defer runtime.KeepAlive(k)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	p, n := bytesArg(secret)
	if rc := C.oojwt_keyring_add_previous(k.ptr, (*C.uint8_t)(unsafe.Pointer(p)), n, C.bool(allowWeak)); rc != C.OOJWT_OK {
		return lastError(rc)
	}
	return nil
}

// Close zeroizes and releases the secrets once the calls in flight have returned; the
// keyring cannot be used afterwards. Closing twice does nothing.
func (k *Keyring) Close() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.ptr != nil {
		C.oojwt_keyring_free(k.ptr)
		k.ptr = nil
	}
	runtime.SetFinalizer(k, nil)
}

// call runs one operation of the keyring (see call), holding the keyring against
// Close and its finalizer until the C function has returned.
func (k *Keyring) call(f func(keyring *C.oojwt_keyring, out **C.char) C.int32_t) (string, error) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	defer runtime.KeepAlive(k)
	return call(func(out **C.char) C.int32_t { return f(k.ptr, out) })
}

// Sign returns the token for the JSON object claims.
func (k *Keyring) Sign(claims string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		c, cn := textArg(claims)
		o, on := bytesArg(options)
		return C.oojwt_sign(keyring, c, cn, o, on, out)
	})
}

// SignJws returns the token over the given header and payload JSON texts, byte for byte.
func (k *Keyring) SignJws(header, payload string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		h, hn := textArg(header)
		p, pn := textArg(payload)
		o, on := bytesArg(options)
		return C.oojwt_sign_jws(keyring, h, hn, p, pn, o, on, out)
	})
}

// Verify checks token strictly and returns its claims (JSON).
func (k *Keyring) Verify(token string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		t, tn := textArg(token)
		o, on := bytesArg(options)
		return C.oojwt_verify(keyring, t, tn, o, on, out)
	})
}

// DecodeUnverified returns {"header", "claims"} of token without checking anything.
func DecodeUnverified(token string) (string, error) {
	return call(func(out **C.char) C.int32_t {
		t, tn := textArg(token)
		return C.oojwt_decode_unverified(t, tn, nil, 0, out)
	})
}

// SignConfig returns the editor config with its token appended.
func (k *Keyring) SignConfig(config string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		c, cn := textArg(config)
		o, on := bytesArg(options)
		return C.oojwt_sign_config(keyring, c, cn, o, on, out)
	})
}

// SignRequest returns {"body", "headers", "header_omitted"} for a command, conversion
// or docbuilder request.
func (k *Keyring) SignRequest(body string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		b, bn := textArg(body)
		o, on := bytesArg(options)
		return C.oojwt_sign_request(keyring, b, bn, o, on, out)
	})
}

// VerifyCallback verifies a callback's raw body (and the options' authorization) and
// returns only its signed claims.
func (k *Keyring) VerifyCallback(body []byte, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		b, bn := bytesArg(body)
		o, on := bytesArg(options)
		return C.oojwt_verify_callback(keyring, (*C.uint8_t)(unsafe.Pointer(b)), bn, o, on, out)
	})
}

// VerifyIncoming verifies the Authorization header of a request from the Document
// Server; nil means the request had none.
func (k *Keyring) VerifyIncoming(authorization *string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		var a *C.char
		var an C.size_t
		if authorization != nil {
			a, an = textArg(*authorization)
		}
		o, on := bytesArg(options)
		return C.oojwt_verify_incoming(keyring, a, an, o, on, out)
	})
}

// GuardCallback guards a callback before connector code that trusts its plain body
// reads it: verified as VerifyCallback, the plain body must be the signed one, and the
// URLs to fetch must be on the Document Server (dsURL and the options' ds_internal_url,
// extra_ds_urls). Returns {"claims", "fetch"} as JSON.
func (k *Keyring) GuardCallback(body []byte, dsURL string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		b, bn := bytesArg(body)
		d, dn := textArg(dsURL)
		o, on := bytesArg(options)
		return C.oojwt_guard_callback(keyring, (*C.uint8_t)(unsafe.Pointer(b)), bn, d, dn, o, on, out)
	})
}

// GuardDownload guards a request of the Document Server to the connector: verified as
// VerifyIncoming, its signed url must name target (the request's path and query, or
// its URL). nil authorization means the request had no token.
func (k *Keyring) GuardDownload(authorization *string, target string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		var a *C.char
		var an C.size_t
		if authorization != nil {
			a, an = textArg(*authorization)
		}
		t, tn := textArg(target)
		o, on := bytesArg(options)
		return C.oojwt_guard_download(keyring, a, an, t, tn, o, on, out)
	})
}

// CheckDownloadURL returns the URL to fetch for a callback url, on the Document Server
// only.
func CheckDownloadURL(url, dsURL string, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		u, un := textArg(url)
		d, dn := textArg(dsURL)
		o, on := bytesArg(options)
		return C.oojwt_check_download_url(u, un, d, dn, o, on, out)
	})
}

// DocumentKey returns the document key of (fileID, version); version is JSON text (a
// string or an integer).
func (k *Keyring) DocumentKey(fileID, version string) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		f, fn := textArg(fileID)
		v, vn := textArg(version)
		return C.oojwt_document_key(keyring, f, fn, v, vn, nil, 0, out)
	})
}

// DeriveSecrets returns the derived secrets of master as JSON.
func DeriveSecrets(master []byte, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		m, mn := bytesArg(master)
		o, on := bytesArg(options)
		return C.oojwt_derive_secrets((*C.uint8_t)(unsafe.Pointer(m)), mn, o, on, out)
	})
}

// SignLink returns url with oo_exp and oo_sig appended.
func (k *Keyring) SignLink(url string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		u, un := textArg(url)
		o, on := bytesArg(options)
		return C.oojwt_sign_link(keyring, u, un, o, on, out)
	})
}

// VerifyLink checks a signed link and returns it without oo_exp and oo_sig.
func (k *Keyring) VerifyLink(url string, options []byte) (string, error) {
	return k.call(func(keyring *C.oojwt_keyring, out **C.char) C.int32_t {
		u, un := textArg(url)
		o, on := bytesArg(options)
		return C.oojwt_verify_link(keyring, u, un, o, on, out)
	})
}

// AuditDsConfig returns the findings (JSON list) for a Document Server local.json.
func AuditDsConfig(localJSON string, options []byte) (string, error) {
	return call(func(out **C.char) C.int32_t {
		l, ln := textArg(localJSON)
		o, on := bytesArg(options)
		return C.oojwt_audit_ds_config(l, ln, o, on, out)
	})
}
