package dk.coordination.organisation.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.envers.Audited;

import dk.coordination.organisation.SecretariatModel;
import dk.coordination.organisation.UnitDetails;

@Entity
@Audited
@Table(name = "coordination_unit")
class CoordinationUnit {

	@Id
	private String code;

	@Column(nullable = false)
	private String name;

	@Enumerated(EnumType.STRING)
	@Column(name = "secretariat_model", nullable = false)
	private SecretariatModel secretariatModel;

	@Column(name = "model1_secretariat", nullable = false)
	private String model1Secretariat;

	@Column(name = "model2_secretariat", nullable = false)
	private String model2Secretariat;

	@Column(name = "municipal_coordinator", nullable = false)
	private String municipalCoordinator;

	@Column(nullable = false)
	private String municipality;

	@Column(name = "follow_up_days", nullable = false)
	private int followUpDays;

	@Column(name = "model_change_reason")
	private String modelChangeReason;

	@Version
	private long version;

	protected CoordinationUnit() {
	}

	String getCode() {
		return this.code;
	}

	SecretariatModel getSecretariatModel() {
		return this.secretariatModel;
	}

	String secretariatOrganisation() {
		return (this.secretariatModel == SecretariatModel.MODEL_1) ? this.model1Secretariat : this.model2Secretariat;
	}

	/** Returns false, changing nothing, when the unit already uses {@code model}. */
	boolean switchTo(SecretariatModel model, String reason) {
		if (this.secretariatModel == model) {
			return false;
		}
		this.secretariatModel = model;
		this.modelChangeReason = reason;
		return true;
	}

	/** Returns false, changing nothing, when the default is already {@code days}. */
	boolean followUpAfter(int days) {
		if (this.followUpDays == days) {
			return false;
		}
		this.followUpDays = days;
		return true;
	}

	UnitDetails toDetails() {
		return new UnitDetails(this.code, this.name, this.municipality, this.secretariatModel,
				secretariatOrganisation(), this.model1Secretariat, this.model2Secretariat, this.municipalCoordinator,
				this.followUpDays);
	}

}
