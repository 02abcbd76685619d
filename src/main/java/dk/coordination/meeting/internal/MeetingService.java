package dk.coordination.meeting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.AgendaCandidate;
import dk.coordination.casework.AgendaReason;
import dk.coordination.casework.CaseAgenda;
import dk.coordination.casework.CaseBrief;
import dk.coordination.meeting.internal.MeetingViews.AgendaItemView;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.meeting.internal.MeetingViews.MeetingView;
import dk.coordination.meeting.internal.MeetingViews.PublishedItem;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.security.CurrentUser;
import dk.coordination.security.Role;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;
import dk.coordination.web.DanishTime;

/**
 * Convening meetings and drafting, editing and publishing their agendas. The secretariat
 * of the meeting's unit does all of it; staff of invited organisations see the meeting
 * and its published agenda, minimised to what they may know.
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
		String organisation = isStaff(user) ? user.organisation() : "";
		return this.meetings.findVisible(unitCode, from, to, secretariat, organisation)
			.stream()
			.map(this::view)
			.toList();
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
				isStaff(user) && meeting.getInvited().contains(user.organisation()));
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
		if (meeting.reschedule(startsAt, durationMinutes, location, invited, this.clock.instant())) {
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
		meeting.cancel(this.clock.instant());
		this.meetings.flush();
		if (meeting.getAgendaVersion() > 0) {
			this.events.publishEvent(new MeetingAnnouncement(meeting.getId(), MeetingAnnouncement.Kind.CANCELLED));
		}
		return written(meeting, view(meeting));
	}

	/**
	 * Drafts the agenda from the state of the unit's cases. Items already on the draft
	 * (and free items) stay; a case is never on it twice. New urgent cases go ahead of
	 * the undecided items that are not urgent; the others are appended.
	 */
	Versioned<AgendaView> propose(UUID meetingId, String ifMatch, String purpose, CurrentUser user) {
		Access access = requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = new ArrayList<>(this.items.findByMeetingIdOrderByPosition(meetingId));
		Map<UUID, CaseBrief> briefs = briefsOf(current);
		Set<UUID> onAgenda = current.stream().map(AgendaItem::getCaseId).collect(Collectors.toCollection(HashSet::new));
		// everything up to the last urgent or decided item stays where it is: decided
		// items
		// may not move, and earlier urgent ones keep their lead
		int urgentAt = 0;
		for (int i = 0; i < current.size(); i++) {
			AgendaItem item = current.get(i);
			if (item.isDecided() || (item.getCaseId() != null && briefs.get(item.getCaseId()).urgent())) {
				urgentAt = i + 1;
			}
		}
		LocalDate meetingDate = meeting.getStartsAt().atZone(DanishTime.ZONE).toLocalDate();
		List<AgendaItem> added = new ArrayList<>();
		for (AgendaCandidate candidate : this.caseAgenda.candidatesFor(meeting.getUnitCode(), meetingDate)) {
			if (onAgenda.add(candidate.caseId())) {
				AgendaReason reason = candidate.reasons().get(0);
				AgendaItem item = this.items
					.save(AgendaItem.of(meetingId, current.size() + added.size() + 1, candidate.caseId(), reason.name(),
							"Sag " + candidate.caseNumber() + ": " + AgendaTexts.reason(reason.name()),
							this.clock.instant()));
				if (candidate.urgent()) {
					current.add(urgentAt++, item);
				}
				else {
					added.add(item);
				}
			}
		}
		current.addAll(added);
		renumber(current);
		agendaEdited(meeting);
		return written(meeting, agenda(readDraft(access), purpose));
	}

	Versioned<AgendaView> addItem(UUID meetingId, UUID caseId, String title, String ifMatch, String purpose,
			CurrentUser user) {
		Access access = requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		String reason = AgendaItem.FREE;
		String itemTitle = title;
		if (caseId != null) {
			CaseBrief brief = this.caseAgenda.briefs(List.of(caseId)).get(caseId);
			if (brief == null || !brief.unitCode().equals(meeting.getUnitCode())) {
				throw new InvalidFieldException("caseId", "no case " + caseId + " in unit " + meeting.getUnitCode());
			}
			if (current.stream().anyMatch((item) -> caseId.equals(item.getCaseId()))) {
				throw Problems.of(HttpStatus.CONFLICT, "Case " + brief.caseNumber() + " is already on the agenda.");
			}
			reason = "SECRETARIAT";
			itemTitle = (title != null) ? title : "Sag " + brief.caseNumber();
		}
		else if (title == null) {
			throw new InvalidFieldException("title", "a free item needs a title");
		}
		this.items.save(AgendaItem.of(meetingId, current.size() + 1, caseId, reason, itemTitle, this.clock.instant()));
		agendaEdited(meeting);
		return written(meeting, agenda(readDraft(access), purpose));
	}

	/**
	 * Takes an undecided item off the draft. A decided item stays, and so does its place:
	 * an item before a decided one cannot go, since the decided one would move up.
	 */
	Versioned<AgendaView> removeItem(UUID meetingId, UUID itemId, String ifMatch, String purpose, CurrentUser user) {
		Access access = requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = new ArrayList<>(this.items.findByMeetingIdOrderByPosition(meetingId));
		AgendaItem removed = current.stream()
			.filter((item) -> item.getId().equals(itemId))
			.findFirst()
			.orElseThrow(() -> Problems.notFound("No item " + itemId + " on this agenda."));
		if (removed.isDecided()) {
			throw Problems.of(HttpStatus.CONFLICT, removed.decidedStaysPut());
		}
		current.stream()
			.filter((item) -> item.isDecided() && item.getPosition() > removed.getPosition())
			.findFirst()
			.ifPresent((decided) -> {
				throw Problems.of(HttpStatus.CONFLICT,
						"Removing item " + removed.getPosition() + " would move item " + decided.decidedStaysPutTail());
			});
		current.remove(removed);
		this.items.delete(removed);
		renumber(current);
		agendaEdited(meeting);
		return written(meeting, agenda(readDraft(access), purpose));
	}

	Versioned<AgendaView> reorder(UUID meetingId, List<UUID> itemIds, String ifMatch, String purpose,
			CurrentUser user) {
		Access access = requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		Map<UUID, AgendaItem> byId = current.stream().collect(Collectors.toMap(AgendaItem::getId, (item) -> item));
		if (itemIds.size() != current.size() || !byId.keySet().equals(new HashSet<>(itemIds))) {
			throw new InvalidFieldException("itemIds", "must list every item of the agenda exactly once");
		}
		for (int i = 0; i < itemIds.size(); i++) {
			AgendaItem item = byId.get(itemIds.get(i));
			if (item.isDecided() && item.getPosition() != i + 1) {
				throw Problems.of(HttpStatus.CONFLICT, item.decidedStaysPut());
			}
		}
		renumber(itemIds.stream().map(byId::get).toList());
		agendaEdited(meeting);
		return written(meeting, agenda(readDraft(access), purpose));
	}

	/** Freezes the working agenda as the next numbered version and announces it. */
	Versioned<AgendaView> publish(UUID meetingId, String ifMatch, String purpose, CurrentUser user) {
		Access access = requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		List<PublishedItem> frozen = asPublished(current, briefsOf(current));
		Instant now = this.clock.instant();
		int version = meeting.publishAgenda(now);
		this.jdbc.sql("""
				insert into published_agenda (meeting_id, version, published_at, published_by, items)
				values (:meeting, :version, :at, :by, cast(:items as jsonb))
				""")
			.param("meeting", meetingId)
			.param("version", version)
			.param("at", java.sql.Timestamp.from(now))
			.param("by", user.username())
			.param("items", this.json.writeValueAsString(frozen))
			.update();
		this.meetings.flush();
		this.events.publishEvent(new MeetingAnnouncement(meetingId, MeetingAnnouncement.Kind.AGENDA_PUBLISHED));
		return written(meeting, agenda(read(access, version), purpose));
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
	 * Marks an agenda edit on the meeting (its version grows by {@link #lockForChange}).
	 */
	void agendaEdited(Meeting meeting) {
		meeting.agendaEdited(this.clock.instant());
		this.meetings.flush();
	}

	/**
	 * Every change of a meeting or its agenda starts here, once its ETag matched: the row
	 * is locked and its version raised at once. So concurrent changes queue instead of
	 * both passing the ETag check, and the version grows even when nothing in the meeting
	 * row itself differs (an edit of its items, an instant that did not move on a fixed
	 * clock).
	 */
	void lockForChange(Meeting meeting) {
		this.entityManager.lock(meeting, LockModeType.PESSIMISTIC_FORCE_INCREMENT);
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
		Map<UUID, CaseBrief> briefs = briefsOf(current);
		return new AgendaRead(new AgendaView(access.meeting().getId(), 0, null, null,
				minimise(access, asPublished(current, briefs), briefs)), briefs);
	}

	private static List<PublishedItem> asPublished(List<AgendaItem> items, Map<UUID, CaseBrief> briefs) {
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

	private Access requireChangeable(UUID meetingId, String ifMatch, CurrentUser user) {
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

	private static void renumber(List<AgendaItem> ordered) {
		for (int i = 0; i < ordered.size(); i++) {
			ordered.get(i).moveTo(i + 1);
		}
	}

	private static boolean isStaff(CurrentUser user) {
		return user.organisation() != null && user.hasAnyRole(Role.SECRETARIAT_STAFF, Role.LIAISON, Role.CASEWORKER);
	}

	private static RuntimeException notFound(UUID meetingId) {
		return Problems.notFound("No meeting " + meetingId + " that you have access to.");
	}

}
