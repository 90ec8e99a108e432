package org.plaque.registration.transform;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates while running a body many times, after a JIT warm-up. */
final class Allocation {
    private Allocation() {
    }

    static long bytes(Runnable body, int iterations) {
        for (int i = 0; i < 2 * iterations; i++) {
            body.run();
        }
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < iterations; i++) {
            body.run();
        }
        return bean.getThreadAllocatedBytes(id) - before;
    }
}
