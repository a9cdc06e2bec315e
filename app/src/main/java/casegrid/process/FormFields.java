package casegrid.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The variables a Camunda Form submits, read from its JSON: the key of every enabled field. A
 * dynamic list or a group with a {@code path} submits one variable under that path (its fields
 * nest inside it); a dotted key submits its first segment. Disabled fields show context and are
 * not submitted (forms/README.md), and components without a value (text, buttons, images...) none.
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
