package dev.chatflow.schemas.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.chatflow.schemas.events.EventType;
import dev.chatflow.schemas.events.InvalidEventException;
import dev.chatflow.schemas.events.RejectionReason;
import dev.chatflow.schemas.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * JSON serde of one event type. It is the single place that writes the {@code event-type} and
 * {@code schema-version} headers — every producer, Kafka Streams included, gets them by using it — and
 * the single place that decides whether a value is a valid event: a value that is not throws an
 * {@link EventDecodingException} with a {@link RejectionReason}.
 *
 * <p>Tombstones (null values) pass through as null in both directions.
 */
public final class EventSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final EventType type;
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final byte[] typeHeader;
    private final byte[] versionHeader;

    private EventSerde(EventType type, Class<T> recordClass) {
        this.type = type;
        this.reader = Json.mapper().readerFor(recordClass);
        this.writer = Json.mapper().writerFor(recordClass);
        this.typeHeader = type.eventType().getBytes(StandardCharsets.UTF_8);
        this.versionHeader = Integer.toString(type.currentVersion()).getBytes(StandardCharsets.UTF_8);
    }

    /** The serde of {@code type}; {@code recordClass} must be its record class. */
    public static <T> EventSerde<T> of(EventType type, Class<T> recordClass) {
        if (type.recordClass() != recordClass) {
            throw new IllegalArgumentException(type + " is carried by " + type.recordClass().getSimpleName()
                    + ", not " + recordClass.getSimpleName());
        }
        return new EventSerde<>(type, recordClass);
    }

    public EventType type() {
        return type;
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the event type decides everything
    }

    @Override
    public void close() {
        // holds no resources
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new SerializationException("cannot write " + type.eventType() + " for " + topic, e);
        }
    }

    @Override
    public byte[] serialize(String topic, Headers headers, T data) {
        if (headers != null) {
            headers.remove(EventType.HEADER_EVENT_TYPE);
            headers.remove(EventType.HEADER_SCHEMA_VERSION);
            headers.add(EventType.HEADER_EVENT_TYPE, typeHeader);
            headers.add(EventType.HEADER_SCHEMA_VERSION, versionHeader);
        }
        return serialize(topic, data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data != null && headers != null) {
            checkVersionHeader(headers.lastHeader(EventType.HEADER_SCHEMA_VERSION));
        }
        return deserialize(topic, data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return reader.readValue(data);
        } catch (StreamReadException e) {
            throw new EventDecodingException(RejectionReason.MALFORMED_JSON, "not JSON: " + e.getOriginalMessage(), e);
        } catch (JsonMappingException e) {
            // Jackson builds the value before it sees trailing garbage: a value that is not JSON at all
            // must say so, not report the field that happened to fail first.
            String syntaxError = syntaxError(data);
            if (syntaxError != null) {
                throw new EventDecodingException(RejectionReason.MALFORMED_JSON, "not JSON: " + syntaxError, e);
            }
            if (e.getCause() instanceof InvalidEventException invalid) {
                throw new EventDecodingException(invalid.reason(), invalid.detail(), e);
            }
            throw new EventDecodingException(RejectionReason.INVALID_FIELD, describe(e), e);
        } catch (IOException e) {
            throw new EventDecodingException(RejectionReason.MALFORMED_JSON, e.getMessage(), e);
        }
    }

    /** Null when {@code data} is one well-formed JSON value, else what is wrong with it. */
    private static String syntaxError(byte[] data) {
        try {
            Json.mapper().readTree(data);
            return null;
        } catch (IOException e) {
            return e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        }
    }

    private void checkVersionHeader(Header header) {
        if (header == null) {
            return; // the value's own schemaVersion decides
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        try {
            if (type.supports(Integer.parseInt(text.trim()))) {
                return;
            }
        } catch (NumberFormatException notANumber) {
            // falls through to the same error
        }
        throw new EventDecodingException(RejectionReason.UNKNOWN_SCHEMA_VERSION,
                type.eventType() + " schema-version header '" + text + "' is not supported (known: "
                        + type.currentVersion() + ")", null);
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        return (path.isEmpty() ? "" : path + ": ") + e.getOriginalMessage();
    }
}
