package org.dynreg.tck.storm;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU time of the driver's own threads (every thread named {@value #PREFIX}...) and of the whole
 * JVM, so that the report can say whether the driver or the broker was the limit. Sampled while the
 * storm runs, because a thread's time is gone once it ends. Also how busy the whole machine was, so
 * that a machine shared with other work can be told from a slow broker.
 */
final class CpuMeter {

    static final String PREFIX = "dynreg-storm-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Map<Long, Long> driverThreadNanos = new HashMap<>();
    private final long processStart = processCpuNanos();
    private double machineLoadSum;
    private int machineLoadSamples;

    synchronized void sample() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            if (load >= 0) {
                machineLoadSum += load;
                machineLoadSamples++;
            }
        }
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(PREFIX)) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    driverThreadNanos.merge(info.getThreadId(), cpu, Math::max);
                }
            }
        }
    }

    synchronized long driverNanos() {
        return driverThreadNanos.values().stream().mapToLong(Long::longValue).sum();
    }

    /** How busy the whole machine was on average (every process, 0 to 1), or -1 if unknown. */
    synchronized double machineLoad() {
        return machineLoadSamples == 0 ? -1 : machineLoadSum / machineLoadSamples;
    }

    /** The whole JVM's CPU time since this meter was made (driver, and the embedded broker if there is one). */
    long processNanos() {
        return processCpuNanos() - processStart;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }
}
