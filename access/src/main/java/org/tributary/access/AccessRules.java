package org.tributary.access;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every handler declares who may call it: a service whose handlers include one without an {@link Access} rule
 * refuses to start, naming it. Spring's own handlers (the error page, the API documents) are public.
 */
public class AccessRules implements SmartInitializingSingleton {

    private final ApplicationContext context;

    public AccessRules(ApplicationContext context) {
        this.context = context;
    }

    /** A handler method's rule, searched for once: finding a merged annotation walks the method's and type's. */
    private static final Map<Handler, Optional<Access>> RULES = new ConcurrentHashMap<>();

    private record Handler(Class<?> beanType, Method method) {
    }

    /** The handler's rule: its method's, else its type's; null when neither declares one. */
    public static Access of(HandlerMethod method) {
        return RULES.computeIfAbsent(new Handler(method.getBeanType(), method.getMethod()), AccessRules::find)
                .orElse(null);
    }

    private static Optional<Access> find(Handler handler) {
        Access onMethod = AnnotatedElementUtils.findMergedAnnotation(handler.method(), Access.class);
        return Optional.ofNullable(onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(handler.beanType(), Access.class));
    }

    static boolean isFramework(HandlerMethod method) {
        Class<?> type = method.getBeanType();
        return ErrorController.class.isAssignableFrom(type) || type.getName().startsWith("org.springdoc.");
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> open = new ArrayList<>();
        for (RequestMappingHandlerMapping mapping : context.getBeansOfType(RequestMappingHandlerMapping.class)
                .values()) {
            for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mapping.getHandlerMethods().entrySet()) {
                if (!isFramework(entry.getValue()) && of(entry.getValue()) == null) {
                    open.add(entry.getKey() + " → " + entry.getValue().getShortLogMessage());
                }
            }
        }
        if (!open.isEmpty()) {
            throw new IllegalStateException("These handlers declare no @Access rule: " + open);
        }
    }
}
