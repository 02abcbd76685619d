package dk.coordination.performance.dataset;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dk.coordination.support.EmbeddedDatabase;
import dk.coordination.support.FreePorts;

/**
 * Fills a migrated, empty database with a large fictional history, as the service would
 * have written it over the years: by default 1,000,000 cases in 20 units, with their
 * referrals, participants, tasks, status reports and reviews, weekly meetings with
 * agendas and minutes, the Envers history of every change (several revisions per case),
 * and the access log of the reads that went with them. Written with PostgreSQL's
 * {@code COPY} in chunks of a few thousand cases, never row by row; the same seed gives
 * the same data.
 * <p>
 * The rows are those the service writes: CPR numbers encrypted (AES-GCM) and hashed
 * (HMAC-SHA256) with the development key {@code k1} of {@code application-dev.yml} in the
 * format of {@code AesGcmCprProtector}, statuses moved only along {@code CaseWorkflow},
 * one open case per person and unit, case and receipt numbers drawn per unit and year, a
 * decision at a meeting naming the meeting and item in its revision's source. Every
 * person is invented: the names are fictional and the CPR numbers have serials 9xx5 on
 * the 1st to 28th of a month (the tests' {@code FakeCpr} uses 9xx0). Revision numbers
 * rise within each case and meeting, not across the whole history.
 * <p>
 * It refuses a database that has cases (so a run is repeatable) or whose audit chain has
 * begun: rows written after the chain's genesis without a seal would show as tampering.
 * The service seals the generated history when it first starts (its genesis); for a
 * million cases that takes about two hours on a 2-core machine ({@link FirstStart}).
 * <p>
 * Run it on a persistent embedded PostgreSQL (see {@code docs/performance.md}):
 *
 * <pre>
 * ./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   dk.coordination.performance.dataset.MillionCases --data-dir .perf-data/postgres --cases 1000000
 * </pre>
 *
 * or against any migrated database with {@code --jdbc-url}, {@code --user} and
 * {@code --password} (the schema owner).
 */
public final class MillionCases {

	static final ZoneId ZONE = ZoneId.of("Europe/Copenhagen");

	/** The development CPR key k1 (src/test/resources/application-dev.yml). */
	static final String KEY_ID = "k1";

	static final String ENCRYPTION_KEY = "Inl/1eRdjJXRAS5X20Cs/Jau2mGYg3WzZVvAhUmrxxc=";

	static final String HASH_KEY = "/FOdEKFjsaMXegmTbYatX9oZjwr6kSMG+hgyguuXUac=";

	private static final long MINUTE = 60_000L;

	private static final long HOUR = 60 * MINUTE;

	private static final long DAY = 24 * HOUR;

	/**
	 * How many of a unit's latest cases a new case may find its person among: enough to
	 * reach back a few years, where most cases are closed.
	 */
	private static final int RING = 1 << 16;

	private static final DateTimeFormatter MEETING_DATE = DateTimeFormatter.ofPattern("d. MMMM yyyy",
			Locale.forLanguageTag("da-DK"));

	private MillionCases() {
	}

	/**
	 * What to generate.
	 *
	 * @param cases how many cases
	 * @param units how many units, 1 to 20 (KBH, the one the migrations create, first)
	 * @param seed the same seed gives the same rows
	 * @param asOf the day the history ends: nothing happens after it
	 * @param years how many years before {@code asOf} the first case arrives
	 * @param chunkCases cases per COPY chunk (and transaction)
	 */
	public record Options(int cases, int units, long seed, LocalDate asOf, int years, int chunkCases) {

		public Options {
			if (cases < 1 || units < 1 || units > UNITS.size() || years < 1 || chunkCases < 1) {
				throw new IllegalArgumentException(
						"cases, years and chunk size must be positive and units 1 to " + UNITS.size());
			}
		}

		public static Options of(int cases, int units, long seed) {
			return new Options(cases, units, seed, LocalDate.of(2026, 12, 1), 5, 5_000);
		}

	}

	/**
	 * What a run wrote.
	 *
	 * @param rows rows written per table, in the order they were copied
	 * @param elapsed from the first check to the end of ANALYZE
	 */
	public record Summary(Map<String, Long> rows, Duration elapsed) {

		public long rows(String table) {
			return this.rows.getOrDefault(table, 0L);
		}

		public long totalRows() {
			return this.rows.values().stream().mapToLong(Long::longValue).sum();
		}

		@Override
		public String toString() {
			StringBuilder text = new StringBuilder();
			this.rows.forEach((table, count) -> text.append("%-24s %,14d%n".formatted(table, count)));
			text.append("%-24s %,14d%n".formatted("total", totalRows()));
			text.append("elapsed %,d s%n".formatted(this.elapsed.toSeconds()));
			return text.toString();
		}

	}

	/** Generates into the database at {@code url}, connecting as its schema owner. */
	public static Summary generate(String url, String user, String password, Options options) {
		return generate(new SimpleDriverDataSource(new org.postgresql.Driver(), url, user, password), options);
	}

	/**
	 * Generates into a database Flyway has migrated, on one connection of
	 * {@code dataSource} (the schema owner's).
	 * @throws IllegalStateException if the database has cases or a begun audit chain
	 */
	public static Summary generate(DataSource dataSource, Options options) {
		return generate(dataSource, options, CprKeys.DEVELOPMENT);
	}

	/**
	 * The CPR key {@value #KEY_ID} the rows are encrypted and hashed with, Base64 like
	 * {@code COORDINATION_CPR_ENCRYPTION_KEY} and {@code COORDINATION_CPR_HASH_KEY}: the
	 * development key for a local run, the installation's own for a production start
	 * (which refuses the development key), such as the benchmarks'.
	 */
	public record CprKeys(String encryptionKey, String hashKey) {

		public static final CprKeys DEVELOPMENT = new CprKeys(ENCRYPTION_KEY, HASH_KEY);

	}

	/**
	 * As {@link #generate(DataSource, Options)}, with the CPR numbers protected by
	 * {@code keys}.
	 */
	public static Summary generate(DataSource dataSource, Options options, CprKeys keys) {
		long started = System.nanoTime();
		try (Connection connection = dataSource.getConnection()) {
			Generator generator = new Generator(dataSource, connection, options, keys);
			generator.run();
			return new Summary(generator.rows, Duration.ofNanos(System.nanoTime() - started));
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Generating the data set failed", ex);
		}
	}

	/**
	 * {@code --data-dir DIR} (a persistent embedded PostgreSQL, started, migrated and
	 * stopped here) or {@code --jdbc-url URL --user U --password P} (migrated already);
	 * {@code --cases N} (1,000,000), {@code --units N} (20), {@code --seed N} (11),
	 * {@code --as-of YYYY-MM-DD} (2026-12-01), {@code --years N} (5), {@code --port N}.
	 */
	public static void main(String[] args) {
		Map<String, String> arguments = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("Arguments come as --name value; got " + args[i]);
			}
			arguments.put(args[i].substring(2), args[++i]);
		}
		Options defaults = Options.of(1_000_000, 20, 11);
		Options options = new Options(Integer.parseInt(arguments.getOrDefault("cases", "1000000")),
				Integer.parseInt(arguments.getOrDefault("units", "20")),
				Long.parseLong(arguments.getOrDefault("seed", "11")),
				LocalDate.parse(arguments.getOrDefault("as-of", defaults.asOf().toString())),
				Integer.parseInt(arguments.getOrDefault("years", "5")),
				Integer.parseInt(arguments.getOrDefault("chunk", "5000")));
		Summary summary;
		if (arguments.containsKey("data-dir")) {
			Path directory = Path.of(arguments.get("data-dir"));
			int port = Integer.parseInt(arguments.getOrDefault("port", String.valueOf(FreePorts.pick())));
			// for the load only (command-line settings, not kept in the data directory)
			try (EmbeddedDatabase database = EmbeddedDatabase.persistent(directory, port,
					Map.of("shared_buffers", "2GB", "max_wal_size", "16GB", "checkpoint_timeout", "30min",
							"maintenance_work_mem", "1GB", "full_page_writes", "off", "autovacuum", "off",
							"synchronous_commit", "off"))) {
				migrate(database.ownerDataSource());
				// as the superuser, so the load may skip the foreign keys' checks
				summary = generate(database.jdbcUrl(), "postgres", "postgres", options);
				System.out.print(summary);
				printSizes(database.ownerDataSource());
			}
		}
		else if (arguments.containsKey("jdbc-url")) {
			summary = generate(arguments.get("jdbc-url"), arguments.get("user"), arguments.get("password"), options);
			System.out.print(summary);
		}
		else {
			throw new IllegalArgumentException(
					"Give --data-dir DIR (embedded PostgreSQL) or --jdbc-url URL --user U" + " --password P");
		}
	}

	/** Migrates as the application does (classpath:db/migration, the service role). */
	public static void migrate(DataSource ownerDataSource) {
		Flyway.configure()
			.dataSource(ownerDataSource)
			.locations("classpath:db/migration")
			.placeholders(Map.of("serviceRole", EmbeddedDatabase.SERVICE_ROLE))
			.load()
			.migrate();
	}

	private static void printSizes(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet sizes = statement.executeQuery("""
						select pg_size_pretty(pg_database_size(current_database())) as total,
						       pg_database_size(current_database()) as bytes
						""")) {
			sizes.next();
			System.out.println("database size " + sizes.getString("total") + " (" + sizes.getLong("bytes") + " bytes)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ------------------------------------------------------------------ the units

	/**
	 * A unit and its six organisations; KBH's are those the migrations create, the others
	 * follow their pattern.
	 */
	record Unit(String code, String name, String city, String municipality, String postcode, String model,
			String police, String prison, String employment, String children, String social, String ssp, int weight) {

		String secretariat() {
			return "MODEL_1".equals(this.model) ? this.employment : this.police;
		}

		List<String> organisations() {
			return List.of(this.police, this.prison, this.employment, this.children, this.social, this.ssp);
		}

	}

	static final List<Unit> UNITS = units();

	private static List<Unit> units() {
		List<Unit> units = new ArrayList<>();
		units.add(new Unit("KBH", "Koordineringsenheden i København", "København", "Københavns Kommune", "2400",
				"MODEL_1", "KBH-POLITI", "KRIMINALFORSORGEN", "KK-BIF", "KK-BUF", "KK-SOF", "KK-SSP", 30));
		String[][] others = { { "AAR", "Aarhus", "8000", "MODEL_1", "20" },
				{ "ODE", "Odense", "5000", "MODEL_2", "15" }, { "AAL", "Aalborg", "9000", "MODEL_1", "15" },
				{ "ESB", "Esbjerg", "6700", "MODEL_2", "10" }, { "RAN", "Randers", "8900", "MODEL_1", "10" },
				{ "KOL", "Kolding", "6000", "MODEL_1", "10" }, { "HOR", "Horsens", "8700", "MODEL_1", "10" },
				{ "VEJ", "Vejle", "7100", "MODEL_1", "10" }, { "ROS", "Roskilde", "4000", "MODEL_1", "10" },
				{ "HER", "Herning", "7400", "MODEL_1", "10" }, { "HEL", "Helsingør", "3000", "MODEL_2", "10" },
				{ "SIL", "Silkeborg", "8600", "MODEL_1", "10" }, { "NAE", "Næstved", "4700", "MODEL_1", "10" },
				{ "FRE", "Fredericia", "7000", "MODEL_1", "10" }, { "VIB", "Viborg", "8800", "MODEL_1", "10" },
				{ "KOG", "Køge", "4600", "MODEL_1", "10" }, { "HOL", "Holstebro", "7500", "MODEL_1", "10" },
				{ "SLA", "Slagelse", "4200", "MODEL_1", "10" }, { "SVE", "Svendborg", "5700", "MODEL_2", "10" } };
		for (String[] unit : others) {
			String code = unit[0];
			String city = unit[1];
			units.add(new Unit(code, "Koordineringsenheden i " + city, city, city + " Kommune", unit[2], unit[3],
					code + "-POLITI", code + "-KRIM", code + "-BIF", code + "-BUF", code + "-SOF", code + "-SSP",
					Integer.parseInt(unit[4])));
		}
		return List.copyOf(units);
	}

	/** Who acts: a user name and the organisation the token names. */
	record User(String username, String organisation) {
	}

	// ------------------------------------------------------------------ texts

	private static final String[] FIRST_NAMES = { "Mikkel", "Jonas", "Line", "Sofie", "Emil", "Freja", "Mads", "Ida",
			"Lucas", "Emma", "Oliver", "Clara", "Noah", "Laura", "William", "Anna", "Victor", "Maja", "Magnus",
			"Mathilde", "Frederik", "Karla", "Oscar", "Alma", "Elias", "Ella", "Carl", "Nora", "Aksel", "Agnes",
			"Malthe", "Josefine", "Anton", "Liva", "Alfred", "Olivia", "Sebastian", "Asta", "Kasper", "Signe" };

	private static final String[] LAST_NAMES = { "Eksempelsen", "Prøvesen", "Testesen", "Fiktivsen", "Demosen",
			"Opdigtsen", "Mønstersen", "Skabelonsen", "Datasen", "Prototypsen", "Attrapsen", "Dummesen", "Udkastsen",
			"Forsøgsen", "Modelsen", "Pladsholdersen", "Stikprøvesen", "Kopisen", "Skitsesen", "Øvelsesen" };

	private static final String[] STREETS = { "Fiktivvej", "Opdigtet Allé", "Eksempelgade", "Demovej", "Prøvestien",
			"Testparken", "Modelvej", "Skabelonstræde", "Mønstergade", "Attrapvej", "Udkastvej", "Pladsholderplads" };

	private static final String[][] CONCERNS = {
			{ "MILITANT_ISLAMISM", "Har i skolen udtrykt sympati for militant islamisme og delt propaganda." },
			{ "MILITANT_ISLAMISM", "Under afsoning set sammen med personer fra et militant islamistisk miljø." },
			{ "MILITANT_ISLAMISM", "Familien oplyser, at den unge taler om at rejse til en konfliktzone." },
			{ "RIGHT_WING", "Deler højreekstremistisk materiale i klassens chatgruppe." },
			{ "RIGHT_WING", "Set sammen med kendte personer fra et højreekstremt netværk." },
			{ "RIGHT_WING", "Har på arbejdspladsen truet kolleger med baggrund i et højreekstremt verdensbillede." },
			{ "LEFT_WING", "Er ifølge bostøtten begyndt at komme i et voldeligt venstreekstremt miljø." },
			{ "LEFT_WING", "Har deltaget i planlægningen af hærværk mod en virksomhed." },
			{ "OTHER", "Voldsforherligende opslag på sociale medier og stigende isolation." },
			{ "OTHER", "Konspirationsteorier og trusler mod offentligt ansatte." },
			{ "UNCLEAR", "Bekymrende udtalelser om vold uden klart ideologisk ophæng." },
			{ "UNCLEAR", "Pludselig adfærdsændring og kontakt til ukendte personer online." } };

	private static final String[] TASKS = { "Samtale med borgeren om bekymringen",
			"Kontakt til skolen og klasselæreren", "Tilbud om mentorforløb", "Hjemmebesøg hos familien",
			"Afklaring af beskæftigelse og uddannelse", "Bekymringssamtale ved politiet", "Koordinering med bostøtten",
			"Opfølgning efter løsladelse" };

	private static final String[] PURPOSES = { "Deltagelse i den aftalte handleplan",
			"Koordinering af indsatsen over for borgeren", "Opfølgning på egne opgaver i sagen" };

	private static final String[] REPORTS = { "Borgeren er mødt op til de aftalte samtaler.",
			"Kontakten er etableret; borgeren er positiv over for forløbet.",
			"Ingen nye bekymrende forhold siden sidste møde.", "Forløbet er afsluttet efter planen." };

	// ------------------------------------------------------------------ the generator

	/** One run: the tables of the current chunk, counters and the cases' bookkeeping. */
	private static final class Generator {

		private final Connection connection;

		private final DataSource dataSource;

		private final Options options;

		private final List<Unit> units;

		private final int[] unitPick;

		final Map<String, Long> rows = new LinkedHashMap<>();

		private Tables tables = new Tables();

		private final BlockingQueue<Tables> queue = new ArrayBlockingQueue<>(2);

		private long nextRevision;

		private long nextAccessLog;

		private int nextPerson;

		/** Case and receipt counters per unit, series and year. */
		private final Map<String, Integer> counters = new TreeMap<>();

		private final int[][] ringPerson;

		private final long[][] ringClosed;

		private final int[] ringNext;

		private final Meetings[] meetings;

		private final long now;

		private final int firstDay;

		private final int spanDays;

		/** Copenhagen's UTC offset at noon of each day from firstDay - 60 on, in ms. */
		private final int[] offsets;

		private final int offsetBase;

		private final SecretKeySpec encryptionKey;

		private final Mac mac;

		private final Cipher cipher;

		Generator(DataSource dataSource, Connection connection, Options options, CprKeys keys) {
			this.dataSource = dataSource;
			this.connection = connection;
			this.options = options;
			this.units = UNITS.subList(0, options.units());
			int weights = this.units.stream().mapToInt(Unit::weight).sum();
			this.unitPick = new int[weights];
			int at = 0;
			for (int u = 0; u < this.units.size(); u++) {
				for (int w = 0; w < this.units.get(u).weight(); w++) {
					this.unitPick[at++] = u;
				}
			}
			this.ringPerson = new int[this.units.size()][RING];
			this.ringClosed = new long[this.units.size()][RING];
			for (int[] ring : this.ringPerson) {
				java.util.Arrays.fill(ring, -1);
			}
			this.ringNext = new int[this.units.size()];
			this.firstDay = (int) options.asOf().minusYears(options.years()).toEpochDay();
			this.spanDays = (int) (options.asOf().toEpochDay() - this.firstDay);
			this.offsetBase = this.firstDay - 60;
			this.offsets = new int[this.spanDays + 2 * 400 + 120];
			for (int i = 0; i < this.offsets.length; i++) {
				LocalDate day = LocalDate.ofEpochDay(this.offsetBase + i);
				this.offsets[i] = ZONE.getRules().getOffset(day.atTime(12, 0)).getTotalSeconds() * 1000;
			}
			this.now = at((int) options.asOf().toEpochDay(), 16 * 60);
			this.meetings = new Meetings[this.units.size()];
			try {
				this.encryptionKey = new SecretKeySpec(Base64.getDecoder().decode(keys.encryptionKey()), "AES");
				this.mac = Mac.getInstance("HmacSHA256");
				this.mac.init(new SecretKeySpec(Base64.getDecoder().decode(keys.hashKey()), "HmacSHA256"));
				this.cipher = Cipher.getInstance("AES/GCM/NoPadding");
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		void run() throws SQLException {
			refuseUnlessEmpty();
			this.nextRevision = single("select coalesce(max(id), 0) + 1 from audit_revision");
			this.nextAccessLog = single("select coalesce(max(id), 0) + 1 from access_log");
			// a superuser skips the foreign keys' triggers and copies on two connections:
			// the rows are made to satisfy the keys, and MillionCasesIntegrationTests
			// generates as the schema owner, where every key is checked
			boolean superuser = single("select count(*) from pg_roles where rolname = current_user and rolsuper") > 0;
			prepare(this.connection, superuser);
			unitsAndOrganisations();
			List<String> indexes = dropSecondaryIndexes();
			try {
				int writers = superuser ? 2 : 1;
				ExecutorService pool = Executors.newFixedThreadPool(writers,
						(task) -> new Thread(task, "dataset-copy"));
				List<Future<?>> copying = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					copying.add(pool.submit(() -> {
						try (Connection writer = this.dataSource.getConnection()) {
							prepare(writer, superuser);
							copyUntilDone(writer);
						}
						return null;
					}));
				}
				try {
					meetingsBefore();
					for (int i = 0; i < this.options.cases(); i++) {
						oneCase(i);
						if ((i + 1) % this.options.chunkCases() == 0) {
							if ((i + 1) % 100_000 == 0) {
								progress((i + 1) + " cases generated");
							}
							handOver(copying);
						}
					}
					meetingsAfter();
					counters();
					handOver(copying);
					for (int w = 0; w < writers; w++) {
						handOver(copying, Tables.END);
					}
					for (Future<?> writer : copying) {
						writer.get();
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted", ex);
				}
				catch (ExecutionException ex) {
					throw new IllegalStateException("Copying failed", ex.getCause());
				}
				finally {
					pool.shutdownNow();
				}
				progress("copied");
			}
			finally {
				// also after a failure, so the database keeps the migrations' indexes
				recreate(indexes);
			}
			finish();
		}

		/**
		 * The plain indexes of the tables the load fills: built once afterwards from
		 * their definitions (pg_get_indexdef, so they come back exactly as the migrations
		 * made them) rather than maintained row by row. Primary keys and unique indexes
		 * stay, and check the rows as they arrive.
		 */
		private List<String> dropSecondaryIndexes() throws SQLException {
			List<String> definitions = new ArrayList<>();
			List<String> names = new ArrayList<>();
			try (Statement statement = this.connection.createStatement(); ResultSet found = statement.executeQuery("""
					select quote_ident(c.relname) as name, pg_get_indexdef(i.indexrelid) as definition
					from pg_index i
					join pg_class c on c.oid = i.indexrelid
					join pg_class t on t.oid = i.indrelid
					join pg_namespace n on n.oid = t.relnamespace
					where n.nspname = current_schema() and not i.indisunique and not i.indisprimary
					  and t.relname = any (cast(? as text[]))
					order by c.relname
					""".replace("?", "'{" + String.join(",", LOADED) + "}'"))) {
				while (found.next()) {
					names.add(found.getString("name"));
					definitions.add(found.getString("definition"));
				}
			}
			try (Statement statement = this.connection.createStatement()) {
				for (String name : names) {
					statement.execute("drop index " + name);
				}
			}
			progress("dropped " + names.size() + " indexes for the load");
			return definitions;
		}

		private void recreate(List<String> definitions) throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				statement.execute("set maintenance_work_mem = '1GB'");
				for (String definition : definitions) {
					statement.execute(definition);
				}
			}
			progress("recreated " + definitions.size() + " indexes");
		}

		private final long started = System.nanoTime();

		void progress(String what) {
			System.err.printf("%6.1f s  %s%n", (System.nanoTime() - this.started) / 1e9, what);
		}

		private static void prepare(Connection connection, boolean superuser) throws SQLException {
			try (Statement statement = connection.createStatement()) {
				statement.execute("set synchronous_commit = off");
				if (superuser) {
					statement.execute("set session_replication_role = replica");
				}
			}
		}

		private void refuseUnlessEmpty() throws SQLException {
			long seals = single("select count(*) from audit_seal");
			if (seals > 0) {
				throw new IllegalStateException("The audit chain of this database has begun (" + seals + " seals in "
						+ "audit_seal): history written now would have no seal and show as inserted by tampering. "
						+ "Generate into a freshly migrated database the service has not started on.");
			}
			long cases = single("select count(*) from concern_case");
			if (cases > 0) {
				throw new IllegalStateException("The database already has " + cases + " cases; the generator only "
						+ "fills an empty one, so that a run gives the same data every time. Use a fresh database.");
			}
		}

		private long single(String sql) throws SQLException {
			try (Statement statement = this.connection.createStatement();
					ResultSet result = statement.executeQuery(sql)) {
				result.next();
				return result.getLong(1);
			}
		}

		private void handOver(List<Future<?>> copying) throws InterruptedException, ExecutionException {
			handOver(copying, this.tables);
			this.tables = new Tables();
		}

		private void handOver(List<Future<?>> copying, Tables chunk) throws InterruptedException, ExecutionException {
			while (!this.queue.offer(chunk, 1, java.util.concurrent.TimeUnit.SECONDS)) {
				for (Future<?> writer : copying) {
					if (writer.isDone()) {
						writer.get();
						throw new IllegalStateException("A copying thread ended early");
					}
				}
			}
		}

		/**
		 * On a copying thread: each chunk in one transaction, parents before children.
		 */
		private void copyUntilDone(Connection connection) throws Exception {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			connection.setAutoCommit(false);
			try {
				while (true) {
					Tables chunk = this.queue.take();
					if (chunk == Tables.END) {
						return;
					}
					for (CopyTable table : chunk.inOrder()) {
						if (table.rows() == 0) {
							continue;
						}
						CopyIn in = copy.copyIn(table.copySql());
						try {
							byte[] bytes = table.bytes();
							for (int from = 0; from < table.size(); from += 1 << 20) {
								in.writeToCopy(bytes, from, Math.min(1 << 20, table.size() - from));
							}
							in.endCopy();
						}
						finally {
							if (in.isActive()) {
								in.cancelCopy();
							}
						}
						count(table.name, table.rows());
					}
					connection.commit();
				}
			}
			catch (Exception ex) {
				connection.rollback();
				throw ex;
			}
		}

		// ------------------------------------------------------------ organisations

		private void unitsAndOrganisations() throws SQLException {
			long at = at(this.firstDay - 30, 9 * 60);
			List<Unit> missing = new ArrayList<>();
			for (Unit unit : this.units) {
				try (PreparedStatement exists = this.connection
					.prepareStatement("select 1 from coordination_unit where code = ?")) {
					exists.setString(1, unit.code());
					try (ResultSet found = exists.executeQuery()) {
						if (!found.next()) {
							missing.add(unit);
						}
					}
				}
			}
			if (missing.isEmpty()) {
				return;
			}
			long revision = this.nextRevision++;
			try (PreparedStatement insert = this.connection.prepareStatement("""
					insert into audit_revision (id, revision_time, username, organisation, request_id)
					values (?, ?, 'admin', 'KK-BIF', ?)
					""")) {
				insert.setLong(1, revision);
				insert.setTimestamp(2, new java.sql.Timestamp(at));
				insert.setString(3, new UUID(this.options.seed(), 1).toString());
				insert.executeUpdate();
			}
			try (PreparedStatement organisation = this.connection.prepareStatement("""
					insert into organisation (code, name, type, municipality, notification_email) values (?, ?, ?, ?, ?)
					""");
					PreparedStatement organisationAud = this.connection.prepareStatement(
							"""
									insert into organisation_aud (code, rev, revtype, name, type, municipality, notification_email)
									values (?, ?, 0, ?, ?, ?, ?)
									""");
					PreparedStatement unitRow = this.connection.prepareStatement(
							"""
									insert into coordination_unit (code, name, secretariat_model, model1_secretariat, model2_secretariat,
									  municipal_coordinator, municipality, follow_up_days)
									values (?, ?, ?, ?, ?, ?, ?, 30)
									""");
					PreparedStatement unitAud = this.connection.prepareStatement(
							"""
									insert into coordination_unit_aud (code, rev, revtype, name, secretariat_model, model1_secretariat,
									  model2_secretariat, municipal_coordinator, municipality, follow_up_days)
									values (?, ?, 0, ?, ?, ?, ?, ?, ?, 30)
									""")) {
				for (Unit unit : missing) {
					String[][] organisations = { { unit.police(), "Politiet i " + unit.city(), "POLICE", null },
							{ unit.prison(), "Kriminalforsorgen " + unit.city(), "PRISON_AND_PROBATION", null },
							{ unit.employment(), "Beskæftigelsesforvaltningen, " + unit.municipality(),
									"MUNICIPAL_DEPARTMENT", unit.municipality() },
							{ unit.children(), "Børne- og Ungeforvaltningen, " + unit.municipality(),
									"MUNICIPAL_DEPARTMENT", unit.municipality() },
							{ unit.social(), "Socialforvaltningen, " + unit.municipality(), "MUNICIPAL_DEPARTMENT",
									unit.municipality() },
							{ unit.ssp(), "SSP " + unit.city(), "MUNICIPAL_DEPARTMENT", unit.municipality() } };
					for (String[] o : organisations) {
						String email = o[0].toLowerCase(Locale.ROOT) + "@example.invalid";
						organisation.setString(1, o[0]);
						organisation.setString(2, o[1]);
						organisation.setString(3, o[2]);
						organisation.setString(4, o[3]);
						organisation.setString(5, email);
						organisation.addBatch();
						organisationAud.setString(1, o[0]);
						organisationAud.setLong(2, revision);
						organisationAud.setString(3, o[1]);
						organisationAud.setString(4, o[2]);
						organisationAud.setString(5, o[3]);
						organisationAud.setString(6, email);
						organisationAud.addBatch();
					}
					unitRow.setString(1, unit.code());
					unitRow.setString(2, unit.name());
					unitRow.setString(3, unit.model());
					unitRow.setString(4, unit.employment());
					unitRow.setString(5, unit.police());
					unitRow.setString(6, unit.employment());
					unitRow.setString(7, unit.municipality());
					unitRow.addBatch();
					unitAud.setString(1, unit.code());
					unitAud.setLong(2, revision);
					unitAud.setString(3, unit.name());
					unitAud.setString(4, unit.model());
					unitAud.setString(5, unit.employment());
					unitAud.setString(6, unit.police());
					unitAud.setString(7, unit.employment());
					unitAud.setString(8, unit.municipality());
					unitAud.addBatch();
				}
				organisation.executeBatch();
				organisationAud.executeBatch();
				unitRow.executeBatch();
				unitAud.executeBatch();
			}
			count("organisation", missing.size() * 6L);
			count("organisation_aud", missing.size() * 6L);
			count("coordination_unit", missing.size());
			count("coordination_unit_aud", missing.size());
			count("audit_revision", 1);
		}

		private void count(String table, long rows) {
			synchronized (this.rows) {
				this.rows.merge(table, rows, Long::sum);
			}
		}

		// ------------------------------------------------------------ users

		private static User secretariat(Unit unit) {
			return user(unit, unit.secretariat());
		}

		/**
		 * One user per organisation: in KBH the demo users of keycloak-realm.json, in the
		 * other units the same names with the unit's code.
		 */
		private static User user(Unit unit, String organisation) {
			String role = (organisation.equals(unit.police())) ? "politi"
					: organisation.equals(unit.prison()) ? "kriminalforsorgen"
							: organisation.equals(unit.employment()) ? "sekretariat"
									: organisation.equals(unit.children()) ? "buf"
											: organisation.equals(unit.social()) ? "sof" : "ssp";
			return new User("KBH".equals(unit.code()) ? role : role + "." + unit.code().toLowerCase(Locale.ROOT),
					organisation);
		}

		// ------------------------------------------------------------ meetings

		/** A unit's weekly meetings, Thursdays at 9, from before its first case on. */
		private final class Meetings {

			final Unit unit;

			final long[] startsAt;

			final UUID[] ids;

			final long[] created;

			final long[] proposal;

			final boolean[] held;

			final int[] positions;

			final String[] source;

			final String location;

			Meetings(Unit unit, SplittableRandom random) {
				this.unit = unit;
				LocalDate first = LocalDate.ofEpochDay(Generator.this.firstDay);
				while (first.getDayOfWeek() != java.time.DayOfWeek.THURSDAY) {
					first = first.plusDays(1);
				}
				int count = (int) ((Generator.this.options.asOf().toEpochDay() + 28 - first.toEpochDay()) / 7) + 1;
				this.startsAt = new long[count];
				this.ids = new UUID[count];
				this.created = new long[count];
				this.proposal = new long[count];
				this.held = new boolean[count];
				this.positions = new int[count];
				this.source = new String[count];
				this.location = "Mødelokale 2, Rådhuset, " + unit.city();
				for (int k = 0; k < count; k++) {
					int day = (int) first.toEpochDay() + 7 * k;
					this.startsAt[k] = at(day, 9 * 60);
					this.ids[k] = uuid(random);
					this.created[k] = Math.min(this.startsAt[k] - 28 * DAY, Generator.this.now - HOUR);
					this.proposal[k] = this.startsAt[k] - 47 * HOUR;
					this.held[k] = this.startsAt[k] + 25 * HOUR <= Generator.this.now;
					this.source[k] = "Møde " + LocalDate.ofEpochDay(day).format(MEETING_DATE) + ", punkt ";
				}
			}

			/** The first meeting whose agenda is proposed after {@code at}, or -1. */
			int after(long at) {
				int k = (int) Math.max(0, (at - this.proposal[0]) / (7 * DAY));
				while (k < this.startsAt.length && this.proposal[k] <= at) {
					k++;
				}
				return (k < this.startsAt.length) ? k : -1;
			}

			/** The first meeting on or after the day, or -1. */
			int onOrAfter(int epochDay) {
				return after(at(epochDay, 0) - 47 * HOUR - 1);
			}

		}

		/** Revision numbers of each meeting's proposal (the items' first history). */
		private long[][] proposalRevision;

		private void meetingsBefore() {
			SplittableRandom random = new SplittableRandom(this.options.seed() * 31 + 7);
			this.proposalRevision = new long[this.units.size()][];
			for (int u = 0; u < this.units.size(); u++) {
				Unit unit = this.units.get(u);
				Meetings m = new Meetings(unit, random);
				this.meetings[u] = m;
				this.proposalRevision[u] = new long[m.startsAt.length];
				User secretariat = secretariat(unit);
				for (int k = 0; k < m.startsAt.length; k++) {
					long created = revision(m.created[k], secretariat, uuid(random), null);
					meetingAud(m, k, created, 0, "PLANNED", 0, 0, m.created[k]);
					for (String organisation : unit.organisations()) {
						this.tables.meetingInvitee.uuid(m.ids[k]).text(organisation).end();
						this.tables.meetingInviteeAud.number(created).number(0).uuid(m.ids[k]).text(organisation).end();
					}
					if (m.held[k]) {
						long proposal = revision(m.proposal[k], secretariat, uuid(random), null);
						this.proposalRevision[u][k] = proposal;
						meetingAud(m, k, proposal, 1, "PLANNED", 0, 0, m.proposal[k]);
						long publishedAt = m.startsAt[k] - 23 * HOUR;
						long published = revision(publishedAt, secretariat, uuid(random), null);
						meetingAud(m, k, published, 1, "AGENDA_PUBLISHED", 1, 1, publishedAt);
						// final state; the version follows the decisions (finish())
						meetingRow(m, k, "HELD", 1, 1, m.startsAt[k] + 25 * HOUR, 4);
					}
					else {
						meetingRow(m, k, "PLANNED", 0, 0, m.created[k], 0);
					}
				}
			}
		}

		private void meetingRow(Meetings m, int k, String state, int sequence, int agendaVersion, long updated,
				long version) {
			this.tables.meeting.uuid(m.ids[k])
				.text(m.unit.code())
				.instant(m.startsAt[k])
				.number(120)
				.text(m.location)
				.text(state)
				.number(sequence)
				.number(agendaVersion)
				.text(secretariat(m.unit).username())
				.instant(m.created[k])
				.instant(updated)
				.number(version)
				.end();
		}

		private void meetingAud(Meetings m, int k, long revision, int revtype, String state, int sequence,
				int agendaVersion, long updated) {
			this.tables.meetingAud.uuid(m.ids[k])
				.number(revision)
				.number(revtype)
				.text(m.unit.code())
				.instant(m.startsAt[k])
				.number(120)
				.text(m.location)
				.text(state)
				.number(sequence)
				.number(agendaVersion)
				.text(secretariat(m.unit).username())
				.instant(m.created[k])
				.instant(updated)
				.end();
		}

		/** Attendance and approval of every held meeting, after all decisions. */
		private void meetingsAfter() {
			SplittableRandom random = new SplittableRandom(this.options.seed() * 31 + 8);
			for (Meetings m : this.meetings) {
				User secretariat = secretariat(m.unit);
				for (int k = 0; k < m.startsAt.length; k++) {
					if (!m.held[k]) {
						continue;
					}
					long attendedAt = m.startsAt[k] + 2 * HOUR;
					long attendance = revision(attendedAt, secretariat, uuid(random), null);
					meetingAud(m, k, attendance, 1, "AGENDA_PUBLISHED", 1, 1, attendedAt);
					int ordinal = 0;
					for (String organisation : m.unit.organisations()) {
						String person = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " "
								+ LAST_NAMES[random.nextInt(LAST_NAMES.length)];
						this.tables.meetingAttendee.uuid(m.ids[k]).text(organisation).text(person).end();
						this.tables.meetingAttendeeAud.number(attendance)
							.number(0)
							.uuid(m.ids[k])
							.text(organisation)
							.text(person)
							.number(ordinal++)
							.end();
					}
					long approvedAt = m.startsAt[k] + 25 * HOUR;
					long approval = revision(approvedAt, secretariat, uuid(random), null);
					meetingAud(m, k, approval, 1, "HELD", 1, 1, approvedAt);
				}
			}
		}

		private void counters() {
			this.counters.forEach((key, value) -> {
				String[] parts = key.split("/");
				this.tables.caseNumberCounter.text(parts[0])
					.text(parts[1])
					.number(Integer.parseInt(parts[2]))
					.number(value)
					.end();
			});
		}

		// ------------------------------------------------------------ cases

		private void oneCase(int i) {
			SplittableRandom r = new SplittableRandom(this.options.seed() * 0x9E3779B97F4A7C15L + i);
			int u = this.unitPick[r.nextInt(this.unitPick.length)];
			Unit unit = this.units.get(u);
			int day = this.firstDay + (int) ((long) i * this.spanDays / this.options.cases());
			long t0 = at(day, 8 * 60 + r.nextInt(9 * 60)) + r.nextInt(60_000);
			int person = -1;
			if (r.nextInt(100) < 12) {
				int slot = r.nextInt(Math.max(1, Math.min(this.ringNext[u], RING)));
				if (this.ringPerson[u][slot] >= 0 && this.ringClosed[u][slot] < t0) {
					person = this.ringPerson[u][slot];
					this.ringPerson[u][slot] = -1;
				}
			}
			if (person < 0) {
				person = this.nextPerson++;
			}
			Case c = new Case(this, unit, this.meetings[u], u, r, t0, person);
			c.live();
			int slot = this.ringNext[u]++ % RING;
			this.ringPerson[u][slot] = person;
			this.ringClosed[u][slot] = c.closedAt;
		}

		String draw(String unit, String series, long at) {
			int year = LocalDate.ofEpochDay(dayOf(at)).getYear();
			int value = this.counters.merge(unit + "/" + series + "/" + year, 1, Integer::sum);
			return "CASE".equals(series) ? "%s-%d-%04d".formatted(unit, year, value)
					: "H-%s-%d-%05d".formatted(unit, year, value);
		}

		long revision(long at, User user, UUID requestId, String source) {
			long id = this.nextRevision++;
			this.tables.auditRevision.number(id)
				.instant(at)
				.text(user.username())
				.text(user.organisation())
				.uuid(requestId)
				.text(source)
				.nul()
				.end();
			return id;
		}

		void read(long at, User user, UUID caseId, String hash, String what, String purpose, UUID requestId) {
			this.tables.accessLog.number(this.nextAccessLog++)
				.instant(at)
				.text(user.username())
				.text(user.organisation())
				.uuid(caseId)
				.text(hash)
				.text(what)
				.text(purpose)
				.uuid(requestId)
				.nul()
				.end();
		}

		// ------------------------------------------------------------ time and people

		/** The instant of a minute of a Danish day. */
		long at(int epochDay, int minuteOfDay) {
			return epochDay * DAY + minuteOfDay * MINUTE - this.offsets[epochDay - this.offsetBase];
		}

		/** The Danish day of an instant. */
		int dayOf(long at) {
			int utcDay = (int) Math.floorDiv(at, DAY);
			return (int) Math.floorDiv(at + this.offsets[utcDay - this.offsetBase], DAY);
		}

		/**
		 * A working hour between {@code minDays} and {@code maxDays} days after, and
		 * after it.
		 */
		long later(long after, int minDays, int maxDays, SplittableRandom r) {
			long at = at(dayOf(after) + minDays + r.nextInt(maxDays - minDays + 1), 8 * 60 + r.nextInt(8 * 60))
					+ r.nextInt(60_000);
			return (at > after) ? at : after + 5 * MINUTE + r.nextInt(55) * MINUTE;
		}

		static String nameOf(int person) {
			int h = mix(person);
			String first = FIRST_NAMES[Math.floorMod(h, FIRST_NAMES.length)];
			String last = LAST_NAMES[Math.floorMod(h >>> 8, LAST_NAMES.length)];
			return ((h >>> 16) % 5 == 0)
					? first + " " + FIRST_NAMES[Math.floorMod(h >>> 20, FIRST_NAMES.length)] + " " + last
					: first + " " + last;
		}

		static String addressOf(int person, Unit unit) {
			int h = mix(person * 7 + 3);
			return STREETS[Math.floorMod(h, STREETS.length)] + " " + (1 + Math.floorMod(h >>> 8, 120)) + ", "
					+ unit.postcode() + " " + unit.city();
		}

		private static int mix(int value) {
			int h = value * 0x9E3779B9;
			h ^= h >>> 15;
			h *= 0x85EBCA6B;
			h ^= h >>> 13;
			return h;
		}

		/**
		 * The format of AesGcmCprProtector: 0x01, key id length, key id, nonce,
		 * ciphertext.
		 */
		byte[] encrypt(String digits, SplittableRandom r) {
			byte[] nonce = new byte[12];
			for (int i = 0; i < 12; i += 4) {
				int bits = r.nextInt();
				nonce[i] = (byte) bits;
				nonce[i + 1] = (byte) (bits >> 8);
				nonce[i + 2] = (byte) (bits >> 16);
				nonce[i + 3] = (byte) (bits >> 24);
			}
			try {
				this.cipher.init(Cipher.ENCRYPT_MODE, this.encryptionKey, new GCMParameterSpec(128, nonce));
				byte[] sealed = this.cipher.doFinal(digits.getBytes(StandardCharsets.US_ASCII));
				byte[] id = KEY_ID.getBytes(StandardCharsets.US_ASCII);
				byte[] result = new byte[2 + id.length + nonce.length + sealed.length];
				result[0] = 1;
				result[1] = (byte) id.length;
				System.arraycopy(id, 0, result, 2, id.length);
				System.arraycopy(nonce, 0, result, 2 + id.length, nonce.length);
				System.arraycopy(sealed, 0, result, 2 + id.length + nonce.length, sealed.length);
				return result;
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String hash(String digits) {
			return KEY_ID + ":"
					+ HexFormat.of().formatHex(this.mac.doFinal(digits.getBytes(StandardCharsets.US_ASCII)));
		}

		Tables tables() {
			return this.tables;
		}

		long proposalRevision(int unit, int meeting) {
			return this.proposalRevision[unit][meeting];
		}

		// ------------------------------------------------------------ after the copy

		private void finish() throws SQLException {
			try (Statement statement = this.connection.createStatement()) {
				// what a proposal froze as version 1 and what the approval froze, as the
				// service writes them (AgendaDrafts.publish, MeetingRecords.approve)
				int published = statement.executeUpdate(
						"""
								insert into published_agenda (meeting_id, version, published_at, published_by, items)
								select m.id, 1, m.starts_at - interval '23 hours', m.created_by_user,
								       coalesce((select jsonb_agg(jsonb_build_object('id', i.id, 'position', i.position,
								                   'caseId', i.case_id, 'caseNumber', c.case_number, 'reason', i.reason,
								                   'title', i.title, 'urgent', exists (select 1 from referral f
								                       where f.case_id = i.case_id and f.urgent and f.submitted_at < i.created_at))
								                 order by i.position)
								                 from agenda_item i join concern_case c on c.id = i.case_id
								                 where i.meeting_id = m.id), '[]'::jsonb)
								from meeting m
								where m.state = 'HELD' and not exists (select 1 from published_agenda p where p.meeting_id = m.id)
								""");
				count("published_agenda", published);
				progress("published agendas");
				int approved = statement.executeUpdate(
						"""
								insert into approved_minutes (meeting_id, approved_at, approved_by, content)
								select m.id, m.updated_at, m.created_by_user, jsonb_build_object(
								         'attendees', coalesce((select jsonb_agg(jsonb_build_object('organisation', a.organisation,
								                                 'person', a.person) order by a.organisation)
								                                from meeting_attendee a where a.meeting_id = m.id), '[]'::jsonb),
								         'items', coalesce((select jsonb_agg(jsonb_build_object('itemId', i.id,
								                     'position', i.position, 'caseId', i.case_id, 'caseNumber', c.case_number,
								                     'title', i.title,
								                     'reasonText', case i.reason when 'REVIEW_DUE' then 'Gennemgang af lukket sag'
								                                    when 'FOLLOW_UP_DUE' then 'Opfølgning forfalder inden mødet'
								                                    when 'NEW_INFORMATION' then 'Nye oplysninger i sagen'
								                                    else 'Ny bekymringshenvendelse til behandling' end,
								                     'minutes', i.minutes,
								                     'decidedAt', to_char(i.decided_at at time zone 'UTC',
								                                          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
								                   order by i.position)
								                   from agenda_item i join concern_case c on c.id = i.case_id
								                   where i.meeting_id = m.id), '[]'::jsonb))
								from meeting m
								where m.state = 'HELD' and not exists (select 1 from approved_minutes a where a.meeting_id = m.id)
								""");
				count("approved_minutes", approved);
				progress("approved minutes");
				// every decision updated the meeting once more
				statement.executeUpdate("""
						update meeting m set version = 4 + d.decisions
						from (select meeting_id, count(*) as decisions from agenda_item
						      where decided_at is not null group by meeting_id) d
						where d.meeting_id = m.id
						""");
				statement.execute("select setval(pg_get_serial_sequence('audit_revision', 'id'), "
						+ "(select max(id) from audit_revision))");
				statement.execute("select setval(pg_get_serial_sequence('access_log', 'id'), "
						+ "greatest((select max(id) from access_log), 1))");
				progress("meetings' versions, sequences");
				statement.execute("analyze");
				progress("analyzed");
			}
		}

	}

	/** The tables whose plain indexes are built after the load instead of during it. */
	private static final List<String> LOADED = List.of("audit_revision", "concern_case", "referral", "case_participant",
			"case_task", "status_report", "case_review", "agenda_item", "concern_case_aud", "referral_aud",
			"case_participant_aud", "case_task_aud", "status_report_aud", "case_review_aud", "agenda_item_aud",
			"meeting_aud", "access_log");

	/**
	 * The CPR number of the generator's n-th person, ten digits: serial 9xx5 on the 1st
	 * to 28th of a month, born 1937-1999 or 2000-2012 (a seventh digit 9 puts 00-36 in
	 * the 2000s). Unique for the first 2,553,600 persons.
	 */
	static String cprOf(int person) {
		int day = 1 + person % 28;
		int month = 1 + (person / 28) % 12;
		int yearIndex = (person / 336) % 76;
		int year = (yearIndex < 63) ? 37 + yearIndex : yearIndex - 63;
		int serial = 9005 + ((person / 25_536) % 100) * 10;
		return "%02d%02d%02d%04d".formatted(day, month, year, serial);
	}

	static UUID uuid(SplittableRandom random) {
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	/** The tables of one chunk, in the order they are copied: parents before children. */
	static final class Tables {

		static final Tables END = new Tables();

		final CopyTable auditRevision = new CopyTable("audit_revision",
				"id, revision_time, username, organisation, request_id, source, correlation_id");

		final CopyTable meeting = new CopyTable("meeting", "id, unit_code, starts_at, duration_minutes, location, "
				+ "state, sequence, agenda_version, created_by_user, created_at, updated_at, version");

		final CopyTable meetingInvitee = new CopyTable("meeting_invitee", "meeting_id, organisation");

		final CopyTable meetingAttendee = new CopyTable("meeting_attendee", "meeting_id, organisation, person");

		final CopyTable concernCase = new CopyTable("concern_case", "id, unit_code, case_number, status, "
				+ "closing_reason, status_reason, status_model, new_information, subject_name, subject_address, "
				+ "subject_cpr_encrypted, subject_cpr_hash, subject_cpr_masked, created_at, updated_at, version, "
				+ "follow_up_date");

		final CopyTable referral = new CopyTable("referral", "id, case_id, submitted_by_user, submitted_by_org, "
				+ "submitted_at, concern, category, legal_basis, urgent, shared_with_participants, receipt_number, "
				+ "subject_name, subject_address, attached_to_existing_case, state, feedback, feedback_at, feedback_by");

		final CopyTable participant = new CopyTable("case_participant",
				"id, case_id, organisation, legal_basis, "
						+ "purpose, usage_restriction, disclosed_by_user, disclosed_by_org, started_at, ended_at, "
						+ "ended_by_user, end_reason");

		final CopyTable task = new CopyTable("case_task", "id, case_id, organisation, description, due_date, state, "
				+ "outcome, created_by_user, created_at, updated_at, version");

		final CopyTable statusReport = new CopyTable("status_report",
				"id, case_id, organisation, involvement, text, reported_by_user, reported_at");

		final CopyTable review = new CopyTable("case_review", "id, case_id, due_date, state, outcome, decided_at");

		final CopyTable agendaItem = new CopyTable("agenda_item",
				"id, meeting_id, position, case_id, reason, title, " + "created_at, minutes, decided_at, decided_by");

		final CopyTable caseAud = new CopyTable("concern_case_aud",
				"id, rev, revtype, unit_code, case_number, "
						+ "status, closing_reason, status_reason, status_model, new_information, subject_name, "
						+ "subject_address, subject_cpr_encrypted, subject_cpr_hash, subject_cpr_masked, created_at, "
						+ "updated_at, follow_up_date");

		final CopyTable referralAud = new CopyTable("referral_aud", "id, rev, revtype, case_id, submitted_by_user, "
				+ "submitted_by_org, submitted_at, concern, category, legal_basis, urgent, shared_with_participants, "
				+ "receipt_number, subject_name, subject_address, attached_to_existing_case, state, feedback, "
				+ "feedback_at, feedback_by");

		final CopyTable participantAud = new CopyTable("case_participant_aud",
				"id, rev, revtype, case_id, "
						+ "organisation, legal_basis, purpose, usage_restriction, disclosed_by_user, disclosed_by_org, "
						+ "started_at, ended_at, ended_by_user, end_reason");

		final CopyTable taskAud = new CopyTable("case_task_aud", "id, rev, revtype, case_id, organisation, "
				+ "description, due_date, state, outcome, created_by_user, created_at, updated_at");

		final CopyTable statusReportAud = new CopyTable("status_report_aud",
				"id, rev, revtype, case_id, organisation, involvement, text, reported_by_user, reported_at");

		final CopyTable reviewAud = new CopyTable("case_review_aud",
				"id, rev, revtype, case_id, due_date, state, outcome, decided_at");

		final CopyTable agendaItemAud = new CopyTable("agenda_item_aud", "id, rev, revtype, meeting_id, position, "
				+ "case_id, reason, title, created_at, minutes, decided_at, decided_by");

		final CopyTable meetingAud = new CopyTable("meeting_aud", "id, rev, revtype, unit_code, starts_at, "
				+ "duration_minutes, location, state, sequence, agenda_version, created_by_user, created_at, updated_at");

		final CopyTable meetingInviteeAud = new CopyTable("meeting_invitee_aud",
				"rev, revtype, meeting_id, organisation");

		final CopyTable meetingAttendeeAud = new CopyTable("meeting_attendee_aud",
				"rev, revtype, meeting_id, organisation, person, setordinal");

		final CopyTable accessLog = new CopyTable("access_log", "id, read_at, username, organisation, case_id, "
				+ "subject_cpr_hash, what, purpose, request_id, correlation_id");

		final CopyTable caseNumberCounter = new CopyTable("case_number_counter", "unit_code, series, year, last_value");

		List<CopyTable> inOrder() {
			return List.of(this.auditRevision, this.meeting, this.meetingInvitee, this.meetingAttendee,
					this.concernCase, this.referral, this.participant, this.task, this.statusReport, this.review,
					this.agendaItem, this.caseAud, this.referralAud, this.participantAud, this.taskAud,
					this.statusReportAud, this.reviewAud, this.agendaItemAud, this.meetingAud, this.meetingInviteeAud,
					this.meetingAttendeeAud, this.accessLog, this.caseNumberCounter);
		}

	}

	// ------------------------------------------------------------------ one case

	/**
	 * One case's story: planned as timed events, applied in time order up to the end of
	 * the history, each event one revision with the rows its transaction writes and the
	 * reads it logs; the live rows are the state after the last.
	 */
	private static final class Case {

		private static final String RESTRICTION_115 = "Oplysningerne er videregivet efter retsplejelovens § 115 og må "
				+ "efter stk. 2 ikke anvendes i efterforskningen af strafbare forhold.";

		private final Generator g;

		private final Unit unit;

		private final Generator.Meetings meetings;

		private final int unitIndex;

		private final SplittableRandom r;

		private final User secretariat;

		final UUID id;

		private final String caseNumber;

		private final String name;

		private final String address;

		private final byte[] encrypted;

		private final String hash;

		private final String masked;

		private final long createdAt;

		private String status = "RECEIVED";

		private String closingReason;

		private String statusReason = "Bekymringshenvendelse modtaget";

		private boolean newInformation;

		private int followUp = Integer.MIN_VALUE;

		private long updatedAt;

		private int version;

		/** When the case closed for good; Long.MAX_VALUE while open. */
		long closedAt = Long.MAX_VALUE;

		private final List<ReferralRow> referrals = new ArrayList<>();

		private final List<ParticipantRow> participants = new ArrayList<>();

		private final List<TaskRow> tasks = new ArrayList<>();

		private final List<ReviewRow> reviews = new ArrayList<>();

		private final List<ItemRow> items = new ArrayList<>();

		private final java.util.PriorityQueue<Event> events = new java.util.PriorityQueue<>(
				(a, b) -> Long.compare(a.at, b.at));

		Case(Generator g, Unit unit, Generator.Meetings meetings, int unitIndex, SplittableRandom r, long t0,
				int person) {
			this.g = g;
			this.unit = unit;
			this.meetings = meetings;
			this.unitIndex = unitIndex;
			this.r = r;
			this.secretariat = Generator.secretariat(unit);
			this.id = uuid(r);
			this.createdAt = t0;
			this.updatedAt = t0;
			this.caseNumber = g.draw(unit.code(), "CASE", t0);
			String digits = cprOf(person);
			this.name = Generator.nameOf(person);
			this.address = Generator.addressOf(person, unit);
			this.encrypted = g.encrypt(digits, r);
			this.hash = g.hash(digits);
			this.masked = digits.substring(0, 6) + "-xxxx";
			// the intake
			User submitter = submitter();
			long revision = g.revision(t0, submitter, uuid(r), null);
			caseAud(revision, 0);
			ReferralRow first = new ReferralRow(submitter, t0, false);
			first.aud(revision, 0);
			plan();
			// in time order up to the end of the history; an event may plan further ones
			while (!this.events.isEmpty() && this.events.peek().at <= g.now) {
				this.events.poll().apply();
			}
		}

		// -------------------------------------------------------- the plan

		private abstract static class Event {

			final long at;

			Event(long at) {
				this.at = at;
			}

			abstract void apply();

		}

		private void plan() {
			long screened = this.g.later(this.createdAt, 1, 6, this.r);
			this.events.add(transition(screened, "SCREENING", null, "Sekretariatet screener henvendelsen"));
			long closing = Long.MAX_VALUE;
			int path = this.r.nextInt(100);
			if (path < 45) {
				closing = this.g.later(screened, 3, 30, this.r);
				String reason = pick(new String[] { "NO_CONCERN", "NO_CONCERN", "NO_CONCERN", "NO_CONCERN",
						"NO_CONCERN", "NO_CONCERN", "NO_CONCERN", "HANDLED_BY_ONE_AUTHORITY",
						"HANDLED_BY_ONE_AUTHORITY", "MOVED_AWAY" });
				this.events.add(transition(closing, "CLOSED", reason, closingText(reason)));
			}
			else {
				long awaiting = this.g.later(screened, 2, 20, this.r);
				this.events.add(transition(awaiting, "AWAITING_MEETING", null, "Sættes på enhedens næste møde"));
				int meeting = this.meetings.after(awaiting);
				if (meeting >= 0 && this.meetings.held[meeting]) {
					int position = ++this.meetings.positions[meeting];
					long decided = this.meetings.startsAt[meeting] + position * 5_000L;
					if (this.r.nextInt(100) < 35) {
						String reason = pick(new String[] { "HANDLED_BY_ONE_AUTHORITY", "HANDLED_BY_ONE_AUTHORITY",
								"HANDLED_BY_ONE_AUTHORITY", "HANDLED_BY_ONE_AUTHORITY", "HANDED_TO_POLICE_OR_PET",
								"HANDED_TO_POLICE_OR_PET", "NO_CONCERN", "NO_CONCERN", "MOVED_AWAY", "OTHER" });
						this.events.add(decision(decided, meeting, position, "CLOSED", reason));
						closing = decided;
					}
					else {
						this.events.add(decision(decided, meeting, position, "ACTIVE", null));
						long end;
						if (this.r.nextInt(100) < 60) {
							long monitored = this.g.later(decided, 90, 200, this.r);
							this.events.add(transition(monitored, "MONITORING", null,
									"Handleplanen er gennemført; enheden følger op"));
							end = this.g.later(monitored, 60, 180, this.r);
						}
						else {
							end = this.g.later(decided, 90, 240, this.r);
						}
						this.events.add(transition(end, "CLOSED", "PLAN_COMPLETED", closingText("PLAN_COMPLETED")));
						closing = end;
					}
				}
			}
			// further concerns about the person while the case is open
			int extra = this.r.nextInt(10);
			extra = (extra < 6) ? 0 : (extra < 9) ? 1 : 2;
			long until = Math.min(closing, this.g.now) - HOUR;
			for (int e = 0; e < extra && until > this.createdAt + 2 * HOUR; e++) {
				long at = this.createdAt + HOUR + (long) (this.r.nextDouble() * (until - this.createdAt - HOUR));
				this.events.add(new Event(at) {
					@Override
					void apply() {
						furtherReferral(this.at);
					}
				});
			}
		}

		private Event transition(long at, String to, String closingReason, String reason) {
			return new Event(at) {
				@Override
				void apply() {
					User by = Case.this.secretariat;
					// the move answers with the case, which is a read
					UUID request = uuid(Case.this.r);
					long revision = Case.this.g.revision(this.at, by, request, null);
					move(revision, this.at, to, closingReason, reason);
					Case.this.g.read(this.at, by, Case.this.id, Case.this.hash, "CASE", "Sagsbehandling", request);
				}
			};
		}

		private Event decision(long at, int meeting, int position, String to, String closingReason) {
			return new Event(at) {
				@Override
				void apply() {
					decide(this.at, meeting, position, to, closingReason);
				}
			};
		}

		// -------------------------------------------------------- what happens

		private void move(long revision, long at, String to, String closingReason, String reason) {
			this.status = to;
			this.closingReason = closingReason;
			this.statusReason = reason;
			this.newInformation = false;
			this.updatedAt = at;
			for (ReferralRow referral : this.referrals) {
				String state = "CLOSED".equals(to) ? "CLOSED"
						: "RECEIVED".equals(referral.state) ? "IN_PROGRESS" : referral.state;
				if (!state.equals(referral.state)) {
					referral.state = state;
					referral.aud(revision, 1);
				}
			}
			int today = this.g.dayOf(at);
			if (("ACTIVE".equals(to) || "MONITORING".equals(to))
					&& (this.followUp == Integer.MIN_VALUE || this.followUp < today)) {
				this.followUp = today + 30;
				planFollowUp();
			}
			this.version++;
			caseAud(revision, 1);
			if ("CLOSED".equals(to)) {
				this.closedAt = at;
				LocalDate day = LocalDate.ofEpochDay(today);
				for (int months : new int[] { 6, 12 }) {
					ReviewRow review = new ReviewRow((int) day.plusMonths(months).toEpochDay());
					review.aud(revision, 0);
					planReview(review);
				}
			}
		}

		/**
		 * The unit follows the case up at its first meeting on or after the follow-up
		 * date and sets the next one 8 to 16 weeks on, as a unit that keeps its
		 * follow-ups in time does: without this every open case's first follow-up stayed
		 * overdue for ever, and each proposal drafted thousands of them.
		 */
		private void planFollowUp() {
			int due = this.followUp;
			onAgenda(this.meetings.onOrAfter(due), (at, meeting, position) -> {
				// a case closed since, or given another follow-up, has nothing due
				if (!"CLOSED".equals(this.status) && this.followUp == due) {
					discuss(at, meeting, position, "FOLLOW_UP_DUE", "Opfølgning forfalder inden mødet",
							"Enheden fulgte op på sagen og satte en ny opfølgningsdato.",
							() -> this.followUp = this.g.dayOf(at) + 56 + this.r.nextInt(57));
					planFollowUp();
				}
			});
		}

		private void planReview(ReviewRow review) {
			onAgenda(this.meetings.onOrAfter(review.dueDate),
					(at, meeting, position) -> decideReview(at, meeting, position, review));
		}

		/** What happens to the case at its turn on a meeting's agenda. */
		private interface AgendaTurn {

			void decide(long at, int meeting, int position);

		}

		/**
		 * Puts the case on the agenda of a meeting, decided in its turn; nothing if the
		 * meeting is not held by the end of the history.
		 */
		private void onAgenda(int meeting, AgendaTurn turn) {
			if (meeting < 0 || !this.meetings.held[meeting]) {
				return;
			}
			int position = ++this.meetings.positions[meeting];
			this.events.add(new Event(this.meetings.startsAt[meeting] + position * 5_000L) {
				@Override
				void apply() {
					turn.decide(this.at, meeting, position);
				}
			});
		}

		/**
		 * An item the unit discussed without moving the case: the change it decided, in
		 * the revision of the minutes.
		 */
		private void discuss(long at, int meeting, int position, String reason, String reasonText, String minutes,
				Runnable change) {
			UUID request = uuid(this.r);
			long revision = this.g.revision(at, this.secretariat, request,
					this.meetings.source[meeting] + position + " (" + this.meetings.ids[meeting] + ")");
			ItemRow item = new ItemRow(meeting, position, reason, reasonText);
			item.decided(revision, at, minutes);
			change.run();
			this.updatedAt = at;
			this.version++;
			caseAud(revision, 1);
			meetingUpdated(meeting, revision, at);
			this.g.read(at, this.secretariat, this.id, this.hash, "MEETING_MINUTES", "Mødereferat", request);
		}

		private void decide(long at, int meeting, int position, String to, String closingReason) {
			UUID request = uuid(this.r);
			String minutes = "CLOSED".equals(to) ? "Enheden vurderede, at sagen ikke skal behandles videre i enheden."
					: "Enheden drøftede sagen og aftalte en handleplan med opgaver til de deltagende myndigheder.";
			long revision = this.g.revision(at, this.secretariat, request,
					this.meetings.source[meeting] + position + " (" + this.meetings.ids[meeting] + ")");
			ItemRow item = new ItemRow(meeting, position, "AWAITING_MEETING",
					"Ny bekymringshenvendelse til behandling");
			item.decided(revision, at, minutes);
			if ("ACTIVE".equals(to)) {
				List<String> candidates = new ArrayList<>(this.unit.organisations());
				candidates.remove(this.unit.secretariat());
				int count = 1 + this.r.nextInt(2);
				for (int p = 0; p < count; p++) {
					String organisation = candidates.remove(this.r.nextInt(candidates.size()));
					ParticipantRow participant = new ParticipantRow(organisation, at);
					participant.aud(revision, 0);
					TaskRow task = new TaskRow(organisation, at);
					task.aud(revision, 0);
					long reported = this.g.later(at, 14, 45, this.r);
					this.events.add(new Event(reported) {
						@Override
						void apply() {
							report(this.at, organisation);
						}
					});
					long done = this.g.later(this.g.at(task.dueDate, 0), -5, 10, this.r);
					this.events.add(new Event(Math.max(done, at + HOUR)) {
						@Override
						void apply() {
							task.finish(this.at);
						}
					});
				}
			}
			move(revision, at, to, closingReason,
					"CLOSED".equals(to) ? closingText(closingReason) : "Handleplan aftalt på enhedens møde");
			meetingUpdated(meeting, revision, at);
			this.g.read(at, this.secretariat, this.id, this.hash, "MEETING_MINUTES", "Mødereferat", request);
		}

		private void decideReview(long at, int meeting, int position, ReviewRow review) {
			UUID request = uuid(this.r);
			long revision = this.g.revision(at, this.secretariat, request,
					this.meetings.source[meeting] + position + " (" + this.meetings.ids[meeting] + ")");
			ItemRow item = new ItemRow(meeting, position, "REVIEW_DUE", "Gennemgang af lukket sag");
			item.decided(revision, at, "Lukningen er bekræftet.");
			review.state = "CONFIRMED";
			review.outcome = "Lukningen er bekræftet";
			review.decidedAt = at;
			review.aud(revision, 1);
			meetingUpdated(meeting, revision, at);
			this.g.read(at, this.secretariat, this.id, this.hash, "MEETING_MINUTES", "Mødereferat", request);
		}

		private void meetingUpdated(int meeting, long revision, long at) {
			this.g.meetingAud(this.meetings, meeting, revision, 1, "AGENDA_PUBLISHED", 1, 1, at);
		}

		private void report(long at, String organisation) {
			User by = Generator.user(this.unit, organisation);
			UUID request = uuid(this.r);
			long revision = this.g.revision(at, by, request, null);
			String involvement = pick(new String[] { "IN_PROGRESS", "IN_PROGRESS", "COMPLETED", "NO_ACTION_NEEDED" });
			UUID reportId = uuid(this.r);
			String text = REPORTS[this.r.nextInt(REPORTS.length)];
			this.g.tables().statusReport.uuid(reportId)
				.uuid(this.id)
				.text(organisation)
				.text(involvement)
				.text(text)
				.text(by.username())
				.instant(at)
				.end();
			this.g.tables().statusReportAud.uuid(reportId)
				.number(revision)
				.number(0)
				.uuid(this.id)
				.text(organisation)
				.text(involvement)
				.text(text)
				.text(by.username())
				.instant(at)
				.end();
			this.g.read(at, by, this.id, this.hash, "CASE_STATUS_REPORTS", "Statusrapportering", request);
		}

		private void furtherReferral(long at) {
			if ("CLOSED".equals(this.status)) {
				return;
			}
			User submitter = submitter();
			long revision = this.g.revision(at, submitter, uuid(this.r), null);
			ReferralRow referral = new ReferralRow(submitter, at, true);
			referral.aud(revision, 0);
			this.newInformation = true;
			this.updatedAt = at;
			this.version++;
			caseAud(revision, 1);
			planNewInformation(at);
		}

		/**
		 * New information goes on the unit's next agenda, and discussing it there clears
		 * the flag; without this every open case that ever had a further concern stayed
		 * "new information" for ever (1,700 of KBH's open cases).
		 */
		private void planNewInformation(long at) {
			onAgenda(this.meetings.after(at), (decided, meeting, position) -> {
				// a move since has cleared it, or the case is closed
				if (this.newInformation && !"CLOSED".equals(this.status)) {
					discuss(decided, meeting, position, "NEW_INFORMATION", "Nye oplysninger i sagen",
							"Enheden drøftede de nye oplysninger; handleplanen fortsætter.",
							() -> this.newInformation = false);
				}
			});
		}

		private User submitter() {
			int p = this.r.nextInt(100);
			String organisation = (p < 35) ? this.unit.police()
					: (p < 55) ? this.unit.children() : (p < 70) ? this.unit.social()
							: (p < 85) ? this.unit.prison() : (p < 95) ? this.unit.ssp() : this.unit.employment();
			return Generator.user(this.unit, organisation);
		}

		private String pick(String[] choices) {
			return choices[this.r.nextInt(choices.length)];
		}

		private static String closingText(String reason) {
			return switch (reason) {
				case "NO_CONCERN" -> "Screeningen viste ingen bekymring for radikalisering";
				case "HANDLED_BY_ONE_AUTHORITY" -> "Håndteres af én myndighed inden for dens egne opgaver";
				case "HANDED_TO_POLICE_OR_PET" -> "Overgivet til politiet";
				case "PLAN_COMPLETED" -> "Handleplanen er gennemført";
				case "MOVED_AWAY" -> "Borgeren er fraflyttet enhedens område";
				default -> "Sagen lukkes";
			};
		}

		// -------------------------------------------------------- rows

		private void caseAud(long revision, int revtype) {
			this.g.tables().caseAud.uuid(this.id)
				.number(revision)
				.number(revtype)
				.text(this.unit.code())
				.text(this.caseNumber)
				.text(this.status)
				.text(this.closingReason)
				.text(this.statusReason)
				.text(this.unit.model())
				.bool(this.newInformation)
				.text(this.name)
				.text(this.address)
				.bytea(this.encrypted)
				.text(this.hash)
				.text(this.masked)
				.instant(this.createdAt)
				.instant(this.updatedAt)
				.date(this.followUp)
				.end();
		}

		/** The rows as they stand at the end of the history. */
		void live() {
			Tables t = this.g.tables();
			t.concernCase.uuid(this.id)
				.text(this.unit.code())
				.text(this.caseNumber)
				.text(this.status)
				.text(this.closingReason)
				.text(this.statusReason)
				.text(this.unit.model())
				.bool(this.newInformation)
				.text(this.name)
				.text(this.address)
				.bytea(this.encrypted)
				.text(this.hash)
				.text(this.masked)
				.instant(this.createdAt)
				.instant(this.updatedAt)
				.number(this.version)
				.date(this.followUp)
				.end();
			this.referrals.forEach((referral) -> referral.row(t.referral, false, 0, 0));
			this.participants.forEach((participant) -> participant.row(t.participant, false, 0, 0));
			this.tasks.forEach((task) -> task.row(t.task, false, 0, 0));
			this.reviews.forEach((review) -> review.row(t.review, false, 0, 0));
			this.items.forEach((item) -> item.row(t.agendaItem, false, 0, 0));
		}

		private final class ReferralRow {

			final UUID id = uuid(Case.this.r);

			final User by;

			final long at;

			final boolean attached;

			final String receipt;

			final String concern;

			final String category;

			final String legalBasis;

			final boolean urgent;

			String state = "RECEIVED";

			ReferralRow(User by, long at, boolean attached) {
				this.by = by;
				this.at = at;
				this.attached = attached;
				this.receipt = Case.this.g.draw(Case.this.unit.code(), "REFERRAL", at);
				String[] concern = CONCERNS[Case.this.r.nextInt(CONCERNS.length)];
				this.category = concern[0];
				this.concern = concern[1];
				String organisation = by.organisation();
				Unit unit = Case.this.unit;
				this.legalBasis = organisation.equals(unit.children())
						? (Case.this.r.nextBoolean() ? "BARNETS_LOV" : "RETSPLEJELOVEN_115")
						: organisation.equals(unit.social())
								? (Case.this.r.nextBoolean() ? "DATABESKYTTELSESLOVEN_8" : "RETSPLEJELOVEN_115")
								: organisation.equals(unit.employment()) ? "FORVALTNINGSLOVEN_28_CONSENT"
										: "RETSPLEJELOVEN_115";
				this.urgent = Case.this.r.nextInt(100) < 4;
				Case.this.referrals.add(this);
			}

			void aud(long revision, int revtype) {
				row(Case.this.g.tables().referralAud, true, revision, revtype);
			}

			void row(CopyTable table, boolean aud, long revision, int revtype) {
				table.uuid(this.id);
				if (aud) {
					table.number(revision).number(revtype);
				}
				table.uuid(Case.this.id)
					.text(this.by.username())
					.text(this.by.organisation())
					.instant(this.at)
					.text(this.concern)
					.text(this.category)
					.text(this.legalBasis)
					.bool(this.urgent)
					.bool(false)
					.text(this.receipt)
					.text(Case.this.name)
					.text(Case.this.address)
					.bool(this.attached)
					.text(this.state)
					.nul()
					.nul()
					.nul()
					.end();
			}

		}

		private final class ParticipantRow {

			final UUID id = uuid(Case.this.r);

			final String organisation;

			final long at;

			final String legalBasis;

			final String purpose;

			ParticipantRow(String organisation, long at) {
				this.organisation = organisation;
				this.at = at;
				this.legalBasis = (Case.this.r.nextInt(100) < 85) ? "RETSPLEJELOVEN_115" : "BARNETS_LOV";
				this.purpose = PURPOSES[Case.this.r.nextInt(PURPOSES.length)];
				Case.this.participants.add(this);
			}

			void aud(long revision, int revtype) {
				row(Case.this.g.tables().participantAud, true, revision, revtype);
			}

			void row(CopyTable table, boolean aud, long revision, int revtype) {
				table.uuid(this.id);
				if (aud) {
					table.number(revision).number(revtype);
				}
				table.uuid(Case.this.id)
					.text(this.organisation)
					.text(this.legalBasis)
					.text(this.purpose)
					.text("RETSPLEJELOVEN_115".equals(this.legalBasis) ? RESTRICTION_115 : null)
					.text(Case.this.secretariat.username())
					.text(Case.this.secretariat.organisation())
					.instant(this.at)
					.nul()
					.nul()
					.nul()
					.end();
			}

		}

		private final class TaskRow {

			final UUID id = uuid(Case.this.r);

			final String organisation;

			final String description;

			final int dueDate;

			final long createdAt;

			String state = "PLANNED";

			String outcome;

			long updatedAt;

			int version;

			TaskRow(String organisation, long at) {
				this.organisation = organisation;
				this.description = TASKS[Case.this.r.nextInt(TASKS.length)];
				this.dueDate = Case.this.g.dayOf(at) + 30 + Case.this.r.nextInt(31);
				this.createdAt = at;
				this.updatedAt = at;
				Case.this.tasks.add(this);
			}

			void finish(long at) {
				User by = Generator.user(Case.this.unit, this.organisation);
				UUID request = uuid(Case.this.r);
				long revision = Case.this.g.revision(at, by, request, null);
				boolean done = Case.this.r.nextInt(100) < 85;
				this.state = done ? "DONE" : "CANCELLED";
				this.outcome = done ? "Gennemført som aftalt" : "Ikke længere relevant";
				this.updatedAt = at;
				this.version++;
				aud(revision, 1);
				Case.this.g.read(at, by, Case.this.id, Case.this.hash, "CASE_TASKS", "Sagsbehandling", request);
			}

			void aud(long revision, int revtype) {
				row(Case.this.g.tables().taskAud, true, revision, revtype);
			}

			void row(CopyTable table, boolean aud, long revision, int revtype) {
				table.uuid(this.id);
				if (aud) {
					table.number(revision).number(revtype);
				}
				table.uuid(Case.this.id)
					.text(this.organisation)
					.text(this.description)
					.date(this.dueDate)
					.text(this.state)
					.text(this.outcome)
					.text(Case.this.secretariat.username())
					.instant(this.createdAt)
					.instant(this.updatedAt);
				if (!aud) {
					table.number(this.version);
				}
				table.end();
			}

		}

		private final class ReviewRow {

			final UUID id = uuid(Case.this.r);

			final int dueDate;

			String state = "PENDING";

			String outcome;

			long decidedAt = Long.MIN_VALUE;

			ReviewRow(int dueDate) {
				this.dueDate = dueDate;
				Case.this.reviews.add(this);
			}

			void aud(long revision, int revtype) {
				row(Case.this.g.tables().reviewAud, true, revision, revtype);
			}

			void row(CopyTable table, boolean aud, long revision, int revtype) {
				table.uuid(this.id);
				if (aud) {
					table.number(revision).number(revtype);
				}
				table.uuid(Case.this.id)
					.date(this.dueDate)
					.text(this.state)
					.text(this.outcome)
					.instant(this.decidedAt)
					.end();
			}

		}

		private final class ItemRow {

			final UUID id = uuid(Case.this.r);

			final int meeting;

			final int position;

			final String reason;

			final String title;

			final long createdAt;

			String minutes;

			long decidedAt = Long.MIN_VALUE;

			String decidedBy;

			ItemRow(int meeting, int position, String reason, String reasonText) {
				this.meeting = meeting;
				this.position = position;
				this.reason = reason;
				this.title = "Sag " + Case.this.caseNumber + ": " + reasonText;
				this.createdAt = Case.this.meetings.proposal[meeting];
				Case.this.items.add(this);
				// proposed with the meeting's agenda, in the proposal's revision
				aud(Case.this.g.proposalRevision(Case.this.unitIndex, meeting), 0);
			}

			void decided(long revision, long at, String text) {
				this.minutes = text;
				this.decidedAt = at;
				this.decidedBy = Case.this.secretariat.username();
				aud(revision, 1);
			}

			void aud(long revision, int revtype) {
				row(Case.this.g.tables().agendaItemAud, true, revision, revtype);
			}

			void row(CopyTable table, boolean aud, long revision, int revtype) {
				table.uuid(this.id);
				if (aud) {
					table.number(revision).number(revtype);
				}
				table.uuid(Case.this.meetings.ids[this.meeting])
					.number(this.position)
					.uuid(Case.this.id)
					.text(this.reason)
					.text(this.title)
					.instant(this.createdAt)
					.text(this.minutes)
					.instant(this.decidedAt)
					.text(this.decidedBy)
					.end();
			}

		}

	}

}
