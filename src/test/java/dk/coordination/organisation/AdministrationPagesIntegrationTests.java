package dk.coordination.organisation;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.WebSession;
import dk.coordination.support.WebSession.Page;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Administration pages over real HTTP: a model switch needs a reason and a
 * confirmation that says what changes for whom, and then shows in the history with who,
 * when and why; the follow-up default; organisations added and changed with the errors
 * beside the fields. The model is switched back afterwards, since the test JVM shares one
 * database.
 */
class AdministrationPagesIntegrationTests extends IntegrationTestEnvironment {

	@Test
	void aSwitchIsConfirmedWithWhatItChangesAndShowsInTheHistory() {
		WebSession admin = web("admin");
		Page page = admin.get("/administration");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.title()).isEqualTo("Administration – Koordineringsenheden");
		assertThat(page.html()).contains("Koordineringsenheden i København", "Model 1",
				"Beskæftigelses- og Integrationsforvaltningen", "30 dage");
		String reason = "Byrådets beslutning " + UUID.randomUUID();
		try {
			Page confirm = admin.submit("/administration/enheder/KBH/model", Map.of("reason", reason));
			assertThat(confirm.title()).isEqualTo("Bekræft skift af sekretariatsmodel – Koordineringsenheden");
			assertThat(confirm.html())
				.contains("Københavns Politi bliver sekretariat for Koordineringsenheden i København")
				.contains("Beskæftigelses- og Integrationsforvaltningen er ikke længere sekretariat og mister adgangen")
				.contains("ikke af Københavns Politi")
				.contains(reason);
			assertThat(api().as("admin").get("/api/units/KBH").text("/model"))
				.as("nothing switched before the confirmation")
				.isEqualTo("MODEL_1");

			Page switched = admin.submit("/administration/enheder/KBH/model/bekraeft",
					Map.of("model", "MODEL_2", "reason", reason));
			assertThat(switched.uri().getPath()).as("post, redirect, get").isEqualTo("/administration");
			assertThat(switched.html())
				.contains("Koordineringsenheden i København bruger nu Model 2: Københavns Politi er sekretariat");
			assertThat(api().as("admin").get("/api/units/KBH").text("/model")).isEqualTo("MODEL_2");
			String history = switched.html().substring(switched.html().indexOf("id=\"historik-KBH\""));
			String rows = history.substring(history.indexOf("<tbody>"));
			String firstRow = rows.substring(0, rows.indexOf("</tr>"));
			assertThat(firstRow).contains("admin (Beskæftigelses- og Integrationsforvaltningen)")
				.contains("Fra Model 1 til Model 2: Københavns Politi blev sekretariat")
				.contains(reason)
				.containsPattern("\\d{1,2}\\. [a-zæøå]+ \\d{4} kl\\. \\d{2}\\.\\d{2}");
		}
		finally {
			api().as("admin")
				.put("/api/units/KBH/secretariat-model", Map.of("model", "MODEL_1", "reason", "Test over"));
		}
	}

	@Test
	void aSwitchWithoutAReasonShowsTheErrorAndChangesNothing() {
		WebSession admin = web("admin");
		admin.get("/administration");
		Page refused = admin.submit("/administration/enheder/KBH/model", Map.of("reason", "   "));
		assertThat(refused.title()).isEqualTo("Fejl: Administration – Koordineringsenheden");
		assertThat(refused.html()).contains("Skriv en begrundelse for skiftet.")
			.contains("href=\"#reason-KBH\"")
			.contains("aria-invalid=\"true\"");
		Page confirmedWithout = admin.submit("/administration/enheder/KBH/model/bekraeft", Map.of("model", "MODEL_2"));
		assertThat(confirmedWithout.html()).contains("Skriv en begrundelse for skiftet.");
		assertThat(api().as("admin").get("/api/units/KBH").text("/model")).isEqualTo("MODEL_1");
		assertThat(admin.submit("/administration/enheder/ODENSE/model", Map.of("reason", "x")).status()).isEqualTo(404);
	}

	@Test
	void theFollowUpDefaultIsSetOnThePage() {
		WebSession admin = web("admin");
		admin.get("/administration");
		try {
			Page wrong = admin.submit("/administration/enheder/KBH/opfoelgning", Map.of("days", "400"));
			assertThat(wrong.html()).contains("Skriv et helt antal dage mellem 1 og 365.").contains("value=\"400\"");
			Page saved = admin.submit("/administration/enheder/KBH/opfoelgning", Map.of("days", "21"));
			assertThat(saved.uri().getPath()).isEqualTo("/administration");
			assertThat(saved.html()).contains("Opfølgningsfristen for Koordineringsenheden i København er nu 21 dage.");
			assertThat(api().as("buf").get("/api/units/KBH").json().get("followUpDays").asInt()).isEqualTo(21);
		}
		finally {
			api().as("admin").put("/api/units/KBH/follow-up-default", Map.of("days", 30));
		}
	}

	@Test
	void organisationsAreAddedAndChangedWithErrorsBesideTheFields() {
		WebSession admin = web("admin");
		Page list = admin.get("/administration/organisationer");
		assertThat(list.title()).isEqualTo("Organisationer – Koordineringsenheden");
		assertThat(list.html()).contains("Københavns Politi", "kk-bif@example.invalid", "Kommunal forvaltning");

		String code = OrganisationAdministrationIntegrationTests.uniqueCode();
		Page refused = admin.submit("/administration/organisationer", Map.of("code", code, "name", "Ny forvaltning",
				"type", "MUNICIPAL_DEPARTMENT", "municipality", "", "notificationEmail", "ny@kk.example"));
		assertThat(refused.html()).contains("Skriv kommunen; en kommunal forvaltning hører til en kommune.")
			.contains("href=\"#ny-municipality\"")
			.contains("value=\"Ny forvaltning\"");
		Page added = admin.submit("/administration/organisationer",
				Map.of("code", code, "name", "Ny forvaltning", "type", "MUNICIPAL_DEPARTMENT", "municipality",
						"Københavns Kommune", "notificationEmail", "ny@kk.example"));
		assertThat(added.uri().getPath()).isEqualTo("/administration/organisationer");
		assertThat(added.html()).contains("Ny forvaltning (" + code + ") er tilføjet.", "ny@kk.example");
		Page taken = admin.submit("/administration/organisationer", Map.of("code", code, "name", "Igen", "type",
				"OTHER", "municipality", "", "notificationEmail", "igen@kk.example"));
		assertThat(taken.html()).contains("Der findes allerede en organisation med den kode.");

		Page edit = admin.get("/administration/organisationer/" + code);
		assertThat(edit.title()).isEqualTo("Ny forvaltning – Koordineringsenheden");
		Page badMail = admin.submit("/administration/organisationer/" + code,
				Map.of("type", "OTHER", "municipality", "", "notificationEmail", "ikke-en-adresse"));
		assertThat(badMail.html()).contains("Skriv en e-mailadresse, fx sekretariat@kk.dk.");
		Page changed = admin.submit("/administration/organisationer/" + code,
				Map.of("type", "OTHER", "municipality", "", "notificationEmail", "postkasse@kk.example"));
		assertThat(changed.html()).contains("Ændringerne af Ny forvaltning er gemt.", "postkasse@kk.example");
		assertThat(api().as("admin").get("/api/admin/organisations/" + code).text("/type")).isEqualTo("OTHER");
		assertThat(admin.get("/administration/organisationer/FINDES-IKKE").status()).isEqualTo(404);
	}

	@Test
	void onlyAnAdministratorSeesThePages() {
		assertThat(web("sekretariat").get("/administration").status()).isEqualTo(403);
		assertThat(web("auditor").get("/administration/organisationer").status()).isEqualTo(403);
	}

}
