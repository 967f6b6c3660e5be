package dev.ticketspace;

import com.github.benmanes.caffeine.cache.CaffeineSpec;
import dev.ticketspace.api.BodySizeLimit;
import dev.ticketspace.api.JsonErrorHandlers;
import dev.ticketspace.api.JsonExceptionMapper;
import dev.ticketspace.api.JsonSettings;
import dev.ticketspace.api.NoCredentialsInUrl;
import dev.ticketspace.api.OverloadHandler;
import dev.ticketspace.api.PrometheusEndpoint;
import dev.ticketspace.api.RefusedBodies;
import dev.ticketspace.api.UnexpectedExceptionMapper;
import dev.ticketspace.api.Utf8Body;
import dev.ticketspace.api.ValidationExceptionMapper;
import dev.ticketspace.api.WebApplicationExceptionMapper;
import dev.ticketspace.api.openapi.OpenApiResource;
import dev.ticketspace.auth.ApiKeyAuthenticator;
import dev.ticketspace.auth.BackOfficeCaller;
import dev.ticketspace.auth.CustomerAuthFilter;
import dev.ticketspace.auth.CustomerCaller;
import dev.ticketspace.auth.CustomerTokens;
import dev.ticketspace.auth.Editor;
import dev.ticketspace.auth.EditorAuthenticator;
import dev.ticketspace.auth.EditorCaller;
import dev.ticketspace.auth.JsonUnauthorizedHandler;
import dev.ticketspace.auth.StreamTickets;
import dev.ticketspace.cli.GenerateCommand;
import dev.ticketspace.cli.OneLineErrors;
import dev.ticketspace.cli.RulesCommand;
import dev.ticketspace.cli.TokenCommand;
import dev.ticketspace.cli.WebhookCommand;
import dev.ticketspace.demo.DemoConfig;
import dev.ticketspace.demo.DemoResource;
import dev.ticketspace.demo.DemoShop;
import dev.ticketspace.events.EventApplier;
import dev.ticketspace.events.EventsConfig;
import dev.ticketspace.events.EventsResource;
import dev.ticketspace.events.Redecider;
import dev.ticketspace.integrations.IntegrationApplier;
import dev.ticketspace.integrations.IntegrationsResource;
import dev.ticketspace.logging.RequestLogStatus;
import dev.ticketspace.messenger.CustomerStateResource;
import dev.ticketspace.messenger.LiveConfig;
import dev.ticketspace.messenger.LiveStreams;
import dev.ticketspace.messenger.MessengerResource;
import dev.ticketspace.messenger.MessengerService;
import dev.ticketspace.messenger.TimeTriggers;
import dev.ticketspace.nats.NatsFanOut;
import dev.ticketspace.rules.ReloadRulesTask;
import dev.ticketspace.rules.RuleBase;
import dev.ticketspace.rules.RulesCompiler;
import dev.ticketspace.rules.RulesHealthCheck;
import dev.ticketspace.rules.RulesWatcher;
import dev.ticketspace.rulesets.ConsoleChallenge;
import dev.ticketspace.rulesets.ConsoleResource;
import dev.ticketspace.rulesets.ImpactPreview;
import dev.ticketspace.rulesets.PublishedRules;
import dev.ticketspace.rulesets.RuleSetBuilder;
import dev.ticketspace.rulesets.RuleSetChecker;
import dev.ticketspace.rulesets.RuleSets;
import dev.ticketspace.rulesets.RulesAuditFilter;
import dev.ticketspace.rulesets.RulesResource;
import dev.ticketspace.rulesets.RulesVersionHeader;
import dev.ticketspace.settings.SettingsResource;
import dev.ticketspace.settings.SettingsService;
import dev.ticketspace.store.AppliedEventPruner;
import dev.ticketspace.store.ChangeFeed;
import dev.ticketspace.store.ChangeLogReads;
import dev.ticketspace.store.CommittedChanges;
import dev.ticketspace.store.DatabaseConfig;
import dev.ticketspace.store.StateVersions;
import dev.ticketspace.store.Store;
import dev.ticketspace.store.TicketDao;
import dev.ticketspace.submissions.OfferedTicketTypesResource;
import dev.ticketspace.submissions.SubmissionWebhooks;
import dev.ticketspace.submissions.Submissions;
import dev.ticketspace.submissions.TicketTypes;
import dev.ticketspace.submissions.TicketTypesResource;
import dev.ticketspace.web.MessengerCors;
import dev.ticketspace.web.OriginCheck;
import dev.ticketspace.webhooks.DeliveryWorker;
import dev.ticketspace.webhooks.ReadMarkWebhooks;
import dev.ticketspace.webhooks.TargetPolicy;
import dev.ticketspace.webhooks.WebhookEndpoints;
import dev.ticketspace.webhooks.WebhookOutbox;
import dev.ticketspace.webhooks.WebhooksConfig;
import dev.ticketspace.webhooks.WebhooksResource;
import dev.ticketspace.widget.WidgetResource;
import dev.ticketspace.workspaces.Workspace;
import dev.ticketspace.workspaces.Workspaces;
import io.dropwizard.auth.AuthFilter;
import io.dropwizard.auth.CachingAuthenticator;
import io.dropwizard.auth.PolymorphicAuthDynamicFeature;
import io.dropwizard.auth.PolymorphicAuthValueFactoryProvider;
import io.dropwizard.auth.basic.BasicCredentialAuthFilter;
import io.dropwizard.auth.basic.BasicCredentials;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.migrations.MigrationsBundle;
import io.dropwizard.util.JarLocation;
import java.io.OutputStream;
import jakarta.ws.rs.core.MediaType;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.ContainerLifeCycle;
import org.eclipse.jetty.util.component.LifeCycle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ticketspace: events in, stored, decided by Drools rules, served to messenger clients. */
public class TicketspaceApplication extends Application<TicketspaceConfiguration> {
    private static final Logger LOG = LoggerFactory.getLogger(TicketspaceApplication.class);

    public static void main(String[] args) throws Exception {
        new TicketspaceApplication().run(args);
    }

    /** Dropwizard's, with each command's failure as one line on stderr (then {@link #onFatalError} exits 1). */
    @Override
    public void run(String... arguments) throws Exception {
        cli(System.out, System.err).run(arguments).ifPresent(this::onFatalError);
    }

    /** The command line {@link #run(String...)} runs, writing to these streams. */
    public Cli cli(OutputStream out, OutputStream err) {
        Bootstrap<TicketspaceConfiguration> bootstrap = new Bootstrap<>(this) {
            @Override
            public void addCommand(Command command) {
                super.addCommand(OneLineErrors.of(command));
            }

            @Override
            public void addCommand(ConfiguredCommand<TicketspaceConfiguration> command) {
                addCommand((Command) command);
            }
        };
        addDefaultCommands(bootstrap);
        initialize(bootstrap);
        bootstrap.registerMetrics();
        return new Cli(new JarLocation(getClass()), bootstrap, out, err);
    }

    @Override
    public String getName() {
        return "ticketspace";
    }

    @Override
    public void initialize(Bootstrap<TicketspaceConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addBundle(new MigrationsBundle<>() {
            @Override
            public DatabaseConfig getDataSourceFactory(TicketspaceConfiguration configuration) {
                return configuration.getDatabase();
            }
        });
        bootstrap.addCommand(new TokenCommand());
        bootstrap.addCommand(new RulesCommand());
        bootstrap.addCommand(new GenerateCommand());
        bootstrap.addCommand(new WebhookCommand());
    }

    @Override
    public void run(TicketspaceConfiguration configuration, Environment environment) throws Exception {
        // Strict for API bodies; applied only now, after config.yml was read with Dropwizard's usual
        // leniency (overrides such as -Ddw.rules.watch=true are strings).
        JsonSettings.apply(environment.getObjectMapper());
        if (configuration.getServerFactory() instanceof AbstractServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
            // Compressing an event stream would hold events back in the compressor's buffer. Jetty's
            // defaults exclude it; a list given in config.yml replaces those defaults, so add it there.
            Set<String> excluded = server.getGzipFilterFactory().getExcludedMimeTypes();
            if (excluded != null) {
                Set<String> withStreams = new HashSet<>(excluded);
                withStreams.add(MediaType.SERVER_SENT_EVENTS);
                server.getGzipFilterFactory().setExcludedMimeTypes(withStreams);
            }
        }
        if (configuration.getDatabase().isMigrateOnStart()) {
            Store.migrate(configuration.getDatabase().build(environment.metrics(), "migrations"));
        }
        Clock clock = Clock.systemUTC();
        ManagedDataSource dataSource = configuration.getDatabase().build(environment.metrics(), "database");
        Jdbi jdbi = Store.configure(new JdbiFactory().build(environment, configuration.getDatabase(), dataSource,
                "database"));

        Path rulesDirectory = Path.of(configuration.getRules().directory());
        RuleBase ruleBase = new RuleBase(new RulesCompiler(rulesDirectory), environment.metrics());
        RuleSetChecker checker = new RuleSetChecker(configuration.getRules().check(), environment.getObjectMapper(),
                configuration.getRules().recentTickets().limit());
        environment.lifecycle().manage(checker);
        RuleSets ruleSets = new RuleSets(jdbi, checker, environment.getObjectMapper(), clock);
        // Starts (and stops) the rule base, on the published rule set; its builds are timed as the directory's are.
        PublishedRules publishedRules = new PublishedRules(ruleSets, ruleBase,
                ruleSetBuilder().timedBy(environment.metrics().timer(RuleBase.BUILD_TIMER)), rulesDirectory,
                environment.metrics());
        environment.lifecycle().manage(publishedRules);
        if (configuration.getRules().watch()) {
            environment.lifecycle().manage(new RulesWatcher(publishedRules::reloadDirectory, rulesDirectory));
        }
        environment.healthChecks().register("rules", new RulesHealthCheck(ruleBase, publishedRules::describe));
        environment.admin().addTask(new ReloadRulesTask(publishedRules::reloadDirectory));
        PrometheusEndpoint.register(environment);

        Workspaces workspaces = new Workspaces(configuration.getWorkspaces());
        LiveConfig live = configuration.getLive();
        List<String> workspaceIds = workspaces.all().stream().map(Workspace::id).toList();
        CommittedChanges changes = switch (live.transport()) {
            case DATABASE -> new ChangeFeed(jdbi, live.pollInterval().toJavaDuration(),
                    live.retention().toJavaDuration(), clock, ChangeLogReads.in(environment.metrics()));
            case NATS -> NatsFanOut.install(environment, jdbi, live.nats(), live.pollInterval().toJavaDuration(),
                    live.retention().toJavaDuration(), workspaceIds, clock);
        };
        SettingsService settings = new SettingsService(jdbi, ruleBase, configuration.getRules().recentTickets().limit(),
                clock, changes::publish);
        EventApplier applier = new EventApplier(jdbi, ruleBase, settings, clock, environment.getObjectMapper(),
                environment.metrics(), changes::publish);
        StateVersions versions = new StateVersions(dataSource);
        environment.lifecycle().manage(versions);
        MessengerService messenger = new MessengerService(jdbi, versions, ruleBase, settings,
                applier, live.viewCacheTtl().toJavaDuration(), clock);
        LiveStreams liveStreams = new LiveStreams(messenger, live, environment.metrics(), changes,
                environment.getObjectMapper());
        // The cache first: live streams then compute fresh states.
        changes.subscribe(messenger::changed);
        changes.subscribe(liveStreams::changed);
        changes.subscribe(publishedRules::changed);
        ruleBase.onReload(() -> settings.rulesReplaced(workspaceIds));
        Redecider redecider = new Redecider(jdbi, ruleBase, settings, clock, environment.getObjectMapper(),
                environment.metrics(), changes::publish,
                customer -> applier.refresh(customer.workspaceId(), customer.customerId()));
        ruleBase.onReload(redecider::rulesReplaced);
        environment.lifecycle().manage(redecider);
        environment.lifecycle().manage(liveStreams);
        environment.lifecycle().manage(changes);
        environment.lifecycle().manage(new TimeTriggers(jdbi, live.pollInterval().toJavaDuration(), clock,
                changes::publish));
        EventsConfig events = configuration.getEvents();
        environment.lifecycle().manage(new AppliedEventPruner(jdbi, events.idempotencyWindow().toJavaDuration(),
                events.pruneInterval().toJavaDuration(), events.pruneBatch(), clock, environment.metrics()));
        CustomerTokens tokens = new CustomerTokens(workspaces,
                configuration.getTokens().maxLifetime().toJavaDuration(), clock);

        WebhooksConfig webhooks = configuration.getWebhooks();
        TargetPolicy targets = new TargetPolicy(webhooks.allowedTargets());
        WebhookOutbox outbox = new WebhookOutbox(environment.getObjectMapper(),
                webhooks.retry().window().toJavaDuration(), clock);
        applier.addListener(new ReadMarkWebhooks(outbox));
        applier.addListener(new SubmissionWebhooks(outbox, environment.getObjectMapper()));
        environment.lifecycle().manage(new DeliveryWorker(jdbi, webhooks, targets, clock));
        environment.lifecycle().addServerLifecycleListener(server -> {
            for (Connector connector : server.getConnectors()) {
                if (connector instanceof ServerConnector listening) {
                    targets.ownPort(listening.getLocalPort());
                }
            }
        });

        StreamTickets streamTickets = new StreamTickets(jdbi, clock);
        registerAuth(environment, workspaces, tokens, streamTickets, configuration.getRules().editors());
        environment.jersey().register(new NoCredentialsInUrl());
        environment.lifecycle().addServerLifecycleListener(TicketspaceApplication::caseSensitiveHeaderCache);
        // Open streams would hold up Jetty's graceful stop for its whole grace period.
        environment.lifecycle().addServerLifecycleListener(server -> server.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                liveStreams.closeAll();
            }
        }));
        environment.getApplicationContext().insertHandler(new OverloadHandler(configuration.getOverload(),
                MessengerResource.STREAM_PATH, environment.metrics()));
        // Outside the overload cap: preflights are answered without waiting for a turn.
        environment.getApplicationContext().insertHandler(new MessengerCors(workspaces.all()));
        environment.jersey().register(new OriginCheck(workspaces));
        environment.jersey().register(new BodySizeLimit(BodySizeLimit.ONE_MIB));
        environment.jersey().register(new Utf8Body());
        environment.jersey().register(new RefusedBodies());
        // Errors Jetty answers itself (a malformed path or header, a URI too long) get the API's JSON body too.
        environment.getApplicationContext().setErrorHandler(JsonErrorHandlers.servlets());
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                    server.setErrorHandler(JsonErrorHandlers.server());
                }
            }
        });
        environment.lifecycle().addEventListener(new RequestLogStatus());
        environment.jersey().register(new WebApplicationExceptionMapper());
        environment.jersey().register(new JsonExceptionMapper());
        environment.jersey().register(new ValidationExceptionMapper());
        environment.jersey().register(new UnexpectedExceptionMapper());

        environment.jersey().register(new EventsResource(applier));
        environment.jersey().register(new SettingsResource(settings));
        environment.jersey().register(new CustomerStateResource(messenger));
        TicketDao tickets = jdbi.onDemand(TicketDao.class);
        environment.jersey().register(new IntegrationsResource(workspaces.all(),
                new IntegrationApplier(applier, environment.getValidator()),
                (workspaceId, ticketId) -> tickets.find(workspaceId, ticketId).isPresent(), clock));
        TicketTypes ticketTypes = new TicketTypes(jdbi, environment.getObjectMapper(), clock);
        environment.jersey().register(new MessengerResource(messenger, liveStreams, streamTickets, clock, new Submissions(jdbi,
                ticketTypes, applier, configuration.getSubmissions(), environment.getObjectMapper(), clock)));
        environment.jersey().register(new TicketTypesResource(ticketTypes));
        environment.jersey().register(new OfferedTicketTypesResource(ticketTypes));
        environment.jersey().register(new WebhooksResource(new WebhookEndpoints(jdbi, targets,
                webhooks.retry().window().toJavaDuration(), clock)));
        environment.jersey().register(new WidgetResource());
        environment.jersey().register(new OpenApiResource());
        RulesAuditFilter audit = new RulesAuditFilter(jdbi, clock);
        environment.jersey().register(audit);
        ImpactPreview previews = new ImpactPreview(jdbi, ruleSets, ruleBase, messenger, settings,
                environment.getObjectMapper(), clock, ruleSetBuilder());
        environment.lifecycle().manage(previews);
        environment.jersey().register(new RulesResource(ruleSets, publishedRules, audit, previews));
        environment.jersey().register(new ConsoleResource());
        environment.jersey().register(new ConsoleChallenge());
        environment.jersey().register(new RulesVersionHeader(publishedRules));
        DemoConfig demo = configuration.getDemo();
        if (demo.enabled()) {
            if (workspaces.byId(demo.workspace()).isEmpty()) {
                throw new IllegalStateException("demo.workspace " + demo.workspace() + " is not a configured workspace");
            }
            environment.jersey().register(new DemoResource(new DemoShop(demo.workspace(), applier, ticketTypes, tokens,
                    configuration.getTokens().maxLifetime().toJavaDuration(), clock)));
        }
    }

    /**
     * Jetty caches header lines per connection and by default matches them ignoring case, so on a reused
     * connection "Bearer KEY" could be taken for "Bearer key". Credentials are case-sensitive.
     */
    private static void caseSensitiveHeaderCache(Server server) {
        for (Connector connector : server.getConnectors()) {
            for (ConnectionFactory factory : connector.getConnectionFactories()) {
                List<HttpConnectionFactory> http = new ArrayList<>();
                if (factory instanceof HttpConnectionFactory direct) {
                    http.add(direct);
                } else if (factory instanceof ContainerLifeCycle wrapper) {
                    http.addAll(wrapper.getBeans(HttpConnectionFactory.class));
                }
                http.forEach(f -> f.getHttpConfiguration().setHeaderCacheCaseSensitive(true));
            }
        }
    }

    /** How this replica builds a published rule set; tests simulate a replica whose builds fail. */
    protected RuleSetBuilder ruleSetBuilder() {
        return RuleSetBuilder.COMPILER;
    }

    private static void registerAuth(Environment environment, Workspaces workspaces, CustomerTokens tokens,
                                     StreamTickets streamTickets, List<Editor> editors) {
        AuthFilter<String, BackOfficeCaller> apiKeys = new OAuthCredentialAuthFilter.Builder<BackOfficeCaller>()
                .setAuthenticator(new ApiKeyAuthenticator(workspaces))
                .setPrefix("Bearer")
                .setRealm("ticketspace back office")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler("unauthorized",
                        "a valid workspace API key is required: Authorization: Bearer <apiKey>"))
                .buildAuthFilter();
        AuthFilter<String, CustomerCaller> customerTokens = new OAuthCredentialAuthFilter.Builder<CustomerCaller>()
                .setAuthenticator(tokens)
                .setPrefix("Bearer")
                .setRealm("ticketspace messenger")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler("invalid_token",
                        "a valid customer token is required: Authorization: Bearer <token>"))
                .buildAuthFilter();
        EditorAuthenticator editorPasswords = new EditorAuthenticator(editors);
        editorPasswords.withDemoPassword().forEach(name -> LOG.warn("rule editor {} has the demo password: give it "
                + "a hash of its own in rules.editors anywhere but a laptop", name));
        AuthFilter<BasicCredentials, EditorCaller> editorLogins = new BasicCredentialAuthFilter.Builder<EditorCaller>()
                // bcrypt is slow on purpose: a good login is remembered for a while
                .setAuthenticator(new CachingAuthenticator<>(environment.metrics(), editorPasswords,
                        CaffeineSpec.parse("maximumSize=1000, expireAfterWrite=10m")))
                .setRealm("ticketspace rules")
                .setUnauthorizedHandler(new JsonUnauthorizedHandler("unauthorized",
                        "a rule editor's name and password are required: HTTP Basic"))
                .buildAuthFilter();
        environment.jersey().register(new PolymorphicAuthDynamicFeature<>(Map.of(
                BackOfficeCaller.class, apiKeys,
                CustomerCaller.class, CustomerAuthFilter.of(customerTokens, streamTickets,
                        MessengerResource.STREAM_PATH),
                EditorCaller.class, editorLogins)));
        environment.jersey().register(new PolymorphicAuthValueFactoryProvider.Binder<>(
                Set.of(BackOfficeCaller.class, CustomerCaller.class, EditorCaller.class)));
    }

}
