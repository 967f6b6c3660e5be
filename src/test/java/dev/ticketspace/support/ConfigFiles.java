package dev.ticketspace.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copies of a configuration file with some settings changed, for commands, which read a file. */
public final class ConfigFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigFiles() {
    }

    /** {@code source} written to {@code target} with these database settings (the rest as it is, placeholders too). */
    public static Path withDatabase(String source, Path target, String driverClass, String url, String user,
                                    String password) throws IOException {
        return with(source, target, database(driverClass, url, user, password));
    }

    /** The settings of {@link #withDatabase}, to add others to. */
    public static Map<String, String> database(String driverClass, String url, String user, String password) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("database.driverClass", driverClass);
        settings.put("database.url", url);
        settings.put("database.user", user);
        settings.put("database.password", password);
        return settings;
    }

    /**
     * {@code source} written to {@code target} with these settings, each named by its path, a number for an
     * element of a list: {@code rules.directory}, {@code server.applicationConnectors.0.port}.
     */
    public static Path with(String source, Path target, Map<String, String> settings) throws IOException {
        JsonNode config = YAML.readTree(Path.of(source).toFile());
        settings.forEach((path, value) -> {
            String[] keys = path.split("\\.");
            JsonNode node = config;
            for (int i = 0; i < keys.length - 1; i++) {
                node = node.isArray() ? node.get(Integer.parseInt(keys[i])) : node.get(keys[i]);
            }
            String last = keys[keys.length - 1];
            if (node instanceof ArrayNode list) {
                list.set(Integer.parseInt(last), value);
            } else {
                ((ObjectNode) node).put(last, value);
            }
        });
        YAML.writeValue(target.toFile(), config);
        return target;
    }
}
