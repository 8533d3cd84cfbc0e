package org.zhaoshang.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Models that would run code of the deployer's choosing inside the engine, for the deployment check's unit test and
 * for the refusal through the REST API: each finding (as the refusal names it) with the BPMN element that carries it.
 */
public final class HostileModels {

    private HostileModels() {
    }

    /** Finding → element, to be wrapped by {@link #process(String)}. */
    public static Map<String, String> unsafeElements() {
        Map<String, String> unsafe = new LinkedHashMap<>();
        unsafe.put("脚本任务（scriptTask）", "<bpmn:scriptTask id=\"ScriptTask_X\" scriptFormat=\"javascript\"><bpmn:script>1</bpmn:script></bpmn:scriptTask>");
        unsafe.put("camunda:class=\"java.lang.Object\"", "<bpmn:serviceTask id=\"ServiceTask_X\" camunda:class=\"java.lang.Object\"/>");
        unsafe.put("camunda:class=\"x.Y\"", "<bpmn:serviceTask id=\"ServiceTask_X\" xmlns:activiti=\"http://activiti.org/bpmn\" activiti:class=\"x.Y\"/>");
        unsafe.put("脚本（camunda:script）", "<bpmn:task id=\"Task_X\"><bpmn:extensionElements><camunda:executionListener event=\"start\">"
                + "<camunda:script scriptFormat=\"groovy\" resource=\"https://example.org/x.groovy\"/></camunda:executionListener>"
                + "</bpmn:extensionElements></bpmn:task>");
        unsafe.put("连接器（camunda:connector）", "<bpmn:serviceTask id=\"ServiceTask_X\"><bpmn:extensionElements><camunda:connector>"
                + "<camunda:connectorId>http-connector</camunda:connectorId></camunda:connector></bpmn:extensionElements></bpmn:serviceTask>");
        // The same written in Operaton's namespace, which the Operaton build executes (issue 26).
        String operaton = "xmlns:operaton=\"http://operaton.org/schema/1.0/bpmn\"";
        unsafe.put("operaton:class=\"java.lang.Runtime\"", "<bpmn:serviceTask id=\"ServiceTask_O\" " + operaton + " operaton:class=\"java.lang.Runtime\"/>");
        unsafe.put("脚本（operaton:script）", "<bpmn:task id=\"Task_O\" " + operaton + "><bpmn:extensionElements><operaton:executionListener event=\"start\">"
                + "<operaton:script scriptFormat=\"groovy\">1</operaton:script></operaton:executionListener></bpmn:extensionElements></bpmn:task>");
        unsafe.put("连接器（operaton:connector）", "<bpmn:serviceTask id=\"ServiceTask_O\" " + operaton + "><bpmn:extensionElements><operaton:connector>"
                + "<operaton:connectorId>http-connector</operaton:connectorId></operaton:connector></bpmn:extensionElements></bpmn:serviceTask>");
        unsafe.put("language=\"javascript\"", "<bpmn:exclusiveGateway id=\"Gateway_X\"/>"
                + "<bpmn:sequenceFlow id=\"Flow_X\" sourceRef=\"Gateway_X\" targetRef=\"End_X\">"
                + "<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">true</bpmn:conditionExpression>"
                + "</bpmn:sequenceFlow><bpmn:endEvent id=\"End_X\"/>");
        return unsafe;
    }

    /** A one-line executable process {@code it-unsafe} around {@code element}. */
    public static String process(String element) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" "
                + "xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
                + "id=\"Definitions_X\" targetNamespace=\"http://zhaoshang.org/it\"><bpmn:process id=\"it-unsafe\" isExecutable=\"true\" "
                + "camunda:historyTimeToLive=\"1\"><bpmn:startEvent id=\"Start_X\"/>" + element + "</bpmn:process></bpmn:definitions>";
    }
}
