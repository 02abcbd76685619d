package dk.coordination.meeting.internal;

import java.util.List;

/**
 * An e-mail to the invited organisations about a meeting: the agenda was published or the
 * meeting changed. Never carries personal data about the people the cases concern.
 *
 * @param recipients e-mail addresses of the invited organisations
 * @param invitation the iCalendar text to attach (text/calendar), or null
 * @param calendarMethod REQUEST or CANCEL, matching the invitation
 */
record MeetingNotice(List<String> recipients, String subject, String text, String invitation, String calendarMethod) {
}
