package dk.coordination.casework.internal;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param reviewAfterMonths when a closed case is reviewed, in months after closing
 * @param dueWorkCron when the daily job looks for what became due (Europe/Copenhagen)
 */
@Validated
@ConfigurationProperties("coordination.casework")
record CaseworkProperties(@DefaultValue( {
		"6", "12" }) @NotEmpty List<Integer> reviewAfterMonths, @DefaultValue("0 0 6 * * *") String dueWorkCron){
}
