package dk.coordination.meeting.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.envers.Audited;

import dk.coordination.meeting.MeetingState;

/**
 * A meeting of a coordination unit. Every change the invited must learn about raises the
 * iCalendar {@code sequence}; every change at all raises the version behind the ETag,
 * agenda edits included.
 */
@Entity
@Audited
@Table(name = "meeting")
class Meeting {

	@Id
	private UUID id;

	@Column(name = "unit_code", nullable = false, updatable = false)
	private String unitCode;

	@Column(name = "starts_at", nullable = false)
	private Instant startsAt;

	@Column(name = "duration_minutes", nullable = false)
	private int durationMinutes;

	@Column(nullable = false)
	private String location;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private MeetingState state;

	@Column(nullable = false)
	private int sequence;

	@Column(name = "agenda_version", nullable = false)
	private int agendaVersion;

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "meeting_invitee", joinColumns = @JoinColumn(name = "meeting_id"))
	@Column(name = "organisation", nullable = false)
	private Set<String> invited = new LinkedHashSet<>();

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "meeting_attendee", joinColumns = @JoinColumn(name = "meeting_id"))
	private Set<Attendee> attendees = new LinkedHashSet<>();

	@Column(name = "created_by_user", nullable = false, updatable = false)
	private String createdByUser;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Version
	private Long version;

	protected Meeting() {
	}

	static Meeting planned(String unitCode, Instant startsAt, int durationMinutes, String location, Set<String> invited,
			String createdBy, Instant now) {
		Meeting meeting = new Meeting();
		meeting.id = UUID.randomUUID();
		meeting.unitCode = unitCode;
		meeting.startsAt = startsAt;
		meeting.durationMinutes = durationMinutes;
		meeting.location = location;
		meeting.state = MeetingState.PLANNED;
		meeting.invited.addAll(invited);
		meeting.createdByUser = createdBy;
		meeting.createdAt = now;
		meeting.updatedAt = now;
		return meeting;
	}

	/**
	 * Changes time, place or the invited; returns whether anything the invitation shows
	 * changed.
	 */
	boolean reschedule(Instant startsAt, Integer durationMinutes, String location, Set<String> invited) {
		boolean changed = false;
		if (startsAt != null && !startsAt.equals(this.startsAt)) {
			this.startsAt = startsAt;
			changed = true;
		}
		if (durationMinutes != null && durationMinutes != this.durationMinutes) {
			this.durationMinutes = durationMinutes;
			changed = true;
		}
		if (location != null && !location.equals(this.location)) {
			this.location = location;
			changed = true;
		}
		if (invited != null && !invited.equals(this.invited)) {
			this.invited.clear();
			this.invited.addAll(invited);
			changed = true;
		}
		if (changed) {
			this.sequence++;
		}
		return changed;
	}

	/**
	 * Stamps a change of the meeting or its agenda with its time: the only place
	 * {@code updatedAt} moves after the meeting is planned, since every change starts
	 * with it ({@link MeetingService#lockForChange}).
	 * @return whether the row differs by it, false on a clock that did not move
	 */
	boolean changedAt(Instant now) {
		boolean moved = !now.equals(this.updatedAt);
		this.updatedAt = now;
		return moved;
	}

	int publishAgenda() {
		this.agendaVersion++;
		this.state = MeetingState.AGENDA_PUBLISHED;
		this.sequence++;
		return this.agendaVersion;
	}

	void attendedBy(Set<Attendee> attendees) {
		this.attendees.clear();
		this.attendees.addAll(attendees);
	}

	/** Called off; the invited must learn it, so the invitation's sequence grows. */
	void cancel() {
		this.state = MeetingState.CANCELLED;
		this.sequence++;
	}

	/** Minutes approved: the meeting is held and its record frozen. */
	void held() {
		this.state = MeetingState.HELD;
	}

	public Set<Attendee> getAttendees() {
		return this.attendees;
	}

	/**
	 * Who attended: an organisation and a person (name or role as the minutes give it).
	 */
	@Embeddable
	record Attendee(@Column(name = "organisation", nullable = false) String organisation,
			@Column(name = "person", nullable = false) String person) {
	}

	boolean isOpenForChanges() {
		return this.state == MeetingState.PLANNED || this.state == MeetingState.AGENDA_PUBLISHED;
	}

	Instant endsAt() {
		return this.startsAt.plus(Duration.ofMinutes(this.durationMinutes));
	}

	public UUID getId() {
		return this.id;
	}

	public String getUnitCode() {
		return this.unitCode;
	}

	public Instant getStartsAt() {
		return this.startsAt;
	}

	public int getDurationMinutes() {
		return this.durationMinutes;
	}

	public String getLocation() {
		return this.location;
	}

	public MeetingState getState() {
		return this.state;
	}

	public int getSequence() {
		return this.sequence;
	}

	public int getAgendaVersion() {
		return this.agendaVersion;
	}

	public Set<String> getInvited() {
		return this.invited;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public long getVersion() {
		return (this.version != null) ? this.version : 0;
	}

}
