package dk.coordination.personaldata.internal;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks the CPR keys before any bean is created, so a production start with a missing,
 * shared or development key, or with keys whose ids are missing, repeated or none of them
 * current, fails with that message first, rather than after (or hidden behind) a database
 * migration. {@link AesGcmCprProtector} applies the same checks to the keys it is given.
 */
@Component
class CprKeysCheck implements BeanFactoryPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			// the production build (Spring AOT) refreshes the context without starting
			// anything, and keys never belong in a build: the check runs when the jar
			// starts
			return;
		}
		Binder binder = Binder.get(this.environment);
		CprProperties properties = binder.bind("coordination.cpr", CprProperties.class)
			.orElseGet(() -> CprProperties.pair(null, null));
		AesGcmCprProtector.checkedKeys(properties,
				this.environment.matchesProfiles(AesGcmCprProtector.DEVELOPMENT_PROFILE));
	}

}
