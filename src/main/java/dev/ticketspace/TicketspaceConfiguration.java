package dev.ticketspace;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ticketspace.api.OverloadConfig;
import dev.ticketspace.auth.TokensConfig;
import dev.ticketspace.demo.DemoConfig;
import dev.ticketspace.events.EventsConfig;
import dev.ticketspace.messenger.LiveConfig;
import dev.ticketspace.rules.RulesConfig;
import dev.ticketspace.store.DatabaseConfig;
import dev.ticketspace.submissions.SubmissionsConfig;
import dev.ticketspace.webhooks.WebhooksConfig;
import dev.ticketspace.workspaces.Workspace;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;

public class TicketspaceConfiguration extends Configuration {
    @Valid
    @NotNull
    private DatabaseConfig database = new DatabaseConfig();

    @Valid
    @NotNull
    private RulesConfig rules = new RulesConfig();

    @Valid
    @NotEmpty
    private List<Workspace> workspaces = new ArrayList<>();

    @Valid
    @NotNull
    private TokensConfig tokens = new TokensConfig();

    @Valid
    @NotNull
    private LiveConfig live = new LiveConfig();

    @Valid
    @NotNull
    private OverloadConfig overload = new OverloadConfig();

    @Valid
    @NotNull
    private WebhooksConfig webhooks = new WebhooksConfig();

    @Valid
    @NotNull
    private SubmissionsConfig submissions = new SubmissionsConfig();

    @JsonProperty
    public SubmissionsConfig getSubmissions() {
        return submissions;
    }

    @JsonProperty
    public void setSubmissions(SubmissionsConfig submissions) {
        this.submissions = submissions;
    }

    @JsonProperty
    public WebhooksConfig getWebhooks() {
        return webhooks;
    }

    @JsonProperty
    public void setWebhooks(WebhooksConfig webhooks) {
        this.webhooks = webhooks;
    }

    @Valid
    @NotNull
    private EventsConfig events = new EventsConfig();

    @JsonProperty
    public EventsConfig getEvents() {
        return events;
    }

    @JsonProperty
    public void setEvents(EventsConfig events) {
        this.events = events;
    }

    @Valid
    @NotNull
    private DemoConfig demo = new DemoConfig();

    @JsonProperty
    public DemoConfig getDemo() {
        return demo;
    }

    @JsonProperty
    public void setDemo(DemoConfig demo) {
        this.demo = demo;
    }

    @JsonProperty
    public OverloadConfig getOverload() {
        return overload;
    }

    @JsonProperty
    public void setOverload(OverloadConfig overload) {
        this.overload = overload;
    }

    @JsonProperty
    public LiveConfig getLive() {
        return live;
    }

    @JsonProperty
    public void setLive(LiveConfig live) {
        this.live = live;
    }

    @JsonProperty
    public DatabaseConfig getDatabase() {
        return database;
    }

    @JsonProperty
    public void setDatabase(DatabaseConfig database) {
        this.database = database;
    }

    @JsonProperty
    public RulesConfig getRules() {
        return rules;
    }

    @JsonProperty
    public void setRules(RulesConfig rules) {
        this.rules = rules;
    }

    @JsonProperty
    public List<Workspace> getWorkspaces() {
        return workspaces;
    }

    @JsonProperty
    public void setWorkspaces(List<Workspace> workspaces) {
        this.workspaces = workspaces;
    }

    @JsonProperty
    public TokensConfig getTokens() {
        return tokens;
    }

    @JsonProperty
    public void setTokens(TokensConfig tokens) {
        this.tokens = tokens;
    }
}
