package casegrid.security;

import casegrid.process.ModelApi;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateVariableMapping;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

/**
 * What a process designer's expression can see, in one place for both guards: the deployment check reads it
 * to refuse a model, the evaluation sandbox to refuse a call the check could not foresee (a method called on
 * a variable's value). Everything not listed here is out of reach:
 * <ul>
 * <li>variables, and the engine's context objects ({@code execution}, {@code task}) as values to pass on;
 *     of their members only {@code execution.processBusinessKey};</li>
 * <li>beans by name: delegates (JavaDelegate, TaskListener, ExecutionListener, DelegateVariableMapping) for
 *     {@code delegateExpression}, without any member; and beans whose class carries {@link ModelApi}, with the
 *     methods and getters that carry it;</li>
 * <li>a few side-effect-free methods of strings, collections, maps and Joda dates ({@link #VALUE_METHODS});</li>
 * <li>Camunda's functions {@code now()}, {@code dateTime()}, {@code currentUser()}, {@code currentUserGroups()}.</li>
 * </ul>
 */
public class ModelApiCatalog {

    /** What Camunda's VariableScopeElResolver puts in every expression's scope besides the variables. */
    public static final Set<String> CONTEXT_OBJECTS = Set.of("execution", "task", "caseExecution", "externalTask");

    /** Camunda's own functions; Spin's S(), JSON() and XML() are not for models (they open Java objects). */
    public static final Set<String> FUNCTIONS = Set.of("now", "dateTime", "currentUser", "currentUserGroups");

    /** {@code #{execution.processBusinessKey}}: the documented way to hand the item number to a call activity. */
    public static final Set<String> EXECUTION_PROPERTIES = Set.of("processBusinessKey");

    /** Methods that models may call on values, by the value's type; all of them read only. */
    public static final Map<String, Set<String>> VALUE_METHODS = Map.of(
            String.class.getName(), Set.of("concat", "contains", "startsWith", "endsWith", "equals", "equalsIgnoreCase",
                    "indexOf", "lastIndexOf", "isEmpty", "isBlank", "length", "replace", "substring", "toLowerCase",
                    "toUpperCase", "trim", "strip"),
            Collection.class.getName(), Set.of("contains", "isEmpty", "size"),
            Map.class.getName(), Set.of("containsKey", "isEmpty", "size"),
            // What dateTime() returns: Camunda's documented ${dateTime().plusDays(2).toDate()}.
            "org.joda.time.DateTime", Set.of("plusMinutes", "plusHours", "plusDays", "plusWeeks", "plusMonths",
                    "minusMinutes", "minusHours", "minusDays", "minusWeeks", "minusMonths", "withTimeAtStartOfDay", "toDate"));

    /** Every method name of {@link #VALUE_METHODS}: what a deployment check allows on a value of unknown type. */
    public static final Set<String> VALUE_METHOD_NAMES = VALUE_METHODS.values().stream().flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    private static final Set<Class<?>> DELEGATE_TYPES = Set.of(JavaDelegate.class, TaskListener.class,
            ExecutionListener.class, DelegateVariableMapping.class);

    /** How a bean name appears to models. */
    public enum Exposure { NONE, DELEGATE, API }

    private final ListableBeanFactory beans;
    private final Map<String, Exposure> exposures = new ConcurrentHashMap<>();

    public ModelApiCatalog(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** How the bean of this name is exposed; {@code NONE} also when there is no such bean. */
    public Exposure exposure(String name) {
        // Only bean names are remembered: identifiers that are variables would grow the map without bound.
        return beans.containsBean(name) ? exposures.computeIfAbsent(name, this::classify) : Exposure.NONE;
    }

    /** The bean a model may name, if it may. */
    public Optional<Object> bean(String name) {
        return exposure(name) == Exposure.NONE ? Optional.empty() : Optional.of(beans.getBean(name));
    }

    /** A Spring bean that exists but is not for models (jdbcClient, identityService, dataSource ...). */
    public boolean isInternalBean(String name) {
        return beans.containsBean(name) && exposure(name) == Exposure.NONE;
    }

    /** The published class behind an API bean's name, for the deployment check. */
    public Optional<Class<?>> apiType(String name) {
        return exposure(name) == Exposure.API ? Optional.of(userType(name)) : Optional.empty();
    }

    /** Whether {@code base.method(...)} with {@code arity} arguments is published. */
    public boolean callable(Object base, String method, int arity) {
        Class<?> type = ClassUtils.getUserClass(base);
        if (isApi(type)) {
            return publishedOnly(type, method, arity);
        }
        return valueMethods(base).contains(method);
    }

    /** Whether {@code base.property} may be read (maps, lists and arrays are read before this is asked). */
    public boolean readable(Object base, String property) {
        if (base instanceof DelegateExecution) {
            return EXECUTION_PROPERTIES.contains(property);
        }
        Class<?> type = ClassUtils.getUserClass(base);
        return isApi(type) && publishedGetter(type, property);
    }

    /** Whether an API type publishes a method of this name for this number of arguments, and nothing else of it. */
    public static boolean publishedOnly(Class<?> type, String method, int arity) {
        boolean any = false;
        for (Method candidate : type.getMethods()) {
            if (candidate.getName().equals(method) && (candidate.getParameterCount() == arity || candidate.isVarArgs())) {
                if (!isPublished(candidate)) {
                    return false; // the EL resolver might pick this overload
                }
                any = true;
            }
        }
        return any;
    }

    /** Whether an API type publishes the getter of this property ({@code getX()} or {@code isX()}). */
    public static boolean publishedGetter(Class<?> type, String property) {
        if (property.isEmpty()) {
            return false;
        }
        String capitalised = property.substring(0, 1).toUpperCase(Locale.ROOT) + property.substring(1);
        boolean any = false;
        for (String getter : new String[] {"get" + capitalised, "is" + capitalised}) {
            Optional<Method> method = Stream.of(type.getMethods())
                    .filter(m -> m.getName().equals(getter) && m.getParameterCount() == 0).findFirst();
            if (method.isPresent()) {
                if (!isPublished(method.get())) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    static boolean isApi(Class<?> type) {
        return AnnotatedElementUtils.hasAnnotation(type, ModelApi.class);
    }

    private static boolean isPublished(Method method) {
        return !Modifier.isStatic(method.getModifiers()) && method.isAnnotationPresent(ModelApi.class);
    }

    private static Set<String> valueMethods(Object base) {
        for (Map.Entry<String, Set<String>> entry : VALUE_METHODS.entrySet()) {
            if (isA(base.getClass(), entry.getKey())) {
                return entry.getValue();
            }
        }
        return Set.of();
    }

    private static boolean isA(Class<?> type, String className) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)
                    || Stream.of(ClassUtils.getAllInterfacesForClass(c)).anyMatch(i -> i.getName().equals(className))) {
                return true;
            }
        }
        return false;
    }

    private Exposure classify(String name) {
        Class<?> type = userType(name);
        if (type == null) {
            return Exposure.NONE;
        }
        if (isApi(type)) {
            return Exposure.API;
        }
        return DELEGATE_TYPES.stream().anyMatch(t -> t.isAssignableFrom(type)) ? Exposure.DELEGATE : Exposure.NONE;
    }

    private Class<?> userType(String name) {
        // Without initialising factory beans: the check may run while the context is still starting.
        Class<?> type = beans.getType(name, false);
        return type == null ? null : ClassUtils.getUserClass(type);
    }
}
