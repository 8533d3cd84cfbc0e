package org.zhaoshang.system;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

import jakarta.servlet.http.HttpServletResponse;

/** A refusal on a page shows the error page with the Chinese message and the right status. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(PageErrorHandler.class);

    /** A page's refusal as the error page; a JSON answer of a page controller ({@code @ResponseBody}) as {@link ApiError}. */
    @ExceptionHandler(ApiException.class)
    Object refused(ApiException e, HandlerMethod handler, HttpServletResponse response, Model model) {
        if (answersJson(handler)) {
            return ResponseEntity.status(e.status()).body(new ApiError(e.status().value(), e.getMessage(), e.fieldErrors()));
        }
        response.setStatus(e.status().value());
        model.addAttribute("status", e.status().value());
        model.addAttribute("message", e.getMessage());
        return "error";
    }

    /**
     * A form post that cannot be bound to the page's form: a field of the wrong type, a list index beyond what any
     * form of ours has (Spring refuses to grow a list past 256 rows). Not a fault of the server.
     */
    @ExceptionHandler({BindException.class, InvalidPropertyException.class})
    String unbindable(Exception e, HttpServletResponse response, Model model) {
        log.warn("Refused a form post that does not fit its form: {}", e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().lines().findFirst().orElse(""));
        response.setStatus(400);
        model.addAttribute("status", 400);
        model.addAttribute("message", "提交的表单内容无法识别（字段类型或行数不符），请返回页面刷新后重新填写");
        return "error";
    }

    /** A page address whose number is not a number ({@code /briefings/2026-06}): there is no such page. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    String noSuchPage(MethodArgumentTypeMismatchException e, HttpServletResponse response, Model model) {
        log.warn("Refused a page address that does not fit: {} = {}", e.getName(), e.getValue());
        response.setStatus(404);
        model.addAttribute("status", 404);
        model.addAttribute("message", "页面不存在：地址中的编号「" + e.getValue() + "」有误，请从列表进入");
        return "error";
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    Object tooLarge(HandlerMethod handler, HttpServletResponse response, Model model) {
        String message = "上传的文件过大，请压缩或拆分后重新上传";
        if (answersJson(handler)) {
            return ResponseEntity.status(413).body(new ApiError(413, message, java.util.List.of()));
        }
        response.setStatus(413);
        model.addAttribute("status", 413);
        model.addAttribute("message", message);
        return "error";
    }

    private static boolean answersJson(HandlerMethod handler) {
        return handler != null && (handler.hasMethodAnnotation(ResponseBody.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class));
    }
}
