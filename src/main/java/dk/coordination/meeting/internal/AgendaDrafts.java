package dk.coordination.meeting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.casework.AgendaCandidate;
import dk.coordination.casework.AgendaReason;
import dk.coordination.casework.CaseAgenda;
import dk.coordination.casework.CaseBrief;
import dk.coordination.meeting.internal.MeetingService.Access;
import dk.coordination.meeting.internal.MeetingViews.AgendaView;
import dk.coordination.meeting.internal.MeetingViews.PublishedItem;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.DanishTime;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;

/**
 * The secretariat's work on a meeting's agenda: the proposal from the state of the unit's
 * cases, adding, removing and reordering items, and publishing numbered, frozen versions.
 * Every edit is a change of the meeting ({@link MeetingService#requireChangeable}) and
 * answers the agenda through {@link MeetingService}, where reading it is logged.
 */
@Service
@Transactional
class AgendaDrafts {

	private final MeetingService meetings;

	private final MeetingRepository meetingRepository;

	private final AgendaItemRepository items;

	private final CaseAgenda caseAgenda;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	AgendaDrafts(MeetingService meetings, MeetingRepository meetingRepository, AgendaItemRepository items,
			CaseAgenda caseAgenda, JdbcClient jdbc, JsonMapper json, ApplicationEventPublisher events, Clock clock) {
		this.meetings = meetings;
		this.meetingRepository = meetingRepository;
		this.items = items;
		this.caseAgenda = caseAgenda;
		this.jdbc = jdbc;
		this.json = json;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Drafts the agenda from the state of the unit's cases. Items already on the draft
	 * (and free items) stay; a case is never on it twice. New urgent cases go ahead of
	 * the undecided items that are not urgent; the others are appended.
	 */
	Versioned<AgendaView> propose(UUID meetingId, String ifMatch, String purpose, CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = new ArrayList<>(this.items.findByMeetingIdOrderByPosition(meetingId));
		LocalDate meetingDate = meeting.getStartsAt().atZone(DanishTime.ZONE).toLocalDate();
		List<AgendaCandidate> candidates = this.caseAgenda.candidatesFor(meeting.getUnitCode(), meetingDate);
		// one look-up of the briefs, for the draft's cases and the candidates alike: the
		// draft is shown from them afterwards instead of being read back
		Map<UUID, CaseBrief> briefs = this.caseAgenda.briefs(Stream
			.concat(current.stream().map(AgendaItem::getCaseId), candidates.stream().map(AgendaCandidate::caseId))
			.filter((id) -> id != null)
			.distinct()
			.toList());
		Set<UUID> onAgenda = current.stream().map(AgendaItem::getCaseId).collect(Collectors.toCollection(HashSet::new));
		// everything up to the last urgent or decided item stays where it is: decided
		// items may not move, and earlier urgent ones keep their lead
		int urgentAt = 0;
		for (int i = 0; i < current.size(); i++) {
			AgendaItem item = current.get(i);
			if (item.isDecided() || (item.getCaseId() != null && briefs.get(item.getCaseId()).urgent())) {
				urgentAt = i + 1;
			}
		}
		List<AgendaItem> added = new ArrayList<>();
		for (AgendaCandidate candidate : candidates) {
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
		return this.meetings.written(meeting, this.meetings.shownDraft(access, current, briefs, purpose));
	}

	Versioned<AgendaView> addItem(UUID meetingId, UUID caseId, String title, String ifMatch, String purpose,
			CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
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
		return this.meetings.written(meeting, this.meetings.shownDraft(access, purpose));
	}

	/**
	 * Takes an undecided item off the draft. A decided item stays, and so does its place:
	 * an item before a decided one cannot go, since the decided one would move up.
	 */
	Versioned<AgendaView> removeItem(UUID meetingId, UUID itemId, String ifMatch, String purpose, CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
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
		return this.meetings.written(meeting, this.meetings.shownDraft(access, purpose));
	}

	Versioned<AgendaView> reorder(UUID meetingId, List<UUID> itemIds, String ifMatch, String purpose,
			CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
		return reordered(access, this.items.findByMeetingIdOrderByPosition(meetingId), itemIds, purpose);
	}

	/**
	 * Moves one item a place up ({@code step} -1) or down (+1), as the pages' buttons do;
	 * the first item stays first and the last last. The same rules as {@link #reorder}.
	 */
	Versioned<AgendaView> move(UUID meetingId, UUID itemId, int step, String ifMatch, String purpose,
			CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		List<UUID> order = new ArrayList<>(current.stream().map(AgendaItem::getId).toList());
		int at = order.indexOf(itemId);
		if (at < 0) {
			throw Problems.notFound("No item " + itemId + " on this agenda.");
		}
		order.add(Math.max(0, Math.min(order.size() - 1, at + step)), order.remove(at));
		return reordered(access, current, order, purpose);
	}

	private Versioned<AgendaView> reordered(Access access, List<AgendaItem> current, List<UUID> itemIds,
			String purpose) {
		Meeting meeting = access.meeting();
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
		return this.meetings.written(meeting, this.meetings.shownDraft(access, purpose));
	}

	/** Freezes the working agenda as the next numbered version and announces it. */
	Versioned<AgendaView> publish(UUID meetingId, String ifMatch, String purpose, CurrentUser user) {
		Access access = this.meetings.requireChangeable(meetingId, ifMatch, user);
		Meeting meeting = access.meeting();
		List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
		List<PublishedItem> frozen = MeetingService.asPublished(current, this.meetings.briefsOf(current));
		Instant now = this.clock.instant();
		int version = meeting.publishAgenda();
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
		this.meetingRepository.flush();
		this.events.publishEvent(new MeetingAnnouncement(meetingId, MeetingAnnouncement.Kind.AGENDA_PUBLISHED));
		return this.meetings.written(meeting, this.meetings.shownVersion(access, version, purpose));
	}

	private static void renumber(List<AgendaItem> ordered) {
		for (int i = 0; i < ordered.size(); i++) {
			ordered.get(i).moveTo(i + 1);
		}
	}

}
