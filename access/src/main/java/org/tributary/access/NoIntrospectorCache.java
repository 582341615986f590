package org.tributary.access;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

import java.util.List;

/**
 * Takes out the filter Spring Security 6.5 puts in front of its filter chain whenever Spring MVC is present
 * ({@code WebMvcSecurityConfiguration}: a {@code CompositeFilterChainProxy} of a
 * {@code HandlerMappingIntrospector} cache filter and the chain). That filter looks each request's handler up in
 * advance, for request matchers and CORS settings that ask Spring MVC which handler a request goes to; these
 * services use neither (their matchers are path patterns, and they have no CORS configuration), so the lookup was
 * done for nothing, 7.7 % of the request threads' CPU in a package upload (bench/hot-path/README.md). Spring MVC
 * still looks the handler up once, to call it.
 * <p>
 * It edits the {@code springSecurityFilterChain} bean definition before any bean is made: the composite is
 * replaced by the chain it wraps, wherever it sits (Spring Security wraps the chain in a composite of its own too,
 * which stays). If Spring Security's internals change and the composite is not found, nothing is changed.
 */
final class NoIntrospectorCache implements BeanFactoryPostProcessor {

    static final String CHAIN = "springSecurityFilterChain";
    static final String COMPOSITE =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration"
                    + "$CompositeFilterChainProxy";
    static final String CACHE_FILTER =
            "org.springframework.security.config.annotation.web.configuration.WebMvcSecurityConfiguration"
                    + "$HandlerMappingIntrospectorCacheFilterFactoryBean";
    private static final Logger log = LoggerFactory.getLogger(NoIntrospectorCache.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory factory) {
        if (!(factory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(CHAIN);
        BeanDefinition unwrapped = unwrap(chain);
        if (unwrapped != chain) {
            registry.removeBeanDefinition(CHAIN);
            registry.registerBeanDefinition(CHAIN, unwrapped);
        }
        if (mentionsCacheFilter(registry.getBeanDefinition(CHAIN))) {
            log.warn("Spring Security's HandlerMappingIntrospector cache filter could not be taken out of {}", CHAIN);
        }
    }

    /**
     * The definition without the cache filter's composite: the composite itself becomes the definition it wraps,
     * and a composite of another kind keeps its place with its filters unwrapped.
     */
    static BeanDefinition unwrap(BeanDefinition definition) {
        List<Object> filters = filters(definition);
        if (filters.isEmpty()) {
            return definition;
        }
        filters.replaceAll(filter -> filter instanceof BeanDefinition inner ? unwrap(inner) : filter);
        if (COMPOSITE.equals(definition.getBeanClassName())) {
            List<Object> rest = filters.stream().filter(filter -> !isCacheFilter(filter)).toList();
            if (rest.size() == 1 && rest.get(0) instanceof BeanDefinition wrapped && rest.size() < filters.size()) {
                return wrapped;
            }
        }
        return definition;
    }

    static boolean mentionsCacheFilter(BeanDefinition definition) {
        List<Object> filters = filters(definition);
        return filters.stream().anyMatch(filter -> isCacheFilter(filter)
                || filter instanceof BeanDefinition inner && mentionsCacheFilter(inner));
    }

    private static boolean isCacheFilter(Object filter) {
        return filter instanceof BeanDefinition definition && CACHE_FILTER.equals(definition.getBeanClassName());
    }

    /**
     * A composite's filters (Spring Security's composites: its constructor argument, a list); none for any other
     * definition.
     */
    @SuppressWarnings("unchecked")
    private static List<Object> filters(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null || !type.startsWith("org.springframework.security.")
                || !type.endsWith("$CompositeFilterChainProxy")) {
            return List.of();
        }
        // as Spring Security builds it: BeanDefinitionBuilder.addConstructorArgValue, the first indexed argument
        ConstructorArgumentValues.ValueHolder holder =
                definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
        return holder != null && holder.getValue() instanceof List<?> list ? (List<Object>) list : List.of();
    }
}
