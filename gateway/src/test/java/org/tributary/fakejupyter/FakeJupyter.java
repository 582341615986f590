package org.tributary.fakejupyter;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.autoconfigure.websocket.servlet.WebSocketServletAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.AbstractWebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A stand-in for an interactive job's Jupyter, serving under {@code /interactive/7/}: an HTTP endpoint that says
 * which headers reached it, and a kernel channel that echoes every message and speaks Jupyter's subprotocol. In a
 * package of its own, so that the gateway's component scan does not pick it up.
 */
@SpringBootConfiguration
@EnableWebSocket
@ImportAutoConfiguration({ServletWebServerFactoryAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, WebSocketServletAutoConfiguration.class, JacksonAutoConfiguration.class,
        HttpMessageConvertersAutoConfiguration.class})
@Import(FakeJupyter.Status.class)
public class FakeJupyter implements WebSocketConfigurer {

    public static final String SUBPROTOCOL = "v1.kernel.websocket.jupyter.org";
    /** Close statuses the kernel channel saw from the gateway. */
    public static final BlockingQueue<CloseStatus> CLOSED = new LinkedBlockingQueue<>();

    public static ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(FakeJupyter.class)
                .properties("server.port=0", "spring.main.banner-mode=off", "spring.config.name=fake-jupyter")
                .run();
    }

    public static String url(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Whole messages of a few MiB, as Jupyter (tornado) takes up to 10 MiB. */
    @org.springframework.context.annotation.Bean
    org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean container() {
        var container = new org.springframework.web.socket.server.standard.ServletServerContainerFactoryBean();
        container.setMaxTextMessageBufferSize(4 * 1024 * 1024);
        container.setMaxBinaryMessageBufferSize(4 * 1024 * 1024);
        return container;
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
        handshake.setSupportedProtocols(SUBPROTOCOL);
        registry.addHandler(new Echo(), "/interactive/7/api/kernels/*/channels").setHandshakeHandler(handshake);
    }

    @RestController
    static class Status {
        @GetMapping("/interactive/7/api/status")
        Map<String, Object> status(@RequestHeader Map<String, String> headers) {
            return Map.of("last_activity", "2026-12-02T10:00:00Z", "headers", List.copyOf(headers.keySet()));
        }
    }

    static class Echo extends AbstractWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            session.sendMessage(new TextMessage("echo: " + message.getPayload()));
        }

        @Override
        protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws Exception {
            session.sendMessage(new BinaryMessage(message.getPayload()));
        }

        @Override
        public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
            CLOSED.add(status);
        }
    }
}
