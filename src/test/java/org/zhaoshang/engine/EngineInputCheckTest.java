package org.zhaoshang.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The engine API's input checks against Camunda's own description of the API, without a running engine: what they
 * refuse, in Chinese, and — as much — what they let through, because Tasklist, Cockpit and Admin send it.
 */
class EngineInputCheckTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EngineApiDescription DESCRIPTION = new EngineApiDescription(JSON);
    static final EngineInputCheck CHECK = new EngineInputCheck(DESCRIPTION, JSON, type -> type.startsWith("java.lang."),
            Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_-]*"));

    @Test
    void operationsAreFoundUnderBothPrefixesMostSpecificTemplateFirst() {
        assertThat(EngineApiDescription.apiPath("/engine-rest/task/1/complete")).isEqualTo("/task/1/complete");
        assertThat(EngineApiDescription.apiPath("/camunda/api/engine/engine/default/task/1/complete")).isEqualTo("/task/1/complete");
        assertThat(EngineApiDescription.apiPath("/camunda/api/admin/auth/user/default")).isNull();
        // The engine named in the path: the same operation, the same checks (a File variable went through this way).
        assertThat(EngineApiDescription.apiPath("/engine-rest/engine/default/task/1/complete")).isEqualTo("/task/1/complete");
        assertThat(EngineApiDescription.apiPath("/engine-rest/engine")).isEqualTo("/engine");
        assertThat(DESCRIPTION.find("DELETE", "/process-definition/key/it").orElseThrow().template()).isEqualTo("/process-definition/key/{key}");
        assertThat(DESCRIPTION.find("DELETE", "/process-definition/abc:1:2").orElseThrow().template()).isEqualTo("/process-definition/{id}");
        assertThat(DESCRIPTION.find("POST", "/task/7/variables/note/data").orElseThrow().multipartBody().isMissingNode()).isFalse();
        assertThat(DESCRIPTION.find("POST", "/no-such-thing")).isEmpty();
    }

    @Test
    void aQueryParameterThatDoesNotParseAsItsTypeIsRefusedBeforeCamundaReadsItAsFalse() {
        var delete = DESCRIPTION.find("DELETE", "/process-instance/1").orElseThrow();
        assertThat(CHECK.parameters(delete, "/process-instance/1", Map.of("skipCustomListeners", new String[] {"也许"})).message())
                .isEqualTo("提交的数据无效：查询参数「skipCustomListeners」应为 true 或 false，「也许」不是");
        assertThat(CHECK.parameters(delete, "/process-instance/1", Map.of("skipCustomListeners", new String[] {"TRUE"}))).isNull();
        var recalculate = DESCRIPTION.find("POST", "/job/1/duedate/recalculate").orElseThrow();
        assertThat(CHECK.parameters(recalculate, "/job/1/duedate/recalculate", Map.of("creationDateBased", new String[] {"1"}))).isNotNull();
        // Parameters the description does not name are Camunda's business (it ignores them).
        assertThat(CHECK.parameters(delete, "/process-instance/1", Map.of("whatever", new String[] {"x"}))).isNull();
    }

    @Test
    void identifiersInThePathAreBoundedAndUsersGroupsAndTenantsMustBeIdsThatCouldExist() {
        var user = DESCRIPTION.find("DELETE", "/user/x").orElseThrow();
        assertThat(CHECK.parameters(user, "/user/" + "a".repeat(256), Map.of()).message()).contains("过长");
        assertThat(CHECK.parameters(user, "/user/%E5%BC%A0%E4%B8%89", Map.of()).message()).contains("「张三」不是有效的用户、组或租户标识");
        assertThat(CHECK.parameters(user, "/user/zhouxiaoyu", Map.of())).isNull();
        var member = DESCRIPTION.find("PUT", "/group/dept-hezuo/members/zhouxiaoyu").orElseThrow();
        assertThat(CHECK.parameters(member, "/group/dept-hezuo/members/zhouxiaoyu", Map.of())).isNull();
        assertThat(CHECK.parameters(member, "/group/dept-hezuo/members/a%20b", Map.of())).isNotNull();
        // A variable's name is not an identity: Chinese names are fine.
        var variable = DESCRIPTION.find("DELETE", "/task/1/variables/x").orElseThrow();
        assertThat(CHECK.parameters(variable, "/task/1/variables/%E5%A4%87%E6%B3%A8", Map.of())).isNull();
    }

    @Test
    void jsonThatDoesNotParseOrHasTheWrongShapeIsRefusedWithTheFieldsName() {
        var complete = DESCRIPTION.find("POST", "/task/1/complete").orElseThrow();
        assertThat(json(complete, "{\"variables\": {", false)).startsWith("提交的数据无效：请求内容不是有效的 JSON（第 1 行");
        assertThat(json(complete, "\"文本\"", false)).isEqualTo("提交的数据无效：请求内容应为 JSON 对象");
        assertThat(json(complete, "{\"variables\": []}", false)).contains("「variables」应为 JSON 对象");
        assertThat(json(complete, "{\"withVariablesInReturn\": \"也许\"}", false)).contains("「withVariablesInReturn」应为 true 或 false");
        var update = DESCRIPTION.find("PUT", "/task/1").orElseThrow();
        assertThat(json(update, "{\"name\": {\"a\": 1}}", false)).contains("「name」应为文本");
        assertThat(json(update, "{\"priority\": \"高\"}", false)).contains("「priority」应为整数");
        // What Camunda's reader takes leniently passes: a number for a text, "50" for a number, "true" for a boolean.
        assertThat(json(update, "{\"name\": 12, \"priority\": \"50\", \"due\": null}", false)).isNull();
        assertThat(json(complete, "{\"withVariablesInReturn\": \"true\"}", false)).isNull();
    }

    @Test
    void everyTextIsBoundedAndPrintableAndVariablesAreOfAStoredType() {
        var comment = DESCRIPTION.find("POST", "/task/1/comment/create").orElseThrow();
        assertThat(json(comment, "{\"message\": \"" + "意".repeat(4001) + "\"}", false)).contains("「message」内容过长（不超过 4000 字）");
        assertThat(json(comment, "{\"message\": \"" + "意".repeat(4000) + "\"}", false)).isNull();
        assertThat(json(comment, "{\"message\": \"a\\u0000b\"}", false)).contains("「message」不能包含控制字符");
        assertThat(json(comment, "{\"message\": \"第一行\\n第二行\\t缩进\"}", false)).isNull();

        var patch = DESCRIPTION.find("POST", "/process-instance/1/variables").orElseThrow();
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": \"<a/>\", \"type\": \"Xml\"}}}", false)).contains("Xml 不受支持");
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": 1, \"type\": \"Money\"}}}", false)).contains("「Money」不受支持");
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": \"五\", \"type\": \"Integer\"}}}", false)).contains("变量「x」的值不是有效的整数");
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": 70000, \"type\": \"Short\"}}}", false)).contains("−32768～32767");
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": \"明天\", \"type\": \"Date\"}}}", false)).contains("不是有效的日期");
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": \"[]\", \"type\": \"Object\", "
                + "\"valueInfo\": {\"objectTypeName\": \"com.evil.Gadget\", \"serializationDataFormat\": \"application/json\"}}}}", false))
                .contains("不允许的对象类型「com.evil.Gadget」");
        // A long JSON value is one value, not one text: only the 2 MB body limit bounds it.
        assertThat(json(patch, "{\"modifications\": {\"x\": {\"value\": \"[" + "1,".repeat(3000) + "1]\", \"type\": \"Json\"}, "
                + "\"y\": {\"value\": \"2026-12-04T09:00:00.000+0800\", \"type\": \"Date\"}, \"z\": {\"value\": \"7\", \"type\": \"Long\"}}}", false))
                .isNull();
    }

    @Test
    void aFormSendsOnlyTheTypesAFormHas() {
        var submit = DESCRIPTION.find("POST", "/task/1/submit-form").orElseThrow();
        assertThat(json(submit, "{\"variables\": {\"note\": {\"value\": \"x\", \"type\": \"File\"}}}", true))
                .contains("变量「note」的类型「File」不受支持").contains("佐证材料请在项目页面的「佐证材料」中上传");
        // Not from a form either: no file or byte variable is stored through the engine API.
        var set = DESCRIPTION.find("PUT", "/task/1/variables/note").orElseThrow();
        assertThat(json(set, "{\"value\": \"AAEC\", \"type\": \"Bytes\"}", false)).contains("变量的类型「Bytes」不受支持：流程变量不保存文件");
        assertThat(json(submit, "{\"variables\": {\"note\": {\"value\": \"x\", \"type\": \"File\"}}}", false)).contains("流程变量不保存文件");
        assertThat(json(submit, "{\"variables\": {\"note\": {\"value\": \"同意\", \"type\": \"String\"}, \"ok\": {\"value\": true}}}", true))
                .isNull();
    }

    @Test
    void uploadsMustBeMultipartAndTheirFieldsOfTheirType() {
        var deploy = DESCRIPTION.find("POST", "/deployment/create").orElseThrow();
        String boundary = "b0undary";
        assertThat(CHECK.multipart(deploy, multipart(boundary, Map.of("deploy-changed-only", "也许")), "multipart/form-data; boundary=" + boundary)
                .message()).contains("「deploy-changed-only」应为 true 或 false");
        assertThat(CHECK.multipart(deploy, multipart(boundary, Map.of("deployment-activation-time", "明天")),
                "multipart/form-data; boundary=" + boundary).message()).contains("日期时间");
        assertThat(CHECK.multipart(deploy, multipart(boundary, Map.of("deployment-name", "长".repeat(4001))),
                "multipart/form-data; boundary=" + boundary).message()).contains("内容过长");
        assertThat(CHECK.multipart(deploy, multipart(boundary, Map.of("deployment-name", "招商模型", "deploy-changed-only", "true")),
                "multipart/form-data; boundary=" + boundary)).isNull();
        assertThat(CHECK.multipart(deploy, "不是 multipart".getBytes(StandardCharsets.UTF_8), "multipart/form-data; boundary=x").message())
                .contains("multipart/form-data");
        var data = DESCRIPTION.find("POST", "/task/1/variables/x/data").orElseThrow();
        assertThat(CHECK.multipart(data, multipart(boundary, Map.of("valueType", "Money")), "multipart/form-data; boundary=" + boundary)
                .message()).contains("「valueType」的取值「Money」无效");
    }

    @Test
    void theEnginesEnglishRefusalsAreSaidInChineseAndA500TheCallerCausedIsA4xx() {
        assertThat(EngineApiGuard.inChinese(400, "InvalidRequestException", "")).isEqualTo(new EngineApiGuard.Answer(400,
                "提交的数据无效：请求内容的格式或字段类型与接口要求不符"));
        assertThat(EngineApiGuard.inChinese(500, "RestException", "Cannot put task variable x: task ID doesn't exist: task is null").status())
                .isEqualTo(404);
        assertThat(EngineApiGuard.inChinese(500, "NullValueException", "workerId is null").status()).isEqualTo(400);
        assertThat(EngineApiGuard.inChinese(500, "RestException", "Cannot modify variables for execution 1: 提交的数据无效：内容超出了该项允许的长度"))
                .isEqualTo(new EngineApiGuard.Answer(400, "提交的数据无效：内容超出了该项允许的长度"));
        assertThat(EngineApiGuard.inChinese(500, "RestException", "Cannot delete task variable x: 要操作的对象不存在：变量「x」不存在，无需删除").status())
                .isEqualTo(404);
        // A Chinese identifier repeated by the engine is not a Chinese message.
        assertThat(EngineApiGuard.inChinese(404, "InvalidRequestException", "Authorization with id 张三 does not exist.").message())
                .startsWith("要操作的对象或接口不存在（Authorization with id 张三");
        assertThat(EngineApiGuard.inChinese(400, "InvalidRequestException", "提交的数据无效：x")).isNull();
        // The server's own faults stay 500s.
        assertThat(EngineApiGuard.inChinese(500, "ProcessEnginePersistenceException",
                "An exception occurred in the persistence layer. Please check the server logs")).isNull();
        assertThat(EngineApiGuard.inChinese(500, "OutOfMemoryError", "Java heap space")).isNull();
    }

    @Test
    void theDatabasesRefusalOfAPersonsDataIsSaidAsBadInputAndOtherFailuresAreNot() {
        assertThat(CommandFailures.reason(wrapped("22001"))).contains("内容超出了该项允许的长度");
        assertThat(CommandFailures.reason(wrapped("22021"))).contains("无法保存的字符");
        assertThat(CommandFailures.reason(wrapped("23505"))).contains("已存在相同标识");
        assertThat(CommandFailures.reason(wrapped("23503"))).contains("引用的对象不存在");
        assertThat(CommandFailures.reason(wrapped("08006"))).isNull();
        assertThat(CommandFailures.reason(new ProcessEngineException("ENGINE-03005"))).isNull();
    }

    @Test
    void aPersonsRefusedCommandIsTellingApartFromAFaultOfTheServer() {
        assertThat(CommandFailures.refusal(new org.camunda.bpm.engine.exception.NullValueException("Cannot find task with id 1: task is null"))).isTrue();
        assertThat(CommandFailures.refusal(new ProcessEngineException("execution 1 doesn't exist: execution is null"))).isTrue();
        assertThat(CommandFailures.refusal(new ProcessEngineException("ENGINE-03051 There was an exception while invoking the TaskListener",
                new TaskInputRejected("请填写审查意见")))).isTrue();
        assertThat(CommandFailures.refusal(new org.camunda.bpm.engine.BadUserRequestException("x"))).isTrue();
        assertThat(CommandFailures.refusal(wrapped("08006"))).isFalse();
        assertThat(CommandFailures.refusal(new ProcessEngineException("ENGINE-09005 Could not parse BPMN process"))).isFalse();
        assertThat(CommandFailures.refusal(new NullPointerException())).isFalse();
    }

    private static ProcessEngineException wrapped(String sqlState) {
        return new ProcessEngineException("An exception occurred in the persistence layer",
                new RuntimeException("flush", new SQLException("refused", sqlState)));
    }

    private static String json(EngineApiDescription.Operation operation, String body, boolean form) {
        EngineInputCheck.Refusal refusal = CHECK.json(operation, body.getBytes(StandardCharsets.UTF_8), form);
        return refusal == null ? null : refusal.message();
    }

    private static byte[] multipart(String boundary, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"")
                .append(name).append("\"\r\n\r\n").append(value).append("\r\n"));
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"data\"; filename=\"a.bpmn\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n<definitions/>\r\n--").append(boundary).append("--\r\n");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
