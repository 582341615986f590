package org.tributary.access;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.ManagedList;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Spring Security's filter chain, as this Spring Security version defines it, loses the cache filter only. */
@SpringBootTest(classes = NoIntrospectorCacheTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@TestPropertySource(properties = "spring.autoconfigure.exclude="
        + "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration")
class NoIntrospectorCacheTest {

    /** Whether the chain, as Spring Security defined it, had the cache filter (under the names looked for). */
    static volatile Boolean definedWithCacheFilter;

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(AccessConfiguration.class)
    static class App {

        /** Looks before NoIntrospectorCache (which has no order) does; the type says so before it is made. */
        @org.springframework.context.annotation.Bean
        static Before before() {
            return new Before();
        }
    }

    static class Before implements org.springframework.beans.factory.config.BeanFactoryPostProcessor,
            org.springframework.core.PriorityOrdered {
        @Override
        public void postProcessBeanFactory(
                org.springframework.beans.factory.config.ConfigurableListableBeanFactory factory) {
            definedWithCacheFilter = NoIntrospectorCache.mentionsCacheFilter(
                    factory.getBeanDefinition(NoIntrospectorCache.CHAIN));
        }

        @Override
        public int getOrder() {
            return 0;
        }
    }

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void springSecurityStillDefinesTheCacheFilterThisLooksFor() {
        assertThat(definedWithCacheFilter).isTrue();
    }

    @Test
    void theServicesFilterChainHasNoIntrospectorCacheFilter() {
        BeanDefinition chain = context.getBeanFactory().getBeanDefinition(NoIntrospectorCache.CHAIN);
        assertThat(chain.getBeanClassName()).isNotEqualTo(NoIntrospectorCache.COMPOSITE);
        assertThat(NoIntrospectorCache.mentionsCacheFilter(chain)).isFalse();
        assertThat(context.getBean(NoIntrospectorCache.CHAIN)).isInstanceOf(jakarta.servlet.Filter.class);
    }

    @Test
    void theCompositeBecomesTheChainItWraps() {
        BeanDefinition inner = definition("org.springframework.security.web.FilterChainProxy");
        BeanDefinition composite = composite(NoIntrospectorCache.COMPOSITE,
                definition(NoIntrospectorCache.CACHE_FILTER), inner);

        assertThat(NoIntrospectorCache.unwrap(composite)).isSameAs(inner);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aCompositeOfAnotherKindKeepsItsPlaceAndItsOtherFilters() {
        BeanDefinition inner = definition("org.springframework.security.web.FilterChainProxy");
        BeanDefinition pathFilter = definition("org.springframework.web.filter.ServletRequestPathFilter");
        BeanDefinition outer = composite("org.springframework.security.config.annotation.web.configuration"
                + ".WebSecurityConfiguration$CompositeFilterChainProxy", pathFilter,
                composite(NoIntrospectorCache.COMPOSITE, definition(NoIntrospectorCache.CACHE_FILTER), inner));

        BeanDefinition unwrapped = NoIntrospectorCache.unwrap(outer);

        assertThat(unwrapped).isSameAs(outer);
        assertThat((List<Object>) unwrapped.getConstructorArgumentValues().getIndexedArgumentValue(0, null).getValue())
                .containsExactly(pathFilter, inner);
        assertThat(NoIntrospectorCache.mentionsCacheFilter(unwrapped)).isFalse();
    }

    @Test
    void aCompositeWithoutTheCacheFilterIsLeftAsItIs() {
        BeanDefinition composite = composite(NoIntrospectorCache.COMPOSITE,
                definition("org.springframework.security.web.FilterChainProxy"));

        assertThat(NoIntrospectorCache.unwrap(composite)).isSameAs(composite);
    }

    @Test
    void aChainThatIsNoCompositeIsLeftAsItIs() {
        BeanDefinition chain = definition("org.springframework.security.web.FilterChainProxy");

        assertThat(NoIntrospectorCache.unwrap(chain)).isSameAs(chain);
        assertThat(NoIntrospectorCache.mentionsCacheFilter(chain)).isFalse();
    }

    @Test
    void theFactorysChainDefinitionIsReplacedByTheOneItWraps() {
        BeanDefinition inner = definition("org.springframework.security.web.FilterChainProxy");
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        // as in a Spring Boot application
        factory.setAllowBeanDefinitionOverriding(false);
        factory.registerBeanDefinition(NoIntrospectorCache.CHAIN, composite(NoIntrospectorCache.COMPOSITE,
                definition(NoIntrospectorCache.CACHE_FILTER), inner));

        new NoIntrospectorCache().postProcessBeanFactory(factory);

        assertThat(factory.getBeanDefinition(NoIntrospectorCache.CHAIN).getBeanClassName())
                .isEqualTo("org.springframework.security.web.FilterChainProxy");
    }

    @Test
    void aFactoryWithoutSpringSecuritysChainIsLeftAlone() {
        DefaultListableBeanFactory factory = new DefaultListableBeanFactory();
        factory.registerBeanDefinition("other", composite(NoIntrospectorCache.COMPOSITE,
                definition(NoIntrospectorCache.CACHE_FILTER), definition("x.Y")));

        new NoIntrospectorCache().postProcessBeanFactory(factory);

        assertThat(factory.getBeanDefinitionNames()).containsExactly("other");
        assertThat(factory.getBeanDefinition("other").getBeanClassName()).isEqualTo(NoIntrospectorCache.COMPOSITE);
    }

    @Test
    void theCacheFilterIsFoundInsideAnotherComposite() {
        BeanDefinition outer = composite("org.springframework.security.config.annotation.web.configuration"
                + ".WebSecurityConfiguration$CompositeFilterChainProxy", definition("x.PathFilter"),
                composite(NoIntrospectorCache.COMPOSITE, definition(NoIntrospectorCache.CACHE_FILTER),
                        definition("x.Chain"), definition("x.Other")));

        assertThat(NoIntrospectorCache.mentionsCacheFilter(outer)).isTrue();
        assertThat(NoIntrospectorCache.unwrap(outer)).isSameAs(outer);
        assertThat(NoIntrospectorCache.mentionsCacheFilter(outer)).as("two filters besides it: left").isTrue();
    }

    @Test
    void aCompositeOutsideSpringSecurityIsNotLookedInto() {
        BeanDefinition foreign = composite("com.example.Wrapper$CompositeFilterChainProxy",
                composite(NoIntrospectorCache.COMPOSITE, definition(NoIntrospectorCache.CACHE_FILTER),
                        definition("x.Chain")));

        assertThat(NoIntrospectorCache.mentionsCacheFilter(foreign)).isFalse();
        assertThat(NoIntrospectorCache.unwrap(foreign)).isSameAs(foreign);
    }

    private static BeanDefinition definition(String type) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setBeanClassName(type);
        return definition;
    }

    private static BeanDefinition composite(String type, BeanDefinition... filters) {
        BeanDefinition definition = definition(type);
        ManagedList<Object> list = new ManagedList<>();
        list.addAll(List.of(filters));
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, list);
        return definition;
    }
}
