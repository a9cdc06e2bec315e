package casegrid.web;

/** One bad field of a request: its name (as the client sent it) and what is wrong, in the users' language. */
public record FieldProblem(String field, String message) {
}
