package dk.coordination;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

/**
 * Fictional concerns for the local run, submitted through the same intake as real ones,
 * once, into an empty database. Every person is invented; the CPR numbers have serials
 * 99x0, which makes them easy to recognise as fake. Only the local run loads this (it is
 * a test configuration, so no component scan finds it).
 */
@TestConfiguration(proxyBeanMethods = false)
class LocalDemoData {

	private static final Logger log = LoggerFactory.getLogger(LocalDemoData.class);

	@Bean
	ApplicationRunner demoConcerns(CaseIntake intake, JdbcClient jdbc) {
		return (arguments) -> {
			if (jdbc.sql("select count(*) from concern_case").query(Long.class).single() > 0) {
				return;
			}
			CurrentUser buf = new CurrentUser("buf", "KK-BUF", Set.of(Role.CASEWORKER));
			CurrentUser sof = new CurrentUser("sof", "KK-SOF", Set.of(Role.CASEWORKER));
			CurrentUser kriminalforsorgen = new CurrentUser("kriminalforsorgen", "KRIMINALFORSORGEN",
					Set.of(Role.LIAISON));
			CurrentUser politi = new CurrentUser("politi", "KBH-POLITI", Set.of(Role.LIAISON));
			List.of(new Demo(buf,
					referral("150807-9910", "Mikkel Eksempelsen", "Fiktivvej 1, 2400 København NV",
							"Skolen oplyser, at eleven deler højreekstremistisk materiale i klassens chatgruppe.",
							ConcernCategory.RIGHT_WING, LegalBasis.BARNETS_LOV, false)),
					new Demo(kriminalforsorgen, referral("030395-9920", "Jonas Prøvesen",
							"Opdigtet Allé 7, 2300 København S",
							"Løsladelse om tre uger; har under afsoning udtrykt sympati for militant islamisme.",
							ConcernCategory.MILITANT_ISLAMISM, LegalBasis.RETSPLEJELOVEN_115, true)),
					new Demo(sof, referral("220488-9930", "Line Testesen", "Eksempelgade 12, 2200 København N",
							"Borgeren er ifølge bostøtten begyndt at komme i et voldeligt venstreekstremt miljø.",
							ConcernCategory.LEFT_WING, LegalBasis.DATABESKYTTELSESLOVEN_8, false)),
					new Demo(politi, referral("1508079910", "Mikkel Eksempelsen", "Fiktivvej 1, 2400 København NV",
							"Politiet har set den unge sammen med kendte personer fra et højreekstremt netværk.",
							ConcernCategory.RIGHT_WING, LegalBasis.RETSPLEJELOVEN_115, false)))
				.forEach((demo) -> intake.submit(demo.referral(), demo.submitter()));
			// enough further concerns that Statistik shows figures, not only "<5"
			List<CurrentUser> submitters = List.of(politi, politi, buf, kriminalforsorgen, politi, sof);
			ConcernCategory[] categories = { ConcernCategory.RIGHT_WING, ConcernCategory.MILITANT_ISLAMISM,
					ConcernCategory.RIGHT_WING, ConcernCategory.OTHER };
			for (int i = 1; i <= 14; i++) {
				intake.submit(referral(String.format("%02d0391-99%d0", i, i % 10), "Demoperson " + i,
						"Demovej " + i + ", 2300 København S",
						"Fiktiv bekymring nr. " + i + " til demonstration af statistikken.", categories[i % 4],
						LegalBasis.RETSPLEJELOVEN_115, false), submitters.get(i % submitters.size()));
			}
			log.info("Loaded 18 fictional demo concerns (17 cases, one with a repeat concern)");
		};
	}

	private static NewReferral referral(String cpr, String name, String address, String concern,
			ConcernCategory category, LegalBasis legalBasis, boolean urgent) {
		return new NewReferral("KBH", CprNumber.parse(cpr), name, address, concern, category, legalBasis, urgent);
	}

	private record Demo(CurrentUser submitter, NewReferral referral) {
	}

}
