package dk.coordination.audit.internal;

import java.util.List;

import org.hibernate.event.service.spi.EventListenerRegistry;
import org.hibernate.event.spi.EventType;
import org.hibernate.event.spi.PostInsertEvent;
import org.hibernate.event.spi.PostInsertEventListener;
import org.hibernate.integrator.spi.Integrator;
import org.hibernate.jpa.boot.spi.IntegratorProvider;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.hibernate.autoconfigure.HibernatePropertiesCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dk.coordination.audit.AuditRevision;

/**
 * Connects the audit chain to Hibernate: each Envers revision, once inserted, joins its
 * transaction's pending seal. Envers fills in a revision before it is inserted, so its
 * listener does not know the number yet; a post-insert listener does.
 */
@Configuration(proxyBeanMethods = false)
class AuditChainConfiguration {

	/**
	 * The chain is looked up when a revision is inserted, not when Hibernate starts: the
	 * chain needs the entity manager that this customizer helps to build.
	 */
	@Bean
	HibernatePropertiesCustomizer auditChainRevisions(ObjectProvider<AuditChain> chain) {
		PostInsertEventListener listener = new PostInsertEventListener() {

			@Override
			public void onPostInsert(PostInsertEvent event) {
				if (event.getEntity() instanceof AuditRevision revision) {
					chain.getObject().revisionWritten(revision.getId());
				}
			}

		};
		Integrator integrator = new Integrator() {

			@Override
			public void integrate(org.hibernate.boot.Metadata metadata,
					org.hibernate.boot.spi.BootstrapContext bootstrapContext,
					org.hibernate.engine.spi.SessionFactoryImplementor sessionFactory) {
				sessionFactory.getServiceRegistry()
					.requireService(EventListenerRegistry.class)
					.appendListeners(EventType.POST_INSERT, listener);
			}

		};
		return (properties) -> properties.put("hibernate.integrator_provider",
				(IntegratorProvider) () -> List.of(integrator));
	}

	/** Begins the chain at start-up, after the migrations, if it has not begun yet. */
	@Bean
	@DependsOnDatabaseInitialization
	InitializingBean auditChainGenesis(AuditChain chain, PlatformTransactionManager transactionManager) {
		return () -> new TransactionTemplate(transactionManager).executeWithoutResult((status) -> chain.begin());
	}

}
