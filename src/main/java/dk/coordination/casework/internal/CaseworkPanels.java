package dk.coordination.casework.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dk.coordination.casework.CaseStatus;
import dk.coordination.casework.internal.FollowUps.Item;
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
 * the read log are theirs; whether the user is secretariat, and today's follow-up list,
 * are read once for all the panels.
 */
@Component
class CaseworkPanels implements StartPagePanel {

	/** Lines shown in a panel that links to the full list. */
	static final int SHOWN = 5;

	static final String TEMPLATE = "casework/forside :: ";

	private final CaseService cases;

	private final FollowUps followUps;

	private final OrganisationWork work;

	private final CoordinationUnits units;

	CaseworkPanels(CaseService cases, FollowUps followUps, OrganisationWork work, CoordinationUnits units) {
		this.cases = cases;
		this.followUps = followUps;
		this.work = work;
		this.units = units;
	}

	@Override
	public List<Panel> panelsFor(CurrentUser user) {
		List<Panel> panels = new ArrayList<>();
		if (!this.units.secretariatUnits(user).isEmpty()) {
			panels.add(casesPanel(10, user, CaseFilter.status(CaseStatus.RECEIVED), "nye", "Forside: nye bekymringer",
					"/sager?status=RECEIVED"));
			// a concern about a person who already had an open case is attached to it and
			// flags the case (new_information); the flag stays until the secretariat
			// moves the case on, which is how it takes in what arrived
			panels.add(casesPanel(20, user, new CaseFilter(null, null, null, null, null, true, null), "nyeOplysninger",
					"Forside: nye oplysninger", "/sager?nye=ja"));
			List<Item> due = this.followUps.dueToday(user, "Forside: opfølgning og overskredne opgaver");
			panels.add(new Panel(30, TEMPLATE + "opfoelgning", Map.of("items",
					due.stream().filter((item) -> !item.kind().equals(FollowUps.OVERDUE_TASK)).toList())));
			panels.add(new Panel(40, TEMPLATE + "overskredne", Map.of("items",
					due.stream().filter((item) -> item.kind().equals(FollowUps.OVERDUE_TASK)).toList())));
		}
		// staff whose organisation takes part in cases: liaisons and caseworkers
		if (user.organisation() != null && user.hasAnyRole(Role.LIAISON, Role.CASEWORKER)) {
			panels.add(casesPanel(15, user, new CaseFilter(null, null, user.organisation(), null, null, null, null),
					"organisationensSager", "Forside: organisationens sager",
					"/sager?organisation=" + user.organisation()));
			panels.add(new Panel(25, TEMPLATE + "opgaver",
					Map.of("tasks", this.work.openTasks(user, "Forside: organisationens opgaver"), "organisation",
							user.organisation())));
			panels.add(new Panel(35, TEMPLATE + "rapportering",
					Map.of("cases", this.work.reportsDue(user, "Forside: statusrapportering"))));
		}
		return panels;
	}

	private Panel casesPanel(int order, CurrentUser user, CaseFilter filter, String fragment, String purpose,
			String allUrl) {
		return new Panel(order, TEMPLATE + fragment,
				Map.of("page", this.cases.list(user, filter, null, SHOWN, purpose), "allUrl", allUrl));
	}

}
