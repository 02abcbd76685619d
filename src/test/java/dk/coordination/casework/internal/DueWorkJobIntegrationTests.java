package dk.coordination.casework.internal;

import java.util.List;
import java.util.Map;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.IntegrationTestEnvironment;
import dk.coordination.support.Api.Response;
import dk.coordination.support.FakeCpr;
import dk.coordination.support.Race;
import dk.coordination.support.TestClock;

import static dk.coordination.casework.CaseStoryIntegrationTests.referral;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily job runs once however many instances try at the same moment, and tells the
 * current secretariat what is due by e-mail, without personal data.
 */
class DueWorkJobIntegrationTests extends IntegrationTestEnvironment {

	@Autowired
	private DueWorkJob job;

	@Autowired
	private JdbcClient jdbc;

	@Test
	void twoInstancesStartingTogetherRunTheJobOnceAndTheSecretariatIsTold() throws Exception {
		String caseId = caseIdOf(api().as("buf").post("/api/referrals", referral(FakeCpr.next(), "OTHER")));
		Response read = api().as("sekretariat").get("/api/cases/" + caseId);
		String today = TestClock.today().toString();
		assertThat(api().as("sekretariat")
			.header("If-Match", read.header("ETag").orElseThrow())
			.put("/api/cases/" + caseId + "/follow-up", Map.of("date", today))
			.status()).isEqualTo(200);
		// a lock left by an earlier run in this database would make both skip
		this.jdbc.sql("delete from shedlock where name = ?").param(DueWorkJob.LOCK_NAME).update();

		assertThat(Race.of(2, () -> this.job.runOnce())).containsExactlyInAnyOrder(true, false);
		assertThat(this.job.runOnce()).as("still locked right after a run").isFalse();

		List<MimeMessage> notices = awaitMails((mail) -> subjectOf(mail).startsWith("Opfølgning " + today), 1);
		assertThat(notices).as("mail 'Opfølgning " + today + "' arrived").isNotEmpty();
		MimeMessage notice = notices.get(0);
		assertThat(notice.getAllRecipients()[0].toString()).isEqualTo("kk-bif@example.invalid");
		String text = com.icegreen.greenmail.util.GreenMailUtil.getBody(notice);
		assertThat(text).contains("Forfaldne opf");
		assertThat(text).doesNotContain("Testperson", caseId);
	}

}
