package dk.coordination.referral.internal;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dk.coordination.casework.CaseIntake;
import dk.coordination.casework.CaseIntake.OwnReferrals;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.StartPagePanel;

/**
 * The start page's "own submitted concerns": the latest referrals of the user's
 * organisation with the secretariat's feedback, read through {@link CaseIntake} like the
 * list page, so each one shown is a logged read.
 */
@Component
class OwnReferralsStartPagePanel implements StartPagePanel {

	static final int LATEST = 5;

	private final CaseIntake intake;

	OwnReferralsStartPagePanel(CaseIntake intake) {
		this.intake = intake;
	}

	@Override
	public List<Panel> panelsFor(CurrentUser user) {
		// without an organisation there are no own referrals; the service would refuse
		if (!user.worksOnCases()) {
			return List.of();
		}
		OwnReferrals latest = this.intake.ownReferrals(user, null, LATEST, ReferralPages.PURPOSE);
		return List.of(new Panel(50, "referral/forside :: egne",
				Map.of("referrals", latest.items(), "more", latest.nextCursor() != null)));
	}

}
