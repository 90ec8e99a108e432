#!/usr/bin/env bash
# bench-vs-itk.sh INPUT.nii.gz [threads]
#
# Times Plaque against the ITK 5.2 yardstick programs of ../shared/peers on the same input, with the same
# parameters and thread count, in one run: each filter's ITK program and the matching `./plaque` command
# run alternately RUNS times; the table gives median whole-process wall and CPU (user + system) seconds,
# the Plaque/ITK ratios (below 1 = Plaque faster) and the relative RMS difference of the outputs.
#
# Filters: anisotropic diffusion and curvature diffusion (10 iterations, conductance 1.0, time step
# 0.0625), bilateral (domain 1 mm, range = 10 % of the 99th percentile of voxels > 0, as bench.sh),
# N4 (Otsu mask, shrink 4, 50x50x50x50, 0.001, 200 mm).
#
# Environment:
#   RUNS=3            runs per program
#   PLAQUE_PEERS=../peers  a writable copy of ../shared/peers with itk/build; made and built when missing
#                     (needs the packages of ../shared/peers/install.sh; about 3 min)
#   KEEP=DIR          keep outputs in DIR (default: a temporary folder)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
INPUT="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
THREADS="${2:-2}"
RUNS="${RUNS:-3}"
PEERS="${PLAQUE_PEERS:-$REPO/../peers}"
[ -f "$INPUT" ] || { echo "no such input: $INPUT" >&2; exit 2; }

if [ ! -x "$PEERS/itk/build/n4" ]; then
  [ -d "$PEERS" ] || { cp -r "$REPO/../shared/peers" "$PEERS"; chmod -R u+w "$PEERS"; }
  echo "building the ITK peers in $PEERS (about 3 min)" >&2
  (cd "$PEERS" && ./build.sh) >&2
fi
PY=/usr/bin/python3
"$PY" -c 'import numpy, nibabel' 2>/dev/null || PY=python3

if [ -n "${KEEP:-}" ]; then WORK="$KEEP"; mkdir -p "$WORK"; else WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT; fi
"$REPO/plaque" --version >/dev/null   # builds the CLI once, outside the timings

RANGE="$("$PY" - "$INPUT" <<'PYEOF'
import sys, numpy as np, nibabel as nib
d = np.asanyarray(nib.load(sys.argv[1]).dataobj, dtype=np.float64)
print("%.3g" % (0.1 * np.percentile(d[d > 0], 99)))
PYEOF
)"
B="$PEERS/itk/build"
declare -A ITK PLQ
ITK[anisotropic]="$B/anisotropic_diffusion $INPUT $WORK/itk_anisotropic.nii.gz 10 1.0 0.0625 --threads $THREADS"
PLQ[anisotropic]="$REPO/plaque denoise $INPUT $WORK/plq_anisotropic.nii.gz --method anisotropic --threads $THREADS"
ITK[curvature]="$B/curvature_diffusion $INPUT $WORK/itk_curvature.nii.gz 10 1.0 0.0625 --threads $THREADS"
PLQ[curvature]="$REPO/plaque denoise $INPUT $WORK/plq_curvature.nii.gz --method curvature --threads $THREADS"
ITK[bilateral]="$B/bilateral $INPUT $WORK/itk_bilateral.nii.gz 1.0 $RANGE --threads $THREADS"
PLQ[bilateral]="$REPO/plaque denoise $INPUT $WORK/plq_bilateral.nii.gz --method bilateral --domain-sigma 1.0 --range-sigma $RANGE --threads $THREADS"
ITK[n4]="$B/n4 $INPUT $WORK/itk_n4.nii.gz - 4 50x50x50x50 0.001 200 --threads $THREADS"
PLQ[n4]="$REPO/plaque n4 $INPUT $WORK/plq_n4.nii.gz --shrink 4 --iterations 50x50x50x50 --convergence 0.001 --spline-distance 200 --threads $THREADS"

# Prints "wall cpu" seconds of one whole process.
timed() {
  local TIMEFORMAT='%R %U %S' t
  t="$( { time "$@" >/dev/null 2>"$WORK/last.err"; } 2>&1 )" || { cat "$WORK/last.err" >&2; exit 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' <<<"$t"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

echo "input: $INPUT   threads: $THREADS   runs: $RUNS   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| filter | ITK wall s | Plaque wall s | wall ratio | ITK CPU s | Plaque CPU s | CPU ratio | rel. RMS diff |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for f in anisotropic curvature bilateral n4; do
  : > "$WORK/itk.t"; : > "$WORK/plq.t"
  for _ in $(seq "$RUNS"); do
    # shellcheck disable=SC2086
    timed ${ITK[$f]} >> "$WORK/itk.t"
    # shellcheck disable=SC2086
    timed ${PLQ[$f]} >> "$WORK/plq.t"
  done
  iw=$(cut -d' ' -f1 "$WORK/itk.t" | median); ic=$(cut -d' ' -f2 "$WORK/itk.t" | median)
  pw=$(cut -d' ' -f1 "$WORK/plq.t" | median); pc=$(cut -d' ' -f2 "$WORK/plq.t" | median)
  rms=$("$PY" - "$WORK/itk_$f.nii.gz" "$WORK/plq_$f.nii.gz" <<'PYEOF'
import sys, numpy as np, nibabel as nib
a = np.asanyarray(nib.load(sys.argv[1]).dataobj, dtype=np.float64)
b = np.asanyarray(nib.load(sys.argv[2]).dataobj, dtype=np.float64)
print("%.2e" % (np.sqrt(np.mean((a - b) ** 2)) / max(np.sqrt(np.mean(a ** 2)), 1e-300)))
PYEOF
)
  awk -v f="$f" -v iw="$iw" -v pw="$pw" -v ic="$ic" -v pc="$pc" -v r="$rms" \
    'BEGIN {printf "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %s |\n", f, iw, pw, pw / iw, ic, pc, pc / ic, r}'
done
