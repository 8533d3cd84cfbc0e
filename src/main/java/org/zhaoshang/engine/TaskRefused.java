package org.zhaoshang.engine;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * A task completion our rules refused ({@link TaskInputRejected} in a task's handler or the completion pipeline), as
 * it leaves the engine. The engine wraps every exception of a task listener, and Camunda's REST resources answer any
 * wrapped failure of {@code complete}/{@code submit-form} with a 500 logged as a warning with its stack trace; a form
 * field validation failure they answer with a 400 and log at debug level. So {@link CommandFailures} rethrows the
 * refusal as this type: the person gets a 400 with the Chinese message, and the log holds the one WARN line.
 */
public class TaskRefused extends FormFieldValidationException {

    public TaskRefused(String message, Throwable cause) {
        super(null, message, cause);
    }
}
