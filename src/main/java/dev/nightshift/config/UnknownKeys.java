package dev.nightshift.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tools.jackson.databind.PropertyNamingStrategies;

/**
 * Which key of a settings file does its record not know? Asked before Jackson reads the values:
 * a record checks its values as it is built, so a mistyped key ({@code comand}) would otherwise be
 * reported as the missing key it was meant to be ({@code command}), or hidden behind a bad value
 * elsewhere. The YAML is walked in document order against the record components, under the names
 * Jackson reads (kebab-case, or the component's {@code @JsonProperty}).
 */
final class UnknownKeys {

    /**
     * An unknown key.
     *
     * @param path  the key and the keys above it ({@code agent}, {@code comand}; a list item as {@code [0]})
     * @param line  its 1-based line in the text
     * @param known the keys the record knows there, sorted
     */
    record Unknown(List<String> path, int line, List<String> known) {
    }

    private static final PropertyNamingStrategies.NamingBase NAMES =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.KEBAB_CASE;

    /** Read once per record type: a queue of thousands of specs asks the same question of each. */
    private static final ClassValue<Map<String, Type>> KEYS = new ClassValue<>() {
        @Override
        protected Map<String, Type> computeValue(Class<?> type) {
            return readByKeys(type) ? java.util.Collections.unmodifiableMap(keys(type)) : null;
        }
    };
    private static final LoadSettings YAML = LoadSettings.builder().build();

    private UnknownKeys() {
    }

    /** The first unknown key in the text, or empty when every key is known or the text is not YAML (Jackson says why). */
    static Optional<Unknown> first(String text, Class<?> type) {
        Optional<Node> root;
        try {
            root = new Compose(YAML).composeString(text);
        } catch (RuntimeException notYaml) {
            return Optional.empty();
        }
        return root.flatMap(node -> walk(node, type, new ArrayList<>()));
    }

    private static Optional<Unknown> walk(Node node, Type type, List<String> path) {
        Class<?> raw = raw(type);
        if (List.class.isAssignableFrom(raw)) {
            Type element = type instanceof ParameterizedType list ? list.getActualTypeArguments()[0] : Object.class;
            // A single mapping where a list belongs is read as a list of one (ACCEPT_SINGLE_VALUE_AS_ARRAY).
            List<Node> items = node instanceof SequenceNode seq ? seq.getValue()
                    : node instanceof MappingNode ? List.of(node) : List.of();
            for (int i = 0; i < items.size(); i++) {
                path.add("[" + i + "]");
                Optional<Unknown> found = walk(items.get(i), element, path);
                if (found.isPresent()) {
                    return found;
                }
                path.remove(path.size() - 1);
            }
            return Optional.empty();
        }
        Map<String, Type> known = KEYS.get(raw);
        if (!(node instanceof MappingNode map) || known == null) {
            // Not a mapping of keys, or read from a single value: a wrong type is Jackson's to name.
            return Optional.empty();
        }
        for (NodeTuple tuple : map.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                continue;
            }
            path.add(key.getValue());
            Type valueType = known.get(key.getValue());
            if (valueType == null) {
                return Optional.of(new Unknown(List.copyOf(path), line(key), known.keySet().stream().sorted().toList()));
            }
            Optional<Unknown> found = walk(tuple.getValueNode(), valueType, path);
            if (found.isPresent()) {
                return found;
            }
            path.remove(path.size() - 1);
        }
        return Optional.empty();
    }

    /** A record built from its keys; not one that Jackson builds from a single value (CronSchedule). */
    private static boolean readByKeys(Class<?> type) {
        if (!type.isRecord()) {
            return false;
        }
        boolean fromValue = Arrays.stream(type.getRecordComponents())
                .anyMatch(c -> c.getAccessor().isAnnotationPresent(JsonValue.class)
                        || field(type, c.getName()).isAnnotationPresent(JsonValue.class));
        boolean delegating = Arrays.stream(type.getDeclaredMethods())
                .anyMatch(m -> Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(JsonCreator.class));
        return !fromValue && !delegating;
    }

    /** The record's keys as Jackson names them, with the type each holds. */
    private static Map<String, Type> keys(Class<?> type) {
        Map<String, Type> keys = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            keys.put(nameOf(type, component), component.getGenericType());
        }
        return keys;
    }

    private static String nameOf(Class<?> type, RecordComponent component) {
        for (AnnotatedElement where : List.of(component.getAccessor(), field(type, component.getName()))) {
            JsonProperty property = where.getAnnotation(JsonProperty.class);
            if (property != null && !property.value().isEmpty()) {
                return property.value();
            }
        }
        return NAMES.nameForConstructorParameter(null, null, component.getName());
    }

    private static Field field(Class<?> type, String name) {
        try {
            return type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record without the field of its component " + name, e);
        }
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        return type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : Object.class;
    }

    private static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
}
