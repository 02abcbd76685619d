package dk.coordination.meeting.internal;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * An agenda as one reader may see it, ready to print: everything the PDF shows and
 * nothing more. Built per reader, so data minimisation has happened before rendering.
 *
 * @param unitName e.g. "Koordineringsenheden i København"
 * @param startsAt start in Europe/Copenhagen
 * @param endsAt end in Europe/Copenhagen
 * @param invited names of the invited organisations, in the order to print them
 * @param version the published version number, or 0 for a draft
 * @param publishedAt when that version was published, or null for a draft
 */
record AgendaDocument(String unitName, ZonedDateTime startsAt, ZonedDateTime endsAt, String location,
		List<String> invited, int version, Instant publishedAt, List<Item> items) {

	/**
	 * One numbered item.
	 *
	 * @param number 1, 2, 3, … as printed
	 * @param title the item's heading (for a case item e.g. the case number and why it is
	 * on)
	 * @param caseNumber the case's number, or null for a free item
	 * @param subjectInitials the person's initials, or null where this reader may not see
	 * them
	 * @param reason why the item is on the agenda, in Danish
	 */
	record Item(int number, String title, String caseNumber, String subjectInitials, String reason) {
	}

}
