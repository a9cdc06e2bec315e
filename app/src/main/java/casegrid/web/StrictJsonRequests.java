package casegrid.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.lang.reflect.Type;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * JSON request bodies of the app's own API are read strictly: a key twice, a field the body type
 * does not have, {@code 2.7} for a whole number, {@code "yes"} or {@code 1} for a boolean, a number
 * for a text, or trailing garbage is a 400 naming the field (see {@link JsonBodyProblems}), never
 * a silent guess. Jackson's defaults guess (the last duplicate wins, 2.7 becomes 2).
 *
 * <p>Only reading, and only the app's request types, go through the strict mapper: answers and the
 * app's own reads of stored JSON keep the shared, lenient ObjectMapper, and the engine's REST API
 * has its own.
 */
@Configuration
class StrictJsonRequests implements WebMvcConfigurer {

    private final ObjectMapper strict;

    StrictJsonRequests(ObjectMapper shared) {
        this.strict = strict(shared.copy());
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new RequestBodyReader(strict));
    }

    static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    /** Reads request bodies whose type belongs to the app; writes nothing. */
    static class RequestBodyReader extends MappingJackson2HttpMessageConverter {

        RequestBodyReader(ObjectMapper strict) {
            super(strict);
        }

        @Override
        public boolean canRead(Class<?> clazz, @Nullable MediaType mediaType) {
            return isAppType(clazz) && super.canRead(clazz, mediaType);
        }

        @Override
        public boolean canRead(Type type, @Nullable Class<?> contextClass, @Nullable MediaType mediaType) {
            return type instanceof Class<?> clazz && isAppType(clazz) && super.canRead(type, contextClass, mediaType);
        }

        @Override
        public boolean canWrite(Class<?> clazz, @Nullable MediaType mediaType) {
            return false;
        }

        @Override
        public boolean canWrite(@Nullable Type type, Class<?> clazz, @Nullable MediaType mediaType) {
            return false;
        }

        private static boolean isAppType(Class<?> clazz) {
            return clazz.getPackageName().startsWith("casegrid.");
        }
    }
}
