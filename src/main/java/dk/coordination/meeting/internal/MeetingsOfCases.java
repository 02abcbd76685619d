package dk.coordination.meeting.internal;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dk.coordination.meeting.CaseMeetings;

@Component
class MeetingsOfCases implements CaseMeetings {

	private final AgendaItemRepository items;

	private final MeetingRepository meetings;

	MeetingsOfCases(AgendaItemRepository items, MeetingRepository meetings) {
		this.items = items;
		this.meetings = meetings;
	}

	@Override
	@Transactional(readOnly = true)
	public List<AgendaEntry> agendaItemsAbout(Collection<UUID> caseIds) {
		if (caseIds.isEmpty()) {
			return List.of();
		}
		List<AgendaItem> found = this.items.findByCaseIdIn(caseIds);
		Map<UUID, Meeting> meetings = this.meetings
			.findAllById(found.stream().map(AgendaItem::getMeetingId).distinct().toList())
			.stream()
			.collect(Collectors.toMap(Meeting::getId, Function.identity()));
		return found.stream().map((item) -> {
			Meeting meeting = meetings.get(item.getMeetingId());
			return new AgendaEntry(item.getCaseId(), meeting.getUnitCode(), meeting.getStartsAt(), meeting.getState(),
					item.getPosition(), item.getTitle(), item.getMinutes(), item.getDecidedAt());
		}).sorted(Comparator.comparing(AgendaEntry::meetingStartsAt).thenComparing(AgendaEntry::position)).toList();
	}

}
