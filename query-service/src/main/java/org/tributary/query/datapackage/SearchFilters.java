package org.tributary.query.datapackage;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.tributary.domain.shared.InvalidInput;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The original platform's package search filters, as SQL over the read model: a condition on one field's value,
 * a condition on how many jobs a package made at its node (its child jobs: those that took it as an input), and the
 * order. Operators are taken as symbols or words (the original UI offers equal, greater, less); an operator or
 * order this search does not know is refused, naming its field, never ignored.
 */
final class SearchFilters {

    enum Op {
        EQ("="), NE("<>"), GT(">"), LT("<"), GE(">="), LE("<="), CONTAINS(null);

        final String sql;

        Op(String sql) {
            this.sql = sql;
        }
    }

    private static final Map<String, Op> OPS = Map.ofEntries(
            Map.entry("=", Op.EQ), Map.entry("==", Op.EQ), Map.entry("eq", Op.EQ), Map.entry("equal", Op.EQ),
            Map.entry("equals", Op.EQ),
            Map.entry("!=", Op.NE), Map.entry("<>", Op.NE), Map.entry("ne", Op.NE), Map.entry("not_equal", Op.NE),
            Map.entry(">", Op.GT), Map.entry("gt", Op.GT), Map.entry("greater", Op.GT), Map.entry("more", Op.GT),
            Map.entry("<", Op.LT), Map.entry("lt", Op.LT), Map.entry("less", Op.LT),
            Map.entry(">=", Op.GE), Map.entry("ge", Op.GE), Map.entry("gte", Op.GE),
            Map.entry("<=", Op.LE), Map.entry("le", Op.LE), Map.entry("lte", Op.LE),
            Map.entry("contains", Op.CONTAINS), Map.entry("like", Op.CONTAINS));

    static final List<String> ORDERS = List.of("id", "label", "created_at");

    private SearchFilters() {
    }

    static Op op(String field, String value) {
        Op op = OPS.get(value.strip().toLowerCase(Locale.ROOT));
        if (op == null) {
            throw new InvalidInput(field, field + " '" + value + "' is not an operator: use =, !=, >, <, >=, <= "
                    + "(or eq, ne, gt, lt, ge, le, equal, greater, less)" + (field.startsWith("field") ? ", contains"
                    : ""));
        }
        return op;
    }

    /** The ORDER BY clause for {@code sort_by} (id when absent or empty), ties broken by id. */
    static String order(String sortBy, boolean descending) {
        String direction = descending ? " DESC" : " ASC";
        if (sortBy == null || sortBy.isEmpty() || sortBy.equals("id")) {
            return " ORDER BY p.id" + direction;
        }
        if (!ORDERS.contains(sortBy)) {
            throw new InvalidInput("sort_by", "sort_by '" + sortBy + "' is not an order: use " + String.join(", ",
                    ORDERS));
        }
        return " ORDER BY p." + sortBy + direction + ", p.id" + direction;
    }

    /**
     * The condition on a field's row ({@code package_field f}: its value as a number when it is one, and as text),
     * or empty when no field filter is asked: an empty name means none, whatever operator and value come with it,
     * as the original platform's clients send them (shared/contract/user-api.md); an operator that is given must be
     * one, and a name needs one. A numeric value compares with numeric fields as numbers; anything else compares the
     * field's text. The field's name is {@code :f_name}.
     */
    static String field(SearchRequest request, MapSqlParameterSource params) {
        Op op = given(request.fieldFilterOp()) ? op("field_filter_op", request.fieldFilterOp()) : null;
        if (!given(request.fieldFilterName())) {
            return "";
        }
        if (op == null) {
            throw new InvalidInput("field_filter_op", "name the operator of the field filter");
        }
        Object value = request.fieldFilterValue() == null ? "" : request.fieldFilterValue();
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
            throw new InvalidInput("field_filter_value", "field_filter_value is a string, a number or a boolean");
        }
        params.addValue("f_name", request.fieldFilterName()).addValue("f_text", value.toString());
        if (op == Op.CONTAINS) {
            params.addValue("f_like", "%" + value.toString().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
            return "f.txt ILIKE :f_like";
        }
        // equality finds its text through the index on the value's first 200 characters
        String text = op == Op.EQ ? "(left(f.txt, 200) = left(:f_text, 200) AND f.txt = :f_text)"
                : "f.txt " + op.sql + " :f_text";
        BigDecimal number = number(value);
        if (number != null) {
            params.addValue("f_number", number);
            String numeric = "f.num " + op.sql + " :f_number";
            return op == Op.EQ || op == Op.NE ? "(" + numeric + " OR (f.num IS NULL AND " + text + "))" : numeric;
        }
        return text;
    }

    /** The rows of the filtered field at the node ({@code f}), to which {@link #field}'s condition applies. */
    static final String FIELD_ROWS = " FROM package_field f WHERE f.node_id = :node AND f.name = :f_name";

    /** The packages whose field passes the condition {@link #field} made, as a condition on {@code p}. */
    static String fieldOfPackage(String condition) {
        return condition.isEmpty() ? "" : " AND p.id IN (SELECT f.package_id" + FIELD_ROWS + " AND " + condition + ")";
    }

    /**
     * The condition on the count of child jobs, or empty when none is asked: a count of 0 means none, whatever
     * operator comes with it, as the original platform's clients send them (for "no jobs yet", ask {@code < 1}); an
     * operator that is given must be one, a count needs one, and must not be negative.
     */
    static String jobs(SearchRequest request, MapSqlParameterSource params) {
        long count = request.jobsFilterCountValue() == null ? 0 : request.jobsFilterCountValue();
        Op op = given(request.jobsFilterOp()) ? op("jobs_filter_op", request.jobsFilterOp()) : null;
        if (op == Op.CONTAINS) {
            throw new InvalidInput("jobs_filter_op", "a job count is compared, not searched: use =, !=, >, <, >=, <=");
        }
        if (count < 0) {
            throw new InvalidInput("jobs_filter_count_value", "jobs_filter_count_value must not be negative");
        }
        if (count == 0) {
            return "";
        }
        if (op == null) {
            throw new InvalidInput("jobs_filter_op", "name the operator of the job-count filter");
        }
        params.addValue("j_count", count);
        // how many jobs at its node took the package as an input, kept on its row by the projections
        return " AND p.child_jobs " + op.sql + " :j_count";
    }

    private static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && s.strip().matches("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?")) {
            return new BigDecimal(s.strip());
        }
        return null;
    }

    private static boolean given(String value) {
        return value != null && !value.isEmpty();
    }
}
