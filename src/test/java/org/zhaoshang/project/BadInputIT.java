package org.zhaoshang.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.zhaoshang.support.Browser;
import org.zhaoshang.support.IntegrationTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Properties of the ledger's registration API under generated input: whatever a client sends — wrong types,
 * nulls, negative and huge numbers, too many decimals, very long strings, control characters, unknown
 * codes, Chinese text and emoji — the answer is either a created project holding exactly what was sent, or a
 * 4xx JSON error with a Chinese message and no stack trace, and then nothing was written.
 */
@IntegrationTest
class BadInputIT {

    /** Every run generates the same cases (override with {@code -Dbad-input.seed=…} to explore others); each case's
     * body is in the assertion message. A seeded generator rather than a property library: reproducible, and
     * the values are what an HTTP client can send anyway. */
    static final long SEED = Long.getLong("bad-input.seed", 20261202L);
    static final int CASES = 250;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ObjectMapper json = new ObjectMapper();

    @Test
    void generatedRegistrationsAreStoredExactlyOrRefusedCleanly() throws Exception {
        Random random = new Random(SEED);
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        int created = 0;
        int refused = 0;
        for (int i = 0; i < CASES; i++) {
            Map<String, Object> body = valid();
            int mutations = 1 + random.nextInt(3);
            for (int m = 0; m < mutations; m++) {
                String field = List.copyOf(body.keySet()).get(random.nextInt(body.size()));
                body.put(field, hostile(random));
            }
            String sent = json.writeValueAsString(body);
            long before = projects();
            HttpResponse<String> response = officer.postJson("/api/projects", sent);
            String context = "case " + i + " (seed " + SEED + "): " + sent + " → " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(context).isIn(201, 400, 404, 409, 413, 415, 422);
            assertThat(response.body()).as(context).doesNotContain("Exception", "\tat ", "org.zhaoshang", "java.");
            JsonNode answer = json.readTree(response.body());
            if (response.statusCode() == 201) {
                created++;
                assertThat(projects()).as(context).isEqualTo(before + 1);
                JsonNode stored = json.readTree(officer.get("/api/projects/" + answer.path("code").asText()).body());
                for (String text : List.of("name", "investor", "description", "contactPerson")) {
                    if (body.get(text) instanceof String value && !value.isBlank()) {
                        assertThat(stored.path(text).asText()).as(context + " field " + text).isEqualTo(value.strip());
                    }
                }
            } else {
                refused++;
                assertThat(answer.path("message").asText()).as(context).containsPattern("\\p{IsHan}");
                assertThat(projects()).as(context + " wrote nothing").isEqualTo(before);
            }
        }
        assertThat(refused).as("most generated bodies are bad").isGreaterThan(CASES / 2);
        assertThat(created).as("some mutations are still valid and must be accepted").isPositive();
    }

    @Test
    void chineseTextAndEmojiRoundTripByteExactThroughTheDatabaseAndThePage() throws Exception {
        Browser officer = Browser.basic(port, "zhouxiaoyu", "demo");
        Random random = new Random(SEED);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            names.add(chinese(random, 1 + random.nextInt(60)).replace("\t", "").strip() + "项目");
        }
        names.add("𠀀𪚥龘 招商🚀项目（二期）—“智能”·①");   // supplementary CJK, emoji, full-width punctuation
        Browser page = new Browser(port);
        page.login("zhouxiaoyu", "demo");
        for (String name : names) {
            Map<String, Object> body = valid();
            body.put("name", name);
            body.put("description", name + "\n第二行");
            HttpResponse<String> response = officer.postJson("/api/projects", json.writeValueAsString(body));
            assertThat(response.statusCode()).as(name + ": " + response.body()).isEqualTo(201);
            String code = json.readTree(response.body()).path("code").asText();
            String stored = jdbc.sql("SELECT name FROM investment_project WHERE code = :code").param("code", code).query(String.class).single();
            assertThat(stored).isEqualTo(name);
            assertThat(json.readTree(officer.get("/api/projects/" + code).body()).path("description").asText()).isEqualTo(name + "\n第二行");
            assertThat(page.get("/projects/" + code).body()).contains(name);
        }
    }

    private long projects() {
        return jdbc.sql("SELECT COUNT(*) FROM investment_project").query(Long.class).single();
    }

    private static Map<String, Object> valid() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "生成测试项目");
        body.put("investor", "某某科技有限公司");
        body.put("investorCategory", "其他");
        body.put("industry", "现代服务");
        body.put("totalInvestment", 1200.5);
        body.put("foreignCapital", 0);
        body.put("landArea", 0);
        body.put("originUnit", "unit-street-jinzhong");
        body.put("keyProject", false);
        body.put("contactPerson", "王五");
        body.put("contactPhone", "022-12345678");
        body.put("description", "由生成器写入");
        return body;
    }

    /** One hostile value: a wrong type, an extreme number, a long or strange string, an unknown code. */
    private static Object hostile(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> null;
            case 1 -> List.of("", " ", "\u0000", "\u0007响铃", "\u202e反向", "<script>alert(1)</script>",
                    "'; DROP TABLE investment_project; --", "不存在的产业", "unit-street-nowhere", "2026-02-30", "NaN", "Infinity", "-0",
                    "1e309").get(random.nextInt(14));
            case 2 -> random.nextLong();
            case 3 -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(31));
            case 4 -> new BigDecimal(random.nextLong()).movePointLeft(4);
            case 5 -> random.nextInt(3) - 1;
            case 6 -> random.nextBoolean();
            case 7 -> List.of("数组");
            case 8 -> Map.of("对象", 1);
            default -> chinese(random, 150 + random.nextInt(12_000)) + "😀🚀𠀀";
        };
    }

    /** Random common CJK characters with some spaces and tabs; whole code points only (no lone surrogates). */
    static String chinese(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(40);
            text.append(pick == 0 ? ' ' : pick == 1 ? '\t' : (char) ('\u4e00' + random.nextInt(0x9fa5 - 0x4e00)));
        }
        return text.toString();
    }
}
