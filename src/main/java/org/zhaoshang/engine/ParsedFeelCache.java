package org.zhaoshang.engine;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.CustomFunctionTransformer;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.camunda.feel.valuemapper.ValueMapper;
import org.springframework.stereotype.Component;

import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;

/**
 * Camunda 7's FEEL engine parses every cell of a decision table again on every evaluation (feel-scala
 * issue 1149); in the lifecycle benchmark that parsing was about a tenth of the product's CPU. This plugin
 * keeps the engine and its semantics and only remembers each expression's syntax tree: a parsed
 * expression is immutable, so one tree serves every thread. Expressions that do not parse are not
 * remembered and fail as before, with the engine's own message.
 */
@Component
class ParsedFeelCache extends AbstractProcessEnginePlugin {

    /** Far above the cells of every deployed version; a full cache starts again rather than grow. */
    static final int MAX_EXPRESSIONS = 5_000;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        if (dmn.getFeelEngineFactory() == null) {
            // Read at build time, after the engine has put its custom function providers in place.
            dmn.setFeelEngineFactory(() -> new CachingFeelEngine(dmn.getFeelCustomFunctionProviders()));
            configuration.setDmnEngineConfiguration(dmn);
        }
    }

    /** The Scala FEEL engine of Camunda 7 with parsed expressions remembered. */
    static final class CachingFeelEngine extends ScalaFeelEngine {

        /** The name the engine gives a unary test's input (Camunda's and Operaton's ScalaFeelEngine alike). */
        static final String INPUT_VARIABLE_NAME = "inputVariableName";

        private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
        private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();
        /**
         * Built as the superclass builds its own (same value mappers and custom functions, no external functions), but
         * held here: Camunda keeps its engine in a protected field, Operaton in another of another type, and this class
         * serves both builds (docs/decisions/engine.md).
         */
        private final org.camunda.feel.FeelEngine feelEngine;

        CachingFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
            super(functionProviders == null ? List.of() : functionProviders);
            ValueMapper.CompositeValueMapper valueMapper = new ValueMapper.CompositeValueMapper(getValueMappers());
            CustomFunctionTransformer functions = new CustomFunctionTransformer(functionProviders == null ? List.of() : functionProviders,
                    valueMapper);
            feelEngine = new org.camunda.feel.FeelEngine.Builder().functionProvider(functions).valueMapper(valueMapper)
                    .enableExternalFunctions(false).build();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
            ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
            CustomContext context = new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return new ContextVariableWrapper(variables);
                }
            };
            return (T) result(feelEngine.eval(parsed, context));
        }

        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
            ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
            // The unary tests compare the input named "inputVariableName" (what Camunda's engine passes).
            VariableProvider input = new VariableProvider.StaticVariableProvider(
                    new camundajar.impl.scala.collection.immutable.Map.Map1<>(INPUT_VARIABLE_NAME, inputVariable));
            VariableProvider wrapper = new ContextVariableWrapper(variables);
            CustomContext context = new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return new VariableProvider.CompositeVariableProvider(toScalaList(input, wrapper));
                }
            };
            return BoxesRunTime.unboxToBoolean(result(feelEngine.eval(parsed, context)));
        }

        int size() {
            return expressions.size() + unaryTests.size();
        }

        private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String expression,
                Function<String, Either<org.camunda.feel.FeelEngine.Failure, ParsedExpression>> parser) {
            ParsedExpression known = cache.get(expression);
            if (known != null) {
                return known;
            }
            ParsedExpression parsed = (ParsedExpression) result(parser.apply(expression));
            if (cache.size() >= MAX_EXPRESSIONS) {
                cache.clear();
            }
            cache.put(expression, parsed);
            return parsed;
        }

        private static Object result(Either<org.camunda.feel.FeelEngine.Failure, ?> outcome) {
            if (outcome instanceof Left<?, ?> failure) {
                throw failed(((org.camunda.feel.FeelEngine.Failure) failure.value()).message());
            }
            return outcome.toOption().get();
        }

        private static FeelException failed(String message) {
            return LOGGER.evaluationException(message);
        }
    }
}
