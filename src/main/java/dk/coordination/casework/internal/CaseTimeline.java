package dk.coordination.casework.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import dk.coordination.casework.internal.CaseHistory.Change;

/**
 * A case's history as the page's timeline: each revision with who made it and when, and
 * each change in a Danish sentence, the free text (a reason, a purpose, an outcome)
 * beside it. It only words what {@link CaseService#history} chose to show: who and what
 * is hidden from the reader is already hidden there.
 */
@Component
class CaseTimeline {

	private final CaseTexts texts;

	CaseTimeline(CaseTexts texts) {
		this.texts = texts;
	}

	/**
	 * @param organisationNames names by organisation code, for the organisations the
	 * history names by code
	 * @return newest first, the way a case is read: what happened last on top
	 */
	List<Entry> of(List<CaseHistory.Entry> history, Map<String, String> organisationNames) {
		List<Entry> entries = new ArrayList<>();
		for (CaseHistory.Entry entry : history) {
			List<Line> lines = entry.changes().stream().map((change) -> line(change, organisationNames)).toList();
			entries.add(0, new Entry(entry.at(), entry.username(), name(entry.organisation(), organisationNames),
					entry.source(), entry.requestId(), lines));
		}
		return entries;
	}

	private Line line(Change change, Map<String, String> names) {
		return switch (change) {
			case Change.CaseOpened opened -> new Line(
					this.texts.get("sag.tidslinje.oprettet", opened.caseNumber(), this.texts.label(opened.status())),
					null);
			case Change.StatusChanged moved -> new Line(statusChanged(moved), moved.reason());
			case Change.ReferralAdded added -> new Line(
					this.texts.get(added.urgent() ? "sag.tidslinje.henvendelse.haster" : "sag.tidslinje.henvendelse",
							name(added.organisation(), names), this.texts.label(added.category())),
					null);
			case Change.NewInformationFlag flag -> new Line(
					this.texts
						.get(flag.flagged() ? "sag.tidslinje.nyeoplysninger" : "sag.tidslinje.nyeoplysninger.set"),
					null);
			case Change.SubjectChanged subject -> new Line(this.texts.get("sag.tidslinje.person"), null);
			case Change.FollowUpDateSet followUp -> new Line((followUp.to() != null)
					? this.texts.get("sag.tidslinje.opfoelgning", this.texts.date(followUp.to()))
					: this.texts.get("sag.tidslinje.opfoelgning.fjernet"), null);
			case Change.ReferralSharing sharing -> new Line(this.texts.get(
					sharing.sharedWithParticipants() ? "sag.tidslinje.deling.delt" : "sag.tidslinje.deling.ikkedelt",
					name(sharing.organisation(), names)), null);
			case Change.ReferralStateChanged state ->
				new Line(this.texts.get("sag.tidslinje.henvendelse.tilstand", name(state.organisation(), names),
						this.texts.label(state.from()), this.texts.label(state.to())), null);
			case Change.FeedbackGiven feedback ->
				new Line(this.texts.get("sag.tidslinje.tilbagemelding", name(feedback.organisation(), names)),
						feedback.feedback());
			case Change.ParticipantAdded added ->
				new Line(
						this.texts.get("sag.tidslinje.deltager", name(added.organisation(), names),
								added.legalBasis().provision()),
						this.texts.get("sag.tidslinje.formaal", added.purpose()));
			case Change.ParticipantEnded ended -> new Line(
					this.texts.get("sag.tidslinje.deltager.slut", name(ended.organisation(), names),
							this.texts.dateTime(ended.accessFrom()), this.texts.dateTime(ended.accessUntil())),
					ended.reason());
			case Change.TaskGiven task ->
				new Line(
						(task.dueDate() != null)
								? this.texts.get("sag.tidslinje.opgave.frist", name(task.organisation(), names),
										this.texts.date(task.dueDate()))
								: this.texts.get("sag.tidslinje.opgave", name(task.organisation(), names)),
						task.description());
			case Change.TaskUpdated task -> new Line(taskUpdated(task, names), taskDetail(task));
			case Change.StatusReported report -> new Line(this.texts.get("sag.tidslinje.statusrapport",
					name(report.organisation(), names), this.texts.label(report.involvement())), report.text());
			case Change.ReviewScheduled review ->
				new Line(this.texts.get("sag.tidslinje.genvurdering", this.texts.date(review.dueDate())), null);
			case Change.ReviewDecided review ->
				new Line(this.texts.get("sag.tidslinje.genvurdering.afgjort", this.texts.date(review.dueDate()),
						this.texts.get("sag.review." + review.state())), review.outcome());
		};
	}

	private String statusChanged(Change.StatusChanged moved) {
		String text = this.texts.get("sag.tidslinje.status", this.texts.label(moved.from()),
				this.texts.label(moved.to()));
		if (moved.closingReason() != null) {
			text += " " + this.texts.get("sag.tidslinje.status.lukket", this.texts.label(moved.closingReason()));
		}
		if (moved.secretariatModel() != null) {
			text += " " + this.texts.get("sag.tidslinje.status.model", this.texts.label(moved.secretariatModel()));
		}
		return text;
	}

	private String taskUpdated(Change.TaskUpdated task, Map<String, String> names) {
		String text = (task.from() != task.to())
				? this.texts.get("sag.tidslinje.opgave.tilstand", name(task.organisation(), names),
						this.texts.label(task.from()), this.texts.label(task.to()))
				: this.texts.get("sag.tidslinje.opgave.opdateret", name(task.organisation(), names));
		if (task.dueDateChanged()) {
			text += " " + this.texts.get("sag.tidslinje.opgave.nyfrist", this.texts.date(task.dueDate()));
		}
		return text;
	}

	private String taskDetail(Change.TaskUpdated task) {
		if (task.description() != null && task.outcome() != null) {
			return this.texts.get("sag.tidslinje.opgave.beskrivelse", task.description()) + "\n"
					+ this.texts.get("sag.tidslinje.opgave.resultat", task.outcome());
		}
		if (task.description() != null) {
			return this.texts.get("sag.tidslinje.opgave.beskrivelse", task.description());
		}
		return (task.outcome() != null) ? this.texts.get("sag.tidslinje.opgave.resultat", task.outcome()) : null;
	}

	/** The organisation's name when it is a code the service knows, else as given. */
	static String name(String organisation, Map<String, String> names) {
		if (organisation == null) {
			return null;
		}
		return names.getOrDefault(organisation, organisation);
	}

	/**
	 * One revision.
	 *
	 * @param username null when the reader may not learn who it was
	 * @param source where the change came from when more than a request, such as a
	 * meeting's decision
	 * @param requestId for the secretariat, to find the request in the logs
	 */
	record Entry(Instant at, String username, String organisation, String source, String requestId, List<Line> lines) {
	}

	/**
	 * @param text what happened
	 * @param detail the words a user wrote with it (a reason, a purpose, an outcome), or
	 * null
	 */
	record Line(String text, String detail) {
	}

}
