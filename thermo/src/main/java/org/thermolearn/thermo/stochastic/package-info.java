/**
 * Thermodynamics at scale (issue 11): the spectrum of Ĝ (S11) estimated without any dense N×N or
 * (r+R)×(r+R) matrix. {@link org.thermolearn.thermo.stochastic.CompressedOperator} applies the compressed
 * operator A_c of (S36) (or I_R − M_RR of theory.md §8 item 5), its transpose and its inverse (the finite
 * Neumann series of §8 item 6, evaluated as block forward substitution) to blocks of vectors through
 * {@link org.thermolearn.core.linalg.Linalg#gemm}; {@link org.thermolearn.thermo.stochastic.StochasticLanczosQuadrature}
 * runs stochastic Lanczos quadrature (Ubaru, Chen &amp; Saad 2017) on Ĝ_c = A_cᵀA_c for the right tail of
 * ln λ and on Ĝ_c⁻¹ for the left tail, merges the two Krylov spaces of each probe into one extended-Krylov Gauss rule
 * ({@link org.thermolearn.thermo.stochastic.ExtendedKrylovQuadrature}), and gives every scalar of the analysis with a standard error from
 * the spread over Rademacher probes, using the exact block-product traces (P13) and Σ ln κ = 0 (S20) as
 * control variates.
 */
package org.thermolearn.thermo.stochastic;
