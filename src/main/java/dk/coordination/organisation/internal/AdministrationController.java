package dk.coordination.organisation.internal;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.internal.OrganisationAdministration.NewOrganisation;
import dk.coordination.organisation.internal.OrganisationAdministration.OrganisationChange;
import dk.coordination.organisation.internal.SecretariatModelHistory.ModelSwitch;
import dk.coordination.web.Problems;

/**
 * The administrator's API (everything under {@code /api/admin/**} needs the role
 * {@code admin}): the organisations, which until now were only seed data, and the history
 * of a unit's model switches. The pages under {@code /administration} use the same
 * services.
 */
@RestController
@RequestMapping("/api/admin")
class AdministrationController {

	private final OrganisationAdministration organisations;

	private final UnitService units;

	private final SecretariatModelHistory history;

	AdministrationController(OrganisationAdministration organisations, UnitService units,
			SecretariatModelHistory history) {
		this.organisations = organisations;
		this.units = units;
		this.history = history;
	}

	@GetMapping("/organisations")
	List<OrganisationDetails> organisations() {
		return this.organisations.all();
	}

	/** 201 with the new organisation's address; 409 when the code is taken. */
	@PostMapping("/organisations")
	ResponseEntity<OrganisationDetails> add(@RequestBody NewOrganisation organisation) {
		OrganisationDetails added = this.organisations.add(organisation);
		URI location = UriComponentsBuilder.fromPath("/api/admin/organisations/{code}")
			.buildAndExpand(added.code())
			.toUri();
		return ResponseEntity.created(location).body(added);
	}

	@GetMapping("/organisations/{code}")
	OrganisationDetails organisation(@PathVariable String code) {
		return this.units.organisations(List.of(code))
			.stream()
			.findFirst()
			.orElseThrow(() -> organisationNotFound(code));
	}

	/**
	 * Sets what the body gives: {@code notificationEmail}, {@code type},
	 * {@code municipality}.
	 */
	@PatchMapping("/organisations/{code}")
	OrganisationDetails change(@PathVariable String code, @RequestBody OrganisationChange change) {
		return this.organisations.change(code, change).orElseThrow(() -> organisationNotFound(code));
	}

	/**
	 * The unit's model switches, newest first: who, when, from which model to which, why.
	 */
	@GetMapping("/units/{code}/secretariat-model/history")
	List<ModelSwitch> modelHistory(@PathVariable String code) {
		if (this.units.find(code).isEmpty()) {
			throw Problems.notFound("No coordination unit with code " + code);
		}
		return this.history.of(code);
	}

	private static RuntimeException organisationNotFound(String code) {
		return Problems.notFound("No organisation with code " + code);
	}

}
