package dk.coordination.meeting.internal;

/**
 * An answer together with the meeting version it was read or written at, both from one
 * transaction, so the ETag always describes the body it comes with.
 */
record Versioned<T>(T body, long version) {

	static <T> Versioned<T> of(Meeting meeting, T body) {
		return new Versioned<>(body, meeting.getVersion());
	}

}
