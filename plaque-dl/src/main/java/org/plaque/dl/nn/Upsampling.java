package org.plaque.dl.nn;

/**
 * How a U-Net decoder doubles the spatial size (DJL 0.35.1 on PyTorch implements no transposed convolution).
 */
public enum Upsampling {
    /**
     * A 1×1(×1) convolution to the level's width followed by nearest-neighbour upsampling ×2; the convolution runs
     * at the coarse resolution, which gives the same result as upsampling first and is 2^dims times cheaper.
     */
    NEAREST,
    /**
     * A transposed convolution with kernel 2 and stride 2: a 1×1(×1) convolution to width × 2^dims channels
     * rearranged into 2×2(×2) output blocks (sub-pixel shuffle); equivalent to PyTorch's
     * {@code ConvTranspose(kernel=2, stride=2)} except that each output sub-position has its own bias.
     */
    TRANSPOSED
}
