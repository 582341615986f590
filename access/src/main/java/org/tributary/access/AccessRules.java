package org.tributary.access;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every handler declares who may call it: a service whose handlers include one without an {@link Access} rule
 * refuses to start, naming it. Spring's own handlers (the error page, the API documents) are public.
 */
public class AccessRules implements SmartInitializingSingleton {

    private final ApplicationContext context;

    public AccessRules(ApplicationContext context) {
        this.context = context;
    }

    public static Access of(HandlerMethod method) {
        Access onMethod = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), Access.class);
        return onMethod != null ? onMethod
                : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), Access.class);
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
