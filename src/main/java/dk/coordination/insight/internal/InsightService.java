package dk.coordination.insight.internal;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.audit.AccessLog;
import dk.coordination.audit.PersonReads;
import dk.coordination.audit.PersonalDataRead;
import dk.coordination.casework.CaseInsight;
import dk.coordination.casework.HeldCase;
import dk.coordination.insight.internal.Insight.Authority;
import dk.coordination.meeting.CaseMeetings;
import dk.coordination.organisation.CoordinationUnits;
import dk.coordination.organisation.OrganisationDetails;
import dk.coordination.organisation.UnitDetails;
import dk.coordination.personaldata.CprNumber;
import dk.coordination.personaldata.CprProtector;
import dk.coordination.web.DanishFormat;
import dk.coordination.web.DanishTime;
import dk.coordination.web.InvalidFieldException;

/**
 * Puts the answer to a request for insight together, for the API and the page alike: the
 * cases from casework, their agenda items from meeting, the reads from the log,
 * authorities by name, coded values with their Danish words. The answer is a read of the
 * person's data and is logged as {@link PersonReads#INSIGHT}, one entry per case (one
 * without a case when there is none), in the same transaction.
 */
@Component
class InsightService {

	static final String PURPOSE = "Besvarelse af indsigtsanmodning";

	private final CprProtector cprProtector;

	private final CaseInsight cases;

	private final CaseMeetings meetings;

	private final PersonReads reads;

	private final AccessLog accessLog;

	private final CoordinationUnits units;

	private final MessageSource messages;

	InsightService(CprProtector cprProtector, CaseInsight cases, CaseMeetings meetings, PersonReads reads,
			AccessLog accessLog, CoordinationUnits units, MessageSource messages) {
		this.cprProtector = cprProtector;
		this.cases = cases;
		this.meetings = meetings;
		this.reads = reads;
		this.accessLog = accessLog;
		this.units = units;
		this.messages = messages;
	}

	/**
	 * The person a CPR number names, as the service looks them up: by keyed hashes only.
	 * @throws InvalidFieldException for a missing or malformed number
	 */
	Person person(String cpr) {
		if (cpr == null || cpr.isBlank()) {
			throw new InvalidFieldException("cpr", "is required: the CPR number of the person who asks, DDMMYY-SSSS");
		}
		CprNumber number;
		try {
			number = CprNumber.parse(cpr);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidFieldException("cpr", ex.getMessage());
		}
		return new Person(hashesOf(number), number.masked());
	}

	/**
	 * Every keyed hash the stored data may carry for the number. The one place that knows
	 * how a CPR number is looked up; when the keys rotate, it returns the hash under each
	 * key still in use.
	 */
	private List<String> hashesOf(CprNumber cpr) {
		return this.cprProtector.hashes(cpr);
	}

	@Transactional
	Insight insight(Person person, String purpose) {
		List<HeldCase> held = this.cases.casesOf(person.cprHashes());
		Map<UUID, List<CaseMeetings.AgendaEntry>> agendaItems = this.meetings
			.agendaItemsAbout(held.stream().map(HeldCase::caseId).toList())
			.stream()
			.collect(Collectors.groupingBy(CaseMeetings.AgendaEntry::caseId));
		List<PersonReads.LoggedRead> logged = this.reads.of(person.cprHashes());
		Names names = names(held, logged);

		Map<UUID, String> caseNumbers = held.stream().collect(Collectors.toMap(HeldCase::caseId, HeldCase::caseNumber));
		Map<UUID, List<Insight.Read>> readsByCase = logged.stream()
			.filter((read) -> read.caseId() != null && caseNumbers.containsKey(read.caseId()))
			.collect(Collectors.groupingBy(PersonReads.LoggedRead::caseId,
					Collectors.mapping((read) -> read(read, caseNumbers.get(read.caseId())), Collectors.toList())));
		List<Insight.Read> otherReads = logged.stream()
			.filter((read) -> read.caseId() == null || !caseNumbers.containsKey(read.caseId()))
			.map((read) -> read(read, null))
			.toList();
		List<Insight.Case> answered = held.stream()
			.map((one) -> answer(one, agendaItems.getOrDefault(one.caseId(), List.of()),
					readsByCase.getOrDefault(one.caseId(), List.of()), names))
			.toList();

		// the answer is logged only now, so it does not list itself
		if (held.isEmpty()) {
			this.accessLog.record(new PersonalDataRead(null, person.cprHashes().get(0), PersonReads.INSIGHT, purpose));
		}
		else {
			this.accessLog.recordAll(held.stream()
				.map((one) -> new PersonalDataRead(one.caseId(), one.subjectCprHash(), PersonReads.INSIGHT, purpose))
				.toList());
		}
		return new Insight(new Insight.Person(distinct(held.stream().map(HeldCase::cpr)),
				distinct(held.stream().flatMap((one) -> one.names().stream())),
				distinct(held.stream().flatMap((one) -> one.addresses().stream()))), answered, otherReads);
	}

	private Insight.Case answer(HeldCase held, List<CaseMeetings.AgendaEntry> items, List<Insight.Read> reads,
			Names names) {
		Authority unit = names.unit(held.unitCode());
		List<Insight.Disclosure> disclosures = new ArrayList<>();
		held.referrals()
			.forEach((referral) -> disclosures.add(new Insight.Disclosure(names.of(referral.organisation()), unit,
					referral.legalBasis(), label(referral.legalBasis()), text("insight.videregivelse.henvendelse"),
					null, referral.submittedAt(), null, null)));
		held.disclosures()
			.forEach((disclosure) -> disclosures.add(new Insight.Disclosure(names.of(disclosure.disclosedBy()),
					names.of(disclosure.organisation()), disclosure.legalBasis(), label(disclosure.legalBasis()),
					disclosure.purpose(), disclosure.usageRestriction(), disclosure.since(), disclosure.until(),
					disclosure.endReason())));
		disclosures.sort(Comparator.comparing(Insight.Disclosure::since));
		return new Insight.Case(held.caseNumber(), unit, held.openedAt(), held.status(), label(held.status()),
				held.closingReason(), label(held.closingReason()),
				new Insight.Subject(held.subjectName(), held.subjectAddress()),
				held.statusHistory()
					.stream()
					.map((status) -> new Insight.Status(status.at(), status.status(), label(status.status()),
							status.closingReason(), label(status.closingReason()), status.reason()))
					.toList(),
				held.referrals()
					.stream()
					.map((referral) -> new Insight.Referral(referral.submittedAt(), names.of(referral.organisation()),
							referral.category(), label(referral.category()), referral.concern(), referral.legalBasis(),
							label(referral.legalBasis()), referral.urgent(),
							new Insight.Subject(referral.subjectName(), referral.subjectAddress()), referral.feedback(),
							referral.feedbackAt()))
					.toList(),
				disclosures,
				held.tasks()
					.stream()
					.map((task) -> new Insight.Task(names.of(task.organisation()), task.description(), task.dueDate(),
							task.state(), label(task.state()), task.outcome(), task.givenAt(), task.updatedAt()))
					.toList(),
				held.statusReports()
					.stream()
					.map((report) -> new Insight.StatusReport(names.of(report.organisation()), report.involvement(),
							label(report.involvement()), report.text(), report.reportedAt()))
					.toList(),
				held.municipalNotes()
					.stream()
					.map((note) -> new Insight.Note(names.of(note.organisation()), note.text(), note.writtenAt()))
					.toList(),
				held.reviews()
					.stream()
					.map((review) -> new Insight.Review(review.dueDate(), review.state(),
							text("sag.review." + review.state()), review.outcome()))
					.toList(),
				items.stream()
					.map((item) -> new Insight.Meeting(item.meetingStartsAt(), item.meetingState(),
							text("moede.state." + item.meetingState()), item.position(), item.title(), item.decision(),
							item.decidedAt()))
					.toList(),
				reads);
	}

	private static Insight.Read read(PersonReads.LoggedRead read, String caseNumber) {
		return new Insight.Read(read.readAt().atZone(DanishTime.ZONE).toLocalDate(), read.readAt(),
				new Authority(read.organisationCode(), read.organisation()), read.purpose(), caseNumber);
	}

	/** The names of every organisation and unit the answer mentions, in one look-up. */
	private Names names(List<HeldCase> held, List<PersonReads.LoggedRead> logged) {
		Set<String> codes = new LinkedHashSet<>();
		for (HeldCase one : held) {
			one.referrals().forEach((referral) -> codes.add(referral.organisation()));
			one.disclosures().forEach((disclosure) -> {
				codes.add(disclosure.organisation());
				codes.add(disclosure.disclosedBy());
			});
			one.tasks().forEach((task) -> codes.add(task.organisation()));
			one.statusReports().forEach((report) -> codes.add(report.organisation()));
			one.municipalNotes().forEach((note) -> codes.add(note.organisation()));
		}
		Map<String, String> organisations = this.units.organisations(codes)
			.stream()
			.collect(Collectors.toMap(OrganisationDetails::code, OrganisationDetails::name));
		Map<String, String> units = held.stream()
			.map(HeldCase::unitCode)
			.distinct()
			.map(this.units::find)
			.flatMap(Optional::stream)
			.collect(Collectors.toMap(UnitDetails::code, UnitDetails::name));
		return new Names(organisations, units);
	}

	private String label(Enum<?> value) {
		return (value != null)
				? text("sag." + value.getDeclaringClass().getSimpleName().toLowerCase(Locale.ROOT) + "." + value.name())
				: null;
	}

	private String text(String key) {
		return this.messages.getMessage(key, null, DanishFormat.LOCALE);
	}

	private static List<String> distinct(Stream<String> values) {
		return values.distinct().toList();
	}

	/**
	 * The person asked about, kept by the page in the session: the keyed hashes of the
	 * number and its masked form, never the number.
	 */
	record Person(List<String> cprHashes, String maskedCpr) implements Serializable {
	}

	private record Names(Map<String, String> organisations, Map<String, String> units) {

		Authority of(String code) {
			return (code != null) ? new Authority(code, this.organisations.getOrDefault(code, code)) : null;
		}

		Authority unit(String code) {
			return new Authority(code, this.units.getOrDefault(code, code));
		}

	}

}
