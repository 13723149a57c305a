package org.qingfeng.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.qingfeng.app.support.MllpTestClient.ackCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.qingfeng.app.support.Hl7Messages;
import org.qingfeng.app.support.QingfengIT;
import org.qingfeng.app.support.TestKeys;
import org.qingfeng.connectors.tool.MllpClient;

/** A feed with {@code tls.enabled}: MLLP inside TLS, and its own default charset (GB18030, no MSH-18). */
class MllpTlsIT extends QingfengIT {

    private static SSLSocketFactory trusting() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(TestKeys.KEY_STORE)) {
            store.load(in, TestKeys.PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    @Test
    void messageOverTlsIsAcceptedAndDecodedWithTheFeedCharset() throws Exception {
        String id = Hl7Messages.controlId();
        Charset gb = Charset.forName("GB18030");
        try (MllpClient client = new MllpClient("127.0.0.1", MLLP_TLS_PORT, 15_000, trusting())) {
            String ack = new String(client.send(Hl7Messages.compliantRde(id).getBytes(gb)), gb);
            assertThat(ackCode(ack)).isEqualTo("AA");
        }
        awaitStored(id);
        assertThat(jdbc.queryForObject("SELECT feed_id FROM inbound_message WHERE control_id = ?", String.class, id))
                .isEqualTo("secure");
        assertThat(jdbc.queryForObject(
                        "SELECT item_name FROM rx_line WHERE prescription_no = ?", String.class, "RX" + id))
                .isEqualTo("氨氯地平片");
    }

    @Test
    void plainTextToTheTlsPortGetsNoAck() {
        assertThatThrownBy(() -> {
                    try (MllpClient client = new MllpClient("127.0.0.1", MLLP_TLS_PORT, 5_000)) {
                        client.send(Hl7Messages.compliantRde(Hl7Messages.controlId())
                                .getBytes(Charset.forName("GB18030")));
                    }
                })
                .isInstanceOf(IOException.class);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() {
        assertThatThrownBy(() -> new MllpClient(
                        "127.0.0.1", MLLP_TLS_PORT, 5_000, (SSLSocketFactory) SSLSocketFactory.getDefault()))
                .isInstanceOf(IOException.class);
    }
}
