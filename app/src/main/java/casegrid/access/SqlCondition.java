package casegrid.access;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A piece of a WHERE clause with its named bind parameters. Values only ever travel as parameters;
 * conditions are combined with {@link #and}, which refuses two parts that give one parameter
 * name different values, so no part has to rename the other's parameters.
 */
public record SqlCondition(String sql, Map<String, Object> params) {

    public static final SqlCondition TRUE = new SqlCondition("true", Map.of());

    public SqlCondition {
        params = Map.copyOf(params);
    }

    public SqlCondition and(SqlCondition other) {
        return new SqlCondition("(" + sql + ") and (" + other.sql + ")", merge(params, other.params));
    }

    /** All parameters of both conditions, for a statement that uses them side by side. */
    public static Map<String, Object> merge(Map<String, Object> one, Map<String, Object> two) {
        Map<String, Object> all = new LinkedHashMap<>(one);
        two.forEach((name, value) -> {
            Object before = all.putIfAbsent(name, value);
            if (before != null && !Objects.equals(before, value)) {
                throw new IllegalArgumentException("SQL parameter :" + name + " given two different values");
            }
        });
        return all;
    }
}
