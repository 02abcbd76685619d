package dk.coordination.casework.internal;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;

/**
 * The administrator's view of the CPR key rotation (under {@code /api/admin/**}, so the
 * role {@code admin} only): what is left under which key, and a run on demand, which the
 * schedule would otherwise do.
 */
@RestController
@RequestMapping("/api/admin/cpr-keys/rotation")
class CprKeyRotationController {

	private final CprKeyRotation rotation;

	CprKeyRotationController(CprKeyRotation rotation) {
		this.rotation = rotation;
	}

	/** Rows per key id; {@code done} once nothing that can be re-keyed is left. */
	@GetMapping
	CprKeyRotation.Remaining remaining() {
		return this.rotation.remaining();
	}

	/**
	 * Runs the rotation now, for at most {@code maxBatches} transactions (default: until
	 * done or the run's time budget is spent), and reports what it did and what is left.
	 * 409 while another run holds the lock.
	 */
	@PostMapping
	CprKeyRotation.Run run(@RequestBody(required = false) RunRequest request) {
		Integer maxBatches = (request != null) ? request.maxBatches() : null;
		if (maxBatches != null && maxBatches < 1) {
			throw new InvalidFieldException("maxBatches", "must be at least 1");
		}
		return this.rotation.run((maxBatches != null) ? maxBatches : Integer.MAX_VALUE)
			.orElseThrow(() -> Problems.of(HttpStatus.CONFLICT,
					"A CPR key rotation is running already (on this or another instance); "
							+ "GET /api/admin/cpr-keys/rotation shows what is left."));
	}

	/**
	 * @param maxBatches at most this many transactions of the configured batch size
	 */
	record RunRequest(Integer maxBatches) {
	}

}
