package dev.nightshift.batch;

import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;

/**
 * The channel a cluster's batch sends its build requests on and its workers take them from: a
 * queue kept in the shared PostgreSQL database (Spring Integration's JDBC channel message store),
 * so no message broker is needed. A request is taken by one worker only: the store locks the row
 * it reads ({@code FOR UPDATE SKIP LOCKED}) and a request another worker removed first is dropped.
 */
@Configuration(proxyBeanMethods = false)
@Profile("cluster")
class BuildRequests {

    /** The one queue of the cluster's build requests, in the message store's table. */
    static final String GROUP = "nightshift-build-requests";
    static final String REGION = "nightshift";

    @Bean
    JdbcChannelMessageStore buildRequestStore(DataSource dataSource) {
        JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
        store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
        store.setRegion(REGION);
        // A request holds the ids of a step execution, nothing else: only its class is read back.
        store.addAllowedPatterns("org.springframework.batch.integration.partition.StepExecutionRequest",
                "java.util.*", "java.lang.*", "org.springframework.messaging.*", "org.springframework.integration.*");
        return store;
    }

    @Bean
    QueueChannel buildRequestChannel(JdbcChannelMessageStore buildRequestStore) {
        return new QueueChannel(new MessageGroupQueue(buildRequestStore, GROUP));
    }
}
