#!/usr/bin/env bash
# The CI part of mutation testing (issue 18, docs/MUTATION.md): PIT over the training step and the
# thermodynamic formulas, with the fast tests that guard them, one thread. Fails (exit != 0) when a
# module's mutation score is below the threshold (default 85 %, -Dmutation.threshold in the poms).
# Reports: core/target/pit-reports/index.html, thermo/target/pit-reports/index.html.
# The full scope (all of loss, network, train, operator, spectrum, ensemble, entropy) is
#   mvn -B -Pmutation -pl core,thermo -am test-compile org.pitest:pitest-maven:mutationCoverage
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
MVN=(mvn -B ${MVN_OFFLINE:-} -Pmutation)

core_classes='org.thermolearn.core.train.Loss,org.thermolearn.core.train.Optimizer,org.thermolearn.core.train.Schedule,org.thermolearn.core.train.Trainer,org.thermolearn.core.network.Activation,org.thermolearn.core.network.Network'
core_tests='org.thermolearn.core.train.HandComputedStepTest,org.thermolearn.core.train.LossAndStepAccountingTest,org.thermolearn.core.train.MiniBatchOrderTest,org.thermolearn.core.network.NetworkTest,org.thermolearn.core.network.ActivationTest'
thermo_classes='org.thermolearn.thermo.ensemble.*,org.thermolearn.thermo.entropy.*'
thermo_tests='org.thermolearn.thermo.ReferenceExtraTest,org.thermolearn.thermo.ReferenceTest,org.thermolearn.thermo.EnsembleEntropyTest,org.thermolearn.thermo.entropy.FreeEnergyQuadratureTest,org.thermolearn.thermo.ensemble.KnownSpectrumTest'

"${MVN[@]}" -pl core test-compile org.pitest:pitest-maven:mutationCoverage \
  -Dmutation.core.targetClasses="$core_classes" -Dmutation.core.targetTests="$core_tests"
"${MVN[@]}" -pl thermo -am test-compile org.pitest:pitest-maven:mutationCoverage -Dmutation.skipCore=true \
  -Dmutation.thermo.targetClasses="$thermo_classes" -Dmutation.thermo.targetTests="$thermo_tests"
