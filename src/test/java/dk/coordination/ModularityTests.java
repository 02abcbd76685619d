package dk.coordination;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The module structure is part of the design: modules only use each other's API packages
 * and form no cycles. Also writes the module documentation (C4 and UML diagrams,
 * canvases) into {@code docs/modules}, so the documentation always shows the code as it
 * is.
 */
class ModularityTests {

	private final ApplicationModules modules = ApplicationModules.of(CoordinationApplication.class);

	@Test
	void modulesUseOnlyEachOthersApiAndFormNoCycles() {
		this.modules.verify();
	}

	@Test
	void everyCapabilityIsAModule() {
		assertThat(this.modules.stream().map((module) -> module.getIdentifier().toString())).containsExactlyInAnyOrder(
				"audit", "casework", "events", "insight", "meeting", "monitoring", "organisation", "personaldata",
				"referral", "retention", "security", "statistics", "web");
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(this.modules, Documenter.Options.defaults().withOutputFolder("docs/modules"))
			.writeDocumentation();
	}

}
