package dk.coordination.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real PostgreSQL server from the zonky binaries, started as a separate process on
 * 127.0.0.1, so tests and the local run use the same database engine as production
 * (Flyway scripts, envers tables and native queries behave as there).
 * <p>
 * The application gets its own database {@value #DATABASE}, owned by {@value #OWNER_ROLE}
 * (Flyway migrates as that role), while the service connects as {@value #SERVICE_ROLE}
 * with only the rights the migrations grant it: the same two roles as production
 * (docs/data-protection.md), so a missing grant fails a test instead of a go-live. The
 * server trusts local connections, so the passwords are only there because the datasource
 * wants one.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	/** Database the application uses; created on first start. */
	public static final String DATABASE = "coordination";

	/** Owns the schema; Flyway migrates as this role. */
	public static final String OWNER_ROLE = "coordination_owner";

	/** The service's own role: what the migrations grant it, nothing more. */
	public static final String SERVICE_ROLE = "coordination_app";

	private static final String SUPERUSER = "postgres";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

	private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedDatabase.class);

	private static EmbeddedDatabase shared;

	private final EmbeddedPostgres postgres;

	private final Duration startupTime;

	private final AtomicBoolean closed = new AtomicBoolean();

	private EmbeddedDatabase(EmbeddedPostgres postgres, Duration startupTime) {
		this.postgres = postgres;
		this.startupTime = startupTime;
	}

	/**
	 * Returns the database server of this JVM, starting a fresh one in a temporary
	 * directory on a free port on first use. A shutdown hook stops it and deletes its
	 * data.
	 * @return the running server
	 */
	public static synchronized EmbeddedDatabase shared() {
		if (shared != null && !shared.closed.get()) {
			return shared;
		}
		checkCanRunAsCurrentUser();
		// the data is thrown away afterwards, so durability is traded for speed; zonky
		// already turns fsync off with -F
		EmbeddedPostgres.Builder builder = builder(FreePorts.pick()).setServerConfig("full_page_writes", "off");
		EmbeddedDatabase database = start(builder, "a temporary directory");
		Runtime.getRuntime().addShutdownHook(new Thread(database::close, "postgres-" + database.port() + "-stop"));
		shared = database;
		return database;
	}

	/**
	 * Starts a server that keeps its data in {@code dataDirectory} between runs, for the
	 * local developer run. A server that a killed earlier run left behind on that
	 * directory is stopped first.
	 * @param dataDirectory where the cluster lives; created and initialised when missing,
	 * never cleaned
	 * @param port the port on 127.0.0.1
	 * @return the running server; the caller closes it
	 * @throws IllegalStateException if another process still uses the directory or the
	 * port
	 */
	public static EmbeddedDatabase persistent(Path dataDirectory, int port) {
		return persistent(dataDirectory, port, Map.of());
	}

	/**
	 * Like {@link #persistent(Path, int)}, with server settings for this start only
	 * (passed on the command line, not written to the data directory), e.g. a bulk load's
	 * larger {@code shared_buffers} and {@code max_wal_size}.
	 * @param serverConfig settings by name
	 * @return the running server; the caller closes it
	 */
	public static EmbeddedDatabase persistent(Path dataDirectory, int port, Map<String, String> serverConfig) {
		Path directory = dataDirectory.toAbsolutePath().normalize();
		checkCanRunAsCurrentUser();
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create " + directory, ex);
		}
		checkNotInUse(directory);
		stopOrphanedServer(directory);
		if (!FreePorts.isFree(port)) {
			throw new IllegalStateException("Port " + port + " on 127.0.0.1 is already in use; stop what listens"
					+ " there or choose another port for the database in " + directory);
		}
		EmbeddedPostgres.Builder builder = builder(port).setDataDirectory(directory).setCleanDataDirectory(false);
		serverConfig.forEach(builder::setServerConfig);
		return start(builder, directory.toString());
	}

	private static EmbeddedPostgres.Builder builder(int port) {
		return EmbeddedPostgres.builder()
			.setPort(port)
			.setPGStartupWait(STARTUP_TIMEOUT)
			// closing is this class's job; zonky's own hook would race with ours
			.setRegisterShutdownHook(false)
			.setServerConfig("listen_addresses", "127.0.0.1");
	}

	private static EmbeddedDatabase start(EmbeddedPostgres.Builder builder, String where) {
		long startNanos = System.nanoTime();
		EmbeddedPostgres postgres;
		try {
			postgres = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start PostgreSQL in " + where, ex);
		}
		try {
			createApplicationDatabase(postgres);
		}
		catch (RuntimeException ex) {
			closeQuietly(postgres);
			throw ex;
		}
		Duration startupTime = Duration.ofNanos(System.nanoTime() - startNanos);
		EmbeddedDatabase database = new EmbeddedDatabase(postgres, startupTime);
		logger.info("PostgreSQL ready at {} after {} ms ({})", database.jdbcUrl(), startupTime.toMillis(), where);
		return database;
	}

	private static void createApplicationDatabase(EmbeddedPostgres postgres) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			for (String role : List.of(OWNER_ROLE, SERVICE_ROLE)) {
				if (!exists(connection, "select 1 from pg_roles where rolname = ?", role)) {
					statement.execute("create role " + role + " login password '" + role + "'");
				}
			}
			if (exists(connection,
					"select 1 from pg_database where datname = ? and pg_get_userbyid(datdba) <> '" + OWNER_ROLE + "'",
					DATABASE)) {
				// a local run's database from before the two roles: its tables belong to
				// the superuser, so the service role could never be granted less than
				// everything
				logger.warn("Recreating database {}: it was made before the owner and service roles", DATABASE);
				statement.execute("drop database " + DATABASE);
			}
			if (!exists(connection, "select 1 from pg_database where datname = ?", DATABASE)) {
				statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create database " + DATABASE, ex);
		}
	}

	private static boolean exists(Connection connection, String query, String parameter) throws SQLException {
		try (PreparedStatement exists = connection.prepareStatement(query)) {
			exists.setString(1, parameter);
			try (ResultSet result = exists.executeQuery()) {
				return result.next();
			}
		}
	}

	/**
	 * PostgreSQL refuses to run as root. zonky handles that by starting initdb, pg_ctl
	 * and postgres through {@code unshare -U}, a user namespace in which they are not
	 * root, so that has to work here; otherwise its failure would surface as a confusing
	 * initdb error.
	 */
	private static void checkCanRunAsCurrentUser() {
		if (!isRoot() || LinuxUtils.isUnshareAvailable()) {
			return;
		}
		throw new IllegalStateException("PostgreSQL cannot run as root, and 'unshare -U' (which the embedded"
				+ " PostgreSQL uses to run it as an unprivileged user in a user namespace) does not work here."
				+ " Install util-linux, allow user namespaces (sysctl user.max_user_namespaces > 0,"
				+ " kernel.unprivileged_userns_clone=1; for Docker a seccomp profile that allows unshare),"
				+ " or run the build as a non-root user.");
	}

	private static boolean isRoot() {
		try {
			// /proc/self belongs to the effective user of this process
			return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			// no procfs: not Linux, where the root problem does not arise the same way
			return false;
		}
	}

	/**
	 * zonky holds a lock on {@code epg-lock} while a server runs on the directory.
	 * Checking it here tells a second local run apart from a server left over by a killed
	 * one, which must not be confused because the leftover gets stopped.
	 */
	private static void checkNotInUse(Path directory) {
		Path lockFile = directory.resolve("epg-lock");
		if (!Files.exists(lockFile)) {
			// never started here; creating the file now would make the directory
			// non-empty, which initdb refuses
			return;
		}
		try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new IllegalStateException("The database in " + directory
						+ " is used by another running process (probably another local run); stop that one first");
			}
			lock.release();
		}
		catch (OverlappingFileLockException ex) {
			throw new IllegalStateException("The database in " + directory + " is already open in this JVM", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not check the lock " + lockFile, ex);
		}
	}

	/**
	 * pg_ctl starts postgres as a daemon, so a run killed without its shutdown hook
	 * leaves the server running, and the next start on the same directory would fail.
	 */
	private static void stopOrphanedServer(Path directory) {
		Path pidFile = directory.resolve("postmaster.pid");
		if (!Files.isRegularFile(pidFile)) {
			return;
		}
		Optional<ProcessHandle> process;
		try {
			List<String> lines = Files.readAllLines(pidFile);
			process = lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim()));
		}
		catch (IOException | NumberFormatException ex) {
			// postgres itself deals with a damaged or stale pid file
			return;
		}
		Optional<ProcessHandle> postmaster = process.filter(ProcessHandle::isAlive)
			.filter((handle) -> handle.info().command().map((command) -> command.endsWith("/postgres")).orElse(false));
		if (postmaster.isEmpty()) {
			return;
		}
		ProcessHandle handle = postmaster.get();
		logger.warn("Stopping PostgreSQL (pid {}) that an earlier run left running on {}", handle.pid(), directory);
		// SIGTERM is a smart shutdown, which ends quickly because the clients died with
		// that run
		handle.destroy();
		if (!awaitExit(handle, ORPHAN_STOP_TIMEOUT)) {
			logger.warn("PostgreSQL (pid {}) ignored SIGTERM for {} s, killing it; the next start recovers from"
					+ " the WAL", handle.pid(), ORPHAN_STOP_TIMEOUT.toSeconds());
			handle.destroyForcibly();
			awaitExit(handle, ORPHAN_STOP_TIMEOUT);
		}
	}

	private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
		try {
			handle.onExit().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return !handle.isAlive();
		}
		catch (Exception ex) {
			return !handle.isAlive();
		}
	}

	/**
	 * Points a test context's data source at {@link #shared()}: for
	 * {@code @DynamicPropertySource} methods.
	 */
	public static void supplyShared(DynamicPropertyRegistry registry) {
		shared().applicationProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	/**
	 * What the service needs to use this database as in production: connect as
	 * {@value #SERVICE_ROLE}, migrate as {@value #OWNER_ROLE}.
	 * @return Spring properties
	 */
	public Map<String, Object> applicationProperties() {
		return Map.of("spring.datasource.url", jdbcUrl(), "spring.datasource.username", SERVICE_ROLE,
				"spring.datasource.password", SERVICE_ROLE, "spring.flyway.user", OWNER_ROLE, "spring.flyway.password",
				OWNER_ROLE);
	}

	/**
	 * The application database as the schema owner, for code that migrates it without the
	 * service (benchmarks seeding data).
	 * @return a data source on a fresh connection per use
	 */
	public DataSource ownerDataSource() {
		return dataSource(OWNER_ROLE, OWNER_ROLE);
	}

	/**
	 * The application database as the service's role.
	 * @return a data source on a fresh connection per use
	 */
	public DataSource applicationDataSource() {
		return dataSource(SERVICE_ROLE, SERVICE_ROLE);
	}

	/**
	 * The application database as the server's superuser, for tests that must do what the
	 * service's own role may not: tampering with the audit trail directly in SQL, or
	 * looking at every table of the schema.
	 * @return a template on a fresh connection per statement
	 */
	public JdbcTemplate superuserJdbc() {
		return new JdbcTemplate(dataSource(SUPERUSER, SUPERUSER));
	}

	private DataSource dataSource(String username, String password) {
		return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(), username, password);
	}

	/**
	 * JDBC URL of the application database.
	 * @return {@code jdbc:postgresql://127.0.0.1:<port>/coordination}
	 */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
	}

	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * Time from starting (including unpacking the binaries and initdb when needed) until
	 * the application database existed.
	 * @return the startup time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Stops the server; a temporary one also loses its data. Calling it again does
	 * nothing.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			closeQuietly(this.postgres);
			logger.info("PostgreSQL on port {} stopped", port());
		}
	}

	/**
	 * Kills the server as a crash would: SIGKILL to the postmaster and every process it
	 * started, no shutdown, no checkpoint. The data directory of a
	 * {@link #persistent(Path, int) persistent} server stays, and a new
	 * {@code persistent} start on it recovers from the WAL, as PostgreSQL does after a
	 * crash.
	 */
	public void kill() {
		String dataDirectory = superuserJdbc().queryForObject("show data_directory", String.class);
		ProcessHandle postmaster;
		try {
			long pid = Long.parseLong(Files.readAllLines(Path.of(dataDirectory, "postmaster.pid")).get(0).trim());
			postmaster = ProcessHandle.of(pid)
				.orElseThrow(() -> new IllegalStateException("PostgreSQL (pid " + pid + ") is not running"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read the postmaster's pid in " + dataDirectory, ex);
		}
		List<ProcessHandle> processes = new java.util.ArrayList<>(postmaster.descendants().toList());
		processes.add(0, postmaster);
		processes.forEach(ProcessHandle::destroyForcibly);
		for (ProcessHandle process : processes) {
			if (!awaitExit(process, ORPHAN_STOP_TIMEOUT)) {
				throw new IllegalStateException("PostgreSQL process " + process.pid() + " survived SIGKILL");
			}
		}
		logger.info("PostgreSQL on port {} killed ({} processes)", port(), processes.size());
		// zonky's stop finds no server and lets go of its lock on the directory
		close();
	}

	private static void closeQuietly(EmbeddedPostgres postgres) {
		try {
			postgres.close();
		}
		catch (IOException ex) {
			logger.warn("Could not stop PostgreSQL on port {} cleanly", postgres.getPort(), ex);
		}
	}

	@Override
	public String toString() {
		return "EmbeddedDatabase[" + jdbcUrl() + "]";
	}

}
