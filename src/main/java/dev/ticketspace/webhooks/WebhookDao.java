package dev.ticketspace.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Webhook endpoints and the outbox of their deliveries. */
@RegisterConstructorMapper(EndpointRow.class)
@RegisterConstructorMapper(DeliveryRow.class)
public interface WebhookDao {
    String ENDPOINT = "SELECT endpoint_id AS id, url, events, secret, created_at, updated_at FROM webhook_endpoints ";
    String DELIVERY = "SELECT workspace_id, delivery_id AS id, endpoint_id, event_type, payload, status, attempts, "
            + "created_at, next_attempt_at, give_up_at, last_attempt_at, last_response_code, last_error "
            + "FROM webhook_deliveries ";

    @SqlQuery(ENDPOINT + "WHERE workspace_id = :ws AND endpoint_id = :id")
    Optional<EndpointRow> endpoint(@Bind("ws") String workspaceId, @Bind("id") String endpointId);

    /** For update: a change of the endpoint and the count of the workspace's endpoints are then consistent. */
    @SqlQuery(ENDPOINT + "WHERE workspace_id = :ws ORDER BY endpoint_id FOR UPDATE")
    List<EndpointRow> endpointsForUpdate(@Bind("ws") String workspaceId);

    @SqlUpdate("INSERT INTO webhook_endpoints (workspace_id, endpoint_id, url, events, secret, created_at, updated_at) "
            + "VALUES (:ws, :e.id, :e.url, :e.events, :e.secret, :e.createdAt, :e.updatedAt)")
    void insertEndpoint(@Bind("ws") String workspaceId, @BindMethods("e") EndpointRow endpoint);

    @SqlUpdate("UPDATE webhook_endpoints SET url = :e.url, events = :e.events, secret = :e.secret, "
            + "updated_at = :e.updatedAt WHERE workspace_id = :ws AND endpoint_id = :e.id")
    void updateEndpoint(@Bind("ws") String workspaceId, @BindMethods("e") EndpointRow endpoint);

    @SqlUpdate("DELETE FROM webhook_endpoints WHERE workspace_id = :ws AND endpoint_id = :id")
    int deleteEndpoint(@Bind("ws") String workspaceId, @Bind("id") String endpointId);

    @SqlUpdate("DELETE FROM webhook_deliveries WHERE workspace_id = :ws AND endpoint_id = :id")
    void deleteDeliveries(@Bind("ws") String workspaceId, @Bind("id") String endpointId);

    @SqlQuery(DELIVERY + "WHERE workspace_id = :ws AND endpoint_id = :endpoint ORDER BY created_at DESC, delivery_id DESC "
            + "LIMIT :limit")
    List<DeliveryRow> deliveries(@Bind("ws") String workspaceId, @Bind("endpoint") String endpointId,
                                 @Bind("limit") int limit);

    @SqlQuery(DELIVERY + "WHERE workspace_id = :ws AND delivery_id = :id")
    Optional<DeliveryRow> delivery(@Bind("ws") String workspaceId, @Bind("id") String deliveryId);

    /** Schedules a finished delivery once more, at once, with a new retry window. */
    @SqlUpdate("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = :now, give_up_at = :giveUpAt "
            + "WHERE workspace_id = :ws AND delivery_id = :id AND status <> 'pending'")
    int requeue(@Bind("ws") String workspaceId, @Bind("id") String deliveryId, @Bind("now") Instant now,
                @Bind("giveUpAt") Instant giveUpAt);

    /**
     * Takes a due delivery for one attempt by moving it past the attempt's longest end: should this replica
     * stop meanwhile, another takes it up then. 0 rows: another worker took it first.
     */
    @SqlUpdate("UPDATE webhook_deliveries SET next_attempt_at = :leaseEnd "
            + "WHERE workspace_id = :ws AND delivery_id = :id AND status = 'pending' AND next_attempt_at <= :now")
    int claim(@Bind("ws") String workspaceId, @Bind("id") String deliveryId, @Bind("now") Instant now,
              @Bind("leaseEnd") Instant leaseEnd);

    /** Records an attempt's outcome: the new status, and when to try again if still pending. */
    @SqlUpdate("UPDATE webhook_deliveries SET status = :status, attempts = attempts + 1, last_attempt_at = :at, "
            + "last_response_code = :code, last_error = :error, next_attempt_at = :next "
            + "WHERE workspace_id = :ws AND delivery_id = :id AND status = 'pending'")
    void attempted(@Bind("ws") String workspaceId, @Bind("id") String deliveryId, @Bind("status") String status,
                   @Bind("at") Instant at, @Bind("code") Integer responseCode, @Bind("error") String error,
                   @Bind("next") Instant nextAttemptAt);
}
