package oojwt

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
)

const strong = "go-binding-test-secret-0123456789abcdef"

func keyring(t *testing.T, secret string) *Keyring {
	t.Helper()
	k, err := NewKeyring([]byte(secret), false)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// RFC 7515 appendix A.1: its header and payload texts and key give its token.
func TestSignJwsReproducesRfc7515(t *testing.T) {
	key, _ := base64.RawURLEncoding.DecodeString("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")
	k, err := NewKeyring(key, false)
	if err != nil {
		t.Fatal(err)
	}
	defer k.Close()
	token, err := k.SignJws("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}",
		"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}", nil)
	want := "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9." +
		"eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ." +
		"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	if err != nil || token != want {
		t.Fatalf("got %q, %v", token, err)
	}
	claims, err := k.Verify(token, []byte(`{"now":1300819300}`))
	if err != nil || !strings.Contains(claims, `"iss":"joe"`) {
		t.Fatalf("got %q, %v", claims, err)
	}
}

func TestErrorsCarryTheSharedNumberAndName(t *testing.T) {
	if _, err := NewKeyring([]byte("secret"), false); !isError(err, 10, "weak_secret") {
		t.Fatalf("got %v", err)
	}
	k := keyring(t, strong)
	defer k.Close()
	if _, err := k.Verify("not.a.token", nil); !isError(err, 1, "malformed") {
		t.Fatalf("got %v", err)
	}
	if _, err := k.VerifyIncoming(nil, nil); !isError(err, 8, "missing_token") {
		t.Fatalf("got %v", err)
	}
	if _, err := CheckDownloadURL("https://evil.example/x", "https://ds.example/", nil); !isError(err, 12, "url_not_allowed") {
		t.Fatalf("got %v", err)
	}
	if ErrorName(2) != "bad_signature" || Version() == "" {
		t.Fatal("names")
	}
	if _, err := k.Sign("{}", []byte(`{"allow_weak":"yes"}`)); !isError(err, 13, "invalid_input") {
		t.Fatalf("got %v", err)
	}
}

func isError(err error, number int, code string) bool {
	var e *Error
	return errors.As(err, &e) && e.Number == number && e.Code == code && e.Message != ""
}

func TestRotationAndClose(t *testing.T) {
	old := keyring(t, strong)
	token, _ := old.Sign(`{"a":1}`, nil)
	old.Close()
	k := keyring(t, "go-binding-new-secret-0123456789abcdefgh")
	defer k.Close()
	if _, err := k.Verify(token, nil); !isError(err, 2, "bad_signature") {
		t.Fatalf("got %v", err)
	}
	if err := k.AddPrevious([]byte(strong), false); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Verify(token, nil); err != nil {
		t.Fatal(err)
	}
}

// signWithTemporaryKeyring makes a keyring whose last use is Sign: without
// runtime.KeepAlive, the collector may finalize (free and zeroize) it while the C
// library still reads it.
func signWithTemporaryKeyring(claims string) (string, error) {
	k, err := NewKeyring([]byte(strong), false)
	if err != nil {
		return "", err
	}
	return k.Sign(claims, []byte(`{"iat":false}`))
}

// A garbage-collection storm while large claims are signed with keyrings nobody
// references any more (before the fix: SIGSEGV in oojwt_sign, 3 runs of 3).
func TestAKeyringIsNotFinalizedDuringItsLastCall(t *testing.T) {
	claims := `{"big":"` + strings.Repeat("x", 8<<20) + `"}`
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
				runtime.GC()
			}
		}
	}()
	defer func() { close(stop); <-done }()
	check := keyring(t, strong)
	defer check.Close()
	for i := 0; i < 6; i++ {
		token, err := signWithTemporaryKeyring(claims)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := check.Verify(token, []byte(`{"max_size":20000000}`)); err != nil {
			t.Fatalf("round %d: %v", i, err)
		}
	}
}

// Close waits for the calls in flight, later calls fail with invalid_input, and a
// second Close does nothing.
func TestCloseWaitsForCallsInFlightAndMayBeRepeated(t *testing.T) {
	claims := `{"big":"` + strings.Repeat("y", 4<<20) + `"}`
	k := keyring(t, strong)
	check := keyring(t, strong)
	defer check.Close()
	var wg sync.WaitGroup
	tokens := make(chan string, 8)
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if token, err := k.Sign(claims, nil); err == nil {
				tokens <- token
			} else if !isError(err, 13, "invalid_input") {
				t.Errorf("a call after Close: %v", err)
			}
		}()
	}
	k.Close()
	wg.Wait()
	close(tokens)
	for token := range tokens {
		if _, err := check.Verify(token, []byte(`{"max_size":20000000}`)); err != nil {
			t.Fatalf("a token signed while Close waited: %v", err)
		}
	}
	k.Close()
	if _, err := k.Sign(`{}`, nil); !isError(err, 13, "invalid_input") {
		t.Fatalf("after Close: %v", err)
	}
	if err := k.AddPrevious([]byte(strong), false); !isError(err, 13, "invalid_input") {
		t.Fatalf("after Close: %v", err)
	}
}

// Go strings are bytes: text that is not UTF-8 is refused, never replaced (two file
// ids must never become one document key).
func TestTextThatIsNotUtf8IsRefused(t *testing.T) {
	k := keyring(t, strong)
	defer k.Close()
	if _, err := k.DocumentKey("a\xff", `"1"`, nil); !isError(err, 13, "invalid_input") {
		t.Fatalf("got %v", err)
	}
	if _, err := k.DocumentKey("a\xed\xa0\x80", `"1"`, nil); !isError(err, 13, "invalid_input") {
		t.Fatalf("a surrogate's encoding: %v", err)
	}
	if _, err := k.Sign("{\"a\":\"\xff\"}", nil); !isError(err, 13, "invalid_input") {
		t.Fatalf("got %v", err)
	}
}

// The shared vectors (tests/vectors, tests/attacks): same input, same result as in
// Rust, PHP, Python and C.
func TestSharedVectors(t *testing.T) {
	files, _ := filepath.Glob("../../tests/vectors/*.json")
	attacks, _ := filepath.Glob("../../tests/attacks/*.json")
	ran := 0
	for _, file := range append(files, attacks...) {
		text, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Operation string            `json:"operation"`
			Cases     []json.RawMessage `json:"cases"`
		}
		if err := json.Unmarshal(text, &doc); err != nil {
			t.Fatal(err)
		}
		for _, raw := range doc.Cases {
			var c vectorCase
			if err := json.Unmarshal(raw, &c); err != nil {
				t.Fatal(err)
			}
			if c.Operation == "" {
				c.Operation = doc.Operation
			}
			got, err := c.run()
			name := filepath.Base(file) + ": " + c.Name
			if c.Expect.Error != "" {
				var e *Error
				if !errors.As(err, &e) || e.Code != c.Expect.Error {
					t.Errorf("%s: want %s, got %v / %s", name, c.Expect.Error, err, got)
				}
			} else if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if !sameJSON(got, c.Expect.Ok) {
				t.Errorf("%s: got %s, want %s", name, got, c.Expect.Ok)
			}
			ran++
		}
	}
	if ran < 700 {
		t.Fatalf("only %d cases", ran)
	}
	t.Logf("%d vector cases", ran)
}

type vectorCase struct {
	Name        string                     `json:"name"`
	Operation   string                     `json:"operation"`
	Args        map[string]json.RawMessage `json:"args"`
	TokenRepeat *struct {
		Prefix      string `json:"prefix"`
		Char        string `json:"char"`
		TotalLength int    `json:"total_length"`
	} `json:"token_repeat"`
	Expect struct {
		Ok    json.RawMessage `json:"ok"`
		Error string          `json:"error"`
	} `json:"expect"`
}

// text is a string argument; a token given by its repetition (token_repeat) is made.
func (c *vectorCase) text(name string) string {
	if name == "token" && c.TokenRepeat != nil {
		return c.TokenRepeat.Prefix + strings.Repeat(c.TokenRepeat.Char, c.TokenRepeat.TotalLength-len(c.TokenRepeat.Prefix))
	}
	var s string
	_ = json.Unmarshal(c.Args[name], &s)
	return s
}

// optionalText is a string argument that may be null or absent (nil).
func (c *vectorCase) optionalText(name string) *string {
	raw, ok := c.Args[name]
	if !ok || string(raw) == "null" {
		return nil
	}
	text := c.text(name)
	return &text
}

// json is an argument's JSON text, as the C ABI takes a value.
func (c *vectorCase) json(name string) string { return string(c.Args[name]) }

// secrets: one secret or a list of them, each text or {"base64url": ...}.
func (c *vectorCase) secrets(name string) [][]byte {
	raw := c.Args[name]
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		list = []json.RawMessage{raw}
	}
	out := [][]byte{}
	for _, item := range list {
		var text string
		if json.Unmarshal(item, &text) == nil {
			out = append(out, []byte(text))
			continue
		}
		var b struct {
			Base64url string `json:"base64url"`
		}
		_ = json.Unmarshal(item, &b)
		key, _ := base64.RawURLEncoding.DecodeString(b.Base64url)
		out = append(out, key)
	}
	return out
}

func (c *vectorCase) options() []byte {
	if raw, ok := c.Args["options"]; ok {
		return raw
	}
	return nil
}

func (c *vectorCase) allowWeak() bool {
	var o struct {
		AllowWeak bool `json:"allow_weak"`
	}
	_ = json.Unmarshal(c.options(), &o)
	return o.AllowWeak
}

func (c *vectorCase) keyring() (*Keyring, error) {
	secrets := c.secrets("secret")
	if len(secrets) == 0 {
		return nil, &Error{Number: 10, Code: "weak_secret", Message: "no secret"}
	}
	k, err := NewKeyring(secrets[0], c.allowWeak())
	if err != nil {
		return nil, err
	}
	for _, s := range secrets[1:] {
		if err := k.AddPrevious(s, c.allowWeak()); err != nil {
			k.Close()
			return nil, err
		}
	}
	return k, nil
}

// vectorOperation is one operation as the vector test calls it
// (vectors_generated_test.go).
type vectorOperation struct {
	keyring bool
	call    func(c *vectorCase, k *Keyring) (string, error)
}

func (c *vectorCase) run() (string, error) {
	operation, ok := vectorOperations[c.Operation]
	if !ok {
		return "", errors.New("unknown operation " + c.Operation)
	}
	if !operation.keyring {
		return operation.call(c, nil)
	}
	k, err := c.keyring()
	if err != nil {
		return "", err
	}
	defer k.Close()
	return operation.call(c, k)
}

// sameJSON compares a result with the expected value: a string result (token, URL, key)
// is the text itself, anything else JSON text.
func sameJSON(got string, want json.RawMessage) bool {
	var text string
	if json.Unmarshal(want, &text) == nil {
		return got == text
	}
	var a, b interface{}
	if json.Unmarshal([]byte(got), &a) != nil || json.Unmarshal(want, &b) != nil {
		return false
	}
	return reflect.DeepEqual(a, b)
}
