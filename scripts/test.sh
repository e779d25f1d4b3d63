#!/usr/bin/env bash
# The test command (README quick start; .ci/run calls it and nothing else).
# Installs what is missing, then builds and runs lint, typecheck, every
# package's tests (Chromium; SQLite and PostgreSQL), the size budgets, the
# generated README tables, the tarballs, a release dry run, the translation
# check and the Storybook build. Ends with "N passed, N failed":
# individual tests plus one check per step.
set -uo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
NEED_CHROMIUM=1 source scripts/ensure-tools.sh
export PG_TEST_URL=${PG_TEST_URL:-$(bash scripts/start-postgres.sh)}

checks_passed=0
checks_failed=0
failed_steps=()
step() {
  local name=$1
  shift
  echo
  echo "== $name"
  if "$@"; then
    checks_passed=$((checks_passed + 1))
  else
    checks_failed=$((checks_failed + 1))
    failed_steps+=("$name")
  fi
}

# --continue: one failing package does not hide the results of the others.
turbo() { pnpm exec turbo "$@" --continue --output-logs=errors-only --log-order=grouped; }

rm -f packages/*/test-results.json apps/*/test-results.json visual/test-results.json
step "no focused tests" node scripts/check-no-only.mjs
step build turbo run build
# Generated docs (from the built manifests and bundles) must match what is committed.
step "readme api" node scripts/readme-api.mjs --check
step "size table" node scripts/size-table.mjs --check
step lint turbo run lint
step "lint scripts" pnpm exec eslint scripts web-test-runner.config.mjs eslint.config.mjs "apps/*/bench/*.mjs" "packages/*/bench/*.mjs"
step typecheck turbo run typecheck
# One package at a time: two Chromium test runs on two cores make timing tests flaky.
step tests turbo run test --concurrency=1
step "size budgets" node scripts/size.mjs
step "packages from tarballs" node scripts/pack-check.mjs
# What `pnpm release` would publish (changeset status + pnpm publish --dry-run), with no registry reached.
step "release dry run" pnpm release:dry-run
step translations node scripts/check-translations.mjs
step storybook turbo run storybook
# Every story of the built Storybook: renders cleanly, plays, passes axe, matches visual/baseline/.
step visual node scripts/visual/run.mjs

# Add up the test counts every package's runner wrote (server tests once per engine).
# A crash of the counting script must not read as "0 failed".
if ! counts=$(node scripts/count-tests.mjs) || ! read -r tests_passed tests_failed tests_skipped <<<"$counts" || [ -z "${tests_skipped:-}" ]; then
  echo "counting the test results failed" >&2
  tests_passed=0 tests_failed=1 tests_skipped=0
fi

echo
echo "== summary ($(( $(date +%s) - started )) s)"
echo "tests: $tests_passed passed, $tests_failed failed, $tests_skipped skipped"
echo "checks: $checks_passed passed, $checks_failed failed${failed_steps:+ (${failed_steps[*]})}"
echo "$((tests_passed + checks_passed)) passed, $((tests_failed + checks_failed)) failed"
[ $((tests_failed + checks_failed + tests_skipped)) -eq 0 ]
