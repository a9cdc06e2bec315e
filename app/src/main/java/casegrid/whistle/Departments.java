package casegrid.whistle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Lists as forms and REST clients send them: a Java list (API), a JSON array (Tasklist submits a
 * checklist or dynamic list as a Json variable) or a comma-separated string (a plain text field).
 */
public final class Departments {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The codes named, trimmed, without blanks or repeats, in the order given. */
    public static List<String> codes(Object value) {
        LinkedHashSet<String> codes = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            list.forEach(v -> add(codes, v == null ? null : v.toString()));
        } else if (value != null) {
            String text = value.toString().trim();
            if (text.startsWith("[")) {
                try {
                    JSON.readTree(text).forEach(node -> add(codes, node.asText()));
                } catch (Exception e) {
                    add(codes, text);
                }
            } else {
                for (String part : text.split("[,，;；\\s]+")) {
                    add(codes, part);
                }
            }
        }
        return List.copyOf(codes);
    }

    /** A list of objects (a dynamic list): Java maps or a JSON array of objects; empty when absent. */
    public static List<JsonNode> objects(Object value) {
        List<JsonNode> rows = new ArrayList<>();
        if (value == null) {
            return rows;
        }
        JsonNode tree;
        if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
            tree = JSON.valueToTree(value);
        } else {
            try {
                tree = JSON.readTree(value.toString());
            } catch (Exception e) {
                return rows;
            }
        }
        if (tree != null && tree.isArray()) {
            tree.forEach(rows::add);
        }
        return rows;
    }

    private static void add(Collection<String> codes, String code) {
        if (code != null && !code.isBlank()) {
            codes.add(code.trim());
        }
    }

    private Departments() {
    }
}
