package dev.ticketspace.api.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.annotation.Nullable;
import jakarta.validation.constraints.NotNull;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas of the API's wire types, records, as Jackson reads and writes them, where swagger-core's
 * bean view of them falls short:
 * <ul>
 * <li>a record is closed ({@code additionalProperties: false}): the API refuses unknown fields and writes
 *     none it does not declare;</li>
 * <li>a record that is only written (it has no {@code @NotNull}, the mark of a request body) has every
 *     component in its JSON but those its {@code @JsonInclude(NON_NULL)} leaves out: all others are required;
 *     a request body's required properties are its {@code @NotNull} ones;</li>
 * <li>a {@code @Nullable} component may be null, also where its schema is another component's;</li>
 * <li>a sealed interface with {@code @JsonTypeInfo} is one of the records it permits, told apart by the type
 *     property, which each of them has with its {@code @JsonTypeName} as constant value;</li>
 * <li>Bean Validation matches a {@code @Pattern} against the whole value, JSON Schema anywhere in it: patterns
 *     are anchored (see {@link Patterns});</li>
 * <li>a {@link JsonNode} is any JSON value.</li>
 * </ul>
 * Registered for swagger-core by {@code META-INF/services}.
 */
public final class RecordSchemas implements ModelConverter {
    @Override
    public Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> chain) {
        Class<?> raw = TypeFactory.defaultInstance().constructType(type.getType()).getRawClass();
        if (JsonNode.class.isAssignableFrom(raw)) {
            return new JsonSchema();
        }
        if (!chain.hasNext()) {
            return null;
        }
        Schema resolved = chain.next().resolve(type, context, chain);
        Schema model = resolved == null || resolved.get$ref() == null ? resolved : context.getDefinedModels()
                .get(resolved.get$ref().substring(Components.COMPONENTS_SCHEMAS_REF.length()));
        if (model != null && raw.isRecord()) {
            describeRecord(raw, model);
        } else if (model != null && raw.isSealed() && raw.isAnnotationPresent(JsonTypeInfo.class)) {
            describeUnion(raw, model, context);
        }
        return resolved;
    }

    private static void describeRecord(Class<?> record, Schema<?> model) {
        flatten(model);
        Map<String, Schema> properties = new LinkedHashMap<>();
        typeProperty(record).ifPresent(property -> properties.put(property.name(), new JsonSchema()
                .types(Set.of("string"))._const(property.value())));
        if (model.getProperties() != null) {
            properties.putAll(model.getProperties());
        }
        model.setProperties(properties);
        model.setTypes(new LinkedHashSet<>(List.of("object")));
        model.setAdditionalProperties(false);
        RecordComponent[] components = record.getRecordComponents();
        for (RecordComponent component : components) {
            Schema<?> property = properties.get(component.getName());
            if (property == null) {
                continue;
            }
            Patterns.anchor(property);
            if (component.isAnnotationPresent(Nullable.class)) {
                properties.put(component.getName(), nullable(property));
            }
        }
        boolean requestBody = Arrays.stream(components)
                .anyMatch(component -> component.getAccessor().isAnnotationPresent(NotNull.class));
        List<String> required = new ArrayList<>();
        typeProperty(record).ifPresent(property -> required.add(property.name()));
        if (requestBody) {
            if (model.getRequired() != null) {
                model.getRequired().stream().filter(name -> !required.contains(name)).forEach(required::add);
            }
        } else {
            Arrays.stream(components).filter(c -> !leftOutWhenNull(record, c)).map(RecordComponent::getName)
                    .forEach(required::add);
        }
        model.setRequired(required.isEmpty() ? null : required);
    }

    /** swagger-core writes a subtype as all of its supertype and its own properties; here it stands alone. */
    private static void flatten(Schema<?> model) {
        if (model.getAllOf() == null) {
            return;
        }
        Map<String, Schema> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (Schema<?> part : model.getAllOf()) {
            if (part.get$ref() == null && part.getProperties() != null) {
                properties.putAll(part.getProperties());
            }
            if (part.get$ref() == null && part.getRequired() != null) {
                required.addAll(part.getRequired());
            }
        }
        if (model.getRequired() != null) {
            model.getRequired().stream().filter(name -> !required.contains(name)).forEach(required::add);
        }
        model.setAllOf(null);
        model.setProperties(properties);
        model.setRequired(required);
    }

    private static void describeUnion(Class<?> union, Schema<?> model, ModelConverterContext context) {
        Map<String, String> mapping = new LinkedHashMap<>();
        List<Schema> members = new ArrayList<>();
        for (Class<?> member : union.getPermittedSubclasses()) {
            Schema<?> resolved = context.resolve(new AnnotatedType(member).resolveAsRef(true));
            String reference = resolved.get$ref() != null ? resolved.get$ref()
                    : Components.COMPONENTS_SCHEMAS_REF + resolved.getName();
            members.add(new JsonSchema().$ref(reference));
            mapping.put(member.getAnnotation(JsonTypeName.class).value(), reference);
        }
        model.setProperties(null);
        model.setRequired(null);
        model.setTypes(null);
        model.setOneOf(members);
        model.setDiscriminator(new Discriminator().propertyName(union.getAnnotation(JsonTypeInfo.class).property())
                .mapping(mapping));
    }

    /** The type property of a record that is one of a sealed union's, with its constant value. */
    private static Optional<TypeProperty> typeProperty(Class<?> record) {
        JsonTypeName name = record.getAnnotation(JsonTypeName.class);
        return Arrays.stream(record.getInterfaces())
                .filter(union -> name != null && union.isSealed() && union.isAnnotationPresent(JsonTypeInfo.class))
                .map(union -> new TypeProperty(union.getAnnotation(JsonTypeInfo.class).property(), name.value()))
                .findFirst();
    }

    private record TypeProperty(String name, String value) {
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<?> nullable(Schema<?> property) {
        if (property.getAnyOf() != null) {
            return property;
        }
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(new JsonSchema().$ref(property.get$ref()),
                    new JsonSchema().types(Set.of("null"))));
        }
        Set<String> types = new LinkedHashSet<>(property.getTypes() == null ? Set.of() : property.getTypes());
        types.add("null");
        property.setTypes(types);
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            List<Object> values = new ArrayList<>(property.getEnum());
            values.add(null);
            ((Schema) property).setEnum(values);
        }
        return property;
    }

    private static boolean leftOutWhenNull(Class<?> record, RecordComponent component) {
        JsonInclude own = component.getAccessor().getAnnotation(JsonInclude.class);
        JsonInclude include = own != null ? own : record.getAnnotation(JsonInclude.class);
        return include != null && include.value() != JsonInclude.Include.ALWAYS
                && include.value() != JsonInclude.Include.USE_DEFAULTS;
    }
}
