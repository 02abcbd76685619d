package dk.coordination.organisation;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static dk.coordination.casework.CaseStoryIntegrationTests.transition;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who runs the secretariat is configuration: an administrator switches the model and the
 * other organisation's staff act as secretariat on their very next request, with the
 * tokens they already hold.
 */
class SecretariatModelIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private JdbcClient jdbc;

	@AfterEach
	void backToModel1() {
		api().as("admin").put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_1", "reason", "Test over"));
	}

	@Test
	void switchingToModel2HandsTheSecretariatToThePoliceAtOnce() {
		assertThat(secretariatUnits("sekretariat")).containsExactly("KBH");
		assertThat(secretariatUnits("politi")).isEmpty();
		Response unit = api().as("buf").get("/api/units/KBH");
		assertThat(unit.text("/model")).isEqualTo("MODEL_1");
		assertThat(unit.text("/secretariatOrganisation")).isEqualTo("KK-BIF");
		Response me = api().as("politi").get("/api/me");
		assertThat(me.text("/username")).isEqualTo("politi");
		assertThat(me.text("/organisation")).isEqualTo("KBH-POLITI");
		assertThat(me.json().get("roles").toString()).contains("liaison", "secretariat-staff");

		Response created = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "LEFT_WING"));
		String caseId = caseIdOf(created);
		assertThat(api().as("politi").get("/api/cases/" + caseId).status()).isEqualTo(404);

		Response switched = api().as("admin")
			.put("/api/units/KBH/secretariat-model",
					Map.of("model", "MODEL_2", "reason", "Byrådet har besluttet model 2"));
		assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
		assertThat(switched.text("/model")).isEqualTo("MODEL_2");
		assertThat(switched.text("/secretariatOrganisation")).isEqualTo("KBH-POLITI");

		// same tokens as before the switch
		assertThat(secretariatUnits("politi")).containsExactly("KBH");
		assertThat(secretariatUnits("sekretariat")).isEmpty();
		Response asPolice = api().as("politi").get("/api/cases/" + caseId);
		assertThat(asPolice.status()).isEqualTo(200);
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).status()).isEqualTo(404);
		Response moved = api().as("politi")
			.header("If-Match", asPolice.header("ETag").orElseThrow())
			.post("/api/cases/" + caseId + "/transitions", transition("SCREENING", null));
		assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
		assertThat(moved.text("/statusChangedUnderModel")).isEqualTo("MODEL_2");

		Response history = api().as("politi").get("/api/cases/" + caseId + "/history");
		var last = history.json().get(history.json().size() - 1);
		assertThat(last.get("username").asString()).isEqualTo("politi");
		assertThat(last.get("organisation").asString()).isEqualTo("KBH-POLITI");
		assertThat(last.get("changes").get(0).get("secretariatModel").asString()).isEqualTo("MODEL_2");

		List<Map<String, Object>> audit = this.jdbc.sql("""
				select u.secretariat_model, u.model_change_reason, r.username, r.organisation
				from coordination_unit_aud u join audit_revision r on r.id = u.rev
				where u.code = 'KBH' order by u.rev desc limit 1
				""").query().listOfRows();
		assertThat(audit).singleElement()
			.isEqualTo(Map.of("secretariat_model", "MODEL_2", "model_change_reason", "Byrådet har besluttet model 2",
					"username", "admin", "organisation", "KK-BIF"));
	}

	@Test
	void onlyAnAdministratorSwitchesAndOnlyToAKnownModelWithAReason() {
		assertThat(api().as("sekretariat")
			.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_2", "reason", "Vi vil"))
			.status()).isEqualTo(403);
		Response unknownModel = api().as("admin")
			.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_3", "reason", "Hvorfor ikke"));
		assertThat(unknownModel.status()).isEqualTo(400);
		assertThat(unknownModel.text("/errors/0/field")).isEqualTo("model");
		Response noReason = api().as("admin").put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_2"));
		assertThat(noReason.status()).isEqualTo(400);
		assertThat(noReason.text("/errors/0/field")).isEqualTo("reason");
		assertThat(api().as("admin")
			.put("/api/units/ODENSE/secretariat-model", Map.of("model", "MODEL_2", "reason", "x"))
			.status()).isEqualTo(404);
		assertThat(api().as("admin").get("/api/units/KBH").text("/model")).isEqualTo("MODEL_1");
	}

	@Test
	void anAdministratorSetsTheUnitsFollowUpDefault() {
		assertThat(api().as("buf").get("/api/units/KBH").json().get("followUpDays").asInt()).isEqualTo(30);
		assertThat(api().as("sekretariat").put("/api/units/KBH/follow-up-default", Map.of("days", 14)).status())
			.isEqualTo(403);
		assertThat(api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 0)).text("/errors/0/field"))
			.isEqualTo("days");
		try {
			Response changed = api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 14));
			assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
			assertThat(api().as("buf").get("/api/units/KBH").json().get("followUpDays").asInt()).isEqualTo(14);
		}
		finally {
			api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 30));
		}
	}

	private List<String> secretariatUnits(String user) {
		Response me = api().as(user).get("/api/me");
		assertThat(me.status()).as(me.toString()).isEqualTo(200);
		return me.json().get("secretariatUnits").valueStream().map((node) -> node.asString()).toList();
	}

}
