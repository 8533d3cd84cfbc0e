#!/usr/bin/env bash
# The lifecycle benchmark (docs/benchmarks.md) on both engines in one run: Camunda 7.24 (the default build), then
# Operaton (./mvnw -Poperaton), same PostgreSQL, same settings; both reports side by side in
# target/benchmark/engines.txt. Arguments go to both builds, e.g. -Dbenchmark.projects=200.
set -euo pipefail
cd "$(dirname "$0")/.."
args=(-Dit.test=LifecycleBenchmark "$@")
./mvnw -B -ntp -Pbenchmark verify "${args[@]}"
cp target/benchmark/lifecycle.txt target/benchmark/lifecycle-camunda.txt
./mvnw -B -ntp -Poperaton verify -Doperaton.args="-Pbenchmark ${args[*]}"
cp target/operaton/target/benchmark/lifecycle.txt target/benchmark/lifecycle-operaton.txt
{
  echo "Camunda 7.24 (left) | Operaton (right)"
  paste -d '|' <(cut -c1-88 target/benchmark/lifecycle-camunda.txt | awk '{printf "%-88s\n", $0}') target/benchmark/lifecycle-operaton.txt
} > target/benchmark/engines.txt
cat target/benchmark/engines.txt
