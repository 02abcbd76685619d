package dk.coordination.casework.internal;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.audit.ReadPurpose;
import dk.coordination.security.CurrentUser;

@RestController
class FollowUpController {

	private final FollowUps followUps;

	FollowUpController(FollowUps followUps) {
		this.followUps = followUps;
	}

	@GetMapping("/api/follow-ups")
	List<FollowUps.Item> followUps(@ReadPurpose("Opfølgning på sager") String purpose) {
		return this.followUps.dueToday(CurrentUser.required(), purpose);
	}

}
