package dk.coordination.referral.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import dk.coordination.casework.ConcernCategory;
import dk.coordination.casework.LegalBasis;
import dk.coordination.casework.NewReferral;
import dk.coordination.personaldata.CprNumber;

/**
 * The submit form as typed, every field a string, so that whatever the user sent comes
 * back into the form when something is wrong. {@link #validate()} applies the rules of
 * {@code POST /api/referrals} ({@code ReferralController.ReferralRequest}) with Danish
 * messages; only the unit's existence is left to the service. Public only because the
 * templates read it (SpEL calls public methods of public types); it stays internal.
 */
public record ReferralForm(String unit, String cpr, String name, String address, String concern, String category,
		String legalBasis, String urgent) {

	// the shape CprNumber accepts; tells a wrong format from a date that does not exist
	private static final Pattern CPR_SHAPE = Pattern.compile("\\d{6}-?\\d{4}");

	static ReferralForm empty(String unit) {
		return new ReferralForm(unit, null, null, null, null, null, null, null);
	}

	/** For the template: whether the urgent box was ticked. */
	public boolean isUrgent() {
		return "true".equals(this.urgent) || "on".equals(this.urgent);
	}

	/**
	 * @return the errors by field in the order of the form; empty when the referral can
	 * be submitted
	 */
	Map<String, FormError> validate() {
		Map<String, FormError> errors = new LinkedHashMap<>();
		if (isBlank(this.unit)) {
			errors.put("unit", new FormError("unit", "referral.error.unit.required"));
		}
		else if (this.unit.strip().length() > 32) {
			errors.put("unit", new FormError("unit", "referral.error.unit.unknown"));
		}
		if (isBlank(this.cpr)) {
			errors.put("cpr", new FormError("cpr", "referral.error.cpr.required"));
		}
		else if (!CprNumber.isValid(this.cpr)) {
			errors.put("cpr", new FormError("cpr", CPR_SHAPE.matcher(this.cpr.strip()).matches()
					? "referral.error.cpr.date" : "referral.error.cpr.format"));
		}
		if (isBlank(this.name)) {
			errors.put("name", new FormError("name", "referral.error.name.required"));
		}
		else if (this.name.strip().length() > 255) {
			errors.put("name", new FormError("name", "referral.error.name.long"));
		}
		if (this.address != null && this.address.strip().length() > 500) {
			errors.put("address", new FormError("address", "referral.error.address.long"));
		}
		if (isBlank(this.concern)) {
			errors.put("concern", new FormError("concern", "referral.error.concern.required"));
		}
		else if (this.concern.strip().length() > 20000) {
			errors.put("concern", new FormError("concern", "referral.error.concern.long"));
		}
		if (categoryValue() == null) {
			errors.put("category", new FormError("category-" + ConcernCategory.values()[0].name(),
					"referral.error.category.required"));
		}
		if (basisValue() == null) {
			errors.put("legalBasis",
					new FormError("legalBasis-" + LegalBasis.values()[0].name(), "referral.error.legalBasis.required"));
		}
		return errors;
	}

	/** The referral for the service; call only when {@link #validate()} found nothing. */
	NewReferral toReferral() {
		return new NewReferral(this.unit.strip(), CprNumber.parse(this.cpr), this.name.strip(),
				isBlank(this.address) ? null : this.address.strip(), this.concern.strip(), categoryValue(),
				basisValue(), isUrgent());
	}

	private ConcernCategory categoryValue() {
		return parse(ConcernCategory.class, this.category);
	}

	private LegalBasis basisValue() {
		return parse(LegalBasis.class, this.legalBasis);
	}

	private static <E extends Enum<E>> E parse(Class<E> type, String value) {
		if (value == null) {
			return null;
		}
		try {
			return Enum.valueOf(type, value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	/**
	 * @param target the id of the input the error summary's link moves to (for a radio
	 * group its first radio)
	 * @param message the key of the Danish message
	 */
	public record FormError(String target, String message) {
	}

}
