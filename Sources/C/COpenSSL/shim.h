// OpenSSL's libcrypto (Debian's libssl-dev): message digests and HMAC only.
#include <openssl/evp.h>
#include <openssl/hmac.h>
