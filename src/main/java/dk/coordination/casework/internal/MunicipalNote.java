package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

/**
 * A note in the municipality's own coordination thread on a case. Under model 2 this is
 * the space outside the cross-agency unit where the municipal coordinator and the
 * departments coordinate; organisations outside the municipality cannot learn that it
 * exists.
 */
@Entity
@Audited
@Table(name = "municipal_note")
class MunicipalNote {

	@Id
	private UUID id;

	@Column(name = "case_id", nullable = false, updatable = false)
	private UUID caseId;

	@Column(name = "author_user", nullable = false, updatable = false)
	private String authorUser;

	@Column(name = "author_org", nullable = false, updatable = false)
	private String authorOrganisation;

	@Column(name = "written_at", nullable = false, updatable = false)
	private Instant writtenAt;

	@Column(nullable = false, updatable = false)
	private String text;

	protected MunicipalNote() {
	}

	static MunicipalNote of(UUID caseId, String authorUser, String authorOrganisation, String text, Instant now) {
		MunicipalNote note = new MunicipalNote();
		note.id = UUID.randomUUID();
		note.caseId = caseId;
		note.authorUser = authorUser;
		note.authorOrganisation = authorOrganisation;
		note.text = text;
		note.writtenAt = now;
		return note;
	}

	public UUID getId() {
		return this.id;
	}

	public String getAuthorUser() {
		return this.authorUser;
	}

	public String getAuthorOrganisation() {
		return this.authorOrganisation;
	}

	public Instant getWrittenAt() {
		return this.writtenAt;
	}

	public String getText() {
		return this.text;
	}

}
