package org.dynreg.tck.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.Topics;

/**
 * "Was it delivered", for one scenario: delivered, not delivered, or the kit cannot tell (and why). Where the
 * message must arrive ({@code reached…}) it is awaited for at most the reply timeout; where it must not
 * ({@code leaked…}) the scenario's {@link Absence} holds its silence window, and the run's watch keeps looking
 * after it. Without an observer, what the broker answered the sender stands in where RULES.md lets it (a PUBACK,
 * a SUBACK, an explicit refusal); the transcript says so.
 */
public final class Delivery {

    public enum Kind { DELIVERED, NOT_DELIVERED, CANNOT_TELL }

    /**
     * The answer, and for evidence how it was shown ({@code why}); for {@link Kind#CANNOT_TELL}, why not, and
     * of which kind ({@code reason}, else null).
     */
    public record Answer(Kind kind, String why, Finding.Why reason) {
        static Answer delivered(String how) {
            return new Answer(Kind.DELIVERED, how, null);
        }

        static Answer notDelivered(String how) {
            return new Answer(Kind.NOT_DELIVERED, how, null);
        }

        static Answer cannotTell(Finding.Why reason, String why) {
            return new Answer(Kind.CANNOT_TELL, why, reason);
        }
    }

    private final Pass pass;
    private final Absence absence;
    private final Duration replyTimeout;
    private final Duration silence;
    private final Transcript transcript;
    private final Set<Connection> watched = new HashSet<>();

    public Delivery(Pass pass, Absence absence, Duration replyTimeout, Duration silence, Transcript transcript) {
        this.pass = pass;
        this.absence = absence;
        this.replyTimeout = replyTimeout;
        this.silence = silence;
        this.transcript = transcript;
    }

    /** The pass's shared observer, connected and subscribed to #; empty (see {@link #observerProblem()}) if there is none. */
    public Optional<Observer> observer() {
        return pass.observer().filter(Observer::watching);
    }

    private String observerProblem() {
        return pass.observer().map(Observer::problem).orElse("the fixture has no observer");
    }

    /** Whether {@code c} was handed to the run's watch by a check of this scenario (it then stays open after it). */
    public boolean watches(Connection c) {
        return watched.contains(c);
    }

    /** The observer publishes a probe on {@code topic}, and sees whether the broker routes it back (if there is an observer). */
    public Sent probe(String topic) {
        return probe(topic, false);
    }

    /**
     * The observer publishes a probe on {@code topic} with the retain flag: the broker keeps it for subscriptions made
     * later, until the kit clears it ({@link #clearRetained}).
     */
    public Sent retainedProbe(String topic) {
        return probe(topic, true);
    }

    private Sent probe(String topic, boolean retain) {
        String token = UUID.randomUUID().toString();
        Instant at = Instant.now();
        Optional<Observer> o = observer();
        if (o.isEmpty()) {
            transcript.note("no observer (" + observerProblem() + "): nobody can publish to \"" + topic + "\"");
        }
        return Sent.probe(topic, token, at, o.map(x -> x.publishProbe(topic, token, retain, silence, transcript)).orElse(null));
    }

    /** What the observer's CONNACK says the broker offers; empty without an observer. */
    public Optional<org.dynreg.tck.mqtt.Offered> offeredToObserver() {
        return observer().flatMap(o -> o.connection().offered());
    }

    /** Clears the retained message of {@code topic}, which the scenario may have left on the broker (through the observer). */
    public void clearRetained(String topic) {
        if (offeredToObserver().filter(o -> !o.retainAvailable()).isPresent()) {
            return; // the broker keeps no retained message (and would end the observer's session at a retained PUBLISH)
        }
        observer().ifPresentOrElse(o -> o.clearRetained(topic, transcript), () -> transcript.note("no observer ("
                + observerProblem() + "): the retained message the kit may have left on \"" + topic + "\" cannot be cleared"));
    }

    // ---- must arrive ----

    /** Whether what {@code from} published ({@code sent}) reaches the observer; without an observer its PUBACK shows it. */
    public Answer reachedObserver(Device from, Sent sent) {
        String what = from.label() + "'s publish to \"" + sent.topic() + "\"";
        Optional<Observer> o = observer();
        if (o.isEmpty()) {
            if (sent.outcome().kind() != Outcomes.Kind.SUCCESS) {
                return Answer.notDelivered(what + " was not acknowledged (" + sent.outcome() + ")");
            }
            transcript.note("no observer (" + observerProblem() + "): checked through the PUBACK");
            return Answer.delivered("acknowledged (" + sent.outcome() + ")");
        }
        if (sent.outcome().refusedExplicitly()) {
            return Answer.notDelivered("the broker refused " + what + " (" + sent.outcome() + ")");
        }
        boolean seen = Waits.within("the observer receives " + what, replyTimeout, () -> !o.get().sawWith(sent.token()).isEmpty());
        if (seen) {
            return Answer.delivered("the observer received it");
        }
        String missing = what + " (" + sent.outcome() + ") did not reach the observer within " + replyTimeout.toSeconds() + " s";
        if (!stillReceives(o.get())) {
            return observerDeaf(o.get(), missing);
        }
        if (!o.get().sawWith(sent.token()).isEmpty()) {
            // it came while the observer's own control did: the observer lagged, the broker delivered it
            return Answer.delivered("the observer received it, late (after " + replyTimeout.toSeconds()
                    + " s, with its own control message: the observer lagged)");
        }
        return Answer.notDelivered(missing + " (the observer's own control message, sent after it, did)");
    }

    /**
     * Whether the observer's {@code probe} reaches {@code to}, subscribed as {@code subscribed}; when the probe was
     * not routed (or there is no observer), the granted SUBACK shows it.
     */
    public Answer reachedDevice(Device to, Subscribed subscribed, Sent probe) {
        if (!subscribed.granted()) {
            return Answer.notDelivered(to.label() + "'s SUBSCRIBE to \"" + subscribed.filter() + "\" was not granted ("
                    + subscribed.outcome() + ")");
        }
        if (probe.routed() == null || !probe.routed()) {
            transcript.note(probe.routed() == null ? "no observer (" + observerProblem() + "): checked through the SUBACK"
                    : "the observer's message was not routed even to the observer: checked through the SUBACK");
            return Answer.delivered("subscribed (" + subscribed.outcome() + ")");
        }
        boolean got = to.receives(probe.token(), to.label() + " receives the message on \"" + probe.topic() + "\"", replyTimeout);
        if (got) {
            return Answer.delivered(to.label() + " received it");
        }
        String missing = to.label() + " did not receive, within " + replyTimeout.toSeconds() + " s, the message published to \""
                + probe.topic() + "\" (the observer did receive it)";
        Optional<Observer> o = observer();
        if (o.isPresent() && !stillReceives(o.get())) {
            // the broker no longer delivers even to the kit's own subscriber: a stall the device's silence cannot be told from
            return observerDeaf(o.get(), missing);
        }
        return Answer.notDelivered(missing);
    }

    /**
     * After a message that must arrive did not: whether the observer still receives at all — its own control message,
     * sent now, comes back within the reply timeout. If not, the observer (the kit's instrument) has gone deaf, and
     * what it did not see proves nothing.
     */
    private boolean stillReceives(Observer o) {
        java.util.function.BooleanSupplier back = o.control(transcript);
        boolean arrived = Waits.within("the observer receives its own control message", replyTimeout, back);
        transcript.note(arrived ? "the observer's own control message came back: the observer still receives"
                : "the observer's own control message did not come back within " + replyTimeout.toSeconds()
                        + " s: the observer has stopped receiving");
        return arrived;
    }

    /** Cannot tell: the observer itself no longer receives (whether its connection was still open says which way it failed). */
    private Answer observerDeaf(Observer o, String missing) {
        return Answer.cannotTell(Finding.Why.PRECONDITION, missing + ", but the observer stopped receiving even its own "
                + "control message (sent then, not back within " + replyTimeout.toSeconds() + " s; its connection "
                + (o.connection().connected() ? "still open" : "closed") + "): cannot tell");
    }

    /**
     * Whether the broker took in the password request {@code from} sent ({@code request}): no explicit refusal,
     * and a reply — or at least the connection still open — within the reply timeout.
     */
    public Answer reachedBroker(Device from, Sent request) {
        if (request.outcome().refusedExplicitly()) {
            return Answer.notDelivered("the broker refused " + from.label() + "'s request on \"" + request.topic() + "\" ("
                    + request.outcome() + ")");
        }
        boolean replied = from.receives(request.token(), "a reply, or the end of the connection", replyTimeout);
        if (!replied && !from.connected() && request.topic().equals(from.passwordTopic())) {
            // a closing meant for an earlier reply may end this session first (the spec lets a platform close the
            // restricted session after a reply): the device does what its SDK would, and asks again
            transcript.note(from.label() + "'s session ended before a reply: it pre-authenticates again and repeats "
                    + "the request, as an SDK would");
            replied = from.requestSecret(request.token(), 0, replyTimeout).reply().isPresent();
        }
        return replied || from.connected() ? Answer.delivered(replied ? "replied" : "the connection stays open")
                : Answer.notDelivered("the broker closed the connection of " + from.label() + " after its request on \""
                        + request.topic() + "\", without a reply (also when asked again)");
    }

    // ---- must not arrive ----

    /**
     * Whether what {@code from} published ({@code sent}) reached any subscriber: the observer, subscribed to #, would
     * see it; without one only an explicit refusal shows it was not delivered.
     */
    public Answer leakedToAnyone(Device from, Sent sent) {
        Optional<Observer> o = observer();
        if (o.isEmpty() && sent.outcome().refusedExplicitly()) {
            transcript.note("no observer; the broker refused the publish explicitly (" + sent.outcome() + ")");
            return Answer.notDelivered("refused explicitly (" + sent.outcome() + ")");
        }
        if (o.isEmpty()) {
            return Answer.cannotTell(Finding.Why.NO_OBSERVER, "without an observer (" + observerProblem() + ") non-delivery "
                    + "needs an explicit refusal, and the broker answered the publish to \"" + sent.topic() + "\" with " + sent.outcome());
        }
        String what = "the message " + from.label() + " published to \"" + sent.topic() + "\" (" + sent.outcome() + ")";
        return absent(what, sent.at(), List.of(look(o.get(), r -> r.contains(sent.token()))), List.of(control(o.get())));
    }

    /**
     * Whether the observer's {@code probe} reached {@code to}, subscribed as {@code subscribed}. A granted subscription
     * delivers nothing only if the probe was routed at all (to the observer).
     */
    public Answer leakedToDevice(Device to, Subscribed subscribed, Sent probe) {
        boolean open = subscribed.granted() && to.connected();
        if (open && probe.routed() == null) {
            return Answer.cannotTell(Finding.Why.NO_OBSERVER, "the SUBSCRIBE to \"" + subscribed.filter() + "\" was granted ("
                    + subscribed.outcome() + ") and, without an observer (" + observerProblem()
                    + "), no message can be sent to show that it delivers nothing");
        }
        if (open && !probe.routed()) {
            return Answer.cannotTell(Finding.Why.PRECONDITION, "the SUBSCRIBE to \"" + subscribed.filter() + "\" was granted ("
                    + subscribed.outcome() + "), but the observer's own message on \"" + probe.topic()
                    + "\" was not delivered even to the observer, so non-delivery proves nothing");
        }
        return absent("the observer's message to \"" + probe.topic() + "\"", probe.at(), looks(to, r -> r.contains(probe.token())),
                open ? List.of(marker(to)) : List.of());
    }

    /**
     * Whether the Will Message of {@code from}'s session ({@code will}: its topic, its token, when it was due; carried by
     * the CONNECT {@code carriedBy}, whose refusal also shows it was never published) reached any subscriber — the observer, subscribed to #, would see it. A Will that is due later is waited for first. Without
     * an observer the kit cannot tell (a Will is never acknowledged).
     */
    public Answer leakedWill(Device from, Outcomes.Connect carriedBy, Sent will) {
        if (carriedBy.refused()) {
            return Answer.notDelivered("the broker refused the CONNECT that carried the Will (" + carriedBy
                    + "): no session, no Will Message");
        }
        Optional<Observer> o = observer();
        if (o.isEmpty()) {
            return Answer.cannotTell(Finding.Why.NO_OBSERVER, "without an observer (" + observerProblem() + ") nobody can "
                    + "show that the Will Message of " + from.label() + " on \"" + will.topic() + "\" was not published");
        }
        Waits.until("the Will Delay Interval passes", will.at(), replyTimeout);
        return absent("the Will Message of " + from.label() + " on \"" + will.topic() + "\"", will.at(),
                List.of(look(o.get(), r -> r.contains(will.token()))), List.of(control(o.get())));
    }

    /**
     * Whether what {@code from} published with the retain flag ({@code sent}) reaches a subscriber that comes after it:
     * the observer subscribes to its topic anew, and the broker sends a new subscription the topic's retained message.
     */
    public Answer leakedAsRetained(Device from, Sent sent) {
        Optional<Observer> o = observer();
        if (o.isEmpty()) {
            return sent.outcome().refusedExplicitly() ? Answer.notDelivered("refused explicitly (" + sent.outcome() + ")")
                    : Answer.cannotTell(Finding.Why.NO_OBSERVER, "without an observer (" + observerProblem() + ") nobody can "
                            + "subscribe to \"" + sent.topic() + "\" to show that the broker did not retain the message");
        }
        Instant at = Instant.now();
        if (!o.get().subscribeAlsoTo(sent.topic(), transcript)) {
            return Answer.cannotTell(Finding.Why.PRECONDITION, "the observer may not subscribe to \"" + sent.topic()
                    + "\", so no later subscriber can show that the message was not retained");
        }
        try {
            return absent("a retained copy of the message " + from.label() + " published to \"" + sent.topic() + "\" ("
                    + sent.outcome() + "), for a subscriber that came after it", at,
                    List.of(look(o.get(), r -> r.contains(sent.token()))), List.of(control(o.get())));
        } finally {
            o.get().unsubscribe(sent.topic(), transcript);
        }
    }

    /** Whether the reply to {@code owner}'s registration, which arrived there at {@code at}, reached {@code to} too. */
    public Answer leakedReply(Device to, Device owner, Instant at) {
        String ownersReply = owner.replyTopic();
        return absent("the reply to " + owner.label() + " (its secret)", at, looks(to, r -> r.topic().equals(ownersReply)),
                List.of(marker(to)));
    }

    /**
     * Whether a reply to the password request {@code requester} sent on another device's password topic reached
     * anyone the requester can be: itself, or — seen by the observer — any other topic than the request's own and the
     * owner's reply topic (RESTRICT-4 forbids only what reaches the requester; a reply to the owner is not a leak).
     */
    public Answer leakedReplyToForeignRequest(Device requester, Sent request) {
        List<Absence.Look> looks = new ArrayList<>(looks(requester, r -> r.contains(request.token())));
        List<Absence.Control> controls = new ArrayList<>(List.of(marker(requester)));
        observer().ifPresentOrElse(o -> {
            String ownersReply = Topics.passwordOwner(request.topic()).map(DeviceId::replyTopic).orElse("");
            looks.add(look(o, r -> r.contains(request.token()) && !r.topic().equals(request.topic())
                    && !r.topic().equals(ownersReply)));
            controls.add(control(o));
        }, () -> transcript.note("no observer (" + observerProblem() + "): only what the device itself can see is checked"));
        return absent("a reply to the request on another device's password topic \"" + request.topic() + "\"", request.at(),
                looks, controls);
    }

    /** Holds the silence window for {@code what}: delivered if any look received it; the looks stay watched. */
    private Answer absent(String what, Instant sentAt, List<Absence.Look> looks, List<Absence.Control> controls) {
        Optional<Absence.Leak> leak = absence.check(what, sentAt, looks, controls);
        looks.forEach(l -> watched.add(l.receiver()));
        if (leak.isPresent()) {
            return Answer.delivered(what + " was delivered to " + leak.get().who() + " on " + leak.get().shown());
        }
        // an observer that no longer receives sees nothing, forbidden or not: its own control, sent after the forbidden
        // message, must come back (late is fine: the window has been held) before its silence proves anything
        for (Absence.Control c : controls) {
            if (c.ofObserver() && !Waits.within("the observer receives its own control message", replyTimeout, c.arrived())) {
                transcript.note("the observer's own control message did not come back within " + replyTimeout.toSeconds()
                        + " s: the observer has stopped receiving");
                return Answer.cannotTell(Finding.Why.PRECONDITION, what + " did not arrive within the silence window, but "
                        + "the observer's own control message, sent after it, did not come back either (within "
                        + replyTimeout.toSeconds() + " s; the observer's connection " + (observer().isPresent()
                                ? "still open" : "closed") + "): its silence proves nothing, cannot tell");
            }
        }
        return Answer.notDelivered(what + " did not arrive within the silence window");
    }

    /** Where the observer would see it. */
    private static Absence.Look look(Observer o, Predicate<Received> match) {
        return new Absence.Look("the observer", o.connection(), match);
    }

    /** Where {@code d} would see it: its current connection (none if it has none). */
    private static List<Absence.Look> looks(Device d, Predicate<Received> match) {
        return d.connection().map(c -> List.of(new Absence.Look(d.label(), c, match))).orElse(List.of());
    }

    /** The observer's own control message, sent now. */
    private Absence.Control control(Observer o) {
        return new Absence.Control("the observer's control message", o.control(transcript), true);
    }

    /** {@code d}'s own password request, sent now: its reply comes on the same connection, after anything sent before. */
    private static Absence.Control marker(Device d) {
        return new Absence.Control("the reply to " + d.label() + "'s own request", d.marker(), false);
    }
}
