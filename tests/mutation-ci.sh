#!/usr/bin/env bash
# The CI part of mutation testing (issue 18, docs/MUTATION.md): PIT over the training step, the operator Ĝ and its
# spectrum and the thermodynamic formulas, each with the fast tests that guard it, one thread, one Maven reactor run.
# The claim judges (experiments: Claims, Claim, Verdict, with the ClaimJudges* tests) run in the same reactor.
# Fails (exit != 0) when a module's mutation score is below the threshold (default 85 %,
# -Dmutation.threshold in the poms); --fail-at-end so every module's score is printed.
# Reports: core/, thermo/ and experiments/target/pit-reports/ (index.html).
# The full scope (all of loss, network, train; operator, spectrum, ensemble, entropy, metric; the claim judges) is
#   mvn -B -Pmutation -pl core,thermo,experiments test-compile org.pitest:pitest-maven:mutationCoverage
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MVN=(mvn -B ${MVN_OFFLINE:-} -Pmutation --fail-at-end)

p=org.thermolearn
core_classes="$p.core.train.Loss,$p.core.train.Optimizer,$p.core.train.Schedule,$p.core.train.Trainer,$p.core.network.Activation,$p.core.network.Network"
core_tests="$p.core.train.HandComputedStepTest,$p.core.train.LossAndStepAccountingTest,$p.core.train.MiniBatchOrderTest,$p.core.network.NetworkTest,$p.core.network.ActivationTest"
thermo_classes="$p.thermo.ensemble.*,$p.thermo.entropy.*,$p.thermo.spectrum.*,$p.thermo.operator.*"
thermo_tests="$p.thermo.ReferenceExtraTest,$p.thermo.ReferenceTest,$p.thermo.EnsembleEntropyTest,$p.thermo.entropy.FreeEnergyQuadratureTest,$p.thermo.entropy.LaplacianExcessTest,$p.thermo.ensemble.KnownSpectrumTest,$p.thermo.ensemble.GaussianEntropyS0Test,$p.thermo.spectrum.SpectrumOracleTest,$p.thermo.operator.OperatorOracleTest"

"${MVN[@]}" -pl core,thermo,experiments test-compile org.pitest:pitest-maven:mutationCoverage \
  -Dmutation.core.targetClasses="$core_classes" -Dmutation.core.targetTests="$core_tests" \
  -Dmutation.thermo.targetClasses="$thermo_classes" -Dmutation.thermo.targetTests="$thermo_tests"
