package org.zhaoshang.notification;

import java.util.Map;

import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a plain-text mail template ({@code templates/mail/<name>.txt}): the first line is the
 * subject, the rest the body.
 */
@Component
public class MailTemplates {

    public record Rendered(String subject, String body) {
    }

    private final ITemplateEngine templates;

    MailTemplates(ITemplateEngine templates) {
        this.templates = templates;
    }

    public Rendered render(String name, Map<String, Object> variables) {
        Context context = new Context();
        context.setVariables(variables);
        String text = templates.process("mail/" + name, context).strip();
        int newline = text.indexOf('\n');
        if (newline < 0) {
            throw new IllegalStateException("Mail template " + name + " has no body after its subject line");
        }
        return new Rendered(text.substring(0, newline).strip(), text.substring(newline + 1).strip() + "\n");
    }
}
