package dk.coordination.audit.internal;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The secret the audit chain's MACs are keyed with. It must not be in the database (a
 * role that can rewrite audit rows could then rewrite the seals to match), and it has no
 * default in production: a service without it does not start.
 *
 * @param chainKey 32 random bytes, Base64 ({@code COORDINATION_AUDIT_CHAIN_KEY}); seals
 * new commits
 * @param previousChainKeys keys that sealed earlier parts of the chain, kept so those
 * seals still verify after the key was changed
 * ({@code COORDINATION_AUDIT_PREVIOUS_CHAIN_KEYS}, comma-separated)
 */
@ConfigurationProperties("coordination.audit")
record AuditChainProperties(String chainKey, List<String> previousChainKeys) {

	AuditChainProperties {
		// an unset COORDINATION_AUDIT_PREVIOUS_CHAIN_KEYS binds as one empty entry
		previousChainKeys = (previousChainKeys != null)
				? previousChainKeys.stream().filter((key) -> key != null && !key.isBlank()).toList() : List.of();
	}

}
