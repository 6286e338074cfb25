/* Sign an editor config, then verify the Document Server's save callback.
 * Build: gcc -Wall -Wextra sign_verify.c $(pkg-config --cflags --libs onlyoffice_jwt) */
#include <onlyoffice_jwt.h>
#include <stdio.h>
#include <string.h>

/* Prints the failure of `call` and returns 1, or returns 0 on success. */
static int failed(int32_t rc, const char *call) {
    if (rc == OOJWT_OK) {
        return 0;
    }
    fprintf(stderr, "%s: %s (%d): %s\n", call, oojwt_error_name(rc), rc, oojwt_last_error());
    return 1;
}

int main(void) {
    /* In production the secret comes from configuration, never from the source. */
    const char *secret = "example-inbox-secret-0123456789abcdef";
    oojwt_keyring *keyring = NULL;
    if (failed(oojwt_keyring_new((const uint8_t *)secret, strlen(secret), false, &keyring),
               "oojwt_keyring_new")) {
        return 1;
    }

    /* 1. The editor config, signed for 5 minutes: the page passes it to DocsAPI. */
    const char *config = "{\"document\":{\"key\":\"Khirz6zTPdfd7\","
                         "\"url\":\"https://files.example/d/1.docx\"},"
                         "\"editorConfig\":{\"callbackUrl\":\"https://files.example/cb/1\"}}";
    const char *options = "{\"ttl\":300}";
    char *signed_config = NULL;
    int status = 0;
    if (failed(oojwt_sign_config(keyring, config, strlen(config), options, strlen(options),
                                 &signed_config),
               "oojwt_sign_config")) {
        status = 1;
        goto done;
    }
    printf("config: %.60s...\n", signed_config);
    oojwt_free(signed_config);

    /* 2. A callback. The DS signs it with its outbox secret (a second keyring in a
     *    real connector); here we sign one ourselves with the same keyring to show it. */
    const char *claims = "{\"key\":\"Khirz6zTPdfd7\",\"status\":2,"
                         "\"url\":\"https://ds.example/cache/files/data/out.docx\"}";
    char *token = NULL;
    if (failed(oojwt_sign(keyring, claims, strlen(claims), NULL, 0, &token), "oojwt_sign")) {
        status = 1;
        goto done;
    }
    char body[1024];
    snprintf(body, sizeof body, "{\"key\":\"Khirz6zTPdfd7\",\"status\":2,\"token\":\"%s\"}", token);
    oojwt_free(token);

    /* Only the signed fields come back; the key must be the file's current key. */
    const char *verify_options = "{\"expected_key\":\"Khirz6zTPdfd7\"}";
    char *callback = NULL;
    if (failed(oojwt_verify_callback(keyring, (const uint8_t *)body, strlen(body), verify_options,
                                     strlen(verify_options), &callback),
               "oojwt_verify_callback")) {
        status = 1;
        goto done;
    }
    printf("callback: %s\n", callback);
    oojwt_free(callback);

    /* 3. Failures are numbers plus a per-thread message; *out stays NULL. */
    char *none = NULL;
    int32_t rc = oojwt_verify(keyring, "not.a.token", 11, NULL, 0, &none);
    printf("garbage token: %s (%d), out=%s\n", oojwt_error_name(rc), rc, none ? none : "NULL");

done:
    oojwt_keyring_free(keyring); /* zeroizes the secret */
    return status;
}
