package dev.ticketspace.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/** The JSON dialect of the API: strict on input, ISO-8601 UTC with milliseconds on output. */
public final class JsonSettings {
    private static final DateTimeFormatter MILLIS = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();

    private JsonSettings() {
    }

    public static ObjectMapper apply(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        // "ticketId": 7 or "sharedWithCustomer": "yes" are mistakes, not values to convert.
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        // Nor is "sharedWithCustomer": "", which would otherwise be read as null (and so as the default).
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean, CoercionInputShape.String,
                CoercionInputShape.EmptyString);
        mapper.registerModule(new SimpleModule("ticketspace-times").addSerializer(Instant.class, new MillisInstant())
                .addDeserializer(Instant.class, new IsoInstant()));
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * Times are ISO-8601 text only. Jackson's own reader would also take a number, or text of digits, as
     * seconds since 1970, and a number too large for that (1e400) as 1970 itself.
     */
    private static final class IsoInstant extends StdScalarDeserializer<Instant> {
        IsoInstant() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText();
            try {
                return DateTimeFormatter.ISO_INSTANT.parse(text, Instant::from);
            } catch (DateTimeException e) {
                return (Instant) context.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 time");
            }
        }
    }

    private static final class MillisInstant extends StdSerializer<Instant> {
        MillisInstant() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
            generator.writeString(MILLIS.format(value));
        }
    }
}
