package casegrid.model;

import static org.assertj.core.api.Assertions.assertThat;

import casegrid.item.ItemEvent;
import casegrid.item.ItemStatus;
import casegrid.process.HandlesForm;
import casegrid.process.TaskHandlerRegistry;
import casegrid.process.TaskHandlers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The binding of models to task handlers, checked before anything runs: every handler's form is shown
 * by some user task, every user task's form has a handler (or is on the deliberate list
 * {@link TaskHandlerRegistry#WITHOUT_HANDLER}), every {@code status} property is an {@link ItemStatus}
 * and every {@code clears} entry is a field of the task's own form. A small broken model proves each
 * rule fires.
 */
class HandlerBindingTest {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theShippedModelsAndTheHandlersFitEachOther() {
        assertThat(findings(shippedModels(), handledForms())).isEmpty();
    }

    @Test
    void everyHandlerHasTheOneShapeAndItsOwnForm() {
        Map<String, String> owners = new HashMap<>();
        for (Class<?> type : handlerClasses()) {
            for (Method method : TaskHandlerRegistry.handlerMethods(type)) {
                String form = method.getAnnotation(HandlesForm.class).value();
                String owner = type.getSimpleName() + "." + method.getName();
                assertThat(owners.putIfAbsent(form, owner)).as("form %s handled by %s and %s", form, owners.get(form), owner)
                        .isNull();
            }
        }
        assertThat(owners).hasSizeGreaterThanOrEqualTo(26);
    }

    @Test
    void aBrokenModelOrAHandlerOfNoTaskFailsTheRule() {
        Set<String> handlers = new HashSet<>(handledForms());
        handlers.add("resolve-itme");
        List<String> findings = findings(List.of(Path.of("src/test/resources/handler-binding/broken.bpmn")), handlers);
        assertThat(findings).anyMatch(f -> f.contains("Task_Misspelt") && f.contains("form resolv has no handler"));
        assertThat(findings).anyMatch(f -> f.contains("Task_BadStatus") && f.contains("GRADEING is not an ItemStatus"));
        assertThat(findings).anyMatch(f -> f.contains("Task_BadClears") && f.contains("visitNotes is not a field of form follow-up-visit"));
        assertThat(findings).anyMatch(f -> f.contains("Task_NoForm") && f.contains("no camunda:formRef"));
        assertThat(findings).anyMatch(f -> f.contains("handler of form resolve-itme") && f.contains("no user task"));
    }

    @Test
    void everyEventKindTheCodeQueriesIsADomainEvent() throws IOException {
        Pattern literal = Pattern.compile("kind\\s*(?:=|<>)\\s*'([^']*)'|kind in \\(([^)]*)\\)");
        Set<String> kinds = new HashSet<>();
        try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = literal.matcher(Files.readString(source));
                while (m.find()) {
                    String list = m.group(1) != null ? m.group(1) : m.group(2).replace("'", "");
                    Arrays.stream(list.split(",")).map(String::trim).forEach(kinds::add);
                }
            }
        }
        assertThat(kinds).contains("CLOSURE_REQUESTED", "TRANSFERRED", "RECTIFIED", "REPORTED_IN")
                .allMatch(kind -> Arrays.stream(ItemEvent.values()).anyMatch(e -> e.name().equals(kind)));
    }

    // --- the rule ------------------------------------------------------------------------------------

    static List<String> findings(List<Path> models, Set<String> handlers) {
        Map<String, Set<String>> fields = formFields();
        List<String> findings = new ArrayList<>();
        Set<String> shown = new HashSet<>();
        for (Path model : models) {
            NodeList tasks = parse(model).getElementsByTagNameNS(BPMN, "userTask");
            for (int i = 0; i < tasks.getLength(); i++) {
                Element task = (Element) tasks.item(i);
                String where = model.getFileName() + " " + task.getAttribute("id") + ": ";
                String form = task.getAttributeNS(CAMUNDA, "formRef");
                if (form.isEmpty()) {
                    findings.add(where + "no camunda:formRef, so no handler can be bound to it");
                    continue;
                }
                shown.add(form);
                if (!handlers.contains(form) && !TaskHandlerRegistry.WITHOUT_HANDLER.contains(form)) {
                    findings.add(where + "form " + form + " has no handler (@HandlesForm) and is not listed in WITHOUT_HANDLER");
                }
                String status = property(task, "status");
                if (status != null && Arrays.stream(ItemStatus.values()).noneMatch(s -> s.name().equals(status))) {
                    findings.add(where + "status " + status + " is not an ItemStatus");
                }
                String clears = property(task, "clears");
                if (clears != null) {
                    for (String variable : clears.split(",")) {
                        if (!fields.getOrDefault(form, Set.of()).contains(variable.trim())) {
                            findings.add(where + "clears " + variable.trim() + " is not a field of form " + form);
                        }
                    }
                }
            }
        }
        for (String form : handlers) {
            if (!shown.contains(form)) {
                findings.add("the handler of form " + form + " is bound to no user task of any model");
            }
        }
        for (String form : TaskHandlerRegistry.WITHOUT_HANDLER) {
            if (handlers.contains(form)) {
                findings.add("form " + form + " is listed as handler-less but has a handler");
            }
        }
        return findings;
    }

    static List<Path> shippedModels() {
        try (Stream<Path> files = Files.walk(ROOT.resolve("processes"))) {
            return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Class<?>> handlerClasses() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(TaskHandlers.class));
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("casegrid")) {
            types.add(ClassUtils.resolveClassName(definition.getBeanClassName(), HandlerBindingTest.class.getClassLoader()));
        }
        assertThat(types).as("@TaskHandlers classes").isNotEmpty();
        return types;
    }

    static Set<String> handledForms() {
        Set<String> forms = new HashSet<>();
        for (Class<?> type : handlerClasses()) {
            TaskHandlerRegistry.handlerMethods(type).forEach(m -> forms.add(m.getAnnotation(HandlesForm.class).value()));
        }
        return forms;
    }

    /** Every form's id and the keys (and dynamic-list paths) of its fields. */
    static Map<String, Set<String>> formFields() {
        ObjectMapper mapper = new ObjectMapper();
        Map<String, Set<String>> fields = new HashMap<>();
        try (Stream<Path> forms = Files.walk(ROOT.resolve("forms"))) {
            for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
                JsonNode json = mapper.readTree(form.toFile());
                Set<String> keys = new HashSet<>();
                json.findValues("key").forEach(k -> keys.add(k.asText()));
                json.findValues("path").forEach(k -> keys.add(k.asText()));
                fields.put(json.path("id").asText(), keys);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return fields;
    }

    static String property(Element task, String name) {
        NodeList properties = task.getElementsByTagNameNS(CAMUNDA, "property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element property = (Element) properties.item(i);
            if (name.equals(property.getAttribute("name"))) {
                return property.getAttribute("value");
            }
        }
        return null;
    }

    static Document parse(Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(file.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }
}
