package org.thermolearn.experiments.config;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The epochs at which a run is measured. "log" (default, theory.md §6.2): 0, 1, 3, 10, 30, 100, 300,
 * 1000, 3000, 10 000 up to the last epoch, plus the last epoch itself; "every:K": 0, K, 2K, … and the
 * last; or an explicit list "0,2,5". Epoch 0 is the initial network.
 */
public record CheckpointSchedule(List<Integer> epochs) {

    public CheckpointSchedule {
        epochs = List.copyOf(epochs);
    }

    public static CheckpointSchedule parse(String spec, int lastEpoch) {
        TreeSet<Integer> e = new TreeSet<>();
        String s = spec.trim();
        if (s.equals("log")) {
            for (long base = 1; base <= lastEpoch; base *= 10) {
                e.add((int) base);
                if (3 * base <= lastEpoch) e.add((int) (3 * base));
            }
        } else if (s.startsWith("every:")) {
            int k;
            try {
                k = Integer.parseInt(s.substring(6).trim());
            } catch (NumberFormatException ex) {
                throw new IllegalArgumentException("'" + spec + "': write every:K with a positive integer K");
            }
            if (k < 1) throw new IllegalArgumentException("'" + spec + "': K must be ≥ 1");
            for (int x = k; x <= lastEpoch; x += k) e.add(x);
        } else {
            for (String p : s.split(",")) {
                try {
                    int x = Integer.parseInt(p.trim());
                    if (x < 0 || x > lastEpoch) throw new IllegalArgumentException("checkpoint epoch " + x + " is outside 0.." + lastEpoch);
                    e.add(x);
                } catch (NumberFormatException ex) {
                    throw new IllegalArgumentException("'" + spec + "': use log, every:K or a list of epochs like 0,1,5");
                }
            }
        }
        e.add(0);
        e.add(lastEpoch);
        return new CheckpointSchedule(new ArrayList<>(e));
    }

    public boolean contains(int epoch) { return epochs.contains(epoch); }
}
