package dk.coordination.casework;

/**
 * The provision under which information about a person is passed to the unit.
 */
public enum LegalBasis {

	/**
	 * SSP, PSP and KSP cooperation. Stk. 2 forbids using the information for criminal
	 * investigation.
	 */
	RETSPLEJELOVEN_115("retsplejeloven § 115"),
	/** Children and young people; formerly serviceloven § 49 a/b. */
	BARNETS_LOV("barnets lov"),
	/** Information on criminal offences. */
	DATABESKYTTELSESLOVEN_8("databeskyttelsesloven § 8"),
	/** Disclosure with consent under the public administration act. */
	FORVALTNINGSLOVEN_28_CONSENT("forvaltningsloven § 28 (samtykke)"),
	/** The subject's own consent. */
	SUBJECT_CONSENT("borgerens samtykke");

	private final String provision;

	LegalBasis(String provision) {
		this.provision = provision;
	}

	/** The provision as Danish caseworkers write it. */
	public String provision() {
		return this.provision;
	}

}
