#!/usr/bin/env bash
# The pre-commit hook (.pre-commit-hooks.yaml) in a repository laid out as a user's is:
# cases/*.yaml next to a GitHub workflow and a .pre-commit-config.yaml. pre-commit (from
# PyPI, ci/tools.txt) runs `try-repo <checkout> bcalc-check --all-files` there, and
#   1. with cases/2023.yaml and cases/minimal.yaml (examples/minimal.yaml) the hook
#      passes and bcalc checked exactly those 2 files: the workflow and the config are
#      never fed to it (with the old `files: \.(yaml|yml)$` it checked 4 and failed on
#      both). 2023 passes with its one warning (BC402); 2026 cannot be in this run since
#      bcalc checks its claims: its "ca. 10,5" kr. per kr. is a real slip (BC401);
#   2. with cases/2021.yaml and cases/2026.yaml added the hook fails on their real
#      errors (BC106, BC401), bcalc checked 4 files, and the workflow and the config are
#      still never mentioned.
#
#     ci/precommit-smoke.sh [CHECKOUT]     # default: the checkout holding this script
#
# The checkout is tested at its HEAD commit, passed to try-repo as --ref: without it,
# try-repo would commit the checkout's uncommitted changes to tracked files (not new
# files) into a shadow repository and test that mix. Uncommitted changes are not tested;
# in CI (a fresh clone) there are none. Needs git, python3 and PyPI (pre-commit itself,
# and the hook's environment: bcalc's dependencies). Leaves nothing behind: the scratch
# repository, pre-commit's venv and its store (PRE_COMMIT_HOME) are in a temp folder.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
checkout="$(cd "${1:-$here/..}" && pwd)"
rev="$(git -C "$checkout" rev-parse HEAD)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/store"   # not the user's ~/.cache/pre-commit

fail() {
  echo "precommit-smoke: FAILED: $*" >&2
  exit 1
}

echo "precommit-smoke: testing $checkout at $rev"
if [[ -n "$(git -C "$checkout" status --porcelain --untracked-files=no)" ]]; then
  echo "precommit-smoke: note: uncommitted changes in $checkout are not tested (HEAD is)"
fi

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --disable-pip-version-check \
  "$(grep -E '^pre-commit==' "$here/tools.txt" | cut -d' ' -f1)"
pre_commit="$work/venv/bin/pre-commit"

# The scratch repository: the case files as committed at HEAD, a workflow, a config.
repo="$work/repo"
mkdir -p "$repo/cases" "$repo/.github/workflows"
git -C "$checkout" show "$rev:cases/2023.yaml" > "$repo/cases/2023.yaml"
git -C "$checkout" show "$rev:examples/minimal.yaml" > "$repo/cases/minimal.yaml"
cat > "$repo/.github/workflows/ci.yml" <<'YAML'
name: bcalc
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with: {python-version: "3.12"}
      - run: pip install "bcalc @ git+https://github.com/<owner>/bcalc"
      - run: bcalc check --format github cases/
YAML
cat > "$repo/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $checkout
    rev: $rev
    hooks:
      - id: bcalc-check
YAML
git -C "$repo" init --quiet
git -C "$repo" add .

# try-repo's own store is a fresh temp folder, so each run builds the hook's environment.
try_repo() {
  (cd "$repo" && "$pre_commit" try-repo "$checkout" bcalc-check --ref "$rev" \
    --all-files --verbose --color never 2>&1)
}

# The files that must never reach bcalc are not named in what the hook printed (from
# its "- hook id:" line on; try-repo's config above it names the checkout).
assert_only_cases() {
  local hook_output name
  hook_output="$(sed -n '/^- hook id: bcalc-check/,$p' <<<"$1")"
  [[ -n $hook_output ]] || fail "no hook output (--verbose)"
  for name in ci.yml .github .pre-commit-config; do
    if grep -qF -- "$name" <<<"$hook_output"; then
      fail "the hook's output mentions $name"
    fi
  done
}

echo "precommit-smoke: run 1: cases/2023.yaml, cases/minimal.yaml (must pass)"
status=0
output="$(try_repo)" || status=$?
echo "$output"
[[ $status -eq 0 ]] || fail "run 1: pre-commit exited $status, expected 0"
grep -qE '(^|[^0-9])2 files checked' <<<"$output" || fail "run 1: bcalc did not check exactly 2 files"
assert_only_cases "$output"

echo "precommit-smoke: run 2: cases/2021.yaml and cases/2026.yaml added (must fail: BC106, BC401)"
for year in 2021 2026; do
  git -C "$checkout" show "$rev:cases/$year.yaml" > "$repo/cases/$year.yaml"
done
git -C "$repo" add cases/2021.yaml cases/2026.yaml
status=0
output="$(try_repo)" || status=$?
echo "$output"
[[ $status -eq 1 ]] || fail "run 2: pre-commit exited $status, expected 1 (a hook failed)"
grep -qE '^cases/2021\.yaml:[0-9]+:[0-9]+: BC106 ' <<<"$output" || fail "run 2: no BC106 on 2021"
grep -qE '^cases/2026\.yaml:[0-9]+:[0-9]+: BC401 ' <<<"$output" || fail "run 2: no BC401 on 2026"
grep -qE '(^|[^0-9])4 files checked' <<<"$output" || fail "run 2: bcalc did not check exactly 4 files"
assert_only_cases "$output"

echo "precommit-smoke: ok (only cases/ was checked; the real errors of 2021 and 2026 fail the hook)"
