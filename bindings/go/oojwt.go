// Package oojwt is the Go interface of onlyoffice-jwt: every operation of
// docs/api.md over the C library libonlyoffice_jwt (cgo, found with pkg-config
// onlyoffice_jwt). Arguments and results are JSON texts, as in the C ABI; options are a
// JSON object (nil: none). Failures are *Error, carrying the shared error number and
// name. The operations (operations.go) are made from the table of operations; this
// file holds what they share: the keyring, the calls and the errors.
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

// optionalTextArg passes nil as NULL (a header value the request did not have).
func optionalTextArg(s *string) (*C.char, C.size_t) {
	if s == nil {
		return nil, 0
	}
	return textArg(*s)
}

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
