#!/usr/bin/env bash
# Leave-one-out evaluation of the 3D U-Net recipe of scripts/train-default-model.sh on the two labelled MNI
# subjects of ../shared/data (train on one — its synthetic lesions drawn from every mask except the held-out
# subject's — and segment the other with `plaque segment --method unet3d`), plus the shipped (or given) model on
# a seeded synthetic phantom. Prints one JSON line per case (plaque evaluate --json) into OUT/results.jsonl.
# Usage: scripts/evaluate-unet3d.sh OUT [EPOCHS] [STEPS_PER_EPOCH] [MODEL_FOR_PHANTOM]
# Environment: FOLDS (default "patient07 patient19": the held-out subjects to run), PHANTOM (default on: 0 skips
# the phantom case), PLAQUE_TRAIN_THREADS (PyTorch threads, default 2; run two folds in parallel with 1 each).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PLAQUE_DATA:-$here/../shared/data}"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
epochs="${2:-20}"
steps="${3:-40}"
phantom_model="${4:-}"
mni="$data/lesjak2017_cross_sectional_mni"
plaque="$here/plaque"
: > "$out/results.jsonl"

for held in ${FOLDS:-patient07 patient19}; do
  other=$([ "$held" = patient07 ] && echo patient19 || echo patient07)
  mkdir -p "$out/train-$held"
  ln -sfn "$mni/$other" "$out/train-$held/$other"
  if [ ! -f "$out/model-$held/model.json" ]; then
    resume=()
    [ -f "$out/model-$held/checkpoints/state.json" ] && resume=(--resume)
    "$plaque" train --data "$out/train-$held" --arch unet3d --channels FLAIR --patch 48 --inference-patch 96 \
      --overlap 0.25 --batch 2 --width 8 --depth 3 --epochs "$epochs" --steps-per-epoch "$steps" --loss tversky \
      --threshold 0.9 \
      --lesion-library "$data/lesjak2017_cross_sectional_masks" --exclude-lesions "$held" \
      --synthetic-copies 4 --seed 42 --threads "${PLAQUE_TRAIN_THREADS:-2}" --name "loo-without-$held" \
      --out "$out/model-$held" "${resume[@]}" 2> "$out/train-$held.log"
  fi
  "$plaque" segment --flair "$mni/$held/FLAIR.nii.gz" --method unet3d --model "$out/model-$held" \
    --skull-stripped --threads "${PLAQUE_TRAIN_THREADS:-2}" --out "$out/seg-$held" 2> "$out/seg-$held.log"
  "$plaque" evaluate --pred "$out/seg-$held/lesion_mask.nii.gz" --truth "$mni/$held/GOLD_STANDARD.nii.gz" --json \
    | sed "s/^{/{\"case\":\"$held\",/" >> "$out/results.jsonl"
done

if [ "${PHANTOM:-1}" = 0 ]; then
  cat "$out/results.jsonl"
  exit 0
fi
"$plaque" phantom --out "$out/phantom" --seed 11 > /dev/null
model_args=()
[ -n "$phantom_model" ] && model_args=(--model "$phantom_model")
"$plaque" segment --flair "$out/phantom/flair.nii.gz" --atlas "$out/phantom/atlas" --method unet3d \
  "${model_args[@]}" --threads 2 --out "$out/seg-phantom" 2> "$out/seg-phantom.log"
"$plaque" evaluate --pred "$out/seg-phantom/lesion_mask.nii.gz" --truth "$out/phantom/lesion_mask.nii.gz" --json \
  | sed 's/^{/{"case":"phantom",/' >> "$out/results.jsonl"
cat "$out/results.jsonl"
