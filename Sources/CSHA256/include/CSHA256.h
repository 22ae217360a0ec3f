#ifndef LEGALCIRCLE_CSHA256_H
#define LEGALCIRCLE_CSHA256_H

#include <stddef.h>
#include <stdint.h>

/// 1 when the processor has the x86 SHA extensions (and SSE4.1) that `lc_sha256_blocks` uses.
int lc_sha256_hardware_available(void);

/// Compresses `blocks` 64-byte blocks of `data` into `state` (FIPS 180-4 §6.2.2) with the SHA
/// extensions. Call only when `lc_sha256_hardware_available()` returned 1.
void lc_sha256_blocks(uint32_t state[8], const uint8_t *data, size_t blocks);

#endif
