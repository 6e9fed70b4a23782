package org.thermolearn.core.train;

import org.thermolearn.core.network.Network;

/**
 * Everything a {@link Trainer} needs to continue bit-identically: the network, the momentum
 * velocities (null when the optimiser has none yet) and the global step counter.
 */
public record TrainerState(Network network, double[][] velocityW, double[] velocityB, long step) { }
