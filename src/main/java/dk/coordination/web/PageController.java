package dk.coordination.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Controller;

/**
 * A controller of web pages (HTML from Thymeleaf templates), as opposed to the JSON API's
 * {@code @RestController}s. Errors in its handlers become Danish error pages in the
 * shared layout instead of problem documents, and every page's model gets the logged-in
 * user and the session's timing for the layout.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface PageController {

	@AliasFor(annotation = Controller.class)
	String value() default "";

}
