package org.thermolearn.thermo.record;

import java.nio.file.Path;
import java.util.Map;

/** Child process of {@link KillAndOverheadTest}: appends metrics and spectra until killed. */
final class KillTarget {

    private KillTarget() { }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        MetricsWriter m = MetricsWriter.create(RunFiles.metrics(dir), Fixtures.columns(), Fixtures.provenance());
        SpectraWriter s = SpectraWriter.create(RunFiles.spectra(dir), Map.of());
        for (int k = 0; ; k++) {
            m.append(Fixtures.row(k));
            s.append(Fixtures.spectrum(k));
            System.out.println("appended " + k);
            System.out.flush();
        }
    }
}
