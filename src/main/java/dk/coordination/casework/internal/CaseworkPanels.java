package dk.coordination.casework.internal;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dk.coordination.casework.CaseStatus;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;
import dk.coordination.web.StartPagePanel;

/**
 * The casework module's parts of the start page. The secretariat (staff of the
 * organisation that runs the secretariat of a unit now) sees new concerns, concerns with
 * new information, today's follow-ups and overdue tasks; a liaison or caseworker sees the
 * cases its organisation takes part in, the tasks given to it and the cases it should
 * report on. Every panel reads through the services the API uses, so the access rules and
 * the read log are theirs.
 */
@Configuration(proxyBeanMethods = false)
class CaseworkPanels {

	/** Lines shown in a panel that links to the full list. */
	static final int SHOWN = 5;

	static final String TEMPLATE = "casework/forside :: ";

	@Bean
	StartPagePanel newConcernsPanel(CaseService cases, CoordinationUnits units) {
		return new Panel(10,
				(user) -> secretariat(units, user)
						? Optional.of(casesPanel(cases, user, CaseFilter.status(CaseStatus.RECEIVED), "nye",
								"Forside: nye bekymringer", "/sager?status=RECEIVED"))
						: Optional.empty());
	}

	/**
	 * A concern about a person who already had an open case is attached to it and flags
	 * the case ({@code new_information}); the flag stays until the secretariat moves the
	 * case on, which is how it takes in what arrived.
	 */
	@Bean
	StartPagePanel newInformationPanel(CaseService cases, CoordinationUnits units) {
		return new Panel(20,
				(user) -> secretariat(units, user)
						? Optional.of(casesPanel(cases, user, new CaseFilter(null, null, null, null, null, true, null),
								"nyeOplysninger", "Forside: nye oplysninger", "/sager?nye=ja"))
						: Optional.empty());
	}

	@Bean
	StartPagePanel followUpPanel(FollowUps followUps, CoordinationUnits units) {
		return new Panel(30, (user) -> secretariat(units, user)
				? Optional
					.of(new StartPagePanel.Panel(TEMPLATE + "opfoelgning", Map.of("items", followUps.dueToday(user,
							Set.of(FollowUps.CASE_FOLLOW_UP, FollowUps.REVIEW_DUE), "Forside: opfølgning på sager"))))
				: Optional.empty());
	}

	@Bean
	StartPagePanel overdueTasksPanel(FollowUps followUps, CoordinationUnits units) {
		return new Panel(40, (user) -> secretariat(units, user)
				? Optional.of(new StartPagePanel.Panel(TEMPLATE + "overskredne", Map.of("items",
						followUps.dueToday(user, Set.of(FollowUps.OVERDUE_TASK), "Forside: overskredne opgaver"))))
				: Optional.empty());
	}

	@Bean
	StartPagePanel organisationCasesPanel(CaseService cases) {
		return new Panel(15,
				(user) -> participantStaff(user) ? Optional.of(casesPanel(cases, user,
						new CaseFilter(null, null, user.organisation(), null, null, null, null), "organisationensSager",
						"Forside: organisationens sager", "/sager?organisation=" + user.organisation()))
						: Optional.empty());
	}

	@Bean
	StartPagePanel organisationTasksPanel(OrganisationWork work) {
		return new Panel(25, (user) -> participantStaff(user)
				? Optional.of(new StartPagePanel.Panel(TEMPLATE + "opgaver", Map.of("tasks",
						work.openTasks(user, "Forside: organisationens opgaver"), "organisation", user.organisation())))
				: Optional.empty());
	}

	@Bean
	StartPagePanel reportsDuePanel(OrganisationWork work) {
		return new Panel(35,
				(user) -> participantStaff(user)
						? Optional.of(new StartPagePanel.Panel(TEMPLATE + "rapportering",
								Map.of("cases", work.reportsDue(user, "Forside: statusrapportering"))))
						: Optional.empty());
	}

	private static StartPagePanel.Panel casesPanel(CaseService cases, CurrentUser user, CaseFilter filter,
			String fragment, String purpose, String allUrl) {
		return new StartPagePanel.Panel(TEMPLATE + fragment,
				Map.of("page", cases.list(user, filter, null, SHOWN, purpose), "allUrl", allUrl));
	}

	private static boolean secretariat(CoordinationUnits units, CurrentUser user) {
		return !units.secretariatUnits(user).isEmpty();
	}

	/** Staff whose organisation takes part in cases: liaisons and caseworkers. */
	private static boolean participantStaff(CurrentUser user) {
		return user.organisation() != null && user.hasAnyRole(Role.LIAISON, Role.CASEWORKER);
	}

	private record Panel(int order,
			Function<CurrentUser, Optional<StartPagePanel.Panel>> content) implements StartPagePanel {

		@Override
		public Optional<StartPagePanel.Panel> panelFor(CurrentUser user) {
			return this.content.apply(user);
		}

	}

}
