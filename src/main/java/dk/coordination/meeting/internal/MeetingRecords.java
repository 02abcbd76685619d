package dk.coordination.meeting.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.ChangeSource;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.AgendaReason;
import dk.coordination.casework.CaseBrief;
import dk.coordination.casework.CaseDecision;
import dk.coordination.casework.CaseDecisions;
import dk.coordination.meeting.MeetingState;
import dk.coordination.meeting.internal.MeetingService.Access;
import dk.coordination.security.CurrentUser;
import dk.coordination.web.ETags;
import dk.coordination.web.InvalidFieldException;
import dk.coordination.web.Problems;
import dk.coordination.web.DanishTime;

/**
 * What happens at and after the meeting: decisions on agenda items (applied to the cases
 * in one transaction, each change marked in the case history as coming from the meeting),
 * who attended, and approving the minutes, which freezes them and makes the meeting HELD.
 */
@Service
class MeetingRecords {

	private static final DateTimeFormatter DANISH_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy",
			Locale.forLanguageTag("da-DK"));

	private final MeetingService meetings;

	private final AgendaItemRepository items;

	private final MeetingRepository meetingRepository;

	private final CaseDecisions decisions;

	private final JdbcClient jdbc;

	private final JsonMapper json;

	private final TransactionTemplate transactions;

	private final TransactionTemplate readSnapshots;

	private final AccessLog accessLog;

	private final Clock clock;

	MeetingRecords(MeetingService meetings, AgendaItemRepository items, MeetingRepository meetingRepository,
			CaseDecisions decisions, JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactionManager,
			AccessLog accessLog, Clock clock) {
		this.clock = clock;
		this.accessLog = accessLog;
		this.meetings = meetings;
		this.items = items;
		this.meetingRepository = meetingRepository;
		this.decisions = decisions;
		this.jdbc = jdbc;
		this.json = json;
		this.transactions = new TransactionTemplate(transactionManager);
		this.readSnapshots = new TransactionTemplate(transactionManager);
		this.readSnapshots.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
	}

	/**
	 * Records the minutes of an item and applies its decision. The whole decision commits
	 * together or not at all; every revision it writes names the meeting and the item.
	 * Only an item of the latest published version is decided: the invited prepared for
	 * that agenda, not for items added since.
	 */
	Versioned<MinutesItem> decide(UUID meetingId, UUID itemId, String minutes, CaseDecision decision, String ifMatch,
			String purpose, CurrentUser user) {
		// the source names the item's place, so the checks run once before the
		// transaction to find it, and again inside it, where they count
		String source = this.transactions.execute((status) -> {
			Access access = this.meetings.requireSecretariat(meetingId, user);
			AgendaItem item = requireDecidable(access.meeting(), itemId, decision, ifMatch);
			return "Møde " + access.meeting().getStartsAt().atZone(DanishTime.ZONE).format(DANISH_DATE) + ", punkt "
					+ item.getPosition() + " (" + meetingId + ")";
		});
		return ChangeSource.during(source, () -> this.transactions.execute((status) -> {
			Access access = this.meetings.requireSecretariat(meetingId, user);
			Meeting meeting = access.meeting();
			AgendaItem item = requireDecidable(meeting, itemId, decision, ifMatch);
			this.meetings.lockForChange(meeting);
			item.recordDecision(minutes, user.username(), this.clock.instant());
			if (item.getCaseId() != null) {
				this.decisions.apply(item.getCaseId(), decision,
						AgendaReason.REVIEW_DUE.name().equals(item.getReason()), user);
			}
			this.items.flush();
			Map<UUID, CaseBrief> briefs = this.meetings.briefsOf(List.of(item));
			MinutesView shown = shown(new MinutesRead(
					new MinutesView(meetingId, false, null, null, List.of(), List.of(toMinutesItem(item, briefs))),
					briefs), purpose);
			return this.meetings.written(meeting, shown.items().get(0));
		}));
	}

	private AgendaItem requireDecidable(Meeting meeting, UUID itemId, CaseDecision decision, String ifMatch) {
		ETags.requireMatch(ifMatch, meeting.getVersion(), "the meeting and its agenda");
		if (meeting.getState() != MeetingState.AGENDA_PUBLISHED) {
			throw Problems.of(HttpStatus.CONFLICT,
					"Decisions are recorded on a meeting with a published agenda; this one is " + meeting.getState()
							+ ".");
		}
		AgendaItem item = this.items.findById(itemId)
			.filter((found) -> found.getMeetingId().equals(meeting.getId()))
			.orElseThrow(() -> Problems.notFound("No item " + itemId + " on this meeting's agenda."));
		if (item.isDecided()) {
			throw Problems.of(HttpStatus.CONFLICT, "Item " + item.getPosition() + " already has its decision.");
		}
		if (this.meetings.latestPublished(meeting).stream().noneMatch((published) -> published.id().equals(itemId))) {
			throw Problems.of(HttpStatus.CONFLICT,
					"Item " + item.getPosition() + " (\"" + item.getTitle() + "\") was added after version "
							+ meeting.getAgendaVersion()
							+ " of the agenda was published; publish a new version before recording its decision.");
		}
		boolean decidesCase = decision.transition() != null || !decision.participants().isEmpty()
				|| !decision.tasks().isEmpty() || decision.nextFollowUp() != null;
		if (item.getCaseId() == null && decidesCase) {
			throw new InvalidFieldException("transition", "a free item records minutes only; it is about no case");
		}
		return item;
	}

	Versioned<MinutesView> attendance(UUID meetingId, Set<Meeting.Attendee> attendees, String ifMatch, String purpose,
			CurrentUser user) {
		return this.transactions.execute((status) -> {
			Access access = requireOpen(meetingId, ifMatch, user);
			Meeting meeting = access.meeting();
			this.meetings.requireOrganisations(
					attendees.stream().map(Meeting.Attendee::organisation).collect(java.util.stream.Collectors.toSet()),
					"attendees");
			meeting.attendedBy(attendees);
			this.meetingRepository.flush();
			return this.meetings.written(meeting, shown(read(access), purpose));
		});
	}

	/** Freezes the minutes as they stand and marks the meeting HELD. */
	Versioned<MinutesView> approve(UUID meetingId, String ifMatch, String purpose, CurrentUser user) {
		return this.transactions.execute((status) -> {
			Access access = requireOpen(meetingId, ifMatch, user);
			Meeting meeting = access.meeting();
			if (meeting.getState() != MeetingState.AGENDA_PUBLISHED) {
				throw Problems.of(HttpStatus.CONFLICT,
						"Only the minutes of a meeting with a published agenda are approved.");
			}
			List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meetingId);
			Map<UUID, CaseBrief> briefs = this.meetings.briefsOf(current);
			Instant now = this.clock.instant();
			FrozenMinutes frozen = new FrozenMinutes(List.copyOf(meeting.getAttendees()),
					current.stream().map((item) -> toMinutesItem(item, briefs)).toList());
			this.jdbc.sql("""
					insert into approved_minutes (meeting_id, approved_at, approved_by, content)
					values (:meeting, :at, :by, cast(:content as jsonb))
					""")
				.param("meeting", meetingId)
				.param("at", Timestamp.from(now))
				.param("by", user.username())
				.param("content", this.json.writeValueAsString(frozen))
				.update();
			meeting.held();
			this.meetingRepository.flush();
			return this.meetings.written(meeting, shown(read(access), purpose));
		});
	}

	/**
	 * Reads the minutes with the meeting's version, from one snapshot (repeatable read).
	 */
	Versioned<MinutesView> readMinutes(UUID meetingId, String purpose, CurrentUser user) {
		return this.readSnapshots.execute((status) -> {
			Access access = this.meetings.requireVisible(meetingId, user);
			return Versioned.of(access.meeting(), shown(read(access), purpose));
		});
	}

	/**
	 * Every minutes this service answers with pass here, so whether it is a logged read
	 * is decided once: each case item whose minutes the reader sees is a read of that
	 * person's case, whether the answer is to a GET or to a decision, attendance or
	 * approval.
	 */
	private MinutesView shown(MinutesRead read, String purpose) {
		this.accessLog.recordAll(read.view()
			.items()
			.stream()
			.filter((item) -> item.caseId() != null && item.minutes() != null)
			.map((item) -> new PersonalDataRead(item.caseId(), read.briefs().get(item.caseId()).subjectKey(),
					"MEETING_MINUTES", purpose))
			.toList());
		return read.view();
	}

	/** Minutes as shown, with the briefs they were minimised by (one query for both). */
	private record MinutesRead(MinutesView view, Map<UUID, CaseBrief> briefs) {
	}

	/**
	 * The minutes as this reader may see them: approved (frozen) ones for everyone
	 * invited, the working record for the secretariat before approval. Items about cases
	 * the reader's organisation does not take part in show only the case number.
	 */
	private MinutesRead read(Access access) {
		Meeting meeting = access.meeting();
		List<ApprovedRow> approved = this.jdbc.sql(
				"select approved_at, approved_by, content::text as content from approved_minutes where meeting_id = :id")
			.param("id", meeting.getId())
			.query((rs, row) -> new ApprovedRow(rs.getTimestamp("approved_at").toInstant(), rs.getString("approved_by"),
					this.json.readValue(rs.getString("content"), FrozenMinutes.class)))
			.list();
		if (approved.isEmpty()) {
			if (!access.secretariat()) {
				throw Problems.notFound("The minutes of this meeting are not approved yet.");
			}
			List<AgendaItem> current = this.items.findByMeetingIdOrderByPosition(meeting.getId());
			Map<UUID, CaseBrief> briefs = this.meetings.briefsOf(current);
			return new MinutesRead(
					new MinutesView(meeting.getId(), false, null, null, List.copyOf(meeting.getAttendees()),
							current.stream().map((item) -> toMinutesItem(item, briefs)).toList()),
					briefs);
		}
		ApprovedRow row = approved.get(0);
		Map<UUID, CaseBrief> briefs = this.meetings
			.caseBriefs(row.content().items().stream().map(MinutesItem::caseId).filter((id) -> id != null).toList());
		List<MinutesItem> visible = row.content()
			.items()
			.stream()
			.map((item) -> (item.caseId() == null || access.mayReadDetails(briefs.get(item.caseId()))) ? item
					: new MinutesItem(item.itemId(), item.position(), null, item.caseNumber(),
							"Sag " + item.caseNumber(), item.reasonText(), null, item.decidedAt()))
			.toList();
		return new MinutesRead(new MinutesView(meeting.getId(), true, row.approvedAt(),
				access.secretariat() ? row.approvedBy() : null, row.content().attendees(), visible), briefs);
	}

	private Access requireOpen(UUID meetingId, String ifMatch, CurrentUser user) {
		Access access = this.meetings.requireSecretariat(meetingId, user);
		Meeting meeting = access.meeting();
		ETags.requireMatch(ifMatch, meeting.getVersion(), "the meeting");
		if (!meeting.isOpenForChanges()) {
			throw Problems.of(HttpStatus.CONFLICT, "The meeting is " + meeting.getState() + "; its record is frozen.");
		}
		this.meetings.lockForChange(meeting);
		return access;
	}

	private static MinutesItem toMinutesItem(AgendaItem item, Map<UUID, CaseBrief> briefs) {
		CaseBrief brief = (item.getCaseId() != null) ? briefs.get(item.getCaseId()) : null;
		return new MinutesItem(item.getId(), item.getPosition(), item.getCaseId(),
				(brief != null) ? brief.caseNumber() : null, item.getTitle(), AgendaTexts.reason(item.getReason()),
				item.getMinutes(), item.getDecidedAt());
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record MinutesView(UUID meetingId, boolean approved, Instant approvedAt, String approvedBy,
			List<Meeting.Attendee> attendees, List<MinutesItem> items) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record MinutesItem(UUID itemId, int position, UUID caseId, String caseNumber, String title, String reasonText,
			String minutes, Instant decidedAt) {
	}

	record FrozenMinutes(List<Meeting.Attendee> attendees, List<MinutesItem> items) {
	}

	private record ApprovedRow(Instant approvedAt, String approvedBy, FrozenMinutes content) {
	}

}
