package casegrid.process;

import casegrid.item.ItemEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the handler of a user task by the task's form ({@code camunda:formRef}), not by its id.
 *
 * <p>Why the form: the task id belongs to the designer, who may rename it in Modeler; the form is
 * the contract between the task and its handler (the handler checks exactly the fields the form
 * declares), deployed next to the model and kept by a rename. An extra {@code handler} property would
 * be one more string to keep in step with the form it always equals. Two tasks that show the same form
 * get the same handler, which is what showing the same form means.
 *
 * <p>A user task on an item whose form has no handler fails its completion loudly, unless its form is
 * on the deliberate list {@link #WITHOUT_HANDLER}; ModelRulesTest keeps the shipped models to both
 * rules, so this failure is for a designer's unreviewed model, never a silent gap on the timeline.
 */
@Component
public class TaskHandlerRegistry implements SmartInitializingSingleton {

    /**
     * Forms whose tasks deliberately have no handler: their completion is recorded as
     * {@link ItemEvent#TASK_COMPLETED}. Empty today: every shipped task records a domain event.
     */
    public static final Set<String> WITHOUT_HANDLER = Set.of();

    /** One handler: the one shape every {@link HandlesForm} method has. */
    @FunctionalInterface
    public interface Handler {
        Completion complete(DelegateTask task, TaskInputs in, String number, String actor);
    }

    private static final List<Class<?>> SHAPE = List.of(DelegateTask.class, TaskInputs.class, String.class, String.class);

    private final ListableBeanFactory beans;
    private volatile Map<String, Handler> byForm = Map.of();

    public TaskHandlerRegistry(ListableBeanFactory beans) {
        this.beans = beans;
    }

    @Override
    public void afterSingletonsInstantiated() {
        register(beans.getBeansWithAnnotation(TaskHandlers.class).values());
    }

    void register(Collection<?> handlerBeans) {
        Map<String, Handler> handlers = new HashMap<>();
        handlerBeans.forEach(bean -> {
            for (Method method : handlerMethods(AopUtils.getTargetClass(bean))) {
                String form = method.getAnnotation(HandlesForm.class).value();
                ReflectionUtils.makeAccessible(method);
                if (handlers.putIfAbsent(form, (task, in, number, actor) -> invoke(method, bean, task, in, number, actor)) != null) {
                    throw new IllegalStateException("two handlers for form " + form);
                }
            }
        });
        byForm = Map.copyOf(handlers);
    }

    /** The handler methods of a {@link TaskHandlers} class, checked for the one shape. */
    public static List<Method> handlerMethods(Class<?> type) {
        List<Method> methods = Arrays.stream(ReflectionUtils.getUniqueDeclaredMethods(type))
                .filter(m -> AnnotatedElementUtils.hasAnnotation(m, HandlesForm.class)).toList();
        for (Method method : methods) {
            if (!List.of(method.getParameterTypes()).equals(SHAPE) || method.getReturnType() != Completion.class) {
                throw new IllegalStateException(type.getSimpleName() + "." + method.getName()
                        + " must be Completion (DelegateTask, TaskInputs, String number, String actor)");
            }
        }
        return methods;
    }

    public Set<String> forms() {
        return byForm.keySet();
    }

    public Optional<Handler> handler(DelegateTask task) {
        return Optional.ofNullable(formOf(task)).map(byForm::get);
    }

    /**
     * Completes a task on an item: its handler's answer, the generic event for a listed handler-less
     * form, or an error that rolls the completion back.
     */
    public Completion complete(DelegateTask task, String number, String actor) {
        Optional<Handler> handler = handler(task);
        if (handler.isPresent()) {
            return handler.get().complete(task, new TaskInputs(task), number, actor);
        }
        String form = formOf(task);
        if (form != null && WITHOUT_HANDLER.contains(form)) {
            return Completion.of(ItemEvent.TASK_COMPLETED, null);
        }
        throw new IllegalStateException("任务 " + task.getTaskDefinitionKey() + " 没有对应的处理程序（no task handler for form "
                + form + "; add a @HandlesForm method or list the form in TaskHandlerRegistry.WITHOUT_HANDLER）");
    }

    static String formOf(DelegateTask task) {
        UserTask element = task.getBpmnModelElementInstance();
        return element == null ? null : element.getCamundaFormRef();
    }

    private static Completion invoke(Method method, Object bean, DelegateTask task, TaskInputs in, String number,
                                     String actor) {
        try {
            return (Completion) method.invoke(bean, task, in, number, actor);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
