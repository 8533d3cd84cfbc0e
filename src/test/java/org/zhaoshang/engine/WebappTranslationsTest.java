package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Our Simplified Chinese locale of each webapp has exactly the keys of the English one that ships with
 * the engine's webjar on the classpath (Camunda's or Operaton's) (so an upgrade that adds or renames keys fails here, loudly), keeps
 * every placeholder and HTML tag, and is actually Chinese; the app's configuration offers it.
 */
class WebappTranslationsTest {

    static final String BASE = EngineEdition.WEBJAR + "/app/";
    static final java.util.Set<String> CAMUNDA_ONLY_KEYS = java.util.Set.of(".labels.BANNER_CE_EOL_TEXT");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]|<[a-z/][^>]*>");
    final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
    void chineseHasEveryKeyOfTheEnglishLocaleAndKeepsPlaceholders(String app) throws IOException {
        JsonNode en = read(app, "locales/en.json");
        JsonNode zh = read(app, "locales/zh.json");
        Map<String, String> english = flatten(en);
        Map<String, String> chinese = flatten(zh);
        TreeSet<String> keys = new TreeSet<>(chinese.keySet());
        if (EngineEdition.isOperaton()) {
            // Operaton's webapps are Camunda's without the community edition's end-of-life banner: one zh.json serves both.
            keys.removeAll(CAMUNDA_ONLY_KEYS);
        }
        assertThat(keys).as("keys of %s/locales/zh.json", app).isEqualTo(new TreeSet<>(english.keySet()));
        assertThat(english.size()).isGreaterThan(150);
        List<String> broken = new ArrayList<>();
        int chineseValues = 0;
        for (Map.Entry<String, String> entry : english.entrySet()) {
            String translated = chinese.get(entry.getKey());
            if (!placeholders(entry.getValue()).equals(placeholders(translated))) {
                broken.add(entry.getKey() + ": " + translated);
            }
            if (translated.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
                chineseValues++;
            }
        }
        assertThat(broken).as("placeholders or tags changed").isEmpty();
        assertThat(chineseValues).as("values written in Chinese").isGreaterThan(english.size() * 9 / 10);
        assertThat(text(app, "scripts/config.js")).contains("availableLocales: [\"zh\", \"en\"]", "vendor: \"招商引资项目协同平台\"",
                "../zhaoshang/time-zone");
    }

    JsonNode read(String app, String file) throws IOException {
        return json.readTree(text(app, file).replace("\uFEFF", ""));
    }

    static String text(String app, String file) throws IOException {
        // Ours (target/classes) comes first on the classpath; the webjar's English file only exists there.
        try (InputStream in = WebappTranslationsTest.class.getClassLoader().getResourceAsStream(BASE + app + "/" + file)) {
            assertThat(in).as(BASE + app + "/" + file).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Map<String, String> flatten(JsonNode node) {
        Map<String, String> values = new java.util.HashMap<>();
        flatten("", node, values);
        return values;
    }

    private static void flatten(String path, JsonNode node, Map<String, String> values) {
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                flatten(path + "." + field.getKey(), field.getValue(), values);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(path + "[" + i + "]", node.get(i), values);
            }
        } else {
            values.put(path, node.asText());
        }
    }

    static List<String> placeholders(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        found.sort(null);
        return found;
    }
}
