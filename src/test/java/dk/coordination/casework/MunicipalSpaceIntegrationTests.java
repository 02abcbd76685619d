package dk.coordination.casework;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The municipality's own coordination thread on a case: under model 2 the municipal
 * coordinator (KK-BIF) and the departments coordinate there, outside the unit, and the
 * police and Kriminalforsorgen cannot learn that it exists, even as secretariat. Under
 * model 1 the same thread exists and the (municipal) secretariat reads it.
 */
class MunicipalSpaceIntegrationTests extends IntegrationTestEnvironment {

	@AfterEach
	void backToModel1() {
		switchTo("MODEL_1");
	}

	@Test
	void underModel1TheMunicipalSecretariatAndTheMunicipalParticipantUseTheThread() {
		String caseId = submitAndInvolvePolice();
		// a department that only sent a concern follows its referral, not the case
		api().as("sof").post("/api/referrals", referral(cprOf(caseId), "OTHER"));
		String notes = "/api/cases/" + caseId + "/municipal-notes";

		assertThat(write("buf", notes, "BUF har kontakt til familien").status()).isEqualTo(201);
		assertThat(write("sekretariat", notes, "Sekretariatet koordinerer med SOF").status()).isEqualTo(201);
		Response read = api().as("sekretariat").get(notes);
		assertThat(read.status()).isEqualTo(200);
		assertThat(read.json().findValuesAsString("organisation")).containsExactly("KK-BUF", "KK-BIF");

		assertThat(api().as("politi").get(notes).status()).as("police take part in the case, not in the thread")
			.isEqualTo(404);
		assertThat(write("politi", notes, "x").status()).isEqualTo(404);
		assertThat(api().as("kriminalforsorgen").get(notes).status()).isEqualTo(404);
		assertThat(api().as("sof").get(notes).status()).as("a department that only submitted a concern").isEqualTo(404);
		assertThat(api().as("auditor").get(notes).status()).isEqualTo(403);
	}

	@Test
	void underModel2ThePoliceRunTheSecretariatButCannotSeeTheThread() {
		String caseId = submitAndInvolvePolice();
		String notes = "/api/cases/" + caseId + "/municipal-notes";
		assertThat(write("buf", notes, "Skrevet under model 1").status()).isEqualTo(201);

		switchTo("MODEL_2");
		assertThat(api().as("politi").get("/api/cases/" + caseId).status()).as("police are secretariat now")
			.isEqualTo(200);
		Response policeRead = api().as("politi").get(notes);
		Response missing = api().as("politi").get("/api/cases/00000000-0000-0000-0000-000000000000/municipal-notes");
		assertThat(policeRead.status()).isEqualTo(404);
		assertThat(policeRead.json().get("title")).isEqualTo(missing.json().get("title"));
		assertThat(policeRead.text("/detail").replace(caseId, "?"))
			.as("the police cannot tell the thread from a case that does not exist")
			.isEqualTo(missing.text("/detail").replace("00000000-0000-0000-0000-000000000000", "?"));
		assertThat(write("politi", notes, "x").status()).isEqualTo(404);

		// KK-BIF is no longer secretariat, but coordinates the municipality's departments
		assertThat(api().as("sekretariat").get("/api/cases/" + caseId).status()).isEqualTo(404);
		Response coordinator = api().as("sekretariat").get(notes);
		assertThat(coordinator.status()).isEqualTo(200);
		assertThat(coordinator.json().findValuesAsString("text")).containsExactly("Skrevet under model 1");
		assertThat(write("sekretariat", notes, "BIF koordinerer BUF og SOF").status()).isEqualTo(201);
		assertThat(api().as("buf").get(notes).json()).hasSize(2);

		Response policeHistory = api().as("politi").get("/api/cases/" + caseId + "/history");
		assertThat(CooperationIntegrationTests.changeTypes(policeHistory)).isNotEmpty();
		assertThat(policeHistory.body()).as("the thread is not part of the case's history")
			.doesNotContain("Skrevet under model 1")
			.doesNotContain("BIF koordinerer");
		Response secretariatHistory = api().as("sekretariat").get("/api/cases/" + caseId + "/history");
		assertThat(secretariatHistory.status()).as("KK-BIF is no longer secretariat").isEqualTo(404);
		assertThat(api().as("politi").get("/api/cases/" + caseId).body()).doesNotContain("BIF koordinerer");

		switchTo("MODEL_1");
		assertThat(api().as("sekretariat").get(notes).json()).hasSize(2);
		assertThat(api().as("politi").get(notes).status()).isEqualTo(404);
	}

	private String submitAndInvolvePolice() {
		Response created = api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "MILITANT_ISLAMISM"));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		String caseId = caseIdOf(created);
		for (String organisation : List.of("KBH-POLITI", "KK-BUF")) {
			Response added = api().as("sekretariat")
				.post("/api/cases/" + caseId + "/participants",
						Map.of("organisation", organisation, "legalBasis", "RETSPLEJELOVEN_115", "purpose", "SSP+"));
			assertThat(added.status()).as(added.toString()).isEqualTo(201);
		}
		return caseId;
	}

	/** The case's CPR number, in full, as the secretariat reads it. */
	private String cprOf(String caseId) {
		return api().as("sekretariat").get("/api/cases/" + caseId).text("/subject/cpr");
	}

	private Response write(String user, String path, String text) {
		return api().as(user).post(path, Map.of("text", text));
	}

	private void switchTo(String model) {
		Response switched = api().as("admin")
			.put("/api/units/KBH/secretariat-model", Map.of("model", model, "reason", "Test af " + model));
		assertThat(switched.status()).as(switched.toString()).isEqualTo(200);
	}

}
