package dk.coordination.organisation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The administrator's API for organisations and for the history of model switches:
 * organisations are added and changed with clear refusals, every change is an Envers
 * revision with the administrator's name, and only an administrator gets in.
 */
class OrganisationAdministrationIntegrationTests extends IntegrationTestEnvironment {

	@Test
	void anAdministratorAddsAnOrganisationAndChangesItsMailboxAndType() {
		String code = uniqueCode();
		Response added = api().as("admin").post("/api/admin/organisations", organisation(code));
		assertThat(added.status()).as(added.toString()).isEqualTo(201);
		assertThat(added.header("Location"))
			.hasValueSatisfying((location) -> assertThat(location).endsWith("/api/admin/organisations/" + code));
		assertThat(added.text("/name")).isEqualTo("Testforvaltningen " + code);
		assertThat(added.text("/type")).isEqualTo("MUNICIPAL_DEPARTMENT");

		Response listed = api().as("admin").get("/api/admin/organisations");
		assertThat(listed.json().findValuesAsString("code")).contains(code, "KK-BIF", "KBH-POLITI");

		Response changed = api().as("admin")
			.patch("/api/admin/organisations/" + code,
					Map.of("notificationEmail", "ny-postkasse@kk.example", "type", "OTHER"));
		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.text("/notificationEmail")).isEqualTo("ny-postkasse@kk.example");
		assertThat(changed.text("/type")).isEqualTo("OTHER");
		assertThat(api().as("admin").get("/api/admin/organisations/" + code).text("/notificationEmail"))
			.isEqualTo("ny-postkasse@kk.example");

		// audited like the rest: who added it, who changed it, what it was before
		List<Map<String, Object>> revisions = jdbc()
			.sql("""
					select cast(o.revtype as int) as revtype, o.type, o.notification_email, r.username from organisation_aud o
					join audit_revision r on r.id = o.rev where o.code = ? order by o.rev
					""")
			.param(code)
			.query()
			.listOfRows();
		assertThat(revisions).hasSize(2);
		assertThat(revisions.get(0)).containsEntry("revtype", 0)
			.containsEntry("type", "MUNICIPAL_DEPARTMENT")
			.containsEntry("username", "admin");
		assertThat(revisions.get(1)).containsEntry("revtype", 1)
			.containsEntry("notification_email", "ny-postkasse@kk.example")
			.containsEntry("username", "admin");
	}

	@Test
	void aTakenCodeIsAConflictAndBadInputIsAProblemNamingTheField() {
		String code = uniqueCode();
		assertThat(api().as("admin").post("/api/admin/organisations", organisation(code)).status()).isEqualTo(201);
		Response again = api().as("admin").post("/api/admin/organisations", organisation(code));
		assertThat(again.status()).isEqualTo(409);
		assertThat(again.contentType()).startsWith("application/problem+json");
		assertThat(again.text("/detail")).isEqualTo("an organisation with code " + code + " already exists");
		Response seeded = api().as("admin").post("/api/admin/organisations", organisation("KK-BIF"));
		assertThat(seeded.status()).isEqualTo(409);

		Map<String, Object> badEmail = organisation(uniqueCode());
		badEmail.put("notificationEmail", "ikke en adresse");
		assertProblem(api().as("admin").post("/api/admin/organisations", badEmail), "notificationEmail",
				"notificationEmail: must be an e-mail address");
		Map<String, Object> badType = organisation(uniqueCode());
		badType.put("type", "CHURCH");
		Response unknownType = api().as("admin").post("/api/admin/organisations", badType);
		assertThat(unknownType.status()).isEqualTo(400);
		assertThat(unknownType.text("/errors/0/field")).isEqualTo("type");
		assertThat(unknownType.text("/detail")).contains("MUNICIPAL_DEPARTMENT");
		Map<String, Object> badCode = organisation("lille kode");
		assertProblem(api().as("admin").post("/api/admin/organisations", badCode), "code", "code: must be 2 to 64");
		Map<String, Object> noMunicipality = organisation(uniqueCode());
		noMunicipality.remove("municipality");
		assertProblem(api().as("admin").post("/api/admin/organisations", noMunicipality), "municipality",
				"municipality: is required for a MUNICIPAL_DEPARTMENT");
		assertProblem(api().as("admin").patch("/api/admin/organisations/" + code, Map.of("notificationEmail", "@x")),
				"notificationEmail", "must be an e-mail address");
		assertThat(api().as("admin").patch("/api/admin/organisations/FINDES-IKKE", Map.of("type", "OTHER")).status())
			.isEqualTo(404);
		assertThat(jdbc().sql("select count(*) from organisation where code in (?, ?)")
			.params(badEmail.get("code"), noMunicipality.get("code"))
			.query(Integer.class)
			.single()).as("refused organisations are not added").isZero();
	}

	@Test
	void onlyAnAdministratorAdministers() {
		for (String user : List.of("sekretariat", "politi", "buf", "auditor")) {
			assertThat(api().as(user).get("/api/admin/organisations").status()).as(user).isEqualTo(403);
			assertThat(api().as(user).post("/api/admin/organisations", organisation(uniqueCode())).status()).as(user)
				.isEqualTo(403);
			assertThat(api().as(user).patch("/api/admin/organisations/KK-BIF", Map.of("type", "OTHER")).status())
				.as(user)
				.isEqualTo(403);
			assertThat(api().as(user).get("/api/admin/units/KBH/secretariat-model/history").status()).as(user)
				.isEqualTo(403);
		}
		assertThat(api().as("admin").get("/api/admin/organisations/KK-BIF").text("/type"))
			.isEqualTo("MUNICIPAL_DEPARTMENT");
	}

	@Test
	void theHistoryOfModelSwitchesSaysWhoWhenAndWhy() {
		String reason = "Forsøg " + UUID.randomUUID();
		try {
			Response switched = api().as("admin")
				.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_2", "reason", reason));
			assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
			// a change of something else is not a switch
			api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 21));
			Response history = api().as("admin").get("/api/admin/units/KBH/secretariat-model/history");
			assertThat(history.status()).as(history.toString()).isEqualTo(200);
			assertThat(history.json().get(0).get("reason").asString()).isEqualTo(reason);
			assertThat(history.json().get(0).get("switchedBy").asString()).isEqualTo("admin");
			assertThat(history.json().get(0).get("organisation").asString()).isEqualTo("KK-BIF");
			assertThat(history.json().get(0).get("from").asString()).isEqualTo("MODEL_1");
			assertThat(history.json().get(0).get("to").asString()).isEqualTo("MODEL_2");
			assertThat(history.json().get(0).get("secretariatOrganisation").asString()).isEqualTo("KBH-POLITI");
			assertThat(history.json().get(0).get("switchedAt").asString()).isNotBlank();
		}
		finally {
			api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 30));
			api().as("admin")
				.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_1", "reason", "Forsøget er slut"));
		}
		Response history = api().as("admin").get("/api/admin/units/KBH/secretariat-model/history");
		assertThat(history.json().get(0).get("to").asString()).isEqualTo("MODEL_1");
		assertThat(history.json().get(0).get("reason").asString()).isEqualTo("Forsøget er slut");
		assertThat(history.json().get(1).get("reason").asString()).isEqualTo(reason);
		assertThat(api().as("admin").get("/api/admin/units/ODENSE/secretariat-model/history").status()).isEqualTo(404);
	}

	private static void assertProblem(Response response, String field, String detail) {
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.contentType()).startsWith("application/problem+json");
		assertThat(response.text("/errors/0/field")).isEqualTo(field);
		assertThat(response.text("/detail")).contains(detail);
	}

	static String uniqueCode() {
		return "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
	}

	private static Map<String, Object> organisation(String code) {
		Map<String, Object> organisation = new LinkedHashMap<>();
		organisation.put("code", code);
		organisation.put("name", "Testforvaltningen " + code);
		organisation.put("type", "MUNICIPAL_DEPARTMENT");
		organisation.put("municipality", "Københavns Kommune");
		organisation.put("notificationEmail", code.toLowerCase() + "@kk.example");
		return organisation;
	}

}
