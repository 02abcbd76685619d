package dk.coordination.retention.internal;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dk.coordination.security.CurrentUser;
import dk.coordination.web.PlausibleDate;

/**
 * The administrator's retention API (everything under {@code /api/admin/**} needs the
 * role {@code admin}): the rules in force, a run as of a given day, and legal holds.
 */
@RestController
@RequestMapping("/api/admin/retention")
class RetentionController {

	private final RetentionRules rules;

	private final RetentionRun run;

	private final LegalHolds holds;

	RetentionController(RetentionRules rules, RetentionRun run, LegalHolds holds) {
		this.rules = rules;
		this.run = run;
		this.holds = holds;
	}

	@GetMapping("/rules")
	RetentionRules.Rules rules() {
		return this.rules.describe();
	}

	/**
	 * Anonymises every case due by {@code asOf} (which may be in the future: the run then
	 * does what the nightly job will do on that day). 409 while another run is going on.
	 */
	@PostMapping("/run")
	RetentionRun.Report run(@Valid @RequestBody RunRequest request) {
		return this.run.run(request.asOf(), CurrentUser.required());
	}

	@GetMapping("/holds")
	List<LegalHolds.Hold> holds() {
		return this.holds.all();
	}

	/** 201 for a new hold, 200 when an existing hold got a new reason. */
	@PutMapping("/holds/{caseId}")
	ResponseEntity<LegalHolds.Hold> place(@PathVariable UUID caseId, @Valid @RequestBody HoldRequest request) {
		LegalHolds.Placed placed = this.holds.place(caseId, request.reason(), CurrentUser.required());
		if (!placed.created()) {
			return ResponseEntity.ok(placed.hold());
		}
		URI location = UriComponentsBuilder.fromPath("/api/admin/retention/holds/{caseId}")
			.buildAndExpand(caseId)
			.toUri();
		return ResponseEntity.created(location).body(placed.hold());
	}

	@DeleteMapping("/holds/{caseId}")
	ResponseEntity<Void> release(@PathVariable UUID caseId) {
		this.holds.release(caseId);
		return ResponseEntity.noContent().build();
	}

	record RunRequest(@NotNull @PlausibleDate LocalDate asOf) {
	}

	record HoldRequest(@NotBlank @Size(max = 2000) String reason) {
	}

}
