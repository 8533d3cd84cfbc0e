package org.zhaoshang.engine;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.springframework.stereotype.Component;

/**
 * Refuses, at deployment, any model that would run code of the deployer's choosing inside the engine:
 * script tasks, scripts in listeners, conditions or input/output mappings ({@code camunda:script},
 * {@code language=…}), Java classes named in the model ({@code camunda:class}), connectors, decision tables
 * in a language other than FEEL/JUEL, and CMMN (not used by the product); a model with a DOCTYPE or one that is
 * not well-formed XML is refused with a Chinese message too (Camunda's parser would answer an English 500). The product's own models call
 * Spring beans through {@code camunda:delegateExpression}; {@code ModelConventionsTest} keeps them so.
 * Deployment is also restricted to {@code camunda-admin}; this check is what still holds if an
 * administrator's account is misused. Models already in the database (deployed before this check) are
 * not re-checked when the engine loads them, so running cases never break.
 */
@Component
class ModelSafetyCheck extends AbstractProcessEnginePlugin implements Deployer {

    /**
     * The extension namespaces an engine of the Camunda 7 line executes: Camunda's (and Activiti's, which Camunda still reads)
     * and Operaton's, which the Operaton build reads beside Camunda's. On Camunda an {@code operaton:class} is an unknown
     * attribute, on Operaton it runs: refused on both, so a model refused by one build is refused by the other.
     */
    static final Set<String> CAMUNDA_NAMESPACES = Set.of("http://camunda.org/schema/1.0/bpmn", "http://activiti.org/bpmn",
            "http://camunda.org/schema/1.0/dmn", "http://camunda.org/schema/1.0/cmmn",
            "http://operaton.org/schema/1.0/bpmn", "http://operaton.org/schema/1.0/dmn", "http://operaton.org/schema/1.0/cmmn");
    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setCustomPreDeployers(EngineInternals.first((Deployer) this, configuration.getCustomPreDeployers()));
    }

    @Override
    public void deploy(DeploymentEntity deployment) {
        if (!deployment.isNew() || deployment.getResources() == null) {
            return;
        }
        List<String> tooDeep = new ArrayList<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            nesting(resource.getName(), resource.getBytes()).ifPresent(tooDeep::add);
        }
        if (!tooDeep.isEmpty()) {
            // Camunda's parsers (DOM for models, JSON for forms) recurse per level: 100,000 levels end in a StackOverflowError.
            throw new BadUserRequestException("模型无法部署：" + String.join("；", tooDeep));
        }
        List<String> problems = new ArrayList<>();
        for (ResourceEntity resource : deployment.getResources().values()) {
            problems.addAll(check(resource.getName(), resource.getBytes()));
        }
        if (!problems.isEmpty()) {
            throw new BadUserRequestException("模型不允许部署（本系统的模型只能通过 camunda:delegateExpression 调用系统的委托 Bean）："
                    + String.join("；", problems));
        }
    }

    /** Deeper than any real model: the product's deepest BPMN element sits 8 levels down, form-js groups a few. */
    static final int MAX_XML_DEPTH = 200;
    static final int MAX_FORM_DEPTH = 100;

    /**
     * A model (BPMN, DMN) or form nested deeper than {@link #MAX_XML_DEPTH} / {@link #MAX_FORM_DEPTH} levels, in Chinese; read as a
     * stream (no recursion) and stopped at the first level too many. Malformed content is left to {@link #check} and the engine.
     */
    static java.util.Optional<String> nesting(String name, byte[] content) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".form")) {
            try (com.fasterxml.jackson.core.JsonParser json = FORM_JSON.createParser(content)) {
                int depth = 0;
                for (com.fasterxml.jackson.core.JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                    if (token.isStructStart() && ++depth > MAX_FORM_DEPTH) {
                        return java.util.Optional.of(name + "：表单嵌套超过 " + MAX_FORM_DEPTH + " 层");
                    }
                    if (token.isStructEnd()) {
                        depth--;
                    }
                }
            } catch (java.io.IOException e) {
                return java.util.Optional.of(name + "：不是格式正确的表单（JSON），无法解析");
            }
            return java.util.Optional.empty();
        }
        if (!(lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml") || lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")
                || lower.endsWith(".cmmn") || lower.endsWith(".cmmn10.xml") || lower.endsWith(".cmmn11.xml"))) {
            return java.util.Optional.empty();
        }
        try {
            XMLStreamReader xml = jdkReader().createXMLStreamReader(new ByteArrayInputStream(content));
            int depth = 0;
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_XML_DEPTH) {
                    return java.util.Optional.of(name + " 第 " + xml.getLocation().getLineNumber() + " 行：元素嵌套超过 " + MAX_XML_DEPTH + " 层");
                }
                if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (XMLStreamException e) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.empty();
    }

    /** Jackson's own limit (1,000 levels) would stop the stream before ours with an English message; ours comes first. */
    private static final com.fasterxml.jackson.core.JsonFactory FORM_JSON = com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    /** What makes one resource unsafe, in Chinese, one entry per finding; empty when it is safe or not a model. */
    static List<String> check(String name, byte[] content) {
        return check(name, content, jdkReader());
    }

    /** As {@link #check(String, byte[])} with the given StAX implementation (tests run it with every one they have). */
    static List<String> check(String name, byte[] content, XMLInputFactory factory) {
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        List<String> problems = new ArrayList<>();
        if (lower.endsWith(".cmmn") || lower.endsWith(".cmmn10.xml") || lower.endsWith(".cmmn11.xml")) {
            problems.add(name + "：本系统不使用 CMMN 案例模型");
            return problems;
        }
        boolean bpmn = lower.endsWith(".bpmn") || lower.endsWith(".bpmn20.xml");
        boolean dmn = lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml");
        if (!bpmn && !dmn) {
            return problems;
        }
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(content));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    // Camunda's parser refuses a DOCTYPE too, but as an English 500; a DTD is how XML entity attacks begin.
                    problems.add(name + " 第 " + xml.getLocation().getLineNumber() + " 行：DOCTYPE 声明（模型不能包含 DTD）");
                    continue;
                }
                if (event != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String where = name + " 第 " + xml.getLocation().getLineNumber() + " 行";
                String element = xml.getLocalName();
                String namespace = namespace(xml.getNamespaceURI());
                if (BPMN.equals(namespace) && element.equals("scriptTask")) {
                    problems.add(where + "：脚本任务（scriptTask）");
                }
                if (CAMUNDA_NAMESPACES.contains(namespace) && element.equals("script")) {
                    problems.add(where + "：脚本（" + prefix(namespace) + ":script）");
                }
                if (CAMUNDA_NAMESPACES.contains(namespace) && element.equals("connector")) {
                    problems.add(where + "：连接器（" + prefix(namespace) + ":connector）");
                }
                for (int i = 0; i < xml.getAttributeCount(); i++) {
                    String attribute = xml.getAttributeLocalName(i);
                    String attributeNamespace = namespace(xml.getAttributeNamespace(i));
                    String value = xml.getAttributeValue(i);
                    if (CAMUNDA_NAMESPACES.contains(attributeNamespace) && attribute.equals("class")) {
                        problems.add(where + "：Java 类（" + prefix(attributeNamespace) + ":class=\"" + value + "\"）");
                    }
                    if (bpmn && attributeNamespace.isEmpty() && attribute.equals("language")) {
                        problems.add(where + "：脚本表达式（language=\"" + value + "\"）");
                    }
                    if (dmn && attribute.equals("expressionLanguage") && !isFeelOrJuel(value)) {
                        problems.add(where + "：决策表达式语言 " + value + "（只允许 FEEL 或 JUEL）");
                    }
                }
            }
        } catch (XMLStreamException e) {
            var location = e.getLocation();
            problems.add(name + (location == null || location.getLineNumber() < 0 ? "" : " 第 " + location.getLineNumber() + " 行")
                    + "：不是格式正确的 XML，无法解析");
        }
        return problems;
    }

    /**
     * "No namespace" is {@code null} from the JDK's reader and {@code ""} from others (Aalto, Woodstox): both
     * mean the same, and {@code Set.of(…).contains(null)} throws. The product once did not start because of it.
     */
    private static String namespace(String uri) {
        return uri == null ? "" : uri;
    }

    /** How a finding names its namespace: as the engine documents it, whatever prefix the model chose. */
    private static String prefix(String namespace) {
        return namespace.startsWith("http://operaton.org/") ? "operaton" : "camunda";
    }

    private static boolean isFeelOrJuel(String language) {
        String lower = language == null ? "" : language.toLowerCase(Locale.ROOT);
        return lower.equals("feel") || lower.equals("juel") || lower.contains("omg.org/spec/feel")
                || lower.matches("https?://www\\.omg\\.org/spec/dmn/\\d+/feel/?");
    }

    /**
     * The JDK's own StAX implementation, chosen explicitly: {@code XMLInputFactory.newFactory()} takes whichever
     * implementation the classpath happens to carry, so tests (Aalto, from a test dependency) and the packaged jar
     * (the JDK's) would parse differently. External entities and DTDs are off either way.
     */
    static XMLInputFactory jdkReader() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        secure(factory);
        return factory;
    }

    static void secure(XMLInputFactory factory) {
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    }
}
