package org.qingfeng.connectors.mllp;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.qingfeng.config.MllpFeed;
import org.qingfeng.config.TlsProperties;
import org.qingfeng.connectors.hl7.Hl7InboundProcessor;
import org.qingfeng.connectors.hl7.ProcessResult;

/**
 * One MLLP listener route per configured feed, optionally over TLS. The route only frames and answers: the acknowledgement policy lives
 * in {@link Hl7InboundProcessor}, which returns the ACK that the MLLP consumer sends back.
 */
public final class MllpFeedRoutes extends RouteBuilder {

    /** Enough consumer threads for many concurrent sender connections (one thread per connection). */
    static final int MAX_CONNECTIONS = 64;

    private final List<MllpFeed> feeds;
    private final Hl7InboundProcessor processor;

    public MllpFeedRoutes(List<MllpFeed> feeds, Hl7InboundProcessor processor) {
        this.feeds = List.copyOf(feeds);
        this.processor = processor;
    }

    public static String routeId(MllpFeed feed) {
        return "mllp-" + feed.getId();
    }

    @Override
    public void configure() {
        for (MllpFeed feed : feeds) {
            // reuseAddress: a restart right after a crash must not wait for the old connections' TIME_WAIT.
            String uri = String.format(
                    "mllp://%s:%d?autoAck=false&hl7Headers=false&stringPayload=false&validatePayload=false"
                            + "&requireEndOfData=false&maxConcurrentConsumers=%d&maxBufferSize=%d&reuseAddress=true",
                    feed.getBindAddress(), feed.getPort(), MAX_CONNECTIONS, 64 * 1024 * 1024);
            if (feed.getTls().isEnabled()) {
                String bean = "qingfeng-tls-" + feed.getId();
                getContext().getRegistry().bind(bean, tls(feed.getTls()));
                uri += "&sslContextParameters=#" + bean;
            }
            from(uri)
                    .routeId(routeId(feed))
                    .process(exchange -> acknowledge(feed, exchange))
                    .id("ingest-" + feed.getId());
        }
    }

    private static SSLContextParameters tls(TlsProperties tls) {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + tls.getKeyStore());
        store.setPassword(tls.getKeyStorePassword());
        store.setType(tls.getKeyStoreType());
        KeyManagersParameters keys = new KeyManagersParameters();
        keys.setKeyStore(store);
        keys.setKeyPassword(tls.getKeyStorePassword());
        SSLContextParameters parameters = new SSLContextParameters();
        parameters.setKeyManagers(keys);
        return parameters;
    }

    private void acknowledge(MllpFeed feed, Exchange exchange) {
        byte[] raw = exchange.getMessage().getBody(byte[].class);
        ProcessResult result = processor.process(feed, raw == null ? new byte[0] : raw);
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, result.ackBytes());
        // camel-mllp reads the exchange body's MSH when it sends the ACK and fails on an empty frame; the body is
        // not used after this step, so the ACK itself stands in for it.
        exchange.getMessage().setBody(result.ackBytes());
        exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT_TYPE, result.ackCode());
    }
}
