/**
 * Loss functions of the generalised network (theory.md §2): the boundary loss (S3) {@link
 * org.thermolearn.core.loss.BoundaryLoss}, the bulk loss (S4) with an optional neuron-local potential (S6)
 * {@link org.thermolearn.core.loss.BulkLoss} / {@link org.thermolearn.core.loss.Potential}, and its
 * linear-regime approximation (S5) {@link org.thermolearn.core.loss.LinearBulkLoss}. Data are flat row-major
 * arrays (samples × n_in inputs, samples × n_out targets); results are records with per-sample values and
 * training-set means (A15).
 */
package org.thermolearn.core.loss;
