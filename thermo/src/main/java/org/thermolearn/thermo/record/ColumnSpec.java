package org.thermolearn.thermo.record;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One column of a record file: a snake_case name, its value type, its unit, a one-line
 * description and the number of the formula in theory.md that defines it (e.g. "S23"). Unit,
 * description and formula are stored as Arrow field metadata under the keys {@value #UNIT},
 * {@value #DESCRIPTION} and {@value #FORMULA}, so every reader of the file sees them.
 *
 * @param name        snake_case column name, {@code [a-z][a-z0-9_]*}
 * @param type        value type
 * @param unit        unit ("1" or "" for dimensionless, "s" for seconds, "nat" for entropies …)
 * @param description one line saying what the column holds
 * @param formula     theory.md formula number such as "S23", or "" if none
 */
public record ColumnSpec(String name, ColumnType type, String unit, String description, String formula) {

    /** Field-metadata key of the unit. */
    public static final String UNIT = "unit";
    /** Field-metadata key of the description. */
    public static final String DESCRIPTION = "description";
    /** Field-metadata key of the formula number. */
    public static final String FORMULA = "formula";
    /** Field-metadata value of {@link #FORMULA} for a column that no theory.md formula defines. */
    public static final String NO_FORMULA = "none";

    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    public ColumnSpec {
        if (name == null || !SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("column name '" + name + "' is not snake_case; use lower-case letters, digits and '_', starting with a letter");
        }
        if (type == null) throw new IllegalArgumentException("column '" + name + "' has no type");
        unit = unit == null ? "" : unit;
        description = description == null ? "" : description;
        formula = formula == null ? "" : formula;
    }

    /** A float64 column. */
    public static ColumnSpec float64(String name, String unit, String description, String formula) {
        return new ColumnSpec(name, ColumnType.DOUBLE, unit, description, formula);
    }

    /** An int64 column. */
    public static ColumnSpec int64(String name, String unit, String description) {
        return new ColumnSpec(name, ColumnType.INT64, unit, description, "");
    }

    /** A utf8 column. */
    public static ColumnSpec utf8(String name, String description) {
        return new ColumnSpec(name, ColumnType.UTF8, "", description, "");
    }

    /**
     * The Arrow field (non-nullable) with unit, description and formula as field metadata; a
     * column without a formula says so explicitly ({@value #NO_FORMULA}).
     */
    public Field toField() {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put(UNIT, unit);
        meta.put(DESCRIPTION, description);
        meta.put(FORMULA, formula.isEmpty() ? NO_FORMULA : formula);
        return new Field(name, new FieldType(false, type.arrowType(), null, meta), null);
    }

    /** The spec of a field written by {@link #toField()}; {@code null} if the type is not a column type. */
    static ColumnSpec fromField(Field f) {
        ColumnType t = ColumnType.of(f.getType());
        if (t == null) return null;
        Map<String, String> m = f.getMetadata() == null ? Map.of() : f.getMetadata();
        return new ColumnSpec(f.getName(), t, m.getOrDefault(UNIT, ""), m.getOrDefault(DESCRIPTION, ""),
                NO_FORMULA.equals(m.get(FORMULA)) ? "" : m.getOrDefault(FORMULA, ""));
    }
}
