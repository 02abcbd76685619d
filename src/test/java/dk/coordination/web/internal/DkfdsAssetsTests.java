package dk.coordination.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the build copies from npm's {@code node_modules/dkfds/dist} into the jar, read
 * from the classpath as the running service reads it: no Spring, no security.
 */
class DkfdsAssetsTests {

	private static final String CSS = "/static/assets/dkfds/css/dkfds.min.css";

	private static final Pattern URL_REFERENCE = Pattern.compile("url\\(\\s*['\"]?([^'\")]+)['\"]?\\s*\\)");

	@Test
	void theCssAndTheJsAreInTheJar() {
		assertThat(getClass().getResource(CSS)).isNotNull();
		assertThat(getClass().getResource("/static/assets/dkfds/js/dkfds.min.js")).isNotNull();
	}

	@Test
	void everyFileTheCssReferencesLiesWhereTheCssExpectsIt() throws Exception {
		URL css = getClass().getResource(CSS);
		assertThat(css).isNotNull();
		List<String> references = relativeReferences(read(css));
		// a handful would already style the page; DKFDS 11.2.0 references 208 fonts and
		// icons, so far fewer means the parsing above no longer finds them
		assertThat(references).hasSizeGreaterThan(100)
			.anyMatch((reference) -> reference.startsWith("../fonts/") && reference.endsWith(".woff2"))
			.anyMatch((reference) -> reference.startsWith("../img/") && reference.endsWith(".svg"))
			.anyMatch((reference) -> reference.startsWith("../img/") && reference.endsWith(".png"));
		URI base = URI.create("/static/assets/dkfds/css/dkfds.min.css");
		assertThat(references)
			.allSatisfy((reference) -> assertThat(getClass().getResource(base.resolve(reference).getPath()))
				.as("%s, referenced by the css", base.resolve(reference))
				.isNotNull());
	}

	@Test
	void theLicenceTravelsWithTheFontsAndIcons() {
		// OFL 1.1 (IBM Plex Sans) and Apache 2.0 (icons) ask for the licence beside them
		assertThat(getClass().getResource("/static/assets/dkfds/LICENSE.md")).isNotNull();
	}

	@Test
	void theInstalledVersionIsKnownToTheService() {
		assertThat(new AssetsConfiguration().dkfdsVersionInUse()).matches("\\d+\\.\\d+\\.\\d+");
	}

	/** Every {@code url(...)} except data: URIs and absolute URLs. */
	static List<String> relativeReferences(String css) {
		Matcher matcher = URL_REFERENCE.matcher(css);
		return matcher.results()
			.map((match) -> match.group(1).strip())
			.filter((reference) -> !reference.startsWith("data:") && !reference.startsWith("#")
					&& !reference.contains("//"))
			// a font's "?#iefix" or an icon's "#id" is not part of the file name
			.map((reference) -> reference.replaceFirst("[?#].*$", ""))
			.distinct()
			.toList();
	}

	static String read(URL url) throws IOException {
		try (InputStream in = url.openStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
