package dk.coordination.audit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller parameter that receives the purpose of a read of personal data: the
 * {@code purpose} query parameter, else the {@code X-Purpose} header, else
 * {@link #value()}, the endpoint's default. A purpose longer than 200 characters or with
 * control characters is a 400.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReadPurpose {

	/** Header carrying the purpose when it is not a query parameter. */
	String HEADER = "X-Purpose";

	/** The endpoint's default purpose. */
	String value();

}
