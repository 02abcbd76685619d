package dk.coordination.personaldata.internal;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Keys protecting CPR numbers, each 32 random bytes in Base64
 * ({@code openssl rand -base64 32}). They have no defaults in production: a service
 * without them must not start. The local run and the tests set development keys.
 *
 * @param encryptionKey AES-256 key encrypting the numbers
 * @param hashKey HMAC-SHA256 key of the look-up hash; changing it makes earlier cases
 * unfindable by CPR, so it is rotated only together with a re-hash of stored cases
 */
@Validated
@ConfigurationProperties("coordination.cpr")
record CprProperties(@NotBlank String encryptionKey, @NotBlank String hashKey) {
}
