package org.dynreg.tck.device;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The rules of DEVICE-RULES.md, as the device bench's reports name them. */
public enum DeviceRule {
    DEV_1("DEV-1", Level.MUST, "Pre-authenticates with ${ProductSN}.${DeviceSN}, authmode 2 and the ProdSecret"),
    DEV_2("DEV-2", Level.MUST, "Asks only after its SUBSCRIBE to password_reply was granted"),
    DEV_3("DEV-3", Level.MUST, "Asks on its own password topic with a JSON string RequestID"),
    DEV_4("DEV-4", Level.MUST, "Takes only a reply with its RequestID, RetCode 0 and a Password"),
    DEV_5("DEV-5", Level.MUST, "Takes a reply that comes after 4 s"),
    DEV_6("DEV-6", Level.MUST, "Logs in with authmode 1 and the issued secret"),
    DEV_7("DEV-7", Level.MUST, "On its next start logs in with its stored secret, no second registration"),
    DEV_8("DEV-8", Level.MUST, "Its restricted session uses nothing but its own system topics"),
    DEV_9("DEV-9", Level.MUST, "Keep-alive between 30 and 1200 s"),
    DEV_10("DEV-10", Level.SHOULD, "Waits before trying again after a refused CONNECT");

    public enum Level { MUST, SHOULD }

    private final String id;
    private final Level level;
    private final String summary;

    DeviceRule(String id, Level level, String summary) {
        this.id = id;
        this.level = level;
        this.summary = summary;
    }

    public String id() {
        return id;
    }

    public Level level() {
        return level;
    }

    public String summary() {
        return summary;
    }

    /** The rule's full text, as DEVICE-RULES.md words it. */
    public String text() {
        return Document.TEXTS.getOrDefault(id, summary);
    }

    /** The level DEVICE-RULES.md gives the rule (its test compares it with {@link #level()}). */
    public Optional<Level> documentedLevel() {
        return Optional.ofNullable(Document.LEVELS.get(id));
    }

    public static Optional<DeviceRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** The rule named by a scenario's tags ({@code @DEV-4}). */
    public static Optional<DeviceRule> fromTags(Collection<String> tags) {
        return tags.stream().map(t -> t.startsWith("@") ? t.substring(1) : t).map(DeviceRule::byId)
                .flatMap(Optional::stream).findFirst();
    }

    /** DEVICE-RULES.md's table rows: {@code | DEV-n | MUST | text | source |}. */
    private static final class Document {
        static final Map<String, String> TEXTS = new HashMap<>();
        static final Map<String, Level> LEVELS = new HashMap<>();
        private static final Pattern ROW = Pattern.compile("(?m)^\\| (DEV-\\d+) \\| (MUST|SHOULD) \\| (.*?) \\| (.*?) \\|$");

        static {
            try (InputStream in = DeviceRule.class.getResourceAsStream("/spec/DEVICE-RULES.md")) {
                if (in != null) {
                    Matcher m = ROW.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (m.find()) {
                        TEXTS.put(m.group(1), m.group(3).replace("\\|", "|"));
                        LEVELS.put(m.group(1), Level.valueOf(m.group(2)));
                    }
                }
            } catch (IOException e) {
                // the summaries stay as the texts
            }
        }
    }
}
