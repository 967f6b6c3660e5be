package dev.ticketspace.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/** Copies of a configuration file with another database, for commands, which read a file. */
public final class ConfigFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ConfigFiles() {
    }

    /** {@code source} written to {@code target} with these database settings (the rest as it is, placeholders too). */
    public static Path withDatabase(String source, Path target, String driverClass, String url, String user,
                                    String password) throws IOException {
        ObjectNode config = (ObjectNode) YAML.readTree(Path.of(source).toFile());
        ObjectNode database = (ObjectNode) config.get("database");
        database.put("driverClass", driverClass);
        database.put("url", url);
        database.put("user", user);
        database.put("password", password);
        YAML.writeValue(target.toFile(), config);
        return target;
    }
}
