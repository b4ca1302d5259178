package io.orderflow.api;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * Makes the schemas of the API's records say what the records say: a component marked
 * {@code @Nullable} may be {@code null} (its type admits null), any other is always
 * present (required). springdoc reads neither from JSpecify, so without this a client
 * would see every answer field as optional and none as nullable. An explicit
 * {@code @Schema(requiredMode = NOT_REQUIRED)} keeps a component optional.
 */
class NullableRecordComponents implements ModelConverter {

	@Override
	public @Nullable Schema<?> resolve(AnnotatedType type, ModelConverterContext context,
			Iterator<ModelConverter> chain) {
		Schema<?> schema = chain.hasNext() ? chain.next().resolve(type, context, chain) : null;
		Class<?> raw = rawClass(type);
		if (schema == null || raw == null || !raw.isRecord() || !raw.getPackageName().startsWith("io.orderflow")) {
			return schema;
		}
		Schema<?> model = (schema.get$ref() != null)
				? context.getDefinedModels().get(schema.get$ref().substring(schema.get$ref().lastIndexOf('/') + 1))
				: schema;
		if (model != null && model.getProperties() != null) {
			for (RecordComponent component : raw.getRecordComponents()) {
				describe(model, component);
			}
		}
		return schema;
	}

	private static void describe(Schema<?> model, RecordComponent component) {
		Schema<?> property = model.getProperties().get(component.getName());
		if (property == null) {
			return;
		}
		if (component.getAnnotatedType().isAnnotationPresent(Nullable.class)) {
			model.getProperties().put(component.getName(), nullable(property));
		}
		else if (!optional(component)
				&& (model.getRequired() == null || !model.getRequired().contains(component.getName()))) {
			model.addRequiredItem(component.getName());
		}
	}

	private static boolean optional(RecordComponent component) {
		// @Schema does not target record components: Java puts it on the accessor
		io.swagger.v3.oas.annotations.media.Schema annotation = component.getAccessor()
			.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
		return annotation != null
				&& annotation.requiredMode() == io.swagger.v3.oas.annotations.media.Schema.RequiredMode.NOT_REQUIRED;
	}

	/** The property's schema admitting {@code null} too (OpenAPI 3.1: a type list). */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static Schema<?> nullable(Schema property) {
		if (property.get$ref() != null) {
			return new Schema<>().oneOf(List.of(property, new Schema<>().types(Set.of("null"))))
				.description(property.getDescription());
		}
		if (property.getTypes() != null && !property.getTypes().contains("null")) {
			Set<String> types = new LinkedHashSet<>(property.getTypes());
			types.add("null");
			property.setTypes(types);
		}
		if (property.getEnum() != null && !property.getEnum().contains(null)) {
			List<Object> values = new ArrayList<>(property.getEnum());
			values.add(null);
			property.setEnum(values);
		}
		return property;
	}

	private static @Nullable Class<?> rawClass(AnnotatedType type) {
		if (type.getType() instanceof Class<?> plain) {
			return plain;
		}
		if (type.getType() instanceof JavaType java) {
			return java.getRawClass();
		}
		return Json31.mapper().constructType(type.getType()).getRawClass();
	}

}
