package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A link's package filter: a regular expression searched for in a package label (like Python's {@code re.search}).
 * An empty filter lets every package pass. Compiled once, when the link is made.
 */
public final class LabelFilter {

    public static final int MAX_LENGTH = 1000;
    public static final LabelFilter ANY = new LabelFilter("");

    private final String regex;
    private final Pattern pattern;

    private LabelFilter(String regex) {
        this.regex = regex;
        this.pattern = regex.isEmpty() ? null : Pattern.compile(regex);
    }

    @JsonCreator
    public static LabelFilter of(String regex) {
        if (regex == null || regex.isEmpty()) {
            return ANY;
        }
        if (regex.length() > MAX_LENGTH) {
            throw new InvalidInput("package_filter", "package_filter must be at most " + MAX_LENGTH + " characters");
        }
        try {
            return new LabelFilter(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidInput("package_filter",
                    "package_filter is not a valid regular expression: " + e.getDescription());
        }
    }

    @JsonValue
    public String regex() {
        return regex;
    }

    public boolean matches(String label) {
        return pattern == null || pattern.matcher(label == null ? "" : label).find();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelFilter other && regex.equals(other.regex);
    }

    @Override
    public int hashCode() {
        return Objects.hash(regex);
    }

    @Override
    public String toString() {
        return regex;
    }
}
