package dk.coordination.meeting.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.CaseAgenda;
import dk.coordination.casework.CaseBrief;
import dk.coordination.meeting.internal.MeetingViews.AgendaItemView;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.meeting.internal.MeetingViews.MeetingView;
import dk.coordination.meeting.internal.MeetingViews.PublishedItem;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;
import dk.coordination.web.DanishTime;

/**
 * Convening meetings and reading their agendas. The secretariat of the meeting's unit
 * convenes and changes them; staff of invited organisations see the meeting and its
 * published agenda, minimised to what they may know. Drafting and publishing the agenda
 * is {@link AgendaDrafts}'s.
 */
@Service
@Transactional
class MeetingService {

	private final MeetingRepository meetings;

	private final AgendaItemRepository items;

	private final CoordinationUnits units;

	private final CaseAgenda caseAgenda;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final AccessLog accessLog;

	private final Clock clock;

	private final EntityManager entityManager;

	MeetingService(MeetingRepository meetings, AgendaItemRepository items, CoordinationUnits units,
			CaseAgenda caseAgenda, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
			AccessLog accessLog, Clock clock, EntityManager entityManager) {
		this.clock = clock;
		this.entityManager = entityManager;
		this.accessLog = accessLog;
		this.meetings = meetings;
		this.items = items;
		this.units = units;
		this.caseAgenda = caseAgenda;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
	}

	/** How the caller stands to a meeting. */
	record Access(Meeting meeting, CurrentUser user, boolean secretariat, boolean invited) {

		boolean canSee() {
			return this.secretariat || this.invited;
		}

		/**
		 * Data minimisation: the secretariat reads every case item whole; an invited
		 * organisation only those about cases it takes part in.
		 */
		boolean mayReadDetails(CaseBrief brief) {
			return this.secretariat || (brief != null && brief.participants().contains(this.user.organisation()));
		}

	}

	Versioned<MeetingView> plan(String unitCode, Instant startsAt, int durationMinutes, String location,
			Set<String> invited, CurrentUser user) {
		if (this.units.find(unitCode).isEmpty()) {
			throw new InvalidFieldException("unit", "no coordination unit with code " + unitCode);
		}
		if (!this.units.actsAsSecretariat(user, unitCode)) {
			throw Problems.of(HttpStatus.FORBIDDEN,
					"Only the secretariat of unit " + unitCode + " convenes its meetings.");
		}
		requireOrganisations(invited);
		Meeting meeting = Meeting.planned(unitCode, startsAt, durationMinutes, location, invited, user.username(),
				this.clock.instant());
		this.meetings.saveAndFlush(meeting);
		return written(meeting, view(meeting));
	}

	@Transactional(readOnly = true)
	List<MeetingView> list(String unitCode, Instant from, Instant to, CurrentUser user) {
		boolean secretariat = this.units.actsAsSecretariat(user, unitCode);
		String organisation = user.worksOnCases() ? user.organisation() : "";
		return this.meetings.findVisible(unitCode, from, to, secretariat, organisation)
			.stream()
			.map(this::view)
			.toList();
	}

	/**
	 * The next meeting the caller may see that is still to be held: of a unit where the
	 * caller is secretariat, or one the caller's organisation is invited to.
	 * @param secretariatUnits the units the user is secretariat of, which the caller has
	 * looked up already
	 */
	@Transactional(readOnly = true)
	Optional<MeetingView> next(CurrentUser user, Set<String> secretariatUnits) {
		String organisation = user.worksOnCases() ? user.organisation() : "";
		if (secretariatUnits.isEmpty() && organisation.isEmpty()) {
			return Optional.empty();
		}
		// an empty "in ()" is not SQL; no unit has an empty code
		Set<String> units = secretariatUnits.isEmpty() ? Set.of("") : secretariatUnits;
		return this.meetings.findComing(this.clock.instant(), units, organisation, Limit.of(1))
			.stream()
			.findFirst()
			.map(this::view);
	}

	@Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
	Versioned<MeetingView> show(UUID meetingId, CurrentUser user) {
		Meeting meeting = requireVisible(meetingId, user).meeting();
		return Versioned.of(meeting, view(meeting));
	}

	@Transactional(readOnly = true)
	Access requireVisible(UUID meetingId, CurrentUser user) {
		Meeting meeting = this.meetings.findById(meetingId).orElseThrow(() -> notFound(meetingId));
		Access access = new Access(meeting, user, this.units.actsAsSecretariat(user, meeting.getUnitCode()),
				user.worksOnCases() && meeting.getInvited().contains(user.organisation()));
		if (!access.canSee()) {
			throw notFound(meetingId);
		}
		return access;
	}

	Access requireSecretariat(UUID meetingId, CurrentUser user) {
		Access access = requireVisible(meetingId, user);
		if (!access.secretariat()) {
			throw Problems.of(HttpStatus.FORBIDDEN,
					"Only the secretariat of unit " + access.meeting().getUnitCode() + " changes its meetings.");
		}
		return access;
	}

	Versioned<MeetingView> reschedule(UUID meetingId, Instant startsAt, Integer durationMinutes, String location,
			Set<String> invited, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user).meeting();
		if (invited != null) {
			requireOrganisations(invited);
		}
		if (meeting.reschedule(startsAt, durationMinutes, location, invited)) {
			this.meetings.flush();
			if (meeting.getAgendaVersion() > 0) {
				this.events.publishEvent(new MeetingAnnouncement(meeting.getId(), MeetingAnnouncement.Kind.CHANGED));
			}
		}
		return written(meeting, view(meeting));
	}

	/**
	 * Calls the meeting off; if the invited have an invitation, they get its
	 * cancellation.
	 */
	Versioned<MeetingView> cancel(UUID meetingId, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user).meeting();
		meeting.cancel();
		this.meetings.flush();
		if (meeting.getAgendaVersion() > 0) {
			this.events.publishEvent(new MeetingAnnouncement(meeting.getId(), MeetingAnnouncement.Kind.CANCELLED));
		}
		return written(meeting, view(meeting));
	}

	/**
	 * The agenda as the caller may see it, with the version of the meeting read in the
	 * same transaction. One snapshot for both (repeatable read), so a concurrent edit
	 * cannot pair this body with a later ETag.
	 */
	@Transactional(isolation = Isolation.REPEATABLE_READ)
	Versioned<AgendaView> agenda(UUID meetingId, Integer requestedVersion, String purpose, CurrentUser user) {
		Access access = requireVisible(meetingId, user);
		return Versioned.of(access.meeting(), agenda(access, requestedVersion, purpose));
	}

	/**
	 * The agenda as the caller may see it: the secretariat's working draft (version 0) or
	 * a published version; the invited see published versions only, the latest by
	 * default.
	 */
	AgendaView agenda(Access access, Integer requestedVersion, String purpose) {
		return agenda(read(access, requestedVersion), purpose);
	}

	/**
	 * Every agenda this service answers with passes here, so whether it is a logged read
	 * is decided once: initials are personal data, and each item that shows them is a
	 * read of that person's case, whether the answer is to a GET or to an edit.
	 */
	private AgendaView agenda(AgendaRead read, String purpose) {
		this.accessLog.recordAll(read.view()
			.items()
			.stream()
			.filter((item) -> item.subjectInitials() != null)
			.map((item) -> new PersonalDataRead(item.caseId(), read.briefs().get(item.caseId()).subjectKey(),
					"MEETING_AGENDA", purpose))
			.toList());
		return read.view();
	}

	/** The working draft as the caller may see it, a logged read like every agenda. */
	AgendaView shownDraft(Access access, String purpose) {
		return agenda(readDraft(access), purpose);
	}

	/**
	 * The working draft as just written, from the items and briefs the change holds
	 * already: the same view as {@link #shownDraft(Access, String)} without reading it
	 * back.
	 * @param items the draft's items in their order, positions set
	 * @param briefs the briefs of (at least) every case on the draft
	 */
	AgendaView shownDraft(Access access, List<AgendaItem> items, Map<UUID, CaseBrief> briefs, String purpose) {
		return agenda(draftOf(access, items, briefs), purpose);
	}

	/** A published version as the caller may see it, a logged read like every agenda. */
	AgendaView shownVersion(Access access, int version, String purpose) {
		return agenda(read(access, version), purpose);
	}

	/** An agenda as shown, with the briefs it was minimised by (one query for both). */
	private record AgendaRead(AgendaView view, Map<UUID, CaseBrief> briefs) {
	}

	private AgendaRead read(Access access, Integer requestedVersion) {
		Meeting meeting = access.meeting();
		if (requestedVersion == null && access.secretariat()) {
			return readDraft(access);
		}
		int version = (requestedVersion != null) ? requestedVersion : meeting.getAgendaVersion();
		if (version < 1 || version > meeting.getAgendaVersion()) {
			throw Problems.notFound((meeting.getAgendaVersion() == 0) ? "No agenda has been published yet."
					: "Versions 1 to " + meeting.getAgendaVersion() + " of the agenda are published.");
		}
		return this.jdbc.sql("""
				select published_at, published_by, items::text as items from published_agenda
				where meeting_id = :meeting and version = :version
				""").param("meeting", meeting.getId()).param("version", version).query((rs, row) -> {
			List<PublishedItem> frozen = this.json.readValue(rs.getString("items"),
					new TypeReference<List<PublishedItem>>() {
					});
			Map<UUID, CaseBrief> briefs = caseBriefs(
					frozen.stream().map(PublishedItem::caseId).filter((id) -> id != null).toList());
			return new AgendaRead(new AgendaView(meeting.getId(), version, rs.getTimestamp("published_at").toInstant(),
					access.secretariat() ? rs.getString("published_by") : null, minimise(access, frozen, briefs)),
					briefs);
		}).single();
	}

	/** The items of the latest published version, as frozen; empty before the first. */
	List<PublishedItem> latestPublished(Meeting meeting) {
		if (meeting.getAgendaVersion() == 0) {
			return List.of();
		}
		String items = this.jdbc
			.sql("select items::text from published_agenda where meeting_id = :meeting and version = :version")
			.param("meeting", meeting.getId())
			.param("version", meeting.getAgendaVersion())
			.query(String.class)
			.single();
		return this.json.readValue(items, new TypeReference<List<PublishedItem>>() {
		});
	}

	/**
	 * Every change of a meeting or its agenda starts here, once its ETag matched: the row
	 * is stamped with the change's time and written at once, which locks it and raises
	 * its version in one UPDATE. So concurrent changes queue instead of both passing the
	 * ETag check, and an edit of the items alone gives a new version for the ETag. On a
	 * clock that has not moved since the last change (a fixed clock) the row would not
	 * differ, and Hibernate raises the version by force instead.
	 */
	void lockForChange(Meeting meeting) {
		if (meeting.changedAt(this.clock.instant())) {
			this.meetings.flush();
		}
		else {
			this.entityManager.lock(meeting, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
		}
	}

	/**
	 * The answer to a change with the version this transaction wrote. Read back from the
	 * row, which this transaction has locked: Hibernate raises the version in the
	 * database when a collection such as the invited changes but not always in the
	 * entity.
	 */
	<T> Versioned<T> written(Meeting meeting, T body) {
		this.meetings.flush();
		long version = this.jdbc.sql("select version from meeting where id = :id")
			.param("id", meeting.getId())
			.query(Long.class)
			.single();
		return new Versioned<>(body, version);
	}

	MeetingView view(Meeting meeting) {
		return new MeetingView(meeting.getId(), meeting.getUnitCode(),
				meeting.getStartsAt().atZone(DanishTime.ZONE).toOffsetDateTime(),
				meeting.endsAt().atZone(DanishTime.ZONE).toOffsetDateTime(), meeting.getDurationMinutes(),
				meeting.getLocation(), meeting.getState(), List.copyOf(meeting.getInvited()),
				meeting.getAgendaVersion(), meeting.getSequence());
	}

	String unitName(String unitCode) {
		return this.units.find(unitCode).map((unit) -> unit.name()).orElse(unitCode);
	}

	List<OrganisationDetails> invited(Meeting meeting) {
		return this.units.organisations(meeting.getInvited());
	}

	private AgendaRead readDraft(Access access) {
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(access.meeting().getId());
		return draftOf(access, current, briefsOf(current));
	}

	private static AgendaRead draftOf(Access access, List<AgendaItem> current, Map<UUID, CaseBrief> briefs) {
		return new AgendaRead(new AgendaView(access.meeting().getId(), 0, null, null,
				minimise(access, asPublished(current, briefs), briefs)), briefs);
	}

	static List<PublishedItem> asPublished(List<AgendaItem> items, Map<UUID, CaseBrief> briefs) {
		return items.stream()
			.map((item) -> new PublishedItem(item.getId(), item.getPosition(), item.getCaseId(),
					(item.getCaseId() != null) ? briefs.get(item.getCaseId()).caseNumber() : null, item.getReason(),
					item.getTitle(), item.getCaseId() != null && briefs.get(item.getCaseId()).urgent()))
			.toList();
	}

	/**
	 * Data minimisation: the secretariat sees every item whole; an invited organisation
	 * sees the items about cases it takes part in with the person's initials, and of
	 * other cases only the number and the reason.
	 */
	private static List<AgendaItemView> minimise(Access access, List<PublishedItem> items,
			Map<UUID, CaseBrief> briefs) {
		return items.stream().map((item) -> {
			String reasonText = AgendaTexts.reason(item.reason());
			if (item.caseId() == null) {
				return new AgendaItemView(item.id(), item.position(), null, null, item.reason(), reasonText,
						item.title(), null, false);
			}
			CaseBrief brief = briefs.get(item.caseId());
			if (access.mayReadDetails(brief)) {
				return new AgendaItemView(item.id(), item.position(), item.caseId(), item.caseNumber(), item.reason(),
						reasonText, item.title(), (brief != null) ? brief.subjectInitials() : null, item.isUrgent());
			}
			return new AgendaItemView(item.id(), item.position(), null, item.caseNumber(), item.reason(), reasonText,
					"Sag " + item.caseNumber(), null, null);
		}).toList();
	}

	Map<UUID, CaseBrief> briefsOf(List<AgendaItem> items) {
		return this.caseAgenda.briefs(items.stream().map(AgendaItem::getCaseId).filter((id) -> id != null).toList());
	}

	/**
	 * The meeting for a change by its secretariat: the ETag must match and the meeting be
	 * open; the row is then locked for the change.
	 */
	Access requireChangeable(UUID meetingId, String ifMatch, CurrentUser user) {
		Access access = requireSecretariat(meetingId, user);
		ETags.requireMatch(ifMatch, access.meeting().getVersion(), "the meeting and its agenda");
		requireOpen(access.meeting());
		lockForChange(access.meeting());
		return access;
	}

	private static Meeting requireOpen(Meeting meeting) {
		if (!meeting.isOpenForChanges()) {
			throw Problems.of(HttpStatus.CONFLICT, "The meeting is " + meeting.getState() + "; it no longer changes.");
		}
		return meeting;
	}

	Map<UUID, CaseBrief> caseBriefs(List<UUID> caseIds) {
		return this.caseAgenda.briefs(caseIds);
	}

	private void requireOrganisations(Set<String> codes) {
		requireOrganisations(codes, "invited");
	}

	void requireOrganisations(Set<String> codes, String field) {
		Set<String> known = new LinkedHashSet<>();
		this.units.organisations(codes).forEach((organisation) -> known.add(organisation.code()));
		codes.stream().filter((code) -> !known.contains(code)).findFirst().ifPresent((code) -> {
			throw new InvalidFieldException("invited", "no organisation with code " + code);
		});
	}

	private static RuntimeException notFound(UUID meetingId) {
		return Problems.notFound("No meeting " + meetingId + " that you have access to.");
	}

}
