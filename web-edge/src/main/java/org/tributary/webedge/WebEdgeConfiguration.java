package org.tributary.webedge;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * The edge every HTTP service shares ({@code @Import} it): strict JSON request bodies within a size limit
 * ({@code tributary.web.max-json-bytes}, NUL refused unless {@code tributary.web.refuse-nul} is false), and every error, Tomcat's own included, as an RFC 7807 problem.
 */
@Configuration(proxyBeanMethods = false)
// a service started without its web server (query-service's read-model rebuild) has no edge
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(ProblemErrorController.class)
public class WebEdgeConfiguration {

    /** Replaces Spring Boot's Jackson converter (same type): reads strictly, writes as before. */
    @Bean
    MappingJackson2HttpMessageConverter strictJsonConverter(ObjectMapper mapper,
            @Value("${tributary.web.max-json-bytes:" + StrictJsonConverter.DEFAULT_MAX_BYTES + "}") int maxBytes,
            @Value("${tributary.web.refuse-nul:true}") boolean refuseNul) {
        return new StrictJsonConverter(mapper, maxBytes, refuseNul);
    }

    /** TRACE reaches the filter chain ({@code allowTrace}), whose first filter refuses it, and bad content types. */
    @Bean
    FilterRegistrationBean<EdgeFilter> edgeFilter() {
        FilterRegistrationBean<EdgeFilter> registration = new FilterRegistrationBean<>(new EdgeFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Unordered, so it runs after Spring Boot's Tomcat settings, which add an {@link ErrorReportValve} of their own. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addConnectorCustomizers(connector -> connector.setAllowTrace(true));
                factory.addContextCustomizers(context -> {
                    if (context.getParent() instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemReportValve.class.getName());
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                    }
                });
            }
        };
    }
}
