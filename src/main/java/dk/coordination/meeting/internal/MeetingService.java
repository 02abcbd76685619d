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

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

	MeetingService(MeetingRepository meetings, AgendaItemRepository items, CoordinationUnits units,
			CaseAgenda caseAgenda, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events,
			AccessLog accessLog, Clock clock) {
		this.clock = clock;
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

	MeetingView plan(String unitCode, Instant startsAt, int durationMinutes, String location, Set<String> invited,
			CurrentUser user) {
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
		return view(meeting);
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

	MeetingView reschedule(UUID meetingId, Instant startsAt, Integer durationMinutes, String location,
			Set<String> invited, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
		if (invited != null) {
			requireOrganisations(invited);
		}
		if (meeting.reschedule(startsAt, durationMinutes, location, invited, this.clock.instant())) {
			this.meetings.flush();
			if (meeting.getAgendaVersion() > 0) {
				this.events.publishEvent(new MeetingAnnouncement(meeting.getId(), MeetingAnnouncement.Kind.CHANGED));
			}
		}
		return view(meeting);
	}

	/**
	 * Calls the meeting off; if the invited have an invitation, they get its
	 * cancellation.
	 */
	MeetingView cancel(UUID meetingId, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
		meeting.cancel(this.clock.instant());
		this.meetings.flush();
		if (meeting.getAgendaVersion() > 0) {
			this.events.publishEvent(new MeetingAnnouncement(meeting.getId(), MeetingAnnouncement.Kind.CANCELLED));
		}
		return view(meeting);
	}

	/**
	 * Drafts the agenda from the state of the unit's cases. Items already on the draft
	 * (and free items) stay; a case is never on it twice.
	 */
	AgendaView propose(UUID meetingId, CurrentUser user) {
		Access access = requireSecretariat(meetingId, user);
		Meeting meeting = requireOpen(access.meeting());
		List<AgendaItem> current = new ArrayList<>(this.items.findByMeetingIdOrderByPosition(meetingId));
		Set<UUID> onAgenda = current.stream().map(AgendaItem::getCaseId).collect(Collectors.toCollection(HashSet::new));
		LocalDate meetingDate = meeting.getStartsAt().atZone(DanishTime.ZONE).toLocalDate();
		int position = current.size();
		for (AgendaCandidate candidate : this.caseAgenda.candidatesFor(meeting.getUnitCode(), meetingDate)) {
			if (onAgenda.add(candidate.caseId())) {
				AgendaReason reason = candidate.reasons().get(0);
				current.add(this.items.save(AgendaItem.of(meetingId, ++position, candidate.caseId(), reason.name(),
						"Sag " + candidate.caseNumber() + ": " + AgendaTexts.reason(reason.name()),
						this.clock.instant())));
			}
		}
		meeting.agendaEdited(this.clock.instant());
		this.meetings.flush();
		return draft(access);
	}

	AgendaView addItem(UUID meetingId, UUID caseId, String title, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
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
		meeting.agendaEdited(this.clock.instant());
		this.meetings.flush();
		return draft(requireVisible(meetingId, user));
	}

	AgendaView removeItem(UUID meetingId, UUID itemId, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
		List<AgendaItem> current = new ArrayList<>(this.items.findByMeetingIdOrderByPosition(meetingId));
		AgendaItem removed = current.stream()
			.filter((item) -> item.getId().equals(itemId))
			.findFirst()
			.orElseThrow(() -> Problems.notFound("No item " + itemId + " on this agenda."));
		current.remove(removed);
		this.items.delete(removed);
		renumber(current);
		meeting.agendaEdited(this.clock.instant());
		this.meetings.flush();
		return draft(requireVisible(meetingId, user));
	}

	AgendaView reorder(UUID meetingId, List<UUID> itemIds, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		Map<UUID, AgendaItem> byId = current.stream().collect(Collectors.toMap(AgendaItem::getId, (item) -> item));
		if (itemIds.size() != current.size() || !byId.keySet().equals(new HashSet<>(itemIds))) {
			throw new InvalidFieldException("itemIds", "must list every item of the agenda exactly once");
		}
		renumber(itemIds.stream().map(byId::get).toList());
		meeting.agendaEdited(this.clock.instant());
		this.meetings.flush();
		return draft(requireVisible(meetingId, user));
	}

	/** Freezes the working agenda as the next numbered version and announces it. */
	AgendaView publish(UUID meetingId, String ifMatch, CurrentUser user) {
		Meeting meeting = requireChangeable(meetingId, ifMatch, user);
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
		return agenda(requireVisible(meetingId, user), version, "Offentliggørelse af dagsorden");
	}

	/**
	 * The agenda as the caller may see it: the secretariat's working draft (version 0) or
	 * a published version; the invited see published versions only, the latest by
	 * default.
	 */
	AgendaView agenda(Access access, Integer requestedVersion, String purpose) {
		AgendaRead read = read(access, requestedVersion);
		// initials are personal data: each item that shows them is a read of that
		// person's case
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

	private AgendaView draft(Access access) {
		return readDraft(access).view();
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
					item.getTitle()))
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
						item.title(), null);
			}
			CaseBrief brief = briefs.get(item.caseId());
			if (access.mayReadDetails(brief)) {
				return new AgendaItemView(item.id(), item.position(), item.caseId(), item.caseNumber(), item.reason(),
						reasonText, item.title(), (brief != null) ? brief.subjectInitials() : null);
			}
			return new AgendaItemView(item.id(), item.position(), null, item.caseNumber(), item.reason(), reasonText,
					"Sag " + item.caseNumber(), null);
		}).toList();
	}

	Map<UUID, CaseBrief> briefsOf(List<AgendaItem> items) {
		return this.caseAgenda.briefs(items.stream().map(AgendaItem::getCaseId).filter((id) -> id != null).toList());
	}

	private Meeting requireChangeable(UUID meetingId, String ifMatch, CurrentUser user) {
		Meeting meeting = requireSecretariat(meetingId, user).meeting();
		ETags.requireMatch(ifMatch, meeting.getVersion(), "the meeting and its agenda");
		return requireOpen(meeting);
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
