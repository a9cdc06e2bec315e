package casegrid.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small real-HTTP client for tests: basic auth, JSON, multipart and a cookie jar for webapp sessions. */
public class Http {

    public record Response(int status, String body, HttpResponse<String> raw) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    /**
     * The options the app put on a task for a form's select ({@code valuesKey} {@code list}), value → label,
     * read as Tasklist reads them: the task's form variables, as this user.
     */
    public Map<String, String> offeredOptions(String taskId, String list) {
        Response response = get("/engine-rest/task/" + taskId + "/form-variables?deserializeValues=false");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode variable = response.json().path(list);
        assertThat(variable.path("type").asText()).as(list).isEqualTo("Json");
        Map<String, String> labelByValue = new LinkedHashMap<>();
        try {
            MAPPER.readTree(variable.path("value").asText())
                    .forEach(o -> labelByValue.put(o.path("value").asText(), o.path("label").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return labelByValue;
    }

    /** The field names a 400 problem+json names (and that it is one). */
    public static List<String> refusedFields(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
        return fields;
    }

    /** Engine-REST variables: {name: {value}} (the REST infers the type from the JSON; a value may be null). */
    public static Map<String, Object> variables(Object... keyValues) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            Map<String, Object> value = new HashMap<>();
            value.put("value", keyValues[i + 1]);
            variables.put((String) keyValues[i], value);
        }
        return variables;
    }

    private static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules();
    private final String base;
    private final HttpClient client;
    private String user;
    private String password;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public Http(int port) {
        this(port, "localhost");
    }

    /** A client that reaches the app under another host name, e.g. "[::1]": another source address. */
    public Http(int port, String host) {
        this.base = "http://" + host + ":" + port;
        this.client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Basic credentials for the following calls (password = user id for the demo accounts). */
    public Http as(String user) {
        return as(user, user);
    }

    public Http as(String user, String password) {
        this.user = user;
        this.password = password;
        return this;
    }

    public Http anonymous() {
        this.user = null;
        return this;
    }

    public Http header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /** GET of a binary answer (a spreadsheet, a PDF). */
    public HttpResponse<byte[]> download(String path) {
        try {
            return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response postJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response putJson(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(toJson(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Response postForm(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** multipart/form-data with text parts and one file part per entry of {@code files}. */
    public Response postMultipart(String path, Map<String, String> fields, Map<String, byte[]> files) {
        String boundary = "casegrid" + System.nanoTime();
        var out = new java.io.ByteArrayOutputStream();
        try {
            for (var e : fields.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey() + "\"\r\n\r\n"
                        + e.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            for (var e : files.entrySet()) {
                out.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + e.getKey()
                        + "\"; filename=\"" + e.getKey() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.write(e.getValue());
                out.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            out.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    public String cookie(String name) {
        return ((CookieManager) client.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(c -> c.getName().equals(name)).map(java.net.HttpCookie::getValue).findFirst().orElse(null);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json, */*");
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(builder::setHeader); // replaces the default Accept when a test asks for another
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object body) {
        try {
            return body instanceof String s ? s : MAPPER.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
