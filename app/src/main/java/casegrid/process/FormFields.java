package casegrid.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The variables a Camunda Form submits, read from its JSON: the key of every enabled field. A
 * dynamic list or a group with a {@code path} submits one variable under that path (its fields
 * nest inside it); a dotted key submits its first segment. Disabled fields show context and are
 * not submitted (forms/README.md), and components without a value (text, buttons, images...) none.
 * A {@code valuesKey} names where a select's options come from (a variable the app sets, see
 * OfferedOptions): it is read, never submitted.
 */
public final class FormFields {

    private static final Set<String> WITHOUT_VALUE = Set.of("text", "html", "image", "spacer", "separator", "button",
            "iframe", "table", "documentPreview");
    private static final ObjectMapper JSON = new ObjectMapper();

    private FormFields() {
    }

    public static Set<String> submitted(byte[] formJson) {
        try {
            Set<String> keys = new LinkedHashSet<>();
            collect(JSON.readTree(formJson), keys);
            return Set.copyOf(keys);
        } catch (IOException e) {
            throw new UncheckedIOException("not a Camunda Form", e);
        }
    }

    /** Every variable a field takes its options from ({@code valuesKey}), disabled fields included. */
    public static Set<String> optionLists(byte[] formJson) {
        Set<String> lists = new LinkedHashSet<>();
        components(read(formJson), component -> false, component -> {
            String valuesKey = component.path("valuesKey").asText("");
            if (!valuesKey.isBlank()) {
                lists.add(valuesKey);
            }
        });
        return Set.copyOf(lists);
    }

    /** A submitted field whose answer must be among offered options: its {@code valuesKey}, and whether it takes several. */
    public record Choice(String list, boolean several) {
    }

    private static final Set<String> SEVERAL = Set.of("checklist", "taglist");

    /** The submitted fields whose answer must be one of offered options: field key → its choice. */
    public static Map<String, Choice> choices(byte[] formJson) {
        Map<String, Choice> choices = new LinkedHashMap<>();
        // A field inside a dynamic list is no variable of its own: the list's handler checks its rows.
        components(read(formJson), component -> !component.path("path").asText("").isBlank(), component -> {
            String valuesKey = component.path("valuesKey").asText("");
            String key = component.path("key").asText("");
            if (!valuesKey.isBlank() && !key.isBlank() && !component.path("disabled").asBoolean(false)) {
                choices.put(key, new Choice(valuesKey, SEVERAL.contains(component.path("type").asText())));
            }
        });
        return Map.copyOf(choices);
    }

    private static JsonNode read(byte[] formJson) {
        try {
            return JSON.readTree(formJson);
        } catch (IOException e) {
            throw new UncheckedIOException("not a Camunda Form", e);
        }
    }

    private static void components(JsonNode container, Predicate<JsonNode> skipInside, Consumer<JsonNode> visit) {
        for (JsonNode component : container.path("components")) {
            visit.accept(component);
            if (!skipInside.test(component)) {
                components(component, skipInside, visit);
            }
        }
    }

    private static void collect(JsonNode container, Set<String> keys) {
        for (JsonNode component : container.path("components")) {
            if (component.path("disabled").asBoolean(false) || WITHOUT_VALUE.contains(component.path("type").asText())) {
                continue;
            }
            String path = component.path("path").asText("");
            if (!path.isBlank()) {
                keys.add(firstSegment(path));
                continue;
            }
            String key = component.path("key").asText("");
            if (!key.isBlank()) {
                keys.add(firstSegment(key));
            }
            collect(component, keys);
        }
    }

    private static String firstSegment(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
