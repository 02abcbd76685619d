package dk.coordination.security.internal;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the service keeps Keycloak's token signing keys (its JWK set).
 *
 * @param cacheTimeToLive how long a fetched key set is used before it is fetched again
 * @param outageTolerance how long the last key set fetched is still used while Keycloak
 * cannot be reached: tokens Keycloak issued before it went down keep working
 * @param timeout how long a fetch may take to connect, and then to read
 */
@ConfigurationProperties("coordination.token-keys")
record TokenKeysProperties(@DefaultValue("5m") Duration cacheTimeToLive, @DefaultValue("24h") Duration outageTolerance,
		@DefaultValue("2s") Duration timeout) {
}
