package dk.coordination.security.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Keycloak client the web pages log in with ({@code coordination-web}, confidential,
 * authorization code with PKCE). The issuer is the same one the API trusts.
 *
 * @param clientId the client's id in the realm
 * @param clientSecret its secret; from {@code COORDINATION_WEB_CLIENT_SECRET} outside
 * development
 */
@ConfigurationProperties("coordination.login")
record LoginProperties(String clientId, String clientSecret) {

	/** The secret keycloak-realm.json gives the client; refused outside development. */
	static final String DEVELOPMENT_SECRET = "coordination-web-development-only";

	static final String DEVELOPMENT_PROFILE = "dev";

	/**
	 * Fails the start when the secret is missing, or is the realm file's development
	 * secret outside the development profile.
	 */
	String checkedSecret(boolean development) {
		if (this.clientSecret == null || this.clientSecret.isBlank()) {
			throw new IllegalStateException(
					"coordination.login.client-secret is not set: set COORDINATION_WEB_CLIENT_SECRET to the secret of"
							+ " Keycloak client " + this.clientId + ".");
		}
		if (!development && DEVELOPMENT_SECRET.equals(this.clientSecret)) {
			throw new IllegalStateException("COORDINATION_WEB_CLIENT_SECRET is the development secret from"
					+ " keycloak-realm.json; give client " + this.clientId + " a secret of its own in production.");
		}
		return this.clientSecret;
	}

}
