package org.tributary.gateway.webapp;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.PathResourceResolver;

import java.time.Duration;

/**
 * The gateway serves the web app (module {@code frontend}, packed under {@code tributary-web/} on the class path) at
 * {@code /}. Its hashed files under {@code /assets/} never change, so browsers keep them; everything else (the page
 * itself) is checked again on each load, so that a new version is picked up at once.
 */
@Configuration(proxyBeanMethods = false)
class WebAppConfiguration implements WebMvcConfigurer {

    private final String location;

    WebAppConfiguration(@Value("${tributary.gateway.web-app:classpath:/tributary-web/}") String location) {
        this.location = location.endsWith("/") ? location : location + "/";
    }

    /** The root is the app's page (a resource handler is never asked for an empty path). */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/").setViewName("forward:/" + WebAppResources.INDEX);
    }

    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        WebAppResources resources = new WebAppResources(new ClassPathResource("web-app-missing/index.html"));
        registry.addResourceHandler("/assets/**")
                .addResourceLocations(location + "assets/")
                .setCacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .resourceChain(true).addResolver(new PathResourceResolver());
        registry.addResourceHandler("/**")
                .addResourceLocations(location)
                .setCacheControl(CacheControl.noCache())
                .resourceChain(true).addResolver(resources);
    }
}
