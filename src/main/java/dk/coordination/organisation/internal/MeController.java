package dk.coordination.organisation.internal;

import java.util.List;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

/**
 * Who the caller is to this service. Lives here rather than in {@code security} because
 * being secretariat depends on the units' current models.
 */
@RestController
class MeController {

	private final CoordinationUnits units;

	MeController(CoordinationUnits units) {
		this.units = units;
	}

	@GetMapping("/api/me")
	Me me() {
		CurrentUser user = CurrentUser.required();
		return new Me(user.username(), user.organisation(),
				user.roles().stream().map(Role::realmRole).sorted().toList(), this.units.secretariatUnits(user));
	}

	record Me(String username, String organisation, List<String> roles, Set<String> secretariatUnits) {
	}

}
