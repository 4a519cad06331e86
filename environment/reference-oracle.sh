#!/usr/bin/env bash
# reference-oracle.sh: the reference PIDReg (PyTorch, zhaozhaoma/PIDReg on GitHub) beside the kit's PIDReg, on the
# same rows. It exports the kit's SuperCon rebuild (11,939 rows) as a plain CSV in the reference's column layout
# (0-80 physical, 81-166 elements, 167 Tc), trains the kit on it (`pidreg fit`, same epochs, seed 1234), trains the
# reference on it (its main.py with its defaults, seed 1234 fixed inside main.py), and prints both test RMSEs and
# both per-epoch training and validation curves in one table. An oracle for the accuracy comparison, outside the test suite.
#
# Same split: the kit's `fit --out` writes predictions.csv (every data row's part: train, validation or test). The
# reference splits its CSV with sklearn's train_test_split (random_state 42: 20 % test, then 12.5 % of the rest for
# validation), which depends only on the row count, so this script hands the reference a copy of the CSV with the rows
# reordered such that sklearn's train, validation and test positions hold exactly the kit's train, validation and test
# rows (checked before the run). Both then train and validate on the same rows and report RMSE on the same test rows;
# only the reference's scalers differ (it fits them on all rows, the kit on the training rows).
#
# Usage: bash environment/reference-oracle.sh REFERENCE_DIR [--epochs N] [--model NAME] [--work DIR] [--table-only]
#   REFERENCE_DIR  an extracted checkout of the reference (main.py, modules/, src/). The repository does not hold
#                  its code and never should; its data/sample.csv may be absent (this script supplies the CSV).
#   --epochs N     epochs for both (default 60; the reference's own default is 200). Both early-stop at patience 30.
#   --model NAME   the kit's model (default pidreg: the kit's defaults; any `pidreg fit --model` name).
#   --work DIR     scratch folder for the CSV, logs and checkpoints (default ${TMPDIR:-/tmp}/pidreg-oracle).
#   --table-only   rerun nothing: print the table from the logs already in --work.
#
# Needs: the .NET 10 SDK, and Debian's python3-torch, python3-sklearn, python3-scipy, python3-pandas, python3-tqdm
# and python3-matplotlib (the reference imports it), run by /usr/bin/python3 (the python3 first on PATH may be
# another interpreter). When they are missing and this runs as root, it installs them with apt-get. It fetches
# nothing else at run time: no reference code, no data (the CSV comes from the kit's shipped data/supercon).
# Time on 2 cores, 60 epochs: the kit a few minutes, the reference 10 minutes or more (longer on a busy machine).
set -euo pipefail

usage() { sed -n '8,14p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
[[ $# -ge 1 && $1 != -* ]] || usage
reference=$(cd "$1" 2>/dev/null && pwd) || { echo "reference-oracle: '$1' is not a folder" >&2; exit 2; }
shift
epochs=60 model=pidreg work=${TMPDIR:-/tmp}/pidreg-oracle table_only=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --epochs) epochs=${2:?--epochs needs a number}; shift 2 ;;
        --model) model=${2:?--model needs a name}; shift 2 ;;
        --work) work=${2:?--work needs a folder}; shift 2 ;;
        --table-only) table_only=true; shift ;;
        *) echo "reference-oracle: unknown argument '$1'" >&2; usage ;;
    esac
done
[[ $epochs =~ ^[1-9][0-9]*$ ]] || { echo "reference-oracle: --epochs must be a positive integer, got '$epochs'" >&2; exit 2; }
for f in main.py modules/PIDRegModel.py modules/PIDRegTrainer.py modules/CMICalculator.py src/pid.py; do
    [[ -f $reference/$f ]] || { echo "reference-oracle: $reference has no $f; pass an extracted checkout of the reference" >&2; exit 2; }
done
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=/usr/bin/python3
mkdir -p "$work"
work=$(cd "$work" && pwd)

if ! $table_only; then
    if ! $python -c 'import torch, sklearn, scipy, pandas, tqdm, matplotlib' 2>/dev/null; then
        [[ $(id -u) -eq 0 ]] || { echo "reference-oracle: as root, apt-get install python3-torch python3-sklearn python3-scipy python3-pandas python3-tqdm python3-matplotlib" >&2; exit 1; }
        apt-get update -q
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-torch python3-sklearn python3-scipy python3-pandas python3-tqdm python3-matplotlib
    fi

    failed() { echo "reference-oracle: the $1 run failed; the end of $2:" >&2; tail -n 5 "$2" >&2; exit 1; }
    pidreg() { dotnet run --project "$repo/src/PidReg.Cli" -c Release -- "$@"; }
    csv=$work/supercon.csv
    rm -f "$csv"
    echo "== exporting the SuperCon rebuild to $csv" >&2
    pidreg datasets export supercon --out "$csv" >&2

    echo "== kit: pidreg fit --model $model --epochs $epochs --seed 1234 (progress in $work/kit.err)" >&2
    rm -rf "$work/kit"
    start=$SECONDS
    pidreg fit --data "$csv" --target 167 --x1 0-80 --x2 81-166 --model "$model" --epochs "$epochs" --seed 1234 \
        --out "$work/kit" --json > "$work/kit.json" 2> "$work/kit.err" || failed kit "$work/kit.err"
    echo "   $((SECONDS - start)) s" >&2

    echo "== reference: main.py --n_epochs $epochs on the kit's split (log in $work/reference.log)" >&2
    rm -rf "$work/reference"
    mkdir -p "$work/reference/data"
    # main.py reads <data_path>/sample.csv: the kit's CSV with its rows placed where sklearn's split puts each part.
    $python - "$csv" "$work/kit/predictions.csv" "$work/reference/data/sample.csv" 2> "$work/split.err" <<'SPLIT' || failed "same-split reordering" "$work/split.err"
import sys
import numpy as np
import pandas as pd
from sklearn.model_selection import train_test_split
source, predictions, target = sys.argv[1:4]
data = pd.read_csv(source)
parts = pd.read_csv(predictions).set_index("row")["part"].reindex(range(len(data)))
if parts.isna().any():
    sys.exit(f"{predictions} does not list every data row of {source}")
def sklearn_positions(n):  # exactly the reference's csv_data_loader: 20 % test, then 0.1 / 0.8 of the rest
    train, test = train_test_split(np.arange(n), test_size=0.2, random_state=42)
    train, validation = train_test_split(train, test_size=0.1 / 0.8, random_state=42)
    return {"train": train, "validation": validation, "test": test}
positions = sklearn_positions(len(data))
order = np.empty(len(data), dtype=int)
for part, where in positions.items():
    rows = np.flatnonzero(parts.to_numpy() == part)
    if len(rows) != len(where):
        sys.exit(f"the kit's {part} part has {len(rows)} rows, sklearn's {len(where)}: the fractions differ")
    order[where] = rows
data.iloc[order].to_csv(target, index=False)
check = sklearn_positions(len(data))
for part, where in check.items():
    assert set(order[where]) == set(np.flatnonzero(parts.to_numpy() == part)), part
print(f"reference CSV: {len(data)} rows reordered so that sklearn's split equals the kit's", file=sys.stderr)
SPLIT
    start=$SECONDS
    # modules/ on the path: PIDRegModel.py imports CMICalculator as a top-level module. No bytecode in the checkout.
    (cd "$reference" && PYTHONPATH="$reference/modules" PYTHONDONTWRITEBYTECODE=1 $python main.py \
        --data_path "$work/reference/data" --result_dir "$work/reference" --n_epochs "$epochs" \
        > "$work/reference.log" 2> "$work/reference.err") || failed reference "$work/reference.err"
    echo "   $((SECONDS - start)) s" >&2
fi

$python - "$work" <<'PY'
import json, re, sys
work = sys.argv[1]

# The reference's stdout: "Epoch k/N" headers; in each, the training summary ("pred_loss: v" after "Summary:"),
# the fusion weights, "Validation Results:" with total_loss and pred_loss, and markers for the freeze and new bests.
ref, epoch, section = {}, None, None
test = {}
for line in open(f"{work}/reference.log", encoding="utf-8"):
    line = line.strip()
    if m := re.match(r"^Epoch (\d+)/\d+$", line):
        epoch, section = int(m[1]), None
        ref[epoch] = {"stage": 1}
    elif line.endswith("Summary:"):
        section = "train"
    elif line == "Validation Results:":
        section = "val"
    elif line.startswith("Evaluating model on test set"):
        epoch, section = None, "test"
    elif section == "test" and (m := re.match(r"^(RMSE|R2): ([-\d.eE+]+)$", line)):
        test.setdefault(m[1], float(m[2]))
    elif epoch is None:
        continue
    elif m := re.match(r"^(pred_loss|total_loss): ([-\d.eE+naif]+)$", line):
        if section:
            ref[epoch][f"{section}_{m[1]}"] = float(m[2])
    elif m := re.match(r"^Current Fusion Weights: w1=([\d.]+), w2=([\d.]+), w3=([\d.]+)", line):
        ref[epoch]["w"] = tuple(float(v) for v in m.groups())
    elif "reached stability criteria" in line:
        ref[epoch]["froze"] = True
    elif line.startswith("New best model"):
        ref[epoch]["best"] = True
    elif m := re.search(r"reducing learning rate of group 0 to (\d[\d.]*(?:e[-+]?\d+)?)", line):
        ref[epoch]["lr"] = float(m[1])
frozen_ref = next((e for e in sorted(ref) if ref[e].get("froze")), None)
for e in ref:
    if frozen_ref is not None and e > frozen_ref:
        ref[e]["stage"] = 2
best_ref = max((e for e in ref if ref[e].get("best")), default=None)

history = json.load(open(f"{work}/kit/history.json", encoding="utf-8"))
kit = {r["Epoch"]: r for r in history["Epochs"]}
result = json.load(open(f"{work}/kit.json", encoding="utf-8"))

def num(v, fmt="{:.4f}"):
    return "-" if v is None else fmt.format(v)

def weights(w):
    return "-" if w is None else "({:.2f},{:.2f},{:.2f})".format(*w)

print("Test RMSE on the same test rows (the reference's CSV is reordered so that its sklearn split equals the kit's):")
print(f"  reference  RMSE {num(test.get('RMSE'))} K  R2 {num(test.get('R2'))}  "
      f"({len(ref)} epochs, best validation total loss at {best_ref}, weights frozen at {frozen_ref})")
print(f"  kit        RMSE {num(result['metrics']['rmse'])} K  R2 {num(result['metrics']['r2'])}  "
      f"({len(kit)} epochs, best validation MSE at {history['BestEpoch']}, weights frozen at {history['FrozenAtEpoch']})")
print()
print("Per epoch, standardised target. ref val MSE: mean of batch MSEs with the bottleneck noise on (the reference")
print("validates through forward(), which always adds it); ref val total: + 0.1 CS + 0.1 CMI, what it early-stops on.")
print("kit val MSE: evaluation mode, no noise, what it early-stops on. S = stage (2 after the freeze), * = new best")
print("of what each early-stops on (its checkpoint), F = weights froze after this epoch. weights: those validated with.")
header = f"{'epoch':>5} | {'S':>1} {'train MSE':>9} {'val MSE':>8} {'val total':>9} {'weights':>16} {'':2} | {'S':>1} {'train MSE':>9} {'val MSE':>8} {'weights':>16} {'':2}"
print(f"{'':5} | {'reference':^51} | {'kit':^41}")
print(header)
print("-" * len(header))
kit_best, running = set(), float("inf")
for e in sorted(kit):
    if kit[e]["ValidationMse"] < running:
        running = kit[e]["ValidationMse"]
        kit_best.add(e)
for e in range(1, max([0, *ref, *kit]) + 1):
    r, k = ref.get(e, {}), kit.get(e)
    ref_marks = ("*" if r.get("best") else "") + ("F" if r.get("froze") else "")
    ref_cells = (f"{r.get('stage', ''):>1} {num(r.get('train_pred_loss')):>9} {num(r.get('val_pred_loss')):>8} "
                 f"{num(r.get('val_total_loss')):>9} {weights(r.get('w')):>16} {ref_marks:2}") if r else f"{'':51}"
    if k:
        kit_marks = ("*" if e in kit_best else "") + ("F" if e == history["FrozenAtEpoch"] else "")
        w = k["Weights"]
        kit_cells = f"{k['Stage']:>1} {num(k['Mse']):>9} {num(k['ValidationMse']):>8} {weights((w['W1'], w['W2'], w['W3'])):>16} {kit_marks:2}"
    else:
        kit_cells = f"{'':41}"
    print(f"{e:>5} | {ref_cells} | {kit_cells}".rstrip())
cuts_ref = [f"{e}: {ref[e]['lr']:g}" for e in sorted(ref) if "lr" in ref[e]]
cuts_kit = [f"{b['Epoch']}: {b['LearningRate']:g}" for a, b in zip(history["Epochs"], history["Epochs"][1:]) if b["LearningRate"] < a["LearningRate"]]
print()
print("learning-rate cuts (reference: after epoch; kit: in effect from epoch):")
print("  reference  " + (", ".join(cuts_ref) or "none"))
print("  kit        " + (", ".join(cuts_kit) or "none"))
PY
