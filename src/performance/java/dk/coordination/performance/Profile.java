package dk.coordination.performance;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the service's CPU went while {@code CaseReadSimulation} ran, from the JDK Flight
 * Recorder's execution samples (JFR's {@code profile} settings, started and dumped with
 * {@code jcmd} around the simulation). Each sample counts for the first frame from the
 * top of its stack that belongs to a known layer, so time in a JDK collection called by
 * Hibernate counts as Hibernate's.
 */
final class Profile {

	/** Package prefixes and the layer they make up, most specific first. */
	private static final Map<String, String> LAYERS = new LinkedHashMap<>();

	static {
		LAYERS.put("dk.coordination.audit.", "audit chain and read log (this service)");
		LAYERS.put("dk.coordination.", "the service's own code");
		LAYERS.put("org.hibernate.", "Hibernate ORM");
		LAYERS.put("org.springframework.orm.", "Spring transactions and JPA");
		LAYERS.put("org.springframework.transaction.", "Spring transactions and JPA");
		LAYERS.put("org.springframework.data.", "Spring Data");
		LAYERS.put("org.springframework.jdbc.", "Spring JDBC");
		LAYERS.put("org.postgresql.", "PostgreSQL JDBC driver");
		LAYERS.put("com.zaxxer.hikari.", "connection pool");
		LAYERS.put("com.nimbusds.", "token (JWT) decoding and signature");
		LAYERS.put("org.springframework.security.oauth2.", "token (JWT) decoding and signature");
		LAYERS.put("org.springframework.security.", "Spring Security filters");
		LAYERS.put("tools.jackson.", "JSON (Jackson)");
		LAYERS.put("com.fasterxml.jackson.", "JSON (Jackson)");
		LAYERS.put("org.mapstruct.", "mapping");
		LAYERS.put("ch.qos.logback.", "logging");
		LAYERS.put("org.slf4j.", "logging");
		LAYERS.put("org.apache.catalina.", "Tomcat");
		LAYERS.put("org.apache.coyote.", "Tomcat");
		LAYERS.put("org.apache.tomcat.", "Tomcat");
		LAYERS.put("org.springframework.web.", "Spring MVC");
		LAYERS.put("org.springframework.", "Spring (other)");
		LAYERS.put("io.micrometer.", "observation (Micrometer)");
	}

	private Profile() {
	}

	static String summary(Path recording, double requests) throws IOException {
		Map<String, Long> byLayer = new TreeMap<>();
		Map<String, Long> byLeaf = new TreeMap<>();
		long samples = 0;
		double allocated = 0;
		double gcPause = 0;
		for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
			switch (event.getEventType().getName()) {
				case "jdk.ExecutionSample" -> {
					if (event.getStackTrace() == null) {
						continue;
					}
					List<RecordedFrame> frames = event.getStackTrace().getFrames();
					samples++;
					byLayer.merge(layerOf(frames), 1L, Long::sum);
					if (!frames.isEmpty()) {
						RecordedFrame leaf = frames.get(0);
						byLeaf.merge(leaf.getMethod().getType().getName() + "." + leaf.getMethod().getName(), 1L,
								Long::sum);
					}
				}
				case "jdk.ObjectAllocationSample" -> allocated += event.getLong("weight");
				case "jdk.GarbageCollection" -> gcPause += event.getDuration("sumOfPauses").toNanos() / 1e6;
				default -> {
				}
			}
		}
		StringBuilder text = new StringBuilder();
		text.append("| layer (first frame from the top of the stack) | share of samples |\n|---|---|\n");
		long total = samples;
		byLayer.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.forEach((entry) -> text
				.append("| %s | %.1f%% |\n".formatted(entry.getKey(), 100.0 * entry.getValue() / total)));
		text.append("\nHottest methods (self time, top of the stack):\n\n| method | share |\n|---|---|\n");
		text.append(byLeaf.entrySet()
			.stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed())
			.limit(12)
			.map((entry) -> "| `%s` | %.1f%% |".formatted(entry.getKey(), 100.0 * entry.getValue() / total))
			.collect(Collectors.joining("\n")));
		text.append(String.format(Locale.ROOT,
				"%n%n%,d execution samples; allocation %.0f KB per request (JFR's sampled estimate over %,.0f requests); "
						+ "GC pauses %.0f ms in all.%n",
				samples, allocated / 1024 / requests, requests, gcPause));
		return text.toString();
	}

	private static String layerOf(List<RecordedFrame> frames) {
		for (RecordedFrame frame : frames) {
			String type = frame.getMethod().getType().getName();
			for (Map.Entry<String, String> layer : LAYERS.entrySet()) {
				if (type.startsWith(layer.getKey())) {
					return layer.getValue();
				}
			}
		}
		return "JDK only (no library frame)";
	}

}
