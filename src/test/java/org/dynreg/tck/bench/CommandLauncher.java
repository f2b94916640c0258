package org.dynreg.tck.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.dynreg.tck.device.DeviceParams;

/**
 * A vendor's device as a command ({@code -Ddevice.cmd=…}), run by {@code /bin/sh -c} with the bench's parameters in its
 * environment ({@link DeviceParams}), its output in a file beside its state folder. Ending it: SIGTERM, then after the
 * bound SIGKILL, to it and to every process it started.
 */
public final class CommandLauncher implements Launcher {

    private final String command;

    public CommandLauncher(String command) {
        this.command = command;
    }

    @Override
    public String describe() {
        return "command: " + command;
    }

    @Override
    public Running start(DeviceParams params, String scenario, int start) {
        Path output = params.stateDir().resolveSibling(params.stateDir().getFileName() + "-start-" + start + ".log");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(params.environment());
        try {
            Files.createDirectories(params.stateDir());
            Process process = builder.start();
            return new Running() {
                @Override
                public String stop(Duration bound) {
                    if (!process.isAlive()) {
                        return "had already exited with code " + process.exitValue();
                    }
                    process.descendants().forEach(ProcessHandle::destroy);
                    process.destroy();
                    try {
                        if (process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                            return "ended on SIGTERM (exit code " + process.exitValue() + ")";
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    return "did not end within " + bound.toMillis() + " ms of SIGTERM: killed";
                }

                @Override
                public String output() {
                    try {
                        String text = Files.exists(output) ? Files.readString(output) : "";
                        return text.length() > 20_000 ? "…" + text.substring(text.length() - 20_000) : text;
                    } catch (IOException e) {
                        return "(its output could not be read: " + e.getMessage() + ")";
                    }
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the device command `" + command + "`: " + e.getMessage(), e);
        }
    }
}
