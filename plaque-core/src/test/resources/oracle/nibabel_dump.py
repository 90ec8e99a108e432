"""nibabel oracle for Plaque's NIfTI tests.

Reads one request per line on stdin: "dump <path>". For each, writes to stdout (all little-endian):
  int32 status (0 ok, 1 error)
  error: int32 length, UTF-8 message
  ok:    int32 volume count, int64 nx, ny, nz,
         16 float64 img.affine (row-major),
         16 float64 header qform (get_qform(), whatever the codes; NaN if it cannot be computed),
         nx*ny*nz float64 values of img.get_fdata() (volume 0 for 4-D+ files), x fastest.
An empty line or EOF ends the process.
"""
import logging
import struct
import sys

import numpy as np
import nibabel as nib


def dump(path, out):
    img = nib.load(path)
    shape = tuple(int(s) for s in img.shape)
    nvol = int(np.prod(shape[3:])) if len(shape) > 3 else 1
    if len(shape) > 3:
        index = (slice(None),) * 3 + (0,) * (len(shape) - 3)
        data = np.asarray(img.dataobj[index], dtype=np.float64)
    else:
        data = img.get_fdata(dtype=np.float64)
    size3 = (shape + (1, 1, 1))[:3]
    data = data.reshape(size3, order='F')
    try:
        qform = np.asarray(img.header.get_qform(), dtype=np.float64)
    except Exception:  # a header whose qform fields are unusable
        qform = np.full((4, 4), np.nan)
    head = struct.pack('<ii3q', 0, nvol, *size3)
    head += np.asarray(img.affine, dtype='<f8').tobytes()
    head += qform.astype('<f8').tobytes()
    out.write(head)
    # The transpose of an x-fastest (Fortran-order) array is C-contiguous: no copy for typical images.
    out.write(np.ascontiguousarray(data.T, dtype='<f8').data)
    out.flush()


def main():
    # nibabel logs the header repairs it makes (e.g. qfac 0 -> 1); the Java test judges the outcome itself.
    logging.getLogger('nibabel').setLevel(logging.ERROR)
    out = sys.stdout.buffer
    for line in sys.stdin:
        line = line.rstrip('\n')
        if not line:
            break
        cmd, _, path = line.partition(' ')
        try:
            if cmd != 'dump':
                raise ValueError('unknown command ' + cmd)
            dump(path, out)
        except Exception as e:  # report, keep serving
            msg = (type(e).__name__ + ': ' + str(e)).encode('utf-8')
            out.write(struct.pack('<ii', 1, len(msg)) + msg)
            out.flush()


if __name__ == '__main__':
    main()
