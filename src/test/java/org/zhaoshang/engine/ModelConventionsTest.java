package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ExclusiveGateway;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ScriptTask;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Component;
import org.zhaoshang.leadofficial.KeyProjectLeadProcess;
import org.zhaoshang.review.ReviewProcess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Reads processes/ and forms/ and fails the build when a model drifts from the conventions
 * (docs/conventions.md): ids, Chinese names, forms that exist and validate, candidate groups, due
 * dates, the three escalation timers, delegate beans that exist, no scripts or Java classes.
 */
class ModelConventionsTest {

    static final Path PROCESSES = Path.of("processes");
    static final Path FORMS = Path.of("forms");
    static final Pattern ELEMENT_ID = Pattern.compile("[A-Z][A-Za-z]+_[A-Z][A-Za-z0-9]*");
    static final Pattern EXPRESSION_BEAN = Pattern.compile("\\$\\{\\s*([a-zA-Z][A-Za-z0-9]*)[.}]");
    static final Set<String> ENGINE_NAMES = Set.of("execution", "task", "true", "false");
    /** Components Tasklist's form-js 1.8.7 renders (no file picker: uploads are on the app's pages). */
    static final Set<String> FORM_COMPONENTS = Set.of("text", "textfield", "textarea", "number", "datetime", "select",
            "radio", "checkbox", "checklist", "taglist", "separator", "spacer", "group");
    static final Set<String> BEANS = componentNames();
    final ObjectMapper json = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyProcessFollowsTheConventions() throws IOException {
        return files(PROCESSES, ".bpmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> checkProcess(file)));
    }

    void checkProcess(Path file) throws IOException {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        String xml = Files.readString(file);
        assertThat(xml).as("no Java classes in models").doesNotContain("camunda:class=");
        assertThat(model.getModelElementsByType(ScriptTask.class)).as("no script tasks").isEmpty();
        assertThat(xml).as("no scripts").doesNotContain("<bpmn:script", "scriptFormat");
        assertThat(ModelSafetyCheck.check(file.getFileName().toString(), Files.readAllBytes(file)))
                .as("what the deployment check would refuse").isEmpty();

        Collection<Process> processes = model.getModelElementsByType(Process.class);
        assertThat(processes).hasSize(1);
        Process process = processes.iterator().next();
        assertThat(process.getId()).as("file name = process id").isEqualTo(file.getFileName().toString().replace(".bpmn", ""));
        assertThat(process.isExecutable()).isTrue();
        assertThat(process.getName()).matches(".*\\p{IsHan}.*");
        assertThat(process.getCamundaHistoryTimeToLiveString()).isNotBlank();
        assertThat(process.getCamundaVersionTag()).isNotBlank();
        boolean startForm = model.getModelElementsByType(org.camunda.bpm.model.bpmn.instance.StartEvent.class).stream()
                .anyMatch(start -> start.getParentElement() == process && start.getCamundaFormRef() != null);
        assertThat(process.isCamundaStartableInTasklist()).as("only processes with a start form are offered in Tasklist's start list")
                .isEqualTo(startForm);

        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            assertThat(element.getId()).as("id of %s", element.getElementType().getTypeName()).matches(ELEMENT_ID);
            if (element instanceof FlowNode) {
                assertThat(element.getName()).as("Chinese name of %s", element.getId()).matches(".*\\p{IsHan}.*");
            }
        }
        for (UserTask task : model.getModelElementsByType(UserTask.class)) {
            checkUserTask(model, task);
        }
        for (ExclusiveGateway gateway : model.getModelElementsByType(ExclusiveGateway.class)) {
            if (gateway.getOutgoing().size() > 1) {
                assertThat(gateway.getName()).as("gateway %s asks a question", gateway.getId()).endsWith("？");
                assertThat(gateway.getDocumentations()).as("documentation of %s", gateway.getId()).isNotEmpty();
                for (SequenceFlow flow : gateway.getOutgoing()) {
                    assertThat(flow.getConditionExpression()).as("condition on %s", flow.getId()).isNotNull();
                }
            }
        }
        Matcher beans = EXPRESSION_BEAN.matcher(xml);
        while (beans.find()) {
            String name = beans.group(1);
            if (!ENGINE_NAMES.contains(name) && !variableNames().contains(name)) {
                assertThat(BEANS).as("bean or variable named in an expression: " + name).contains(name);
            }
        }
    }

    void checkUserTask(BpmnModelInstance model, UserTask task) {
        String id = task.getId();
        assertThat(task.getCamundaFormRef()).as("form of %s", id).isNotBlank();
        assertThat(FORMS.resolve(task.getCamundaFormRef() + ".form")).as("form file of %s", id).exists();
        assertThat(task.getCamundaFormRefBinding()).as("form binding of %s", id).isEqualTo("latest");
        assertThat(task.getCamundaCandidateGroups()).as("candidate group of %s", id).isNotBlank();
        if (task.getCamundaAssignee() != null) {
            assertThat(task.getCamundaAssignee()).as("assignee of %s comes from the case, not a literal", id).matches("\\$\\{[a-zA-Z]+\\}");
        }
        assertThat(task.getCamundaCandidateUsers()).as("no hard-coded candidate users on %s", id).isNull();
        assertThat(task.getCamundaDueDate()).as("due date of %s", id)
                .matches("\\$\\{(sla|reviewMeetings|keyProjects|agreements|unitReports|chainReviews)\\..*");
        assertThat(task.getDocumentations()).as("documentation of %s", id).isNotEmpty();

        List<BoundaryEvent> timers = model.getModelElementsByType(BoundaryEvent.class).stream()
                .filter(b -> b.getAttachedTo() == task).toList();
        String[] kinds = {"Reminder", "Overdue", "Supervision"};
        for (int level = 0; level < 3; level++) {
            String boundaryId = "BoundaryEvent_" + id.substring("UserTask_".length()) + kinds[level];
            BoundaryEvent boundary = timers.stream().filter(b -> b.getId().equals(boundaryId)).findFirst()
                    .orElseThrow(() -> new AssertionError("missing " + boundaryId));
            assertThat(boundary.cancelActivity()).as("%s is non-interrupting", boundaryId).isFalse();
            TimerEventDefinition timer = (TimerEventDefinition) boundary.getEventDefinitions().iterator().next();
            assertThat(timer.getTimeDate().getTextContent()).as("timer of %s from the SLA", boundaryId).startsWith("${sla.");
            FlowNode next = boundary.getOutgoing().iterator().next().getTarget();
            assertThat(next).as("%s ends in a named end event", boundaryId).isInstanceOf(EndEvent.class);
            MessageEventDefinition send = (MessageEventDefinition) ((EndEvent) next).getEventDefinitions().iterator().next();
            assertThat(send.getCamundaDelegateExpression()).isEqualTo("${escalateTaskDelegate}");
            List<String> levels = next.getExtensionElements().getElementsQuery().filterByType(
                            org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput.class).singleResult()
                    .getCamundaInputParameters().stream().filter(p -> p.getCamundaName().equals("escalationLevel"))
                    .map(CamundaInputParameter::getTextContent).toList();
            assertThat(levels).containsExactly(Integer.toString(level));
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDecisionIsNamedByItsFile() throws IOException {
        return files(PROCESSES, ".dmn").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            DmnModelInstance model = Dmn.readModelFromFile(file.toFile());
            List<String> ids = model.getModelElementsByType(Decision.class).stream().map(BaseElement -> BaseElement.getId()).toList();
            assertThat(ids).contains(file.getFileName().toString().replace(".dmn", ""));
            assertThat(ModelSafetyCheck.check(file.getFileName().toString(), Files.readAllBytes(file))).isEmpty();
            for (Decision decision : model.getModelElementsByType(Decision.class)) {
                assertThat(decision.getName()).matches(".*\\p{IsHan}.*");
                assertThat(decision.getCamundaHistoryTimeToLiveString()).isNotBlank();
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyFormValidatesAndIsUsed() throws IOException {
        // The form-js schema travels with the tests (src/test/resources/form-json-schema: source and licence beside it),
        // so a clone of this repository alone runs README's second command.
        JsonSchema schema;
        try (var in = ModelConventionsTest.class.getResourceAsStream("/form-json-schema/schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
        }
        Set<String> referenced = new HashSet<>();
        for (Path bpmn : files(PROCESSES, ".bpmn").toList()) {
            Matcher refs = Pattern.compile("camunda:formRef=\"([^\"]+)\"").matcher(Files.readString(bpmn));
            while (refs.find()) {
                referenced.add(refs.group(1));
            }
        }
        return files(FORMS, ".form").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            JsonNode form = json.readTree(file.toFile());
            Set<ValidationMessage> errors = schema.validate(form);
            assertThat(errors).as("schema errors").isEmpty();
            String id = file.getFileName().toString().replace(".form", "");
            assertThat(form.get("id").asText()).as("form id = file name").isEqualTo(id);
            assertThat(form.get("schemaVersion").asInt()).as("Tasklist renders schemaVersion ≤ 16").isLessThanOrEqualTo(16);
            assertThat(referenced).as("form is used by a model").contains(id);
            for (JsonNode component : form.get("components")) {
                String type = component.get("type").asText();
                assertThat(FORM_COMPONENTS).as("component type %s", type).contains(type);
                if (component.has("label")) {
                    assertThat(component.get("label").asText()).matches(".*\\p{IsHan}.*");
                }
                if (component.has("key")) {
                    assertThat(variableNames()).as("field %s of %s is a variable the Java code reads", component.get("key").asText(), id)
                            .contains(component.get("key").asText());
                }
            }
        }));
    }

    @Test
    void theFoldersHoldOnlyModels() throws IOException {
        try (Stream<Path> processes = Files.list(PROCESSES); Stream<Path> forms = Files.list(FORMS)) {
            assertThat(processes.map(Path::toString)).allMatch(name -> name.endsWith(".bpmn") || name.endsWith(".dmn"));
            assertThat(forms.map(Path::toString)).allMatch(name -> name.endsWith(".form"));
        }
    }

    /**
     * The rule of {@link TaskCompletion} at build time: every user task of every model has its completion rule in the
     * process's {@link ProcessTasks} bean, every rule names a task of its model, and no model carries a task listener
     * of its own (the pipeline is attached to every task by the engine plugin).
     */
    @Test
    void everyUserTaskHasItsCompletionRuleAndEveryRuleItsTask() throws Exception {
        Map<String, Set<String>> userTasks = new TreeMap<>();
        for (Path file : files(PROCESSES, ".bpmn").toList()) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            String key = model.getModelElementsByType(Process.class).iterator().next().getId();
            userTasks.put(key, new TreeSet<>(model.getModelElementsByType(UserTask.class).stream().map(UserTask::getId).toList()));
            assertThat(Files.readString(file)).as("%s names no task listener: completion rules live in its ProcessTasks bean", file)
                    .doesNotContain("camunda:taskListener");
        }
        Map<String, Map<String, TaskRules.Rule>> rules = TaskCompletion.read(processTasks());
        assertThat(rules.keySet()).as("a ProcessTasks bean for every process").containsExactlyInAnyOrderElementsOf(userTasks.keySet());
        assertThat(TaskCompletion.mismatches(rules, userTasks)).isEmpty();
    }

    /** The ProcessTasks beans, made without the application: define() only registers, so their fields may stay empty. */
    static List<ProcessTasks> processTasks() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new org.springframework.core.type.filter.AssignableTypeFilter(ProcessTasks.class));
        List<ProcessTasks> beans = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("org.zhaoshang")) {
            java.lang.reflect.Constructor<?> constructor = Class.forName(definition.getBeanClassName()).getDeclaredConstructors()[0];
            constructor.setAccessible(true);
            beans.add((ProcessTasks) constructor.newInstance(new Object[constructor.getParameterCount()]));
        }
        return beans;
    }

    /** The process variables named in the processes' constants classes. */
    static Set<String> variableNames() {
        Set<String> names = new HashSet<>();
        for (Class<?> constants : List.of(ReviewProcess.class, KeyProjectLeadProcess.class, org.zhaoshang.handoff.HandoffProcess.class,
                org.zhaoshang.agreement.AgreementProcess.class, org.zhaoshang.briefing.BriefingProcess.class,
                org.zhaoshang.operations.ExtraOpinionProcess.class, org.zhaoshang.unitreport.UnitReportProcess.class,
                org.zhaoshang.chain.ChainReviewProcess.class)) {
            for (Field field : constants.getFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                    try {
                        names.add((String) field.get(null));
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return names;
    }

    static Set<String> componentNames() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Component.class));
        AnnotationBeanNameGenerator names = new AnnotationBeanNameGenerator();
        Set<String> beans = new HashSet<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("org.zhaoshang")) {
            beans.add(names.generateBeanName(definition, new org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry()));
        }
        return beans;
    }

    static Stream<Path> files(Path folder, String suffix) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.toString().endsWith(suffix)).sorted().forEach(found::add);
        }
        assertThat(found).as("models in " + folder).isNotEmpty();
        return found.stream();
    }
}
