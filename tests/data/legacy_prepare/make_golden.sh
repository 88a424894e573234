#!/usr/bin/env bash
# Regenerates the golden outputs in this folder by running the real legacy tool,
#   openai tools fine_tunes.prepare_data -f INPUT -q        (openai 0.28.1)
# on a copy of each input in a temporary folder (the tool writes beside its input), then copying back the
# *_prepared*.jsonl files it wrote, its stdout (stdout.txt) and, when not empty, its stderr (stderr.txt).
# The inputs are hand-made and committed; this script never changes them.
#
# Not run in CI (it needs the legacy SDK and pandas in a separate virtualenv). Usage, from anywhere:
#   tests/data/legacy_prepare/make_golden.sh
# LEGACY_VENV (default /tmp/legacy-venv) is created with uv when it has no `openai` command yet, with the
# versions the golden files were made with (pandas 2.1 / numpy 1.26: what openai 0.28.1 was used with in 2023).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
VENV=${LEGACY_VENV:-/tmp/legacy-venv}
PYTHON=${LEGACY_PYTHON:-python3.11}

if [ ! -x "$VENV/bin/openai" ]; then
    uv venv "$VENV" --python "$PYTHON"
    uv pip install --python "$VENV/bin/python" \
        "openai==0.28.1" "pandas==2.1.1" "numpy==1.26.0" "openpyxl==3.1.2"
fi

# run_case FOLDER INPUT [NAME_ALREADY_TAKEN...]
run_case() {
    local folder=$1 input=$2
    shift 2
    local work
    work=$(mktemp -d)
    cp "$HERE/$folder/$input" "$work/"
    for taken in "$@"; do
        : >"$work/$taken" # an existing output, so the tool picks the next free name
    done
    rm -f "$HERE/$folder"/*_prepared*.jsonl "$HERE/$folder/stdout.txt" "$HERE/$folder/stderr.txt"
    local status=0
    # PYTHONWARNINGS=ignore: pandas' SettingWithCopyWarning noise on stderr is not the tool's output.
    (cd "$work" && PYTHONWARNINGS=ignore "$VENV/bin/openai" tools fine_tunes.prepare_data -f "$input" -q \
        >stdout.txt 2>stderr.txt) || status=$?
    mv "$work/stdout.txt" "$HERE/$folder/stdout.txt"
    if [ -s "$work/stderr.txt" ]; then
        mv "$work/stderr.txt" "$HERE/$folder/stderr.txt"
    fi
    for taken in "$@"; do
        rm "$work/$taken"
    done
    for output in "$work"/*_prepared*.jsonl; do
        if [ -e "$output" ]; then
            mv "$output" "$HERE/$folder/"
        fi
    done
    rm -rf "$work"
    echo "$folder/$input: exit status $status"
}

run_case seed content.xlsx
run_case classification reviews.csv
run_case multiclass topics.jsonl topics_prepared_train.jsonl
run_case generation summaries.jsonl
run_case long_dups faq.csv
run_case upper shouting.tsv
run_case open_txt poems.txt
run_case open_jsonl stories.jsonl
run_case json_array qa.json
run_case already_prepared ready.jsonl
run_case identical_prompts same.csv

"$VENV/bin/python" -c 'import numpy, openai, openpyxl, pandas, sys
print("python", sys.version.split()[0], "openai", openai.version.VERSION, "pandas", pandas.__version__,
      "numpy", numpy.__version__, "openpyxl", openpyxl.__version__)'
