package dk.coordination.organisation.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.OrganisationType;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;

/**
 * Adding organisations and changing them: what an administrator does on the page
 * Organisationer and through {@code /api/admin/organisations}, one set of rules for both.
 * Every change is an Envers revision of {@code organisation}, so who changed a mailbox or
 * a type, and when, stays known.
 */
@Service
@Transactional(readOnly = true)
class OrganisationAdministration {

	/** Codes are keys in tokens (the {@code organisation} claim) and tables: plain. */
	static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{1,63}");

	// a functional mailbox: one @, something on both sides, a dot in the domain, no
	// spaces
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s.]+(\\.[^@\\s.]+)+");

	private final OrganisationRepository organisations;

	OrganisationAdministration(OrganisationRepository organisations) {
		this.organisations = organisations;
	}

	List<OrganisationDetails> all() {
		return this.organisations.findAll(Sort.by("name", "code")).stream().map(Organisation::toDetails).toList();
	}

	/**
	 * @throws InvalidFieldException naming the field for a bad code, name, type, mailbox
	 * or a municipal department without municipality
	 * @throws org.springframework.web.ErrorResponseException 409 when the code is taken
	 */
	@Transactional
	OrganisationDetails add(NewOrganisation organisation) {
		String code = required(organisation.code(), "code").toUpperCase(Locale.ROOT);
		if (!CODE.matcher(code).matches()) {
			throw new InvalidFieldException("code",
					"must be 2 to 64 capital letters, digits and hyphens, starting with a letter or digit, e.g. KK-SSP");
		}
		String name = required(organisation.name(), "name");
		if (name.length() > 255) {
			throw new InvalidFieldException("name", "must be at most 255 characters");
		}
		OrganisationType type = organisation.type();
		if (type == null) {
			throw new InvalidFieldException("type", "must be one of " + List.of(OrganisationType.values()));
		}
		String municipality = municipalityFor(type, organisation.municipality());
		String email = email(organisation.notificationEmail());
		if (this.organisations.existsById(code)) {
			throw Problems.of(HttpStatus.CONFLICT, "an organisation with code " + code + " already exists");
		}
		return this.organisations.save(new Organisation(code, name, type, municipality, email)).toDetails();
	}

	/**
	 * Changes what is given (null leaves it as it is).
	 * @return empty when there is no organisation with the code
	 */
	@Transactional
	Optional<OrganisationDetails> change(String code, OrganisationChange change) {
		return this.organisations.findById(code).map((organisation) -> {
			if (change.notificationEmail() != null) {
				organisation.changeNotificationEmail(email(change.notificationEmail()));
			}
			OrganisationType type = (change.type() != null) ? change.type() : organisation.getType();
			String municipality = (change.municipality() != null) ? change.municipality()
					: organisation.getMunicipality();
			if (change.type() != null || change.municipality() != null) {
				organisation.changeMunicipality(municipalityFor(type, municipality));
				organisation.changeType(type);
			}
			return organisation.toDetails();
		});
	}

	private static String municipalityFor(OrganisationType type, String municipality) {
		String given = (municipality == null || municipality.isBlank()) ? null : municipality.strip();
		if (type == OrganisationType.MUNICIPAL_DEPARTMENT && given == null) {
			// the municipal space and its coordination are found through the municipality
			throw new InvalidFieldException("municipality", "is required for a MUNICIPAL_DEPARTMENT");
		}
		if (given != null && given.length() > 255) {
			throw new InvalidFieldException("municipality", "must be at most 255 characters");
		}
		return given;
	}

	private static String email(String email) {
		String given = required(email, "notificationEmail");
		if (given.length() > 255 || !EMAIL.matcher(given).matches()) {
			throw new InvalidFieldException("notificationEmail",
					"must be an e-mail address such as sekretariat@kk.dk (a functional mailbox, not a person's)");
		}
		return given;
	}

	private static String required(String value, String field) {
		if (value == null || value.isBlank()) {
			throw new InvalidFieldException(field, "is required");
		}
		return value.strip();
	}

	/**
	 * An organisation to add; the notification mailbox receives the unit's invitations.
	 */
	record NewOrganisation(String code, String name, OrganisationType type, String municipality,
			String notificationEmail) {
	}

	/** What to change; null fields stay as they are. */
	record OrganisationChange(OrganisationType type, String municipality, String notificationEmail) {
	}

}
