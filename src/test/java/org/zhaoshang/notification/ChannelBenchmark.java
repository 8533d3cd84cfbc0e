package org.zhaoshang.notification;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.zhaoshang.support.IntegrationTest;
import org.zhaoshang.support.ProviderReceiver;

/**
 * Benchmark (prints and writes its figures, asserts none): a burst of {@code benchmark.burst} escalation notices
 * (default 10,000) for the eight streets and parks, each with a 企业微信 and a 钉钉 robot paced as the providers
 * document (20 messages a minute per robot, 20 notices per message), delivered by two dispatchers ("nodes") at once
 * to {@link ProviderReceiver}. The pace is the providers' minute: the engine clock moves a minute whenever both
 * nodes are done with a window, so the figures are the minutes of provider time the burst needs and the machine
 * time it costs, plus losses and duplicates counted line by line at the receiver. Run with
 * {@code ./mvnw -Pbenchmark verify}; results in target/benchmark/channels.txt, written up in docs/benchmarks.md.
 */
@IntegrationTest
class ChannelBenchmark {

    static final List<String> UNITS = List.of("unit-street-jinzhong", "unit-street-huaming", "unit-street-zhangguizhuang",
            "unit-street-wanxin", "unit-street-junliangcheng", "unit-street-xinli", "unit-park-dongli-eco", "unit-park-dongli-dev");

    @Autowired
    MailOutbox outbox;
    @Autowired
    UnitRobots robots;
    @Autowired
    PersonChannels people;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    ApplicationContext context;

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM unit_robot").update();
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE status IN ('PENDING', 'SENDING')").update();
        ClockUtil.reset();
    }

    @Test
    void burstOfEscalationsThroughPacedRobots() throws Exception {
        int burst = Integer.getInteger("benchmark.burst", 10_000);
        jdbc.sql("UPDATE mail_outbox SET status = 'HELD' WHERE status IN ('PENDING', 'SENDING')").update();
        jdbc.sql("DELETE FROM channel_pace").update();
        ClockUtil.setCurrentTime(new java.util.Date());
        try (ProviderReceiver providers = new ProviderReceiver(3026)) {
            for (String unit : UNITS) {
                providers.wecomRobot("wecom-" + unit).dingtalkRobot("dingtalk-" + unit, "SEC-" + unit);
                robots.save(unit, "WECOM_ROBOT", "wecom-" + unit, null, "admin");
                robots.save(unit, "DINGTALK_ROBOT", "dingtalk-" + unit, "SEC-" + unit, "admin");
            }
            ChannelProperties.Robot documented = new ChannelProperties.Robot("http://127.0.0.1:3026", 20, Duration.ofMinutes(1), 20, 4000);
            ChannelProperties properties = new ChannelProperties(List.of(Preference.EMAIL), 1, Duration.ofSeconds(10), documented, documented,
                    new ChannelProperties.Sms("", "", "", "", "", "cn-hangzhou", 1, Duration.ofMinutes(1), 10));
            ProviderHttp http = new ProviderHttp(properties, new ObjectMapper());
            List<OutboxDispatcher> nodes = new ArrayList<>();
            for (int node = 0; node < 2; node++) {
                nodes.add(new OutboxDispatcher(outbox, context.getBeanProvider(JavaMailSender.class), new MailProperties("x@localhost", false,
                        Duration.ofSeconds(15), 8, Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1)),
                transactionManager,
                        List.of(new WecomRobotSender(properties, robots, people, http), new DingtalkRobotSender(properties, robots, people, http)),
                        new ChannelPacer(jdbc, context.getBean(java.time.Clock.class), transactionManager)));
            }

            // The burst: what EscalationService writes for each escalated task, 500 per transaction.
            long enqueueStart = System.nanoTime();
            Set<String> subjects = new HashSet<>();
            TransactionTemplate transaction = new TransactionTemplate(transactionManager);
            for (int from = 0; from < burst; from += 500) {
                int start = from;
                transaction.executeWithoutResult(status -> {
                    for (int i = start; i < Math.min(start + 500, burst); i++) {
                        String subject = "【督办】ZS-2026-%05d 基准项目 第%d条：「审查环保条件」已逾期 %d 个工作日".formatted(i, i, 3 + i % 5);
                        subjects.add(subject);
                        outbox.enqueueForUnit(new OutgoingMail("benchmark:%d:%d".formatted(enqueueStart, i), null, null, subject, subject + "\n",
                                null, null, null, 2, "http://localhost:8080/camunda/app/tasklist/default/#/?task=" + i), UNITS.get(i % UNITS.size()), null);
                    }
                });
            }
            double enqueueSeconds = (System.nanoTime() - enqueueStart) / 1e9;

            long dispatchStart = System.nanoTime();
            int windows = 0;
            int maxPerRobotAndWindow = 0;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                while (pending() > 0 && windows < 1000) {
                    Map<String, Integer> before = perRobot(providers);
                    List<Future<Integer>> rounds = new ArrayList<>();
                    for (OutboxDispatcher node : nodes) {
                        rounds.add(pool.submit((java.util.concurrent.Callable<Integer>) node::drainChannels));
                    }
                    for (Future<Integer> round : rounds) {
                        round.get();
                    }
                    Map<String, Integer> after = perRobot(providers);
                    for (var entry : after.entrySet()) {
                        maxPerRobotAndWindow = Math.max(maxPerRobotAndWindow, entry.getValue() - before.getOrDefault(entry.getKey(), 0));
                    }
                    ClockUtil.setCurrentTime(new java.util.Date(ClockUtil.getCurrentTime().getTime() + 60_000));
                    windows++;
                }
            } finally {
                pool.shutdownNow();
            }
            double dispatchSeconds = (System.nanoTime() - dispatchStart) / 1e9;

            List<String> wecomLines = providers.robotLines("wecom");
            List<String> dingtalkLines = providers.robotLines("dingtalk");
            Set<String> wecomSet = new HashSet<>(wecomLines);
            Set<String> dingtalkSet = new HashSet<>(dingtalkLines);
            String result = String.join("\n",
                    "Channel burst benchmark (" + java.time.LocalDate.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores)",
                    "notices: " + burst + " over " + UNITS.size() + " units, each to a 企业微信 and a 钉钉 robot: " + (2 * burst) + " outbox rows",
                    "pace: 20 messages per minute per robot, up to 20 notices per message; two dispatchers at once",
                    "enqueue: %.1f s (%.0f rows/s)".formatted(enqueueSeconds, 2 * burst / enqueueSeconds),
                    "provider minutes until every row was sent: " + windows,
                    "machine time of the dispatch (both nodes, all windows): %.1f s".formatted(dispatchSeconds),
                    "messages: 企业微信 " + providers.received("wecom").size() + ", 钉钉 " + providers.received("dingtalk").size(),
                    "most messages one robot received in one minute: " + maxPerRobotAndWindow,
                    "notices received: 企业微信 " + wecomLines.size() + " (distinct " + wecomSet.size() + "), 钉钉 "
                            + dingtalkLines.size() + " (distinct " + dingtalkSet.size() + ")",
                    "lost: 企业微信 " + subjects.stream().filter(s -> !wecomSet.contains(s)).count() + ", 钉钉 "
                            + subjects.stream().filter(s -> !dingtalkSet.contains(s)).count(),
                    "requests refused by the receiver's protocol checks: " + providers.protocolErrors().size(),
                    "rows not SENT: " + jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE idempotency_key LIKE :k AND status <> 'SENT'")
                            .param("k", "benchmark:" + enqueueStart + ":%").query(Long.class).single());
            System.out.println(result);
            Path out = Path.of("target", "benchmark", "channels.txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, result + "\n");
        }
    }

    private long pending() {
        return jdbc.sql("SELECT COUNT(*) FROM mail_outbox WHERE status IN ('PENDING', 'SENDING') AND channel IN ('WECOM_ROBOT', 'DINGTALK_ROBOT')")
                .query(Long.class).single();
    }

    private static Map<String, Integer> perRobot(ProviderReceiver providers) {
        Map<String, Integer> counts = new HashMap<>();
        providers.received().forEach(r -> counts.merge(r.provider() + ":" + r.target(), 1, Integer::sum));
        return counts;
    }
}
