package org.dynreg.tck.platform;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dynreg.tck.spec.DeviceId;

/**
 * The reference platform as the device bench uses it: for each device under test (by its DeviceSN) a
 * {@link Script} of how the platform treats it, and a {@link Log} of every packet it sent and of what the platform
 * answered. Devices the bench does not watch (every device of a broker certification) are neither scripted nor logged.
 */
public final class Bench {

    /** A reply the platform sends before the genuine one, to see whether the device takes it. */
    public enum BadReply {
        /** RetCode "0" and a Password, but another RequestID */
        OTHER_REQUEST_ID("a reply with another RequestID"),
        /** the device's RequestID and a Password, but RetCode "1" */
        NON_ZERO_RET_CODE("a reply with RetCode \"1\""),
        /** not JSON: {@code RetCode=0&RequestID=…&Password=…} */
        NOT_JSON("a reply that is not JSON"),
        /** the device's RequestID and RetCode "0", without a Password */
        NO_PASSWORD("a reply without a Password");

        private final String words;

        BadReply(String words) {
            this.words = words;
        }

        /** As the features and the evidence say it: "a reply with another RequestID". */
        public String words() {
            return words;
        }
    }

    /**
     * How the platform treats one device: its SUBACK for its own password_reply held back, its reply delayed, a bad
     * reply sent first (the genuine one {@code badReplyLeadMillis} later, unless {@code genuineAfterBad} is false),
     * every CONNECT refused for a while from the first one.
     */
    public record Script(Duration subackDelay, Duration replyDelay, Optional<BadReply> badReply, boolean genuineAfterBad,
                         Duration refuseConnectsFor) {
        public static Script plain() {
            return new Script(Duration.ZERO, Duration.ZERO, Optional.empty(), true, Duration.ZERO);
        }

        public Script withSubackDelay(Duration d) {
            return new Script(d, replyDelay, badReply, genuineAfterBad, refuseConnectsFor);
        }

        public Script withReplyDelay(Duration d) {
            return new Script(subackDelay, d, badReply, genuineAfterBad, refuseConnectsFor);
        }

        public Script withBadReplyFirst(BadReply bad, boolean thenGenuine) {
            return new Script(subackDelay, replyDelay, Optional.of(bad), thenGenuine, refuseConnectsFor);
        }

        public Script refusingConnectsFor(Duration d) {
            return new Script(subackDelay, replyDelay, badReply, genuineAfterBad, d);
        }
    }

    /** Something the device did, or the platform did to it, at {@code nanos} ({@link System#nanoTime()}). */
    public sealed interface Event {
        long nanos();
    }

    /** A CONNECT, as the device sent it. */
    public record Connect(long nanos, String clientId, String userName, String password, String mqttVersion,
                          int keepAliveSeconds, boolean cleanStart, boolean will) implements Event {
    }

    /** The platform's answer to a CONNECT. */
    public record Connack(long nanos, String clientId, boolean accepted, String reason) implements Event {
    }

    public record Subscribe(long nanos, String clientId, String filter, int qos) implements Event {
    }

    /** The platform's decision on a SUBSCRIBE, as its SUBACK carries it. */
    public record Suback(long nanos, String clientId, String filter, boolean granted) implements Event {
    }

    public record Publish(long nanos, String clientId, String topic, byte[] payload, int qos, boolean retain) implements Event {
    }

    /** A reply the platform sent on the device's password_reply: the genuine one (with its secret) or a bad one. */
    public record Reply(long nanos, String topic, byte[] payload, Optional<BadReply> bad, String secret) implements Event {
    }

    /** A connection of the device ended (DISCONNECT, a dropped connection, or the platform closing it). */
    public record Closed(long nanos, String clientId, String how) implements Event {
    }

    /** What one device did, in order, since the bench started watching it. */
    public static final class Log {
        private final DeviceId device;
        private final Script script;
        private final long since = System.nanoTime();
        private final List<Event> events = new ArrayList<>();

        Log(DeviceId device, Script script) {
            this.device = device;
            this.script = script;
        }

        public DeviceId device() {
            return device;
        }

        public Script script() {
            return script;
        }

        /** When the bench started watching, in {@link System#nanoTime()}. */
        public long since() {
            return since;
        }

        synchronized void add(Event e) {
            events.add(e);
        }

        public synchronized List<Event> events() {
            return List.copyOf(events);
        }
    }

    private final Map<DeviceId, Log> logs = new ConcurrentHashMap<>();
    /** The device each client ID of a watched device's CONNECT belongs to. */
    private final Map<String, Log> byClientId = new ConcurrentHashMap<>();

    /** Starts watching {@code device}, treated as {@code script}; what it does from now on is logged. */
    public Log watch(DeviceId device, Script script) {
        Log log = new Log(device, script);
        logs.put(device, log);
        return log;
    }

    /** Stops watching {@code device}. */
    public void forget(DeviceId device) {
        Log log = logs.remove(device);
        if (log != null) {
            byClientId.values().removeIf(l -> l == log);
        }
    }

    /**
     * The log of a watched device that a CONNECT belongs to: the device its UserName names, else one whose DeviceSN its
     * ClientID or UserName holds (a device that got its credentials wrong is still the device under test).
     */
    Optional<Log> connecting(String clientId, String userName) {
        if (logs.isEmpty()) {
            return Optional.empty();
        }
        Optional<Log> log = Optional.ofNullable(userName).flatMap(DeviceId::parseUserName)
                .map(u -> logs.get(u.device()))
                .or(() -> logs.values().stream().filter(l -> contains(clientId, l) || contains(userName, l)).findFirst());
        log.ifPresent(l -> byClientId.put(clientId, l));
        return log;
    }

    private static boolean contains(String text, Log log) {
        return text != null && text.contains(log.device().deviceSN());
    }

    /** The log of the watched device whose CONNECT used {@code clientId}. */
    Optional<Log> of(String clientId) {
        return byClientId.isEmpty() ? Optional.empty() : Optional.ofNullable(byClientId.get(clientId));
    }

    Optional<Log> of(DeviceId device) {
        return logs.isEmpty() ? Optional.empty() : Optional.ofNullable(logs.get(device));
    }

    static long now() {
        return System.nanoTime();
    }
}
