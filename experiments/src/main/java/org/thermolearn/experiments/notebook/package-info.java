/**
 * The notebook facade: one import ({@code import org.thermolearn.experiments.notebook.*;}), fluent calls
 * that read well in a cell. Start at {@link org.thermolearn.experiments.notebook.ThermoLearn}. The
 * notebooks in {@code notebooks/} use only this package; its javadoc is their reference.
 */
package org.thermolearn.experiments.notebook;
