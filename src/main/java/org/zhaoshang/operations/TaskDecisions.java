package org.zhaoshang.operations;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricDetail;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a person decided on a task, in the words of the task's form: the values the form submitted,
 * each with its label ("审查结论：否决；条件或否决理由：…"), option values shown by their option labels.
 * Read from Camunda's full history (variable updates of the task) and the form definition in forms/.
 */
@Component
public class TaskDecisions {

    /** One answer of a form: label and shown value. */
    public record Answer(String label, String value) {
    }

    private record Field(String label, Map<String, String> options) {
    }

    private final HistoryService historyService;
    private final RepositoryService repositoryService;
    private final ObjectMapper json;
    private final Map<String, Map<String, Field>> forms = new ConcurrentHashMap<>();
    private final Map<String, String> formRefs = new ConcurrentHashMap<>();

    TaskDecisions(HistoryService historyService, RepositoryService repositoryService, ObjectMapper json) {
        this.historyService = historyService;
        this.repositoryService = repositoryService;
        this.json = json;
    }

    /** The answers of the task's form, in the form's order. */
    public List<Answer> answers(String taskId, String processDefinitionId, String taskKey) {
        var task = historyService.createHistoricTaskInstanceQuery().taskId(taskId).singleResult();
        return task == null ? List.of() : answers(task);
    }

    public List<Answer> answers(org.camunda.bpm.engine.history.HistoricTaskInstance task) {
        String processDefinitionId = task.getProcessDefinitionId();
        String taskKey = task.getTaskDefinitionKey();
        Map<String, Field> fields = fields(processDefinitionId, taskKey);
        if (fields.isEmpty()) {
            return List.of();
        }
        Map<String, Object> latest = new LinkedHashMap<>();
        // Submitted values land on the task (local ones) or on its execution while it is in the task's activity instance.
        List<HistoricDetail> updates = new ArrayList<>(historyService.createHistoricDetailQuery().taskId(task.getId()).variableUpdates().unlimitedList());
        if (task.getActivityInstanceId() != null) {
            updates.addAll(historyService.createHistoricDetailQuery().activityInstanceId(task.getActivityInstanceId()).variableUpdates().unlimitedList());
        }
        updates.sort(Comparator.comparing(HistoricDetail::getTime).thenComparing(HistoricDetail::getId));
        for (HistoricDetail detail : updates) {
            HistoricVariableUpdate update = (HistoricVariableUpdate) detail;
            latest.put(update.getVariableName(), update.getValue());
        }
        List<Answer> answers = new ArrayList<>();
        fields.forEach((key, field) -> {
            Object value = latest.get(key);
            if (value != null && !value.toString().isBlank()) {
                String shown = value instanceof Boolean b ? (b ? "是" : "否") : field.options().getOrDefault(value.toString(), value.toString());
                answers.add(new Answer(field.label(), shown));
            }
        });
        return answers;
    }

    /** The answers as one line. */
    public String describe(String taskId, String processDefinitionId, String taskKey) {
        return String.join("；", answers(taskId, processDefinitionId, taskKey).stream().map(a -> a.label() + "：" + a.value()).toList());
    }

    private Map<String, Field> fields(String processDefinitionId, String taskKey) {
        String ref = formRefs.computeIfAbsent(processDefinitionId + "#" + taskKey, k -> {
            var element = repositoryService.getBpmnModelInstance(processDefinitionId).getModelElementById(taskKey);
            return element instanceof UserTask task && task.getCamundaFormRef() != null ? task.getCamundaFormRef() : "";
        });
        return ref.isEmpty() ? Map.of() : forms.computeIfAbsent(ref, this::read);
    }

    private Map<String, Field> read(String formRef) {
        ClassPathResource resource = new ClassPathResource("forms/" + formRef + ".form");
        Map<String, Field> fields = new LinkedHashMap<>();
        if (!resource.exists()) {
            return fields;
        }
        try (InputStream in = resource.getInputStream()) {
            collect(json.readTree(in).path("components"), fields);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read form " + formRef, e);
        }
        return fields;
    }

    private static void collect(JsonNode components, Map<String, Field> fields) {
        for (JsonNode component : components) {
            if (component.has("components")) {
                collect(component.get("components"), fields);
            }
            String key = component.path("key").asText(null);
            if (key == null || component.path("type").asText().equals("text")) {
                continue;
            }
            String label = component.path("label").asText(component.path("dateLabel").asText(key));
            Map<String, String> options = new LinkedHashMap<>();
            component.path("values").forEach(v -> options.put(v.path("value").asText(), v.path("label").asText()));
            fields.put(key, new Field(label, options));
        }
    }
}
