package org.thermolearn.experiments.reproduce;

import java.util.List;
import java.util.function.Function;

/**
 * One claim of the talk (theory.md §7 and the figures of §2.4, §3.5, §3.6): an id, where it comes from, the claim
 * in one line, the figures that show it, and the code that decides the {@link Verdict} from the runs.
 */
public record Claim(String id, String source, String statement, List<String> figures, Function<Evidence, Verdict> judge) {

    /** The verdict; a judge that throws yields NOT_REPRODUCED with the error as the reason, never a missing row. */
    public Verdict verdict(Evidence e) {
        try {
            Verdict v = judge.apply(e);
            if (v == null) throw new IllegalStateException("no verdict");
            return v;
        } catch (RuntimeException ex) {
            return new Verdict(Verdict.Kind.NOT_REPRODUCED, "could not be evaluated from these runs: " + ex.getMessage(), Verdict.Margin.NONE, List.of(), List.of());
        }
    }
}
