package org.plaque.dl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;

/**
 * The deep-learning engine (PyTorch through DJL) set up for offline use: model-zoo downloads are blocked and
 * the natives come from the {@code pytorch-native-cpu} jar on the class path (DJL unpacks them once into
 * {@code ~/.djl.ai}, or {@code ENGINE_CACHE_DIR}). A CUDA GPU is used when DJL finds one, i.e. when
 * {@code PYTORCH_LIBRARY_PATH} points at a CUDA build of libtorch 2.7.1.
 */
public final class DlEngine {
    static {
        System.setProperty("ai.djl.offline", "true");
    }

    private DlEngine() {
    }

    /**
     * Sets the number of CPU threads PyTorch uses for one operation. Takes effect only before the engine's
     * first use (libtorch reads it once); later calls are ignored.
     */
    public static void useThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be ≥ 1, got " + threads);
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** The engine, loading it on first use. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** A new root manager on {@link #device()}; close it to free native memory. */
    public static NDManager newManager() {
        return NDManager.newBaseManager(device(), engine().getEngineName());
    }

    /** The GPU when one is usable, else the CPU. */
    public static Device device() {
        return engine().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Seeds the engine's random generator (weight initialisation, dropout) for reproducible runs. */
    public static void seed(long seed) {
        engine().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /** "PyTorch 2.7.1 on cpu()" — for provenance. */
    public static String describe() {
        return engine().getEngineName() + " " + engine().getVersion() + " on " + device();
    }
}
