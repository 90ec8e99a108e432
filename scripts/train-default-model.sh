#!/usr/bin/env bash
# Trains one of Plaque's shipped 3D U-Nets exactly as its model card says, from ../shared/data:
# lesjak2017_cross_sectional_mni patient07 + patient19 (1 mm MNI, skull-stripped) plus synthetic lesions
# pasted from the lesion masks of lesjak2017_cross_sectional_masks; one network of base width 16, seed 42.
# CPU; checkpoints after each epoch in OUT/checkpoints — rerun with --resume to continue an interrupted run.
# PLAQUE_TRAIN_THREADS sets the PyTorch threads (default 2; use 1 when other jobs share the cores; the shipped
# weights were trained with 1, and the same weights need the same thread count).
# The threshold 0.9 was chosen by the mean leave-one-out Dice of scripts/evaluate-unet.sh (docs/DEEP_LEARNING.md)
# and changes only the card: `--resume` after the last epoch rewrites the bundle without training.
# Usage: scripts/train-default-model.sh [OUT] [--resume]
# CHANNELS picks the model: FLAIR (default) or FLAIR,T1,T2; the bundle is named after them (unet3d-flair,
# unet3d-flair-t1-t2) and copied into plaque-dl/src/main/resources/org/plaque/dl/models/<that name>/ by hand.
set -euo pipefail
# Paths stay relative to the repository, so the card's command holds no machine-specific path.
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data="${PLAQUE_DATA:-../shared/data}"
channels="${CHANNELS:-FLAIR}"
model="unet3d-$(echo "$channels" | tr 'A-Z,' 'a-z-')"
out="${1:-target/$model}"
shift || true
exec ./plaque train --data "$data/lesjak2017_cross_sectional_mni" --arch unet3d --channels "$channels" \
  --patch 48 --inference-patch 96 --overlap 0.25 --batch 2 --width 16 --depth 3 --epochs 60 \
  --steps-per-epoch 40 --loss tversky --normalisation wm-ratio --threshold 0.9 \
  --lesion-library "$data/lesjak2017_cross_sectional_masks" --lesion-file GOLD_STANDARD_MNI.nii.gz \
  --synthetic-copies 8 --seed 42 --threads "${PLAQUE_TRAIN_THREADS:-2}" --name "plaque-$model" \
  --license "CC-BY-4.0 (weights derived from the CC-BY Lesjak et al. 2018 data, doi:10.1007/s12021-017-9348-7)" \
  --out "$out" "$@"
