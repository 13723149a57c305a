package org.qingfeng.bench;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.model.Message;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mllp.MllpConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.qingfeng.connectors.hl7.Hl7Codec;
import org.qingfeng.connectors.hl7.Hl7Text;

/**
 * The baseline of the load benchmark: the same Camel MLLP listener and HAPI parse + ACK as Qingfeng, but no mapping,
 * no rules and no storage. {@code java -cp bench/target/benchmarks.jar org.qingfeng.bench.BareAckServer 2599}
 */
public final class BareAckServer {
    private BareAckServer() {}

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 2599;
        Hl7Codec codec = new Hl7Codec();
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    fromF(
                                    "mllp://127.0.0.1:%d?autoAck=false&hl7Headers=false&stringPayload=false&validatePayload=false"
                                            + "&requireEndOfData=false&maxConcurrentConsumers=64",
                                    port)
                            .routeId("bare")
                            .process(exchange -> {
                                byte[] raw = exchange.getMessage().getBody(byte[].class);
                                Message m = codec.parse(Hl7Text.decode(raw, StandardCharsets.UTF_8));
                                byte[] ack = codec.ack(m, AcknowledgmentCode.AA, null)
                                        .getBytes(StandardCharsets.UTF_8);
                                exchange.setProperty(MllpConstants.MLLP_ACKNOWLEDGEMENT, ack);
                                exchange.getMessage().setBody(ack);
                            });
                }
            });
            camel.start();
            new CountDownLatch(1).await();
        }
    }
}
