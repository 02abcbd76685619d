package dk.coordination.casework.internal;

import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import dk.coordination.casework.internal.CaseViews.CaseSummary;
import dk.coordination.casework.internal.CaseViews.EarlierCase;
import dk.coordination.casework.internal.CaseViews.ReferralView;

@Mapper
interface CaseMapper {

	@Mapping(target = "caseId", source = "id")
	@Mapping(target = "unit", source = "unitCode")
	@Mapping(target = "subjectCpr", source = "subjectCprMasked")
	CaseSummary toSummary(ConcernCase concernCase);

	@Mapping(target = "caseId", source = "id")
	EarlierCase toEarlierCase(ConcernCase concernCase);

	@Mapping(target = "referralId", source = "id")
	@Mapping(target = "organisation", source = "submittedByOrganisation")
	@Mapping(target = "submittedBy", source = "submittedByUser")
	@Mapping(target = "legalBasisProvision", expression = "java(referral.getLegalBasis().provision())")
	ReferralView toView(Referral referral);

}
