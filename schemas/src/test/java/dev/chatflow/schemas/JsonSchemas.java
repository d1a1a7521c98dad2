package dev.chatflow.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.chatflow.schemas.events.EventType;
import java.util.Set;

/** The module's published JSON Schemas, loaded from the classpath as a validator sees them. */
public final class JsonSchemas {

    private static final String BASE = "https://chatflow.dev/schemas/";
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(m -> m.mapPrefix(BASE, "classpath:json-schema/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();

    private JsonSchemas() {
    }

    public static JsonSchema of(EventType type) {
        String file = type.schemaResource().substring("json-schema/".length());
        return FACTORY.getSchema(SchemaLocation.of(BASE + file), CONFIG);
    }

    public static Set<ValidationMessage> validate(EventType type, JsonNode document) {
        return of(type).validate(document);
    }
}
