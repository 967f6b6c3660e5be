package dev.ticketspace.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.DefinedAttributeTemplateEngine;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.KeyColumn;
import org.jdbi.v3.sqlobject.config.UseTemplateEngine;
import org.jdbi.v3.sqlobject.config.ValueColumn;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlBatch;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * What the rules decided at read time about each subject, stored with its rows, the badge items the
 * subjects lit, and the counts kept over them on the customer's row. Lists page by their keys, in SQL.
 */
public interface DecidedDao {
    String TICKET_DECIDED = "ticket_id, counted_shared, list_key, card_key, action, unread, recheck_at";
    String CONVERSATION_DECIDED = "conversation_id, list_key, unread, linked_ticket_id, recheck_at";
    String DECIDED_TICKETS = "SELECT " + TicketDao.COLUMNS + ", " + TICKET_DECIDED + " FROM tickets ";
    String DECIDED_CONVERSATIONS = "SELECT " + ConversationDao.COLUMNS + ", " + CONVERSATION_DECIDED
            + " FROM conversations ";

    @SqlQuery("SELECT " + TICKET_DECIDED + " FROM tickets WHERE workspace_id = :ws AND ticket_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<TicketDecided> ticketsDecided(@Bind("ws") String workspaceId, @BindList("ids") Collection<String> ticketIds);

    @SqlQuery("SELECT " + CONVERSATION_DECIDED + " FROM conversations WHERE workspace_id = :ws "
            + "AND conversation_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<ConversationDecided> conversationsDecided(@Bind("ws") String workspaceId,
                                                   @BindList("ids") Collection<String> conversationIds);

    @SqlBatch("UPDATE tickets SET counted_shared = :d.countedShared, list_key = :d.listKey, card_key = :d.cardKey, "
            + "action = :d.action, unread = :d.unread, recheck_at = :d.recheckAt "
            + "WHERE workspace_id = :ws AND ticket_id = :d.ticketId")
    void updateTickets(@Bind("ws") String workspaceId, @BindMethods("d") List<TicketDecided> decided);

    @SqlBatch("UPDATE conversations SET list_key = :d.listKey, unread = :d.unread, "
            + "linked_ticket_id = :d.linkedTicketId, recheck_at = :d.recheckAt "
            + "WHERE workspace_id = :ws AND conversation_id = :d.conversationId")
    void updateConversations(@Bind("ws") String workspaceId, @BindMethods("d") List<ConversationDecided> decided);

    // Statements over several customers' subjects bind the customers and the subjects apart: a subject
    // names a ticket or a conversation, which has one customer, and its badge items are written under that
    // customer only, so the other pairs hold no rows.

    @SqlUpdate("DELETE FROM badge_items WHERE workspace_id = :ws AND customer_id IN (<customers>) "
            + "AND subject IN (<subjects>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    void deleteBadges(@Bind("ws") String workspaceId, @BindList("customers") Collection<String> customerIds,
                      @BindList("subjects") Collection<String> subjects);

    @SqlQuery("SELECT customer_id, subject, space, item_id FROM badge_items WHERE workspace_id = :ws "
            + "AND customer_id IN (<customers>) AND subject IN (<subjects>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<CustomerBadgeItem> badgeItems(@Bind("ws") String workspaceId,
                                       @BindList("customers") Collection<String> customerIds,
                                       @BindList("subjects") Collection<String> subjects);

    @SqlBatch("INSERT INTO badge_items (workspace_id, customer_id, subject, space, item_id) "
            + "VALUES (:ws, :b.customerId, :b.subject, :b.space, :b.itemId)")
    void insertBadges(@Bind("ws") String workspaceId, @BindMethods("b") List<CustomerBadgeItem> items);

    /** Every subject's badge items of these ids, whichever subject lit them, with their customers. */
    @SqlQuery("SELECT customer_id, subject, space, item_id FROM badge_items WHERE workspace_id = :ws "
            + "AND customer_id IN (<customers>) AND item_id IN (<items>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<CustomerBadgeItem> badgeHolders(@Bind("ws") String workspaceId,
                                         @BindList("customers") Collection<String> customerIds,
                                         @BindList("items") Collection<String> itemIds);

    /** Moves each customer's badge counts on by what changed, the i-th delta for the i-th customer. */
    @SqlBatch("UPDATE customers SET home_badge = home_badge + :b.home, messages_badge = messages_badge + :b.messages, "
            + "tickets_badge = tickets_badge + :b.tickets WHERE workspace_id = :ws AND customer_id = :customer")
    void addBadgeCounts(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                        @BindMethods("b") List<BadgeCounts> deltas);

    @SqlUpdate("UPDATE customers SET home_badge = :b.home, messages_badge = :b.messages, tickets_badge = :b.tickets "
            + "WHERE workspace_id = :ws AND customer_id = :customer")
    void setBadgeCounts(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                        @BindMethods("b") BadgeCounts counts);

    /** Moves each customer's kept counts on by what changed, the i-th delta for the i-th customer. */
    @SqlBatch("UPDATE customers SET shared_tickets = shared_tickets + :c.sharedTickets, "
            + "listed_tickets = listed_tickets + :c.listedTickets, card_candidates = card_candidates + :c.cardCandidates, "
            + "unread_tickets = unread_tickets + :c.unreadTickets, "
            + "unread_conversations = unread_conversations + :c.unreadConversations "
            + "WHERE workspace_id = :ws AND customer_id = :customer")
    void addCounts(@Bind("ws") String workspaceId, @Bind("customer") List<String> customerIds,
                   @BindMethods("c") List<StoredCounts> deltas);

    /** Sets the customer's counts over every subject, decided under the rules of the fingerprint. */
    @SqlUpdate("UPDATE customers SET decided_rules = :rules, shared_tickets = :c.sharedTickets, "
            + "listed_tickets = :c.listedTickets, card_candidates = :c.cardCandidates, "
            + "unread_tickets = :c.unreadTickets, unread_conversations = :c.unreadConversations "
            + "WHERE workspace_id = :ws AND customer_id = :customer")
    void setCounts(@Bind("ws") String workspaceId, @Bind("customer") String customerId, @Bind("rules") String rules,
                   @BindMethods("c") StoredCounts counts);

    /** Notes that customers with nothing decided yet are decided under the rules of the fingerprint. */
    @SqlUpdate("UPDATE customers SET decided_rules = :rules WHERE workspace_id = :ws AND customer_id IN (<customers>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    void setDecidedRules(@Bind("ws") String workspaceId, @BindList("customers") Collection<String> customerIds,
                         @Bind("rules") String rules);

    /** A page of the Tickets space list, after the key (the empty string: from the start). */
    @SqlQuery(DECIDED_TICKETS + "WHERE workspace_id = :ws AND customer_id = :customer AND list_key > :after "
            + "ORDER BY list_key LIMIT :limit")
    List<DecidedTicket> listed(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                               @Bind("after") String after, @Bind("limit") int limit);

    /** The first card candidates, in order. */
    @SqlQuery(DECIDED_TICKETS + "WHERE workspace_id = :ws AND customer_id = :customer AND card_key > '' "
            + "ORDER BY card_key LIMIT :limit")
    List<DecidedTicket> cardCandidates(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                       @Bind("limit") int limit);

    /**
     * The first {@code limit} card candidates of each of the customers, in order, customer after customer:
     * one statement for many customers' cards. Each customer's candidates are all ranked, so this is for
     * customers with few.
     */
    @SqlQuery("SELECT * FROM (SELECT " + TicketDao.COLUMNS + ", " + TICKET_DECIDED + ", ROW_NUMBER() OVER "
            + "(PARTITION BY customer_id ORDER BY card_key) AS card_rank FROM tickets WHERE workspace_id = :ws "
            + "AND customer_id IN (<customers>) AND card_key > '') candidates WHERE card_rank <= :limit "
            + "ORDER BY customer_id, card_key")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<DecidedTicket> cardCandidatesOf(@Bind("ws") String workspaceId,
                                         @BindList("customers") Collection<String> customerIds, @Bind("limit") int limit);

    @SqlQuery(DECIDED_TICKETS + "WHERE workspace_id = :ws AND customer_id = :customer AND ticket_id IN (<ids>)")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    List<DecidedTicket> tickets(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                @BindList("ids") Collection<String> ticketIds);

    /** A page of the Messages space list, after the key (the empty string: from the start). */
    @SqlQuery(DECIDED_CONVERSATIONS + "WHERE workspace_id = :ws AND customer_id = :customer AND list_key > :after "
            + "ORDER BY list_key LIMIT :limit")
    List<DecidedConversation> conversations(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                            @Bind("after") String after, @Bind("limit") int limit);

    @SqlQuery(DECIDED_CONVERSATIONS + "WHERE workspace_id = :ws AND customer_id = :customer "
            + "AND conversation_id = :id")
    Optional<DecidedConversation> conversation(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                               @Bind("id") String conversationId);

    /**
     * For each of the customers, when a time-based rule next decides otherwise about one of their subjects;
     * customers without such a moment are left out.
     */
    // "recheck_at IS NOT NULL" makes MySQL read the recheck index's range; without it, it read every
    // ticket of the workspace by the primary key.
    @SqlQuery("SELECT customer_id, MIN(at) AS at FROM (SELECT customer_id, MIN(recheck_at) AS at FROM tickets "
            + "WHERE workspace_id = :ws AND customer_id IN (<customers>) AND recheck_at IS NOT NULL "
            + "GROUP BY customer_id UNION ALL SELECT customer_id, MIN(recheck_at) AS at FROM conversations "
            + "WHERE workspace_id = :ws AND customer_id IN (<customers>) AND recheck_at IS NOT NULL "
            + "GROUP BY customer_id) subjects GROUP BY customer_id")
    @UseTemplateEngine(DefinedAttributeTemplateEngine.class)
    @KeyColumn("customer_id")
    @ValueColumn("at")
    Map<String, Instant> rechecks(@Bind("ws") String workspaceId, @BindList("customers") Collection<String> customerIds);

    /** The customer's tickets whose subject a time-based rule decides otherwise by now. */
    @SqlQuery("SELECT ticket_id, conversation_id FROM tickets WHERE workspace_id = :ws AND customer_id = :customer "
            + "AND recheck_at <= :now")
    List<DueSubject> dueTickets(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                @Bind("now") Instant now);

    /** The customer's conversations whose subject a time-based rule decides otherwise by now. */
    @SqlQuery("SELECT conversation_id FROM conversations WHERE workspace_id = :ws AND customer_id = :customer "
            + "AND recheck_at <= :now")
    List<String> dueConversations(@Bind("ws") String workspaceId, @Bind("customer") String customerId,
                                  @Bind("now") Instant now);

    /** Maps {@link #DECIDED_TICKETS}: the ticket's columns, then the decided ones. */
    final class Tickets implements RowMapper<DecidedTicket> {
        private final TicketDao.Rows tickets = new TicketDao.Rows();

        @Override
        public DecidedTicket map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new DecidedTicket(tickets.map(rs, ctx), new TicketDecided(rs.getString(16), rs.getBoolean(17),
                    rs.getString(18), rs.getString(19), rs.getString(20), rs.getBoolean(21), UtcInstants.read(rs, 22)));
        }
    }

    /** Maps {@link #DECIDED_CONVERSATIONS}: the conversation's columns, then the decided ones. */
    final class Conversations implements RowMapper<DecidedConversation> {
        private final ConversationDao.Rows conversations = new ConversationDao.Rows();

        @Override
        public DecidedConversation map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new DecidedConversation(conversations.map(rs, ctx), new ConversationDecided(rs.getString(10),
                    rs.getString(11), rs.getBoolean(12), rs.getString(13), UtcInstants.read(rs, 14)));
        }
    }
}
