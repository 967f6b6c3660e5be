package dev.ticketspace.settings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketspace.support.Api;
import dev.ticketspace.support.Backend;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SettingsApiTest {
    @ParameterizedTest
    @EnumSource(Backend.class)
    void newWorkspacesHaveTheTicketsSpaceEnabled(Backend backend) {
        Api api = Api.isolated(backend);

        Api.Reply settings = api.settings();

        assertThat(settings.status()).isEqualTo(200);
        assertThat(settings.json().get("homeApps").toString()).isEqualTo("[\"tickets\"]");
        assertThat(settings.json().get("ticketsSpaceEnabled").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void homeAppsAreAddedInOrderOnceAndRemoved(Backend backend) {
        Api api = Api.isolated(backend);

        api.addHomeApp("news");
        api.addHomeApp("news");
        Api.Reply removed = api.removeHomeApp("tickets");

        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().get("homeApps").toString()).isEqualTo("[\"news\"]");
        assertThat(removed.json().get("ticketsSpaceEnabled").asBoolean()).isFalse();
        Api.Reply added = api.addHomeApp("tickets");
        assertThat(added.json().get("homeApps").toString()).isEqualTo("[\"news\",\"tickets\"]");
        assertThat(api.settings().json().get("ticketsSpaceEnabled").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void anAppIdThatIsNotAnIdIsRefusedAndChangesNothing(Backend backend) {
        Api api = Api.isolated(backend);

        Api.Reply reply = api.addHomeApp("bad%20app");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.code()).isEqualTo("invalid_id");
        assertThat(api.settings().json().get("homeApps").toString()).isEqualTo("[\"tickets\"]");
    }
}
