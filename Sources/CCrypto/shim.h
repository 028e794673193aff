#ifndef TALENTWATCH_CCRYPTO_SHIM_H
#define TALENTWATCH_CCRYPTO_SHIM_H
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

/// A new HMAC-SHA256 context keyed with `key` (keylen may be 0), ready for EVP_MAC_update; NULL on failure.
/// OSSL_PARAM arrays are awkward to build from Swift, so the key schedule is set up here.
static inline EVP_MAC_CTX *tw_hmac_sha256_new(const unsigned char *key, size_t keylen) {
  static const unsigned char empty_key[1] = {0};
  EVP_MAC *mac = EVP_MAC_fetch(NULL, "HMAC", NULL);
  if (mac == NULL) return NULL;
  EVP_MAC_CTX *ctx = EVP_MAC_CTX_new(mac);
  EVP_MAC_free(mac); /* the context holds its own reference */
  if (ctx == NULL) return NULL;
  char digest[] = "SHA256";
  OSSL_PARAM params[2];
  params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
  params[1] = OSSL_PARAM_construct_end();
  /* A NULL key means "keep the current key" to OpenSSL, so an empty key gets a non-NULL pointer. */
  if (EVP_MAC_init(ctx, key != NULL ? key : empty_key, keylen, params) != 1) {
    EVP_MAC_CTX_free(ctx);
    return NULL;
  }
  return ctx;
}

/// Restarts a keyed context for a new message, keeping its key schedule; 1 on success.
static inline int tw_hmac_reset(EVP_MAC_CTX *ctx) { return EVP_MAC_init(ctx, NULL, 0, NULL); }

#endif
