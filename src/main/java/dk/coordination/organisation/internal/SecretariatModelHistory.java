package dk.coordination.organisation.internal;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.organisation.SecretariatModel;

/**
 * The switches of a unit's secretariat model, read from the unit's Envers revisions
 * ({@code coordination_unit_aud} with {@code audit_revision}): a revision is a switch
 * when its model differs from the revision before it. The first revision has nothing
 * before it; it is a switch when it carries a reason, since only a switch sets one (the
 * seeded units start without a revision and without a reason). Revisions that changed
 * something else, such as the follow-up default, are left out.
 */
@Component
class SecretariatModelHistory {

	private final JdbcClient jdbc;

	SecretariatModelHistory(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Newest first. */
	@Transactional(readOnly = true)
	List<ModelSwitch> of(String unitCode) {
		return this.jdbc.sql("""
				select revision_time, username, organisation, previous_model, secretariat_model, model_change_reason,
				       case when secretariat_model = 'MODEL_1' then model1_secretariat else model2_secretariat end
				         as secretariat_organisation
				from (
				  select r.revision_time, r.username, r.organisation, u.rev, u.secretariat_model, u.model_change_reason,
				         u.model1_secretariat, u.model2_secretariat,
				         lag(u.secretariat_model) over (order by u.rev) as previous_model
				  from coordination_unit_aud u join audit_revision r on r.id = u.rev
				  where u.code = :code
				) revisions
				where (previous_model is null and model_change_reason is not null)
				   or previous_model <> secretariat_model
				order by rev desc
				""").param("code", unitCode).query((rs, row) -> {
			SecretariatModel to = SecretariatModel.valueOf(rs.getString("secretariat_model"));
			String previous = rs.getString("previous_model");
			SecretariatModel from = (previous != null) ? SecretariatModel.valueOf(previous) : to.other();
			return new ModelSwitch(rs.getTimestamp("revision_time").toInstant(), rs.getString("username"),
					rs.getString("organisation"), from, to, rs.getString("secretariat_organisation"),
					rs.getString("model_change_reason"));
		}).list();
	}

	/**
	 * One switch, as the administrator's audit sees it.
	 *
	 * @param switchedBy the administrator's user name
	 * @param organisation the administrator's organisation
	 * @param secretariatOrganisation who became secretariat
	 */
	record ModelSwitch(Instant switchedAt, String switchedBy, String organisation, SecretariatModel from,
			SecretariatModel to, String secretariatOrganisation, String reason) {
	}

}
