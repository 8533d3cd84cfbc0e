package org.zhaoshang.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zhaoshang.support.AppProcess;

/**
 * Benchmark: start-up of the embedded default (README's first command: file-based H2 in ./data, the demo
 * district, the job executor on; JVM defaults), as Spring Boot reports it ("Started … in N seconds") —
 * the very first start (with and without the demo history) and a start on existing data. Results in
 * target/benchmark/startup.txt.
 */
class StartupBenchmark {

    static final Pattern STARTED = Pattern.compile("Started ZhaoshangApplication in ([\\d.]+) seconds");

    @TempDir
    Path dir;

    @Test
    void embeddedDefault() throws Exception {
        List<String> lines = new ArrayList<>();
        Path plain = Files.createDirectories(dir.resolve("plain"));
        lines.add("first start, demo people only (--app.demo.history.projects=0): " + start(plain, "--app.demo.history.projects=0") + " s");
        lines.add("next start on that data:                                      " + start(plain, "--app.demo.history.projects=0") + " s");
        Path seeded = Files.createDirectories(dir.resolve("seeded"));
        lines.add("first start with the demo history (240 projects, 12 months):  " + start(seeded) + " s");
        lines.add("next start on that data:                                      " + start(seeded) + " s");
        String report = String.join(System.lineSeparator(), lines);
        System.out.println(report);
        Path out = Path.of("target", "benchmark", "startup.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report + System.lineSeparator());
    }

    static String start(Path workDir, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--spring.profiles.active=demo", "--camunda.bpm.job-execution.enabled=true"));
        args.addAll(List.of(extra));
        try (AppProcess app = AppProcess.launch(workDir, Map.of(), List.of(), args.toArray(String[]::new)).awaitStarted()) {
            Matcher matcher = STARTED.matcher(app.output());
            return matcher.find() ? matcher.group(1) : "?";
        }
    }
}
