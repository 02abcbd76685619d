package dk.coordination.organisation.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.SecretariatModel;
import dk.coordination.organisation.SecretariatModelSwitched;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.organisation.UnitStanding;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;

@Service
@Transactional(readOnly = true)
class UnitService implements CoordinationUnits {

	private final CoordinationUnitRepository units;

	private final OrganisationRepository organisations;

	private final ApplicationEventPublisher events;

	UnitService(CoordinationUnitRepository units, OrganisationRepository organisations,
			ApplicationEventPublisher events) {
		this.units = units;
		this.organisations = organisations;
		this.events = events;
	}

	@Override
	public Optional<UnitDetails> find(String unitCode) {
		return this.units.findById(unitCode).map(CoordinationUnit::toDetails);
	}

	@Override
	public List<UnitDetails> all() {
		return this.units.findAll(Sort.by("name", "code")).stream().map(CoordinationUnit::toDetails).toList();
	}

	@Override
	public boolean actsAsSecretariat(CurrentUser user, String unitCode) {
		return find(unitCode).map((unit) -> unit.actsAsSecretariat(user)).orElse(false);
	}

	@Override
	public Set<String> secretariatUnits(CurrentUser user) {
		if (!user.hasRole(Role.SECRETARIAT_STAFF) || user.organisation() == null) {
			return Set.of();
		}
		return new TreeSet<>(this.units.findCodesWithSecretariat(user.organisation()));
	}

	@Override
	public boolean organisationExists(String organisationCode) {
		return organisationCode != null && this.organisations.existsById(organisationCode);
	}

	@Override
	public List<OrganisationDetails> organisations(Collection<String> organisationCodes) {
		Map<String, Organisation> found = new HashMap<>();
		this.organisations.findAllById(organisationCodes)
			.forEach((organisation) -> found.put(organisation.getCode(), organisation));
		return organisationCodes.stream()
			.filter(found::containsKey)
			.map((code) -> found.get(code).toDetails())
			.toList();
	}

	@Override
	public List<OrganisationDetails> allOrganisations() {
		return this.organisations.findAll(Sort.by("name")).stream().map(Organisation::toDetails).toList();
	}

	@Override
	public Optional<UnitStanding> standing(String unitCode, String organisationCode) {
		return this.units.findWithStanding(unitCode, organisationCode)
			.stream()
			.findFirst()
			.map((row) -> new UnitStanding(((CoordinationUnit) row[0]).toDetails(), (Boolean) row[1]));
	}

	@Transactional
	Optional<UnitDetails> changeFollowUpDefault(String unitCode, int days) {
		return this.units.findById(unitCode).map((unit) -> {
			unit.followUpAfter(days);
			return unit.toDetails();
		});
	}

	@Transactional
	Optional<UnitDetails> switchModel(String unitCode, SecretariatModel model, String reason, CurrentUser admin) {
		return this.units.findById(unitCode).map((unit) -> {
			SecretariatModel before = unit.getSecretariatModel();
			if (unit.switchTo(model, reason)) {
				this.events.publishEvent(new SecretariatModelSwitched(unitCode, before, model,
						unit.secretariatOrganisation(), reason, admin.username()));
			}
			return unit.toDetails();
		});
	}

}
