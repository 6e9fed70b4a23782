package org.thermolearn.core.loss;

/**
 * A neuron-local potential V(x) = Σ_i V_i(x_i) added to the bulk loss, theory.md (S6) (talk eq. (5)):
 * H = ½ (x − f(ŵx + b))ᵀ(Î − P̂_in)(x − f(ŵx + b)) + V(x).
 *
 * <p><b>Which neurons carry V.</b> {@link BulkLoss} sums V over the <em>non-input</em> neurons
 * (hidden and output), the same (Î − P̂_in) restriction that (S4) applies to the residual (A11):
 * input neurons are clamped to data, so V on them would only add a data-dependent constant.
 * The output neurons are clamped too, so their V is a constant of the minimisation, but it is
 * included in the reported value; only the hidden neurons feel V′ in the gradient.
 *
 * <ul>
 *   <li>{@link Kind#NONE}: V = 0 (the default; the only choice for which bulk ≤ boundary, P6);</li>
 *   <li>{@link Kind#MASS}: V_i = (m/2) x_i², the mass term of (S10)/(S11), m = {@code strength};</li>
 *   <li>{@link Kind#DOUBLE_WELL}: V_i = (κ/4)(x_i² − 1)², κ = {@code strength}.</li>
 * </ul>
 *
 * @param kind     which potential
 * @param strength m for the mass term, κ for the double well, ignored (0) for none
 */
public record Potential(Kind kind, double strength) {

    /** The shape of V_i. */
    public enum Kind { NONE, MASS, DOUBLE_WELL }

    /** V = 0. */
    public static final Potential NONE = new Potential(Kind.NONE, 0);

    public Potential {
        if (kind == null) throw new IllegalArgumentException("potential kind is null; use Potential.NONE for no potential");
        if (!Double.isFinite(strength)) {
            throw new IllegalArgumentException("potential " + kind + " has strength " + strength + "; it must be finite");
        }
        if (kind != Kind.NONE && strength < 0) {
            throw new IllegalArgumentException("potential " + kind + " has strength " + strength
                    + " < 0, which makes the loss (S6) unbounded below; use a strength >= 0");
        }
        if (kind == Kind.NONE && strength != 0) {
            throw new IllegalArgumentException("Potential NONE takes no strength, got " + strength);
        }
    }

    /** The mass term (m/2) Σ x_i² of (S10). */
    public static Potential mass(double m) { return new Potential(Kind.MASS, m); }

    /** The double well (κ/4) Σ (x_i² − 1)². */
    public static Potential doubleWell(double kappa) { return new Potential(Kind.DOUBLE_WELL, kappa); }

    /** True for V ≡ 0. */
    public boolean isNone() { return kind == Kind.NONE || strength == 0; }

    /** V_i(x). */
    public double value(double x) {
        return switch (kind) {
            case NONE -> 0;
            case MASS -> 0.5 * strength * x * x;
            case DOUBLE_WELL -> {
                double u = x * x - 1;
                yield 0.25 * strength * u * u;
            }
        };
    }

    /** V_i′(x). */
    public double derivative(double x) {
        return switch (kind) {
            case NONE -> 0;
            case MASS -> strength * x;
            case DOUBLE_WELL -> strength * x * (x * x - 1);
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NONE -> "none";
            case MASS -> "mass(m=" + strength + ")";
            case DOUBLE_WELL -> "double-well(kappa=" + strength + ")";
        };
    }
}
