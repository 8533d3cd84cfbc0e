package org.zhaoshang.system;

import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.WebRequest;

/**
 * What Spring's own error answer says ({@code /error}: a request refused before any of our handlers saw it, such as
 * a wrong content type or a missing parameter of a page's form), in Chinese by its status, on the error page and in
 * the JSON answer alike. Spring's English message and the exception stay out of the answer.
 */
@Component
class ChineseErrorAttributes extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        Map<String, Object> attributes = super.getErrorAttributes(request, options);
        Object status = attributes.get("status");
        attributes.put("message", message(status instanceof Integer code ? code : 500));
        return attributes;
    }

    static String message(int status) {
        return switch (status) {
            case 400 -> "请求内容有误或不完整，无法处理，请返回页面重新填写";
            case 401 -> "请先登录";
            case 403 -> "无权执行此操作";
            case 404 -> "页面或接口不存在";
            case 405 -> "不支持该请求方法";
            case 406 -> "无法以所要求的格式答复";
            case 413 -> "请求内容过大，请精简后重新提交";
            case 415 -> "不支持的内容类型：接口请以 application/json 提交，文件请以 multipart/form-data 上传";
            case 503 -> DatabaseUnavailable.MESSAGE;
            default -> status >= 500 ? "系统内部错误，请稍后重试或联系管理员" : "请求未能完成，请返回重试";
        };
    }
}
