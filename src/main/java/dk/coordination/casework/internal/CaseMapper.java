package dk.coordination.casework.internal;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import dk.coordination.casework.internal.CaseViews.EarlierCase;
import dk.coordination.casework.internal.CaseViews.MunicipalNoteView;
import dk.coordination.casework.internal.CaseViews.ParticipantView;
import dk.coordination.casework.internal.CaseViews.StatusReportView;
import dk.coordination.casework.internal.CaseViews.TaskView;

@Mapper
interface CaseMapper {

	@Mapping(target = "caseId", source = "id")
	EarlierCase toEarlierCase(ConcernCase concernCase);

	@Mapping(target = "legalBasisProvision", expression = "java(participant.getLegalBasis().provision())")
	@Mapping(target = "disclosedBy", source = "disclosedByUser")
	@Mapping(target = "endedBy", source = "endedByUser")
	@Mapping(target = "active", expression = "java(participant.getEndedAt() == null)")
	ParticipantView toView(CaseParticipant participant);

	@Mapping(target = "taskId", source = "id")
	@Mapping(target = "createdBy", source = "createdByUser")
	@Mapping(target = "mayUpdate", ignore = true)
	TaskView toView(CaseTask task);

	@Mapping(target = "reportId", source = "id")
	@Mapping(target = "reportedBy", source = "reportedByUser")
	StatusReportView toView(StatusReport report);

	@Mapping(target = "noteId", source = "id")
	@Mapping(target = "author", source = "authorUser")
	@Mapping(target = "organisation", source = "authorOrganisation")
	MunicipalNoteView toView(MunicipalNote note);

}
