package casegrid.item;

/** The grading levels (Codes.LEVELS names them in Chinese); a form or the decision table sends the name. */
public enum RiskLevel {
    HIGH, MEDIUM, LOW;

    /** Null for an item not graded (yet). */
    public static RiskLevel ofNullable(String name) {
        return name == null ? null : valueOf(name);
    }
}
