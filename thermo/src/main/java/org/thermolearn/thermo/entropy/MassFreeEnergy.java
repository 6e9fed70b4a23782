package org.thermolearn.thermo.entropy;

/**
 * φ_m(y; β) = (1/(2β)) ln(e^y + m), the mass-regularised single-mode free energy of theory.md §5.3;
 * φ″ = (1/(2β)) m e^y / (e^y + m)².
 */
public record MassFreeEnergy(double m) implements SingleModeFreeEnergy {

    public MassFreeEnergy {
        if (!(m >= 0) || !Double.isFinite(m)) throw new IllegalArgumentException("mass m = " + m + "; need a finite m >= 0");
    }

    @Override
    public double phi(double y, double beta) { return Math.log(Math.exp(y) + m) / (2 * beta); }

    @Override
    public double phiSecond(double y, double beta) {
        double e = Math.exp(y);
        return m * e / ((e + m) * (e + m)) / (2 * beta);
    }

    @Override
    public String name() { return "mass(m=" + m + ")"; }
}
