package jp.ofuku.ops;

import java.net.URI;
import java.util.List;

import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.outbound.AmqpOutboundEndpoint;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;

/**
 * Partitions sent to worker JVMs over RabbitMQ, when {@code OFUKU_BROKER_URL} names a broker
 * ({@code amqp://user:password@host:5672}); without one, none of this exists and partitions run
 * as threads. The manager's requests go to one durable queue as persistent messages; a worker
 * ({@link PartitionWorker}) takes one at a time and acknowledges it only once its partition has
 * ended, so a request whose worker died is delivered again. Only Spring Batch's request class
 * may be deserialised from a message.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${ofuku.broker.url:}' != ''")
@EnableIntegration
public class RemotePartitions {

    /** The queue partition requests go to. */
    public static final String QUEUE = "ofuku.partitions";

    /** Classes a message may be deserialised into: the request, and what it is made of. */
    static final List<String> ALLOWED = List.of("org.springframework.batch.integration.partition.StepExecutionRequest",
            "java.lang.Long", "java.lang.Number", "java.lang.String");

    @Bean
    CachingConnectionFactory brokerConnections(@org.springframework.beans.factory.annotation.Value("${ofuku.broker.url}") String url) {
        CachingConnectionFactory connections = new CachingConnectionFactory(URI.create(url));
        connections.setConnectionNameStrategy(f -> "ofuku " + ProcessHandle.current().pid());
        return connections;
    }

    @Bean
    Queue partitionQueue() {
        return new Queue(QUEUE, true);
    }

    @Bean
    RabbitAdmin brokerAdmin(CachingConnectionFactory connections) {
        return new RabbitAdmin(connections);
    }

    @Bean
    SimpleMessageConverter partitionMessages() {
        SimpleMessageConverter converter = new SimpleMessageConverter();
        converter.setAllowedListPatterns(ALLOWED);
        return converter;
    }

    @Bean
    RabbitTemplate brokerTemplate(CachingConnectionFactory connections, SimpleMessageConverter partitionMessages) {
        RabbitTemplate template = new RabbitTemplate(connections);
        template.setMessageConverter(partitionMessages);
        return template;
    }

    @Bean
    DirectChannel partitionRequests() {
        return new DirectChannel();
    }

    @Bean
    AmqpOutboundEndpoint partitionSender(RabbitTemplate brokerTemplate, DirectChannel partitionRequests) {
        AmqpOutboundEndpoint sender = new AmqpOutboundEndpoint(brokerTemplate);
        sender.setRoutingKey(QUEUE);
        sender.setDefaultDeliveryMode(MessageDeliveryMode.PERSISTENT);
        partitionRequests.subscribe(sender);
        return sender;
    }

    /** What the manager's partition handler sends with. */
    @Bean
    MessagingTemplate partitionMessaging(DirectChannel partitionRequests) {
        MessagingTemplate messaging = new MessagingTemplate();
        messaging.setDefaultChannel(partitionRequests);
        return messaging;
    }
}
