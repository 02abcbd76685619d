package dk.coordination.meeting.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PreRemove;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.envers.Audited;

import org.springframework.data.domain.Persistable;
import org.springframework.http.HttpStatus;

import dk.coordination.web.Problems;

/**
 * An item of a meeting's working agenda: about a case (with the reason it is on) or free,
 * such as "Orientering fra politiet". Once decided, its minutes, its decision time and
 * its place are the record the case history points to ("punkt 2"), so they no longer
 * change and the item is not removed (a trigger on {@code agenda_item} refuses the same).
 */
@Entity
@Audited
@Table(name = "agenda_item")
class AgendaItem implements Persistable<UUID> {

	/** Reason of an item that is not about a case. */
	static final String FREE = "FREE";

	@Id
	private UUID id;

	@Column(name = "meeting_id", nullable = false, updatable = false)
	private UUID meetingId;

	@Column(nullable = false)
	private int position;

	@Column(name = "case_id", updatable = false)
	private UUID caseId;

	@Column(nullable = false)
	private String reason;

	@Column(nullable = false)
	private String title;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	private String minutes;

	@Column(name = "decided_at")
	private Instant decidedAt;

	@Column(name = "decided_by")
	private String decidedBy;

	// the id is made here, not by the database, so Spring Data cannot tell a new item
	// from a stored one by it and would merge (a SELECT before every INSERT, 200 for
	// a proposal)
	@Transient
	private boolean stored;

	protected AgendaItem() {
	}

	@Override
	public boolean isNew() {
		return !this.stored;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.stored = true;
	}

	static AgendaItem of(UUID meetingId, int position, UUID caseId, String reason, String title, Instant now) {
		AgendaItem item = new AgendaItem();
		item.id = UUID.randomUUID();
		item.meetingId = meetingId;
		item.position = position;
		item.caseId = caseId;
		item.reason = reason;
		item.title = title;
		item.createdAt = now;
		return item;
	}

	void recordDecision(String minutes, String by, Instant now) {
		if (isDecided()) {
			throw Problems.of(HttpStatus.CONFLICT, "Item " + this.position + " (\"" + this.title
					+ "\") already has its decision; the minutes of a decision are not overwritten.");
		}
		this.minutes = minutes;
		this.decidedBy = by;
		this.decidedAt = now;
	}

	boolean isDecided() {
		return this.decidedAt != null;
	}

	public String getMinutes() {
		return this.minutes;
	}

	public Instant getDecidedAt() {
		return this.decidedAt;
	}

	void moveTo(int position) {
		if (isDecided() && position != this.position) {
			throw Problems.of(HttpStatus.CONFLICT, decidedStaysPut());
		}
		this.position = position;
	}

	@PreRemove
	void refuseRemovingADecision() {
		if (isDecided()) {
			throw Problems.of(HttpStatus.CONFLICT, decidedStaysPut());
		}
	}

	/** Why this decided item does not move or go, for a 409's detail. */
	String decidedStaysPut() {
		return "Item " + decidedStaysPutTail();
	}

	/**
	 * The same, as the end of a sentence about another item ("… would move item 2 …").
	 */
	String decidedStaysPutTail() {
		return this.position + " (\"" + this.title + "\") has its decision; it stays on the agenda at place "
				+ this.position + ".";
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	public UUID getMeetingId() {
		return this.meetingId;
	}

	public int getPosition() {
		return this.position;
	}

	public UUID getCaseId() {
		return this.caseId;
	}

	public String getReason() {
		return this.reason;
	}

	public String getTitle() {
		return this.title;
	}

}
