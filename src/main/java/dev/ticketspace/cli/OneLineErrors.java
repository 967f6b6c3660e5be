package dev.ticketspace.cli;

import dev.ticketspace.TicketspaceConfiguration;
import io.dropwizard.configuration.ConfigurationException;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import java.io.FileNotFoundException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Any command, whose failure is one line on stderr instead of Dropwizard's stack trace: what went wrong
 * and, where there is one, what to do about it (the application then exits 1). Arguments argparse refuses
 * never get here: it prints its own message and the command's usage.
 */
public final class OneLineErrors extends Command {
    /** H2's "Database may be already in use": another process holds the file. */
    private static final String H2_FILE_LOCKED = "90020";

    private final Command command;

    private OneLineErrors(Command command) {
        super(command.getName(), command.getDescription());
        this.command = command;
    }

    public static Command of(Command command) {
        return command instanceof OneLineErrors ? command : new OneLineErrors(command);
    }

    @Override
    public void configure(Subparser subparser) {
        command.configure(subparser);
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        command.run(bootstrap, namespace);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println(describe(namespace, e));
    }

    private String describe(Namespace namespace, Throwable e) {
        if (e instanceof CommandFailed) {
            return e.getMessage();
        }
        if (command instanceof ConfiguredCommand<?> configured && configured.getConfiguration() == null) {
            return configurationProblem(command instanceof TicketspaceCommand own ? own.configurationFile(namespace)
                    : namespace.getString("file"), e);
        }
        String database = command instanceof ConfiguredCommand<?> configured
                && configured.getConfiguration() instanceof TicketspaceConfiguration configuration
                ? "the database " + withoutOptions(configuration.getDatabase().getUrl()) : "the database";
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && H2_FILE_LOCKED.equals(sql.getSQLState())) {
                return database + " is in use by another process (a running server?): stop that first, "
                        + "or run on MySQL (README, On MySQL)";
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28"))) {
                return "cannot connect to " + database + ": " + oneLine(deepestMessage(sql));
            }
            if (cause instanceof FileSystemException file) {
                return file.getFile() + ": " + (file instanceof NoSuchFileException ? "no such file"
                        : file.getReason() != null ? file.getReason() : file.getClass().getSimpleName());
            }
        }
        return messages(e);
    }

    private static String configurationProblem(String file, Throwable e) {
        String name = file == null ? "the default configuration (no file given)" : file;
        if (e instanceof ConfigurationException invalid) {
            return name + ": " + oneLine(String.join("; ", invalid.getErrors()));
        }
        if (e instanceof FileNotFoundException || e instanceof FileSystemException) {
            Path path = Path.of(name);
            String reason = Files.notExists(path) ? "no such file"
                    : Files.isDirectory(path) ? "a directory, not a file"
                    : !Files.isReadable(path) ? "not readable" : oneLine(e.getMessage());
            return "cannot read the configuration file " + name + ": " + reason;
        }
        return name + ": " + messages(e);
    }

    /** A JDBC URL without its options, where a password could be given (H2 {@code ;PASSWORD=}, MySQL {@code ?password=}). */
    private static String withoutOptions(String url) {
        return url.replaceFirst("[;?].*$", "").replaceFirst("//[^/@]*@", "//");
    }

    /** Each distinct message of the exception and its causes, outermost first. */
    private static String messages(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            boolean wrapsOnly = cause.getCause() != null && cause.getCause().toString().equals(message);
            if (message != null && !message.isBlank() && !wrapsOnly
                    && parts.stream().noneMatch(part -> part.contains(oneLine(message)))) {
                parts.add(oneLine(message));
            }
        }
        return parts.isEmpty() ? e.getClass().getName() : String.join(": ", parts);
    }

    private static String deepestMessage(Throwable e) {
        String message = e.getMessage();
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                message = cause.getMessage();
            }
        }
        return message;
    }

    /** Lines joined by "; ", or by a space after a line that ends with a colon (a heading, "Did you mean?:"). */
    private static String oneLine(String text) {
        StringBuilder line = new StringBuilder();
        for (String part : text.strip().split("\\s*\\R\\s*")) {
            if (!line.isEmpty()) {
                line.append(line.charAt(line.length() - 1) == ':' ? " " : "; ");
            }
            line.append(part.replaceAll("\\s+", " "));
        }
        return line.toString();
    }
}
