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
	}

	/**
	 * Records the minutes of an item and applies its decision. The whole decision commits
	 * together or not at all; every revision it writes names the meeting and the item.
	 */
	MinutesItem decide(UUID meetingId, UUID itemId, String minutes, CaseDecision decision, CurrentUser user) {
		Access access = this.meetings.requireSecretariat(meetingId, user);
		Meeting meeting = access.meeting();
		if (meeting.getState() != MeetingState.AGENDA_PUBLISHED) {
			throw Problems.of(HttpStatus.CONFLICT,
					"Decisions are recorded on a meeting with a published agenda; this one is " + meeting.getState()
							+ ".");
		}
		AgendaItem item = this.items.findById(itemId)
			.filter((found) -> found.getMeetingId().equals(meetingId))
			.orElseThrow(() -> Problems.notFound("No item " + itemId + " on this meeting's agenda."));
		if (item.isDecided()) {
			throw Problems.of(HttpStatus.CONFLICT, "Item " + item.getPosition() + " already has its decision.");
		}
		boolean decidesCase = decision.transition() != null || !decision.participants().isEmpty()
				|| !decision.tasks().isEmpty() || decision.nextFollowUp() != null;
		if (item.getCaseId() == null && decidesCase) {
			throw new InvalidFieldException("transition", "a free item records minutes only; it is about no case");
		}
		String source = "Møde " + meeting.getStartsAt().atZone(DanishTime.ZONE).format(DANISH_DATE) + ", punkt "
				+ item.getPosition() + " (" + meetingId + ")";
		return ChangeSource.during(source, () -> this.transactions.execute((status) -> {
			AgendaItem managed = this.items.findById(itemId).orElseThrow();
			managed.recordDecision(minutes, user.username(), this.clock.instant());
			if (managed.getCaseId() != null) {
				this.decisions.apply(managed.getCaseId(), decision,
						AgendaReason.REVIEW_DUE.name().equals(managed.getReason()), user);
			}
			this.meetingRepository.findById(meetingId).orElseThrow().agendaEdited(this.clock.instant());
			this.items.flush();
			return toMinutesItem(managed, this.meetings.briefsOf(List.of(managed)));
		}));
	}

	MinutesView attendance(UUID meetingId, Set<Meeting.Attendee> attendees, String ifMatch, CurrentUser user) {
		return this.transactions.execute((status) -> {
			Meeting meeting = requireOpen(meetingId, ifMatch, user);
			this.meetings.requireOrganisations(
					attendees.stream().map(Meeting.Attendee::organisation).collect(java.util.stream.Collectors.toSet()),
					"attendees");
			meeting.attendedBy(attendees, this.clock.instant());
			this.meetingRepository.flush();
			return minutes(this.meetings.requireVisible(meetingId, user));
		});
	}

	/** Freezes the minutes as they stand and marks the meeting HELD. */
	MinutesView approve(UUID meetingId, String ifMatch, CurrentUser user) {
		return this.transactions.execute((status) -> {
			Meeting meeting = requireOpen(meetingId, ifMatch, user);
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
			meeting.held(now);
			this.meetingRepository.flush();
			return minutes(this.meetings.requireVisible(meetingId, user));
		});
	}

	/**
	 * Reads the minutes; each case item whose minutes the reader sees is a logged read.
	 */
	MinutesView readMinutes(Access access, String purpose) {
		return this.transactions.execute((status) -> {
			MinutesRead read = read(access);
			this.accessLog.recordAll(read.view()
				.items()
				.stream()
				.filter((item) -> item.caseId() != null && item.minutes() != null)
				.map((item) -> new PersonalDataRead(item.caseId(), read.briefs().get(item.caseId()).subjectKey(),
						"MEETING_MINUTES", purpose))
				.toList());
			return read.view();
		});
	}

	/**
	 * The minutes as this reader may see them: approved (frozen) ones for everyone
	 * invited, the working record for the secretariat before approval. Items about cases
	 * the reader's organisation does not take part in show only the case number.
	 */
	MinutesView minutes(Access access) {
		return read(access).view();
	}

	/** Minutes as shown, with the briefs they were minimised by (one query for both). */
	private record MinutesRead(MinutesView view, Map<UUID, CaseBrief> briefs) {
	}

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

	private Meeting requireOpen(UUID meetingId, String ifMatch, CurrentUser user) {
		Meeting meeting = this.meetings.requireSecretariat(meetingId, user).meeting();
		ETags.requireMatch(ifMatch, meeting.getVersion(), "the meeting");
		if (!meeting.isOpenForChanges()) {
			throw Problems.of(HttpStatus.CONFLICT, "The meeting is " + meeting.getState() + "; its record is frozen.");
		}
		return this.meetingRepository.findById(meetingId).orElseThrow();
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
