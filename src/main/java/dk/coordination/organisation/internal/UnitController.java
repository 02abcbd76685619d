package dk.coordination.organisation.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

import dk.coordination.organisation.SecretariatModel;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.security.CurrentUser;

@RestController
@RequestMapping("/api/units")
class UnitController {

	private final UnitService units;

	UnitController(UnitService units) {
		this.units = units;
	}

	@GetMapping("/{code}")
	UnitDetails unit(@PathVariable String code) {
		return this.units.find(code).orElseThrow(() -> unitNotFound(code));
	}

	/**
	 * Admin only (see the security rules); takes effect for every user on their next
	 * request.
	 */
	@PutMapping("/{code}/secretariat-model")
	UnitDetails switchModel(@PathVariable String code, @Valid @RequestBody ModelSwitch request) {
		return this.units.switchModel(code, request.model(), request.reason().strip(), CurrentUser.required())
			.orElseThrow(() -> unitNotFound(code));
	}

	/**
	 * How many days after a decision an active or monitored case is followed up when
	 * nobody sets a date (admin only); applies to the next such decision.
	 */
	@PutMapping("/{code}/follow-up-default")
	UnitDetails followUpDefault(@PathVariable String code, @Valid @RequestBody FollowUpDefault request) {
		return this.units.changeFollowUpDefault(code, request.days()).orElseThrow(() -> unitNotFound(code));
	}

	private static ResponseStatusException unitNotFound(String code) {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No coordination unit with code " + code);
	}

	record FollowUpDefault(@NotNull @Min(1) @Max(365) Integer days) {
	}

	record ModelSwitch(@NotNull SecretariatModel model, @NotBlank @Size(max = 2000) String reason) {
	}

}
