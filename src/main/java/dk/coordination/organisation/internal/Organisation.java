package dk.coordination.organisation.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.OrganisationType;

@Entity
@Table(name = "organisation")
class Organisation {

	@Id
	private String code;

	@Column(nullable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private OrganisationType type;

	private String municipality;

	@Column(name = "notification_email")
	private String notificationEmail;

	protected Organisation() {
	}

	String getCode() {
		return this.code;
	}

	String getName() {
		return this.name;
	}

	OrganisationType getType() {
		return this.type;
	}

	String getMunicipality() {
		return this.municipality;
	}

	OrganisationDetails toDetails() {
		return new OrganisationDetails(this.code, this.name, this.type, this.municipality, this.notificationEmail);
	}

}
