package casegrid.web;

import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.temporal.Temporal;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Turns a JSON body Jackson could not read into the one field at fault, named as the client wrote
 * it ({@code parties[0].name}), with what was expected. A body that is not JSON at all is "body".
 */
final class JsonBodyProblems {

    private JsonBodyProblems() {
    }

    static FieldProblem of(HttpMessageNotReadableException e) {
        // A syntax error (a key twice, a raw control character, a number too large) knows where the
        // parser stood; a mapping error knows the path to the property it could not fill.
        StreamReadException syntax = cause(e, StreamReadException.class);
        if (syntax != null && syntax.getProcessor() != null) {
            String field = field(syntax.getProcessor().getParsingContext());
            if (!field.isEmpty()) {
                return new FieldProblem(field, syntaxMessage(syntax));
            }
        }
        JsonMappingException mapping = cause(e, JsonMappingException.class);
        if (mapping != null && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return new FieldProblem(field, mappingMessage(mapping));
        }
        return new FieldProblem("body", "请求体不是有效的 JSON（not valid JSON）");
    }

    private static String syntaxMessage(StreamReadException e) {
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Duplicate field")) {
            return "字段重复出现（duplicate key）";
        }
        if (original.contains("CTRL-CHAR")) {
            return "含有不允许的控制字符（control characters are not allowed）";
        }
        if (e instanceof InputCoercionException) {
            return "数值超出范围（number out of range）";
        }
        return "不是有效的 JSON 值（not valid JSON here）";
    }

    private static String mappingMessage(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "不接受该字段（unknown field）";
        }
        Class<?> target = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        if (target == null) {
            return "格式不正确（invalid value）";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "应为整数（a whole number）";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "应为 true 或 false（a boolean）";
        }
        if (target == String.class) {
            return "应为文本（a string）";
        }
        if (Temporal.class.isAssignableFrom(target)) {
            return "应为带时区的 ISO-8601 时间，如 2026-11-20T09:30:00+08:00";
        }
        if (Collection.class.isAssignableFrom(target) || target.isArray()) {
            return "应为数组（an array）";
        }
        return "格式不正确（invalid value）";
    }

    /** The parser's position as a field path: {@code parties[0].name}; empty at the top level. */
    private static String field(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
