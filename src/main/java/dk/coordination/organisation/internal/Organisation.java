package dk.coordination.organisation.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.envers.Audited;

import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.OrganisationType;

@Entity
@Audited
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

	Organisation(String code, String name, OrganisationType type, String municipality, String notificationEmail) {
		this.code = code;
		this.name = name;
		this.type = type;
		this.municipality = municipality;
		this.notificationEmail = notificationEmail;
	}

	void changeNotificationEmail(String notificationEmail) {
		this.notificationEmail = notificationEmail;
	}

	void changeType(OrganisationType type) {
		this.type = type;
	}

	void changeMunicipality(String municipality) {
		this.municipality = municipality;
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
