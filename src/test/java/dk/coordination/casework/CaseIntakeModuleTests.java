package dk.coordination.casework;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.AssertablePublishedEvents;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dk.coordination.personaldata.CprNumber;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;
import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FakeCpr;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The casework module with the modules it uses, on a real PostgreSQL: intake under
 * concurrency and the events it publishes.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.DIRECT_DEPENDENCIES, extraIncludes = "audit")
@ActiveProfiles("dev")
class CaseIntakeModuleTests {

	private static final CurrentUser BUF = new CurrentUser("buf", "KK-BUF", Set.of(Role.CASEWORKER));

	private static final CurrentUser SOF = new CurrentUser("sof", "KK-SOF", Set.of(Role.CASEWORKER));

	@Autowired
	private CaseIntake intake;

	@Autowired
	private JdbcClient jdbc;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		EmbeddedDatabase.supplyShared(registry);
	}

	@Test
	void twoConcernsAboutANewPersonArrivingTogetherMakeOneCase() throws Exception {
		CprNumber cpr = CprNumber.parse(FakeCpr.next());
		ExecutorService executor = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<IntakeResult>> results = List.of(executor.submit(() -> submitAfter(start, cpr, BUF)),
					executor.submit(() -> submitAfter(start, cpr, SOF)));
			start.countDown();
			IntakeResult first = results.get(0).get(30, TimeUnit.SECONDS);
			IntakeResult second = results.get(1).get(30, TimeUnit.SECONDS);

			assertThat(first.caseId()).isEqualTo(second.caseId());
			assertThat(List.of(first.attachedToExistingCase(), second.attachedToExistingCase()))
				.containsExactlyInAnyOrder(true, false);
			assertThat(this.jdbc.sql("select count(*) from referral where case_id = ?")
				.param(first.caseId())
				.query(Integer.class)
				.single()).isEqualTo(2);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void intakePublishesWhatHappened(AssertablePublishedEvents events) {
		CprNumber cpr = CprNumber.parse(FakeCpr.next());
		IntakeResult opened = this.intake.submit(referral(cpr, true), BUF);
		IntakeResult attached = this.intake.submit(referral(cpr, false), SOF);

		assertThat(events).contains(CaseOpened.class)
			.matching(CaseOpened::caseId, opened.caseId())
			.matching(CaseOpened::urgent, true);
		assertThat(events).contains(ReferralAttached.class)
			.matching(ReferralAttached::caseId, attached.caseId())
			.matching(ReferralAttached::unitCode, "KBH");
	}

	private IntakeResult submitAfter(CountDownLatch start, CprNumber cpr, CurrentUser user)
			throws InterruptedException {
		start.await();
		return this.intake.submit(referral(cpr, false), user);
	}

	private static NewReferral referral(CprNumber cpr, boolean urgent) {
		return new NewReferral("KBH", cpr, "Fiktiv Person", null, "Fiktiv bekymring.", ConcernCategory.OTHER,
				LegalBasis.SUBJECT_CONSENT, urgent);
	}

}
