package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.MqttVersion;

/**
 * Before the first scenario: does the endpoint behave as an MQTT broker at all? It connects the
 * fixture's observer (if there is one) and the probe device (authmode 2, the product secret) at the
 * same time, so that it costs one CONNACK timeout at most, disconnects them, and classifies what it
 * saw; then it connects those that got a CONNACK a few times more to measure the {@link RoundTrip}. Where nothing can be certified (unreachable, TLS failure, no CONNACK to anyone, bytes that are
 * not MQTT) or the observer the fixture asks for is refused, the run must stop: {@link Result#stop()}
 * is the one line that says what was seen. A refused probe device is not a stop: it is evidence for
 * rule PRE-1, which the suite then fails.
 */
public final class Preflight {

    /** What one CONNECT of the preflight saw. */
    public enum Seen {
        ACCEPTED, REFUSED, CLOSED, NO_ANSWER, NOT_MQTT, UNREACHABLE, TLS_FAILURE;

        boolean gotConnack() {
            return this == ACCEPTED || this == REFUSED;
        }
    }

    /** One CONNECT: who sent it ("the observer", "the probe device"), what it saw, how long it took. */
    public record Attempt(String who, Seen seen, String detail, Duration took) {
        /** What it saw, as a phrase: "CONNACK 0x05 NOT_AUTHORIZED", "connection closed before any CONNACK (...)". */
        public String describe() {
            return seen == Seen.CLOSED ? "connection closed before any CONNACK" + (detail.isEmpty() ? "" : " (" + detail + ")")
                    : detail;
        }
    }

    /** The classification: a stop (one line) or not, remarks for the console, and the round trip. */
    public record Result(List<Attempt> attempts, Optional<String> stop, List<String> notes, RoundTrip roundTrip,
                         String transcript) {
    }

    static final String NOTHING_CERTIFIED = ": nothing was certified";
    /** The preflight's bound: its CONNECTs run at once, each ends within the CONNACK timeout, then a DISCONNECT. */
    private static final Duration BOUND = Connection.ACK_TIMEOUT.multipliedBy(2).plusSeconds(2);
    /**
     * Rounds after the first that measure the round trip, at most: a few samples, because the first CONNECTs of
     * a JVM share the CPU with the scenarios' discovery (one busy moment must not be the measure).
     */
    private static final int MEASURING_ROUNDS = 3;
    /**
     * After a round that ends this long after the measuring began, no other: far from the broker one round already
     * takes that long (each round waits for its CONNACKs), and the run's first scenario waits for the preflight.
     */
    private static final Duration MEASURING_BUDGET = Duration.ofMillis(500);

    private final Endpoint endpoint;
    private final Fixture fixture;
    private final String probeSN;
    private final Transcript transcript = new Transcript();

    private Preflight(Endpoint endpoint, Fixture fixture, String probeSN) {
        this.endpoint = endpoint;
        this.fixture = fixture;
        this.probeSN = probeSN;
    }

    /** Runs the preflight against {@code endpoint} with the fixture's observer and the probe device {@code probeSN}. */
    public static Result check(Endpoint endpoint, Fixture fixture, String probeSN) {
        return new Preflight(endpoint, fixture, probeSN).run();
    }

    private Result run() {
        Fixture.Product p = fixture.product();
        List<Credentials> logins = new ArrayList<>();
        List<String> who = new ArrayList<>();
        fixture.observer().ifPresent(o -> {
            logins.add(new Credentials(o.clientId(), o.username(), o.password().reveal()));
            who.add("the observer");
        });
        DeviceId probe = probe();
        logins.add(new Credentials(probe.clientId(), probe.username(DeviceId.DYNAMIC), p.productSecret().reveal()));
        who.add("the probe device");

        ExecutorService threads = Executors.newFixedThreadPool(logins.size(), r -> {
            Thread t = new Thread(r, "dynreg-preflight");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Attempt> attempts = round(threads, logins, who);
            Result result = classify(attempts, RoundTrip.none());
            if (result.stop().isPresent()) {
                return result;
            }
            // the first round also warmed up the client (class loading, TLS): the round trip is measured after it
            List<Credentials> answered = new ArrayList<>();
            List<String> whoAnswered = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                if (attempts.get(i).seen().gotConnack()) {
                    answered.add(logins.get(i));
                    whoAnswered.add(who.get(i));
                }
            }
            List<Duration> samples = new ArrayList<>();
            long measuring = System.nanoTime();
            for (int r = 0; r < MEASURING_ROUNDS
                    && (r == 0 || System.nanoTime() - measuring < MEASURING_BUDGET.toNanos()); r++) {
                round(threads, answered, whoAnswered).stream().filter(a -> a.seen().gotConnack()).map(Attempt::took)
                        .forEach(samples::add);
            }
            return classify(attempts, new RoundTrip(samples));
        } finally {
            threads.shutdownNow();
        }
    }

    /** The probe device: the first whitelisted DeviceSN of the product. */
    private DeviceId probe() {
        return new DeviceId(fixture.product().productSN(), probeSN);
    }

    /** The CONNECTs of {@code logins}, all at once; each ends within the CONNACK timeout. */
    private List<Attempt> round(ExecutorService threads, List<Credentials> logins, List<String> who) {
        List<CompletableFuture<Attempt>> running = new ArrayList<>();
        for (int i = 0; i < logins.size(); i++) {
            Credentials c = logins.get(i);
            String w = who.get(i);
            running.add(CompletableFuture.supplyAsync(() -> attempt(w, c), threads));
        }
        List<Attempt> attempts = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            attempts.add(await(running.get(i), who.get(i)));
        }
        return attempts;
    }

    private Attempt await(CompletableFuture<Attempt> attempt, String who) {
        try {
            return attempt.get(BOUND.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KitSetupException("interrupted during the preflight");
        } catch (Exception e) {
            return new Attempt(who, Seen.NO_ANSWER, "no CONNACK within " + BOUND.toSeconds() + " s", BOUND);
        }
    }

    private Attempt attempt(String who, Credentials credentials) {
        String label = who.equals("the observer") ? "preflight observer" : "preflight probe";
        Connection c = Connection.create(endpoint, MqttVersion.V3_1_1, credentials.clientId(), label, transcript);
        long start = System.nanoTime();
        try {
            Outcomes.Connect outcome = c.connect(credentials);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return switch (outcome.kind()) {
                case SUCCESS -> new Attempt(who, Seen.ACCEPTED, outcome.toString(), took);
                case FAILURE_CODE -> new Attempt(who, Seen.REFUSED, outcome.toString(), took);
                case NO_ANSWER -> new Attempt(who, Seen.NO_ANSWER, outcome.toString(), took);
                case CLOSED -> c.connectError().filter(notMqtt()).isPresent()
                        ? new Attempt(who, Seen.NOT_MQTT, decodeProblem(c.connectError().get()), took)
                        : new Attempt(who, Seen.CLOSED, outcome.detail(), took);
            };
        } catch (BrokerUnreachableException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            boolean tls = c.connectError().filter(Preflight::isTls).isPresent()
                    || endpoint.address().tls() && e.getMessage().contains("TLS");
            return new Attempt(who, tls ? Seen.TLS_FAILURE : Seen.UNREACHABLE, e.getMessage(), took);
        } finally {
            c.close();
        }
    }

    private Result classify(List<Attempt> attempts, RoundTrip roundTrip) {
        String broker = fixture.broker().toString();
        List<String> notes = new ArrayList<>();
        Optional<Attempt> observer = attempts.stream().filter(a -> a.who().equals("the observer")).findFirst();
        Attempt probe = attempts.get(attempts.size() - 1);
        String stop = null;

        Optional<Attempt> transport = first(attempts, Seen.UNREACHABLE).or(() -> first(attempts, Seen.TLS_FAILURE));
        Optional<Attempt> garbage = first(attempts, Seen.NOT_MQTT);
        if (transport.isPresent()) {
            stop = broker + ": " + transport.get().detail() + NOTHING_CERTIFIED;
        } else if (garbage.isPresent()) {
            stop = broker + " answered " + whose(attempts, Seen.NOT_MQTT) + " CONNECT with bytes that are not MQTT ("
                    + garbage.get().detail() + ")" + NOTHING_CERTIFIED;
        } else if (attempts.stream().noneMatch(a -> a.seen().gotConnack())) {
            stop = noConnack(broker, attempts);
        } else if (observer.isPresent() && observer.get().seen() != Seen.ACCEPTED) {
            Fixture.Account o = fixture.observer().orElseThrow();
            stop = broker + " did not accept the fixture's observer (ClientID \"" + o.clientId() + "\", UserName \""
                    + o.username() + "\"): " + observer.get().describe()
                    + "; fix the observer account or remove it from the fixture" + NOTHING_CERTIFIED;
        } else if (probe.seen() != Seen.ACCEPTED) {
            notes.add("the probe device's pre-authentication (authmode " + DeviceId.DYNAMIC + ", ClientID \"" + probe().clientId()
                    + "\", the product secret) was " + (probe.seen() == Seen.NO_ANSWER
                    ? "not answered: " + probe.describe() + "; the run goes on"
                    : "refused: " + probe.describe() + " — rule PRE-1 will fail; the run goes on"));
        }
        if (stop == null) {
            notes.add(0, broker + " answers MQTT: " + attempts.stream().map(a -> a.who() + " " + a.describe())
                    .collect(Collectors.joining(", ")) + "; " + roundTrip);
        }
        return new Result(List.copyOf(attempts), Optional.ofNullable(stop), List.copyOf(notes), roundTrip,
                transcript.render());
    }

    private static String noConnack(String broker, List<Attempt> attempts) {
        String to = attempts.stream().map(a -> a.who().substring("the ".length()) + "'s")
                .collect(Collectors.joining(" or the "));
        if (attempts.stream().allMatch(a -> a.seen() == Seen.NO_ANSWER)) {
            return broker + " accepted the TCP connection but sent no CONNACK within " + Connection.ACK_TIMEOUT.toSeconds()
                    + " s to the " + to + " CONNECT" + NOTHING_CERTIFIED;
        }
        if (attempts.stream().allMatch(a -> a.seen() == Seen.CLOSED)) {
            return broker + " closed every connection before any CONNACK (the " + to.replace(" or the ", " and the ")
                    + " CONNECT" + (attempts.get(0).detail().isEmpty() ? "" : ": " + attempts.get(0).detail()) + ")"
                    + NOTHING_CERTIFIED;
        }
        return broker + " sent no CONNACK to any CONNECT (" + attempts.stream().map(a -> a.who() + "'s: " + a.describe())
                .collect(Collectors.joining("; ")) + ")" + NOTHING_CERTIFIED;
    }

    private static Optional<Attempt> first(List<Attempt> attempts, Seen seen) {
        return attempts.stream().filter(a -> a.seen() == seen).findFirst();
    }

    /** "the observer's and the probe device's", or one of them. */
    private static String whose(List<Attempt> attempts, Seen seen) {
        return attempts.stream().filter(a -> a.seen() == seen).map(a -> a.who() + "'s").collect(Collectors.joining(" and "));
    }

    /** The MQTT client could not decode what the broker sent. */
    private static Predicate<Throwable> notMqtt() {
        return e -> cause(e, com.hivemq.client.mqtt.exceptions.MqttDecodeException.class).isPresent();
    }

    private static String decodeProblem(Throwable e) {
        return cause(e, com.hivemq.client.mqtt.exceptions.MqttDecodeException.class).map(Throwable::getMessage).orElse("");
    }

    private static boolean isTls(Throwable e) {
        return cause(e, javax.net.ssl.SSLException.class).isPresent();
    }

    private static Optional<Throwable> cause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
