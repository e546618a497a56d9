# Sourced by the scripts: puts the project's own tools first on PATH and
# gives them one way to announce and time their steps.
export PATH="$PWD/.tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"

step() { printf '\n==> %s\n' "$*"; }

# `timed LABEL COMMAND...` runs COMMAND and prints how long it took, so a slow
# step on a new machine is visible, not guessed.
timed() {
  local label=$1 start=$SECONDS
  shift
  "$@"
  printf '    %s took %dm%02ds\n' "$label" $(((SECONDS - start) / 60)) $(((SECONDS - start) % 60))
}

# `in_background NAME COMMAND...` starts COMMAND with its output in
# target/logs/NAME.log; `finish NAME` waits for it and shows the log's end if
# it failed. Used to overlap the tool installs with the server build.
declare -A background_jobs=()
in_background() {
  local name=$1
  shift
  mkdir -p target/logs
  "$@" >"target/logs/$name.log" 2>&1 &
  background_jobs[$name]=$!
}
finish() {
  local name=$1 start=$SECONDS
  if ! wait "${background_jobs[$name]}"; then
    tail -n 40 "target/logs/$name.log" >&2
    echo "$name failed; the whole log is target/logs/$name.log" >&2
    return 1
  fi
  unset "background_jobs[$name]"
  if ((SECONDS > start)); then
    printf '    waited %ds for %s\n' $((SECONDS - start)) "$name"
  fi
}
