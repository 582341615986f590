package org.tributary.domain.shared;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A link's package filter: a regular expression searched for in a package label (like Python's {@code re.search}).
 * An empty filter lets every package pass. Compiled once, when the link is made.
 * <p>
 * A user's regex runs inside the shared routing processor, so a search has a budget of character reads: a
 * pathological pattern such as {@code (a+)+$} that would backtrack for ages simply does not match.
 */
public final class LabelFilter {

    public static final int MAX_LENGTH = 1000;
    /** Character reads one search may make; ordinary filters on labels need a few thousand. */
    static final long MATCH_BUDGET = 5_000_000;
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
        if (pattern == null) {
            return true;
        }
        try {
            return pattern.matcher(new Budgeted(label == null ? "" : label, new long[]{MATCH_BUDGET})).find();
        } catch (BudgetExceeded e) {
            return false;
        }
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super(null, null, false, false);
        }
    }

    /** A label that counts how often the regex engine reads it and stops the search when the budget is spent. */
    private record Budgeted(String text, long[] left) implements CharSequence {
        @Override
        public char charAt(int index) {
            if (--left[0] < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Budgeted(text.substring(start, end), left);
        }

        @Override
        public String toString() {
            return text;
        }
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
