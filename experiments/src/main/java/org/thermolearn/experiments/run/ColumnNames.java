package org.thermolearn.experiments.run;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Looking up column names as a user types them: glob patterns and "did you mean" hints. */
public final class ColumnNames {

    private ColumnNames() { }

    /**
     * The names matching a pattern: an exact name, or a glob where {@code *} matches any run of
     * characters and {@code ?} one character ({@code c_gt_1_*}, {@code *_seconds}); in the order of
     * {@code names}.
     */
    public static List<String> matching(String pattern, Collection<String> names) {
        if (names.contains(pattern)) return List.of(pattern);
        StringBuilder re = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else re.append(Pattern.quote(String.valueOf(c)));
        }
        Pattern p = Pattern.compile(re.toString());
        List<String> out = new ArrayList<>();
        for (String n : names) if (p.matcher(n).matches()) out.add(n);
        return out;
    }

    /**
     * One short line for an unknown column: the closest names (the same letters ignoring case and
     * '_', else the smallest edit distance, else names containing it) and how to list them all,
     * instead of every name of the table.
     */
    public static String unknown(String name, Collection<String> names, String where, String howToList) {
        String key = squash(name);
        List<String> close = new ArrayList<>();
        for (String n : names) if (squash(n).equals(key)) close.add(n);
        if (close.isEmpty()) {
            int best = Integer.MAX_VALUE;
            for (String n : names) best = Math.min(best, distance(key, squash(n)));
            int limit = Math.max(2, key.length() / 4);
            if (best <= limit) for (String n : names) if (distance(key, squash(n)) == best) close.add(n);
        }
        if (close.isEmpty() && key.length() >= 3) for (String n : names) if (squash(n).contains(key)) close.add(n);
        String hint = close.isEmpty() ? "" : "did you mean " + String.join(" or ", close.stream().limit(3).map(n -> "'" + n + "'").toList()) + "? ";
        return where + " has no column '" + name + "'; " + hint + howToList;
    }

    private static String squash(String s) { return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""); }

    private static int distance(String a, String b) { return org.thermolearn.experiments.config.ConfigLoader.distance(a, b); }
}
