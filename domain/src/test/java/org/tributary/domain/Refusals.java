package org.tributary.domain;

import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.tributary.domain.shared.DomainException;

import java.util.function.Predicate;

/** Hamcrest matchers for Axon's fixture: a refusal is judged by its kind and the field it names. */
public final class Refusals {

    private Refusals() {
    }

    /** An exception of exactly {@code type} whose {@code field()} is {@code field}. */
    public static Matcher<Throwable> refusal(Class<? extends DomainException> type, String field) {
        return new TypeSafeMatcher<>(Throwable.class) {
            @Override
            protected boolean matchesSafely(Throwable item) {
                return item.getClass() == type && field.equals(((DomainException) item).field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(type.getSimpleName() + " naming field '" + field + "'");
            }

            @Override
            protected void describeMismatchSafely(Throwable item, Description description) {
                description.appendText("was " + item.getClass().getSimpleName()
                        + (item instanceof DomainException d ? " naming field '" + d.field() + "'" : "")
                        + ": " + item.getMessage());
            }
        };
    }

    /** A payload of {@code type} that satisfies {@code condition}; for events with long, free-text messages. */
    public static <T> Matcher<Object> payload(Class<T> type, String description, Predicate<T> condition) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return type.isInstance(item) && condition.test(type.cast(item));
            }

            @Override
            public void describeTo(Description d) {
                d.appendText(type.getSimpleName() + " where " + description);
            }
        };
    }
}
