package org.dynreg.tck.spec;

import java.util.Arrays;
import java.util.Optional;

/** The rules of RULES.md, as the reports name them. */
public enum Rule {
    CRED_1("CRED-1", Level.MUST, Area.CREDENTIALS, "The ClientID is ${ProductSN}.${DeviceSN}"),
    CRED_2("CRED-2", Level.MUST, Area.CREDENTIALS, "The UserName is ${ProductSN}|${DeviceSN}|${authmode}, authmode 1 or 2"),
    CRED_3("CRED-3", Level.MUST, Area.CREDENTIALS, "An unknown ProductSN is refused"),
    PRE_1("PRE-1", Level.MUST, Area.PRE_AUTHENTICATION, "A whitelisted device with the right ProdSecret is accepted"),
    PRE_2("PRE-2", Level.MUST, Area.PRE_AUTHENTICATION, "A wrong ProdSecret is refused"),
    PRE_3("PRE-3", Level.MUST, Area.PRE_AUTHENTICATION, "A DeviceSN not on the whitelist is refused"),
    PRE_4("PRE-4", Level.MUST, Area.PRE_AUTHENTICATION, "Dynamic registration switched off refuses authmode 2"),
    RESTRICT_1("RESTRICT-1", Level.MUST, Area.RESTRICTED_SESSION, "May subscribe to its password_reply and publish on its password topic"),
    RESTRICT_2("RESTRICT-2", Level.MUST, Area.RESTRICTED_SESSION, "Cannot send: other publishes are delivered to no one"),
    RESTRICT_3("RESTRICT-3", Level.MUST, Area.RESTRICTED_SESSION, "Cannot receive: other subscriptions deliver nothing"),
    RESTRICT_4("RESTRICT-4", Level.MUST, Area.RESTRICTED_SESSION, "Cannot reach another device's secret"),
    SECRET_1("SECRET-1", Level.MUST, Area.SECRET, "A request is answered on password_reply within the reply timeout"),
    SECRET_2("SECRET-2", Level.MUST, Area.SECRET, "The reply has RetCode \"0\", a string RequestID, a non-empty Password"),
    SECRET_3("SECRET-3", Level.MUST, Area.SECRET, "The reply echoes the RequestID exactly"),
    SECRET_4("SECRET-4", Level.MUST, Area.SECRET, "The Password opens a static login"),
    STATIC_1("STATIC-1", Level.MUST, Area.STATIC_LOGIN, "Authmode 1 accepts only the device's own DevSecret"),
    ACTIVE_1("ACTIVE-1", Level.MUST, Area.STATIC_LOGIN, "An activated device publishes on its uplink and receives on its downlink"),
    ADV_1("ADV-1", Level.SHOULD, Area.SECRET, "The reply arrives within 5 s"),
    ADV_2("ADV-2", Level.SHOULD, Area.RESTRICTED_SESSION, "A forbidden SUBSCRIBE gets a failure return code"),
    ADV_3("ADV-3", Level.SHOULD, Area.STATIC_LOGIN, "No second registration after static login"),
    ADV_4("ADV-4", Level.SHOULD, Area.SECRET, "The secret is at most 16 characters"),
    ADV_5("ADV-5", Level.SHOULD, Area.RESTRICTED_SESSION, "The restricted session accepts QoS 1"),
    ADV_6("ADV-6", Level.SHOULD, Area.SECRET, "Malformed requests do not stop later ones being answered");

    public enum Level { MUST, SHOULD }

    public enum Area {
        CREDENTIALS("Credentials"),
        PRE_AUTHENTICATION("Pre-authentication"),
        RESTRICTED_SESSION("Restricted session"),
        SECRET("Secret"),
        STATIC_LOGIN("Static login");

        private final String title;

        Area(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    private final String id;
    private final Level level;
    private final Area area;
    private final String summary;

    Rule(String id, Level level, Area area, String summary) {
        this.id = id;
        this.level = level;
        this.area = area;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    public Area area() {
        return area;
    }

    public String summary() {
        return summary;
    }

    private static volatile java.util.Map<String, String> texts;

    /** The rule's full text, as RULES.md words it. */
    public String text() {
        if (texts == null) {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            try (var in = Rule.class.getResourceAsStream("/spec/rules.tsv")) {
                if (in != null) {
                    new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.startsWith("#") && l.contains("\t"))
                            .forEach(l -> m.put(l.substring(0, l.indexOf('\t')), l.substring(l.indexOf('\t') + 1)));
                }
            } catch (java.io.IOException e) {
                // the summary stays as the text
            }
            texts = m;
        }
        return texts.getOrDefault(id, summary);
    }

    public static Optional<Rule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The rule named by a scenario's tags ({@code @PRE-3}). */
    public static Optional<Rule> fromTags(java.util.Collection<String> tags) {
        return tags.stream().map(t -> t.startsWith("@") ? t.substring(1) : t).map(Rule::byId)
                .flatMap(Optional::stream).findFirst();
    }
}
