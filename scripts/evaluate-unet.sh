#!/usr/bin/env bash
# Leave-one-out evaluation of a U-Net recipe on the two labelled MNI subjects of ../shared/data: train on one
# (its synthetic lesions drawn from every mask except the held-out subject's), segment the other with
# `plaque segment --method ARCH`; for unet3d also the shipped (or given) model on a seeded synthetic phantom.
# Prints one JSON line per case (plaque evaluate --json) into OUT/results.jsonl.
# Recipes: ARCH=unet3d (default) is that of scripts/train-default-model.sh; ARCH=unet2d trains on 128² axial
# slices, batch 8, threshold 0.5 (same loss, schedule, normalisation and synthetic lesions).
# Usage: scripts/evaluate-unet.sh OUT [EPOCHS] [STEPS_PER_EPOCH] [MODEL_FOR_PHANTOM]
# Environment: ARCH (unet3d or unet2d), NORMALISATION (wm-ratio, the default, or zscore-brain), FOLDS (default
# "patient07 patient19": the held-out subjects to run), PHANTOM (default on: 0 skips the phantom case),
# PLAQUE_TRAIN_THREADS (PyTorch threads, default 2; run two folds in parallel with 1 each), SEED (default 42),
# MEMBERS (networks per model, seeds SEED, SEED+1, …: default 1), WIDTH (unet3d base width, default
# 16 as shipped), IN_PLACE (copies with a whole library mask pasted in place, --in-place-copies: default 0),
# CHANNELS (input channels in order, default FLAIR as shipped; T1 and T2 are passed to segment when listed).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="${PLAQUE_DATA:-$here/../shared/data}"
out="$(mkdir -p "$1" && cd "$1" && pwd)"
epochs="${2:-60}"
steps="${3:-40}"
phantom_model="${4:-}"
mni="$data/lesjak2017_cross_sectional_mni"
arch="${ARCH:-unet3d}"
case "$arch" in
  unet3d) arch_args=(--patch 48 --inference-patch 96 --batch 2 --width "${WIDTH:-16}" --depth 3 --threshold 0.9
            --members "${MEMBERS:-1}") ;;
  unet2d) arch_args=(--patch 128 --batch 8 --threshold 0.5 --members "${MEMBERS:-1}") ;;
  *) echo "evaluate-unet.sh: ARCH must be unet3d or unet2d, not $arch" >&2; exit 2 ;;
esac
channels="${CHANNELS:-FLAIR}"
plaque="$here/plaque"
: > "$out/results.jsonl"

for held in ${FOLDS:-patient07 patient19}; do
  other=$([ "$held" = patient07 ] && echo patient19 || echo patient07)
  mkdir -p "$out/train-$held"
  ln -sfn "$mni/$other" "$out/train-$held/$other"
  if [ ! -f "$out/model-$held/model.json" ]; then
    resume=()
    [ -f "$out/model-$held/checkpoints/state.json" ] && resume=(--resume)
    "$plaque" train --data "$out/train-$held" --arch "$arch" --channels "$channels" "${arch_args[@]}" \
      --overlap 0.25 --epochs "$epochs" --steps-per-epoch "$steps" --loss tversky \
      --normalisation "${NORMALISATION:-wm-ratio}" \
      --lesion-library "$data/lesjak2017_cross_sectional_masks" --exclude-lesions "$held" \
      --synthetic-copies 8 --in-place-copies "${IN_PLACE:-0}" \
      --seed "${SEED:-42}" --threads "${PLAQUE_TRAIN_THREADS:-2}" --name "loo-without-$held" \
      --out "$out/model-$held" "${resume[@]}" 2> "$out/train-$held.log"
  fi
  extra=()
  for c in T1 T2; do
    if [[ ",$channels," == *",$c,"* ]]; then extra+=("--${c,,}" "$mni/$held/$c.nii.gz"); fi
  done
  "$plaque" segment --flair "$mni/$held/FLAIR.nii.gz" "${extra[@]}" --method "$arch" --model "$out/model-$held" \
    --skull-stripped --threads "${PLAQUE_TRAIN_THREADS:-2}" --out "$out/seg-$held" 2> "$out/seg-$held.log"
  "$plaque" evaluate --pred "$out/seg-$held/lesion_mask.nii.gz" --truth "$mni/$held/GOLD_STANDARD.nii.gz" --json \
    | sed "s/^{/{\"case\":\"$held\",/" >> "$out/results.jsonl"
done

if [ "${PHANTOM:-1}" = 0 ] || [ "$arch" != unet3d ]; then
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
