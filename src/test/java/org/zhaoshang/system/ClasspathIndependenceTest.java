package org.zhaoshang.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The tests run on the test classpath; users run the packaged jar, which lacks the test dependencies. A JAXP
 * factory found through the classpath ({@code XMLInputFactory.newFactory()}, {@code DocumentBuilderFactory.newInstance()}
 * …) is Aalto in the tests and the JDK's parser in the jar, and the two answer differently: the product once did
 * not start while every test passed (issue 20). Production code asks for the JDK's own implementation
 * ({@code newDefaultFactory()}, {@code newDefaultInstance()}); .ci/run also starts the packaged jar.
 */
class ClasspathIndependenceTest {

    private static final Pattern CLASSPATH_LOOKUP = Pattern.compile(
            "\\b(XMLInputFactory|XMLOutputFactory|XMLEventFactory)\\s*\\.\\s*new(Factory|Instance)\\s*\\("
            + "|\\b(DocumentBuilderFactory|SAXParserFactory|TransformerFactory|SAXTransformerFactory|SchemaFactory|XPathFactory"
            + "|DatatypeFactory)\\s*\\.\\s*newInstance\\s*\\(");

    @Test
    void productionCodeNeverLetsTheClasspathChooseItsXmlParser() throws IOException {
        List<String> lookups = new ArrayList<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(f -> f.toString().endsWith(".java")).toList()) {
                List<String> lines = Files.readAllLines(source);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    Matcher lookup = CLASSPATH_LOOKUP.matcher(line);
                    boolean comment = line.startsWith("*") || line.startsWith("//") || line.startsWith("/*");
                    if (!comment && lookup.find()) {
                        lookups.add(source + ":" + (i + 1) + " " + lookup.group());
                    }
                }
            }
        }
        assertThat(lookups).as("use newDefaultFactory()/newDefaultInstance(): the JDK's parser, in tests and in the jar alike")
                .isEmpty();
        assertThat(CLASSPATH_LOOKUP.matcher("XMLInputFactory.newFactory()").find()).isTrue();
        assertThat(CLASSPATH_LOOKUP.matcher("DocumentBuilderFactory.newInstance()").find()).isTrue();
        assertThat(CLASSPATH_LOOKUP.matcher("XMLInputFactory.newDefaultFactory()").find()).isFalse();
    }
}
