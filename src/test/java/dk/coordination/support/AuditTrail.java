package dk.coordination.support;

import tools.jackson.databind.JsonNode;

import dk.coordination.support.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auditor's check of the audit trail's hash chain, for tests whose work rewrites
 * audit rows legitimately (anonymisation, CPR key rotation) and must leave the chain
 * intact.
 */
public final class AuditTrail {

	private AuditTrail() {
	}

	/**
	 * Asserts that {@code GET /api/audit/verification} finds no broken link.
	 * @param api the service to ask, as the auditor
	 * @return the report
	 */
	public static JsonNode assertIntact(Api api) {
		Response response = api.as("auditor").get("/api/audit/verification");
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("intact").asBoolean()).as(report.toString()).isTrue();
		assertThat(report.get("brokenLinks").asLong()).isZero();
		return report;
	}

}
