package org.zhaoshang.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The application as a separate JVM, started the way README's first command starts it (the real
 * {@code main}), for tests of what only a whole process shows: restarts, start-up failures, the host's
 * time zone. Output goes to a log file that the test reads.
 */
public final class AppProcess implements AutoCloseable {

    private static final Pattern PORT = Pattern.compile("Tomcat started on port (\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final Path log;
    private int port;

    private AppProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the application with the given arguments and extra environment; does not wait. */
    public static AppProcess launch(Path workDir, Map<String, String> environment, String... args) throws IOException {
        return launch(workDir, environment, List.of("-Xmx512m", "-XX:TieredStopAtLevel=1"), args);
    }

    /** As {@link #launch(Path, Map, String...)} with the given JVM options (none: the JVM's defaults, as README's command runs it). */
    public static AppProcess launch(Path workDir, Map<String, String> environment, List<String> jvmOptions, String... args) throws IOException {
        return start(workDir, environment, jvmOptions, List.of("-cp", System.getProperty("java.class.path"), "org.zhaoshang.ZhaoshangApplication"), args);
    }

    /** A packaged jar ({@code java -jar}), e.g. one built on the other engine (engine.EngineMigrationIT). */
    public static AppProcess launchJar(Path jar, Path workDir, Map<String, String> environment, String... args) throws IOException {
        return start(workDir, environment, List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"), List.of("-jar", jar.toAbsolutePath().toString()), args);
    }

    private static AppProcess start(Path workDir, Map<String, String> environment, List<String> jvmOptions, List<String> main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(main);
        command.add("--spring.jmx.enabled=false");
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--server.port="))) {
            command.add("--server.port=0");
        }
        if (java.util.Arrays.stream(args).noneMatch(a -> a.startsWith("--camunda.bpm.job-execution.enabled="))) {
            command.add("--camunda.bpm.job-execution.enabled=false");
        }
        command.addAll(List.of(args));
        Path log = Files.createTempFile(workDir, "app-", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        for (String inherited : List.of("ADMIN_PASSWORD", "ADMIN_USER", "DB_URL", "DB_USER", "DB_PASSWORD",
                "SPRING_PROFILES_ACTIVE", "PORT")) {
            builder.environment().remove(inherited);
        }
        builder.environment().putAll(environment);
        return new AppProcess(builder.start(), log);
    }

    /** Waits until the application serves requests; fails with its log if it stops or takes too long. */
    public AppProcess awaitStarted() throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            String output = output();
            Matcher matcher = PORT.matcher(output);
            if (matcher.find() && output.contains("Started ZhaoshangApplication")) {
                port = Integer.parseInt(matcher.group(1));
                return this;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Application exited with " + process.exitValue() + ":\n" + tail(output));
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Application did not start within " + START_TIMEOUT + ":\n" + tail(output()));
    }

    /** Waits for the process to end by itself (a refused start-up); returns its exit code. */
    public int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Application did not stop by itself");
        }
        return process.exitValue();
    }

    public int port() {
        return port;
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code kill -9}: the JVM ends at once, open transactions and all. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Graceful stop (SIGTERM), as an operator's restart would do. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    private static String tail(String output) {
        return output.length() <= 6000 ? output : output.substring(output.length() - 6000);
    }
}
