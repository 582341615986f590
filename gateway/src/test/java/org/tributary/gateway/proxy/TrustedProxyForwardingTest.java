package org.tributary.gateway.proxy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Behind a proxy the operator names (here the test itself, on 127.0.0.1), what it forwarded counts. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tributary.gateway.trusted-proxies=10.0.0.0/8, 127.0.0.1")
class TrustedProxyForwardingTest {

    static final FakeService query = new FakeService("query");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("tributary.gateway.query-url", query::url);
    }

    @AfterAll
    static void stop() {
        query.close();
    }

    @Test
    void theClientIsTheFirstHopNoTrustedProxyMade() throws Exception {
        query.answerText(200, "{}");

        String raw = RawHttp.send(port, "GET /api/projects HTTP/1.1\r\nHost: internal:8080\r\nConnection: close\r\n"
                + "X-Forwarded-For: 198.51.100.1, 203.0.113.9, 10.1.2.3\r\nX-Forwarded-Proto: https\r\n"
                + "X-Forwarded-Host: tributary.example.org\r\nX-Forwarded-Port: 443\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 200");
        FakeService.Received got = query.next();
        // 10.1.2.3 is a proxy of ours; 203.0.113.9 reached it; what 203.0.113.9 claims before that is its own tale
        assertThat(got.header("X-Forwarded-For")).isEqualTo("203.0.113.9");
        assertThat(got.header("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(got.header("X-Forwarded-Host")).isEqualTo("tributary.example.org");
        assertThat(got.header("X-Forwarded-Port")).isEqualTo("443");
    }
}
