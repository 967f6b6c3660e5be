package dev.ticketspace.webhooks;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What writing to the outbox needs, apart from {@link WebhookDao}: it is attached in the transactions of
 * events, where attaching a SQL object costs in proportion to its methods.
 */
@RegisterConstructorMapper(EndpointRow.class)
interface OutboxDao {
    @SqlQuery(WebhookDao.ENDPOINT + "WHERE workspace_id = :ws")
    List<EndpointRow> endpoints(@Bind("ws") String workspaceId);

    @SqlUpdate("INSERT INTO webhook_deliveries (workspace_id, delivery_id, endpoint_id, event_type, payload, status, "
            + "attempts, created_at, next_attempt_at, give_up_at) VALUES (:ws, :id, :endpoint, :type, :payload, "
            + "'pending', 0, :at, :at, :giveUpAt)")
    void insertDelivery(@Bind("ws") String workspaceId, @Bind("id") String deliveryId,
                        @Bind("endpoint") String endpointId, @Bind("type") String eventType,
                        @Bind("payload") String payload, @Bind("at") Instant at, @Bind("giveUpAt") Instant giveUpAt);
}
