package dev.nightshift.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads nightshift.yml, project.yml and spec front matter into records, strictly: an unknown key,
 * a wrong type or a bad value becomes a {@link ConfigException} naming the file, line and key.
 */
public final class SettingsFiles {

    // snakeyaml's settings are made once: without them Jackson builds a fresh set, its schema's
    // patterns included, for every text it reads (200 projects' settings and thousands of specs'
    // front matter at each batch).
    private static final YAMLMapper MAPPER = YAMLMapper.builder(
                    YAMLFactory.builder().loadSettings(LoadSettings.builder().build()).build())
            .propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // A key written twice is a mistake whichever copy was meant: name it rather than pick one.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .addModule(new SimpleModule("nightshift").addDeserializer(Duration.class, new DurationReader()))
            .build();

    private SettingsFiles() {
    }

    /** nightshift.yml of a home; a missing file means all defaults. */
    public static NightshiftSettings readGlobal(Home home) {
        Path file = home.settingsFile();
        if (!Files.exists(file)) {
            return NightshiftSettings.defaults();
        }
        NightshiftSettings settings = read(file, NightshiftSettings.class);
        return settings != null ? settings : NightshiftSettings.defaults();
    }

    /**
     * nightshift.yml for the commands that must work even when it is broken ({@code status} names
     * the problem, the database must still open): the defaults when it cannot be read.
     */
    public static NightshiftSettings readGlobalOrDefaults(Home home) {
        try {
            return readGlobal(home);
        } catch (ConfigException broken) {
            return NightshiftSettings.defaults();
        }
    }

    public static ProjectSettings readProject(Path file) {
        if (!Files.exists(file)) {
            throw new ConfigException(file, 0, null, "missing; every project folder needs a project.yml");
        }
        return project(file, read(file, ProjectSettings.class));
    }

    /** project.yml from its text as read before. */
    public static ProjectSettings readProject(Path file, String text) {
        return project(file, parse(file, text, 0, ProjectSettings.class));
    }

    private static ProjectSettings project(Path file, ProjectSettings settings) {
        if (settings == null) {
            throw new ConfigException(file, 1, null, "is empty; it needs at least repo and test");
        }
        return settings;
    }

    /**
     * nightshift.yml from its content as read before, {@code null} when there was no file: for the
     * daemon, which compares the file's bytes with those of the settings it runs with.
     */
    public static NightshiftSettings readGlobal(Home home, byte[] content) {
        if (content == null) {
            return NightshiftSettings.defaults();
        }
        NightshiftSettings settings = parse(home.settingsFile(), decode(home.settingsFile(), content), 0, NightshiftSettings.class);
        return settings != null ? settings : NightshiftSettings.defaults();
    }

    public static <T> T read(Path file, Class<T> type) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file, 0, null, "does not exist");
        } catch (IOException e) {
            throw new ConfigException(file, 0, null, "cannot be read: " + e.getMessage());
        }
        return parse(file, decode(file, bytes), 0, type);
    }

    private static String decode(Path file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, 0, null, "is not UTF-8 text");
        }
    }

    /**
     * Parses YAML text that starts at {@code firstLine} (0 for a whole file; spec front matter
     * starts after its opening {@code ---}), reporting lines as they are in the file.
     */
    public static <T> T parse(Path file, String text, int firstLine, Class<T> type) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return MAPPER.readValue(text, type);
        } catch (JacksonException e) {
            // Unknown keys are named first: the record's own checks would otherwise speak of the key
            // that was meant (agent.command is missing) instead of the one written (agent.comand).
            // Asked only when the text did not read: Jackson refuses unknown keys too, so text that
            // reads has none, and a queue of thousands of specs is not walked twice.
            Optional<UnknownKeys.Unknown> unknown = UnknownKeys.first(text, type);
            if (unknown.isPresent()) {
                UnknownKeys.Unknown u = unknown.get();
                throw new ConfigException(file, u.line() > 0 ? u.line() + firstLine : 0,
                        String.join(".", u.path()).replace(".[", "["), unknownKey(u.known()));
            }
            throw translate(file, text, firstLine, e);
        }
    }

    private static ConfigException translate(Path file, String text, int firstLine, JacksonException e) {
        List<String> path = keyPath(e);
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = unknownKey(unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(Objects::toString).sorted().toList());
        } else if (e instanceof ValueInstantiationException && e.getCause() instanceof InvalidSettingException invalid) {
            path.addAll(keyParts(invalid.key()));
            problem = invalid.getMessage();
        } else if (e instanceof InvalidFormatException format && format.getCause() instanceof IllegalArgumentException bad) {
            problem = bad.getMessage();
        } else if (e instanceof MismatchedInputException mismatch) {
            problem = mismatchProblem(mismatch);
            String missing = missingProperty(e.getOriginalMessage());
            if (missing != null) {
                if (path.isEmpty() || !path.get(path.size() - 1).equals(missing)) {
                    path.add(missing);
                }
                problem = "missing; this key is required";
            }
        } else if (e.getCause() instanceof InvalidSettingException invalid) {
            path.addAll(keyParts(invalid.key()));
            problem = invalid.getMessage();
        } else if (e.getCause() instanceof MarkedYamlEngineException syntax) {
            // Not YAML at all: the key Jackson was reading is no help, the place in the text is.
            Optional<Mark> where = syntax.getContextMark().or(syntax::getProblemMark);
            return new ConfigException(file, where.map(m -> m.getLine() + 1 + firstLine).orElse(0), null,
                    "is not valid YAML: " + syntax.getProblem()
                            + (syntax.getContext() != null ? " (" + syntax.getContext() + " that starts here)" : ""));
        } else if (duplicateProperty(e.getOriginalMessage()) != null) {
            String twice = duplicateProperty(e.getOriginalMessage());
            if (path.isEmpty() || !path.get(path.size() - 1).equals(twice)) {
                path.add(twice);
            }
            problem = "is written twice; keep one";
        } else {
            problem = firstLineOf(e.getOriginalMessage());
        }
        String key = String.join(".", path).replace(".[", "[");
        int line = YamlLines.lineOf(text, path);
        if (line <= 0) {
            TokenStreamLocation location = e.getLocation();
            line = location != null && location.getLineNr() > 0 ? location.getLineNr() : 0;
        }
        return new ConfigException(file, line > 0 ? line + firstLine : 0, key, problem);
    }

    private static String unknownKey(List<String> known) {
        return "unknown key" + (known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")");
    }

    /** {@code agent.env} or {@code paths[2]} as the parts {@link YamlLines} walks: agent, env; paths, [2]. */
    static List<String> keyParts(String key) {
        if (key == null || key.isEmpty()) {
            return List.of();
        }
        return List.of(key.split("\\.|(?=\\[)"));
    }

    private static List<String> keyPath(JacksonException e) {
        List<String> path = new ArrayList<>();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                path.add(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.add("[" + ref.getIndex() + "]");
            }
        }
        return path;
    }

    private static String mismatchProblem(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        String expected = target == null ? "another type"
                : target.isEnum() ? "one of " + enumValues(target)
                : Number.class.isAssignableFrom(target) || target.isPrimitive() ? "a number"
                : target == Boolean.class ? "true or false"
                : target == String.class ? "text"
                : List.class.isAssignableFrom(target) ? "a list"
                : target == Duration.class ? "a duration such as 15m"
                : target.isRecord() ? "a mapping of keys"
                : target.getSimpleName();
        if (e instanceof InvalidFormatException format) {
            return "\"" + format.getValue() + "\" is not " + expected;
        }
        return "expected " + expected;
    }

    private static String enumValues(Class<?> enumType) {
        return java.util.Arrays.stream(enumType.getFields())
                .filter(java.lang.reflect.Field::isEnumConstant)
                .map(f -> {
                    com.fasterxml.jackson.annotation.JsonProperty p =
                            f.getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                    return p != null ? p.value() : f.getName().toLowerCase(java.util.Locale.ROOT);
                })
                .collect(Collectors.joining(" | "));
    }

    private static String missingProperty(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("Missing required creator property '([^']+)'").matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String duplicateProperty(String message) {
        if (message == null) {
            return null;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^Duplicate (?:Object )?(?:property|field) \"([^\"]+)\"")
                .matcher(message);
        return m.find() ? m.group(1) : null;
    }

    private static String firstLineOf(String message) {
        if (message == null) {
            return "cannot be read";
        }
        String first = message.lines().findFirst().orElse(message);
        return first.replaceAll("\\s*\\(for Object starting at.*$", "").trim();
    }

    /** The short durations ("15m") in place of Jackson's ISO-8601 reading. */
    private static final class DurationReader extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) {
            String text = p.getValueAsString();
            if (text == null) {
                throw MismatchedInputException.from(p, Duration.class, "expected a duration such as 15m");
            }
            try {
                return Durations.parse(text);
            } catch (IllegalArgumentException bad) {
                InvalidFormatException e = InvalidFormatException.from(p, bad.getMessage(), text, Duration.class);
                e.initCause(bad);
                throw e;
            }
        }
    }
}
