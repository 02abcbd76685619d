package dk.coordination;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

import dk.coordination.support.StatementCounter;
import dk.coordination.support.TestClock;

/**
 * The whole service on a random port, on an embedded PostgreSQL, trusting tokens of a
 * real Keycloak started from its distribution (see {@link IntegrationTestEnvironment}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("dev")
@Import({ TestClock.Configuration.class, StatementCounter.Configuration.class })
public @interface IntegrationTest {

}
