package org.thermolearn.thermo.entropy;

import org.apache.commons.math3.special.Erf;

/**
 * φ_box(y; β, a) = −β^{-1} ln[ √(2π/(β e^y)) · erf( a √(β e^y / 2) ) ] (theory.md (S32)): the exact
 * one-mode integral ∫_{−a}^{a} e^{−βλs²/2} ds with λ = e^y. Default of (S31) with a = 1.
 *
 * <p>With u = β e^y and z = a√(u/2) (dz/dy = z/2): φ = −β^{-1}[½ ln 2π − ½ ln u + ln erf z], and
 * with h(z) = z e^{−z²}/(√π erf z): φ′ = −β^{-1}(h(z) − ½), φ″ = −β^{-1} h′(z) z/2,
 * h′(z) = e^{−z²}(1 − 2z²)/(√π erf z) − 2z e^{−2z²}/(π erf² z); series h′ ≈ −2z/3 for z &lt; 1e-4.
 */
public record BoxFreeEnergy(double a) implements SingleModeFreeEnergy {

    public BoxFreeEnergy {
        if (!(a > 0) || !Double.isFinite(a)) throw new IllegalArgumentException("box half-width a = " + a + "; must be positive");
    }

    /** a = 1, the range of tanh states. */
    public static BoxFreeEnergy standard() { return new BoxFreeEnergy(1.0); }

    @Override
    public double phi(double y, double beta) {
        double u = beta * Math.exp(y);
        double z = a * Math.sqrt(u / 2);
        double lnErf;
        if (z < 1e-8) lnErf = Math.log(2 / Math.sqrt(Math.PI)) + Math.log(a) + 0.5 * (Math.log(beta) + y - Math.log(2));
        else lnErf = Math.log(Erf.erf(z));
        return -(0.5 * Math.log(2 * Math.PI) - 0.5 * (Math.log(beta) + y) + lnErf) / beta;
    }

    @Override
    public double phiSecond(double y, double beta) {
        double z = a * Math.sqrt(beta * Math.exp(y) / 2);
        double hp;
        if (z < 1e-4) hp = -2 * z / 3;
        else if (z > 40) hp = 0;
        else {
            double e = Math.exp(-z * z);
            double erf = Erf.erf(z);
            hp = e * (1 - 2 * z * z) / (Math.sqrt(Math.PI) * erf) - 2 * z * e * e / (Math.PI * erf * erf);
        }
        return -hp * z / 2 / beta;
    }

    @Override
    public String name() { return "box(a=" + a + ")"; }
}
