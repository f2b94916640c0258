package org.dynreg.tck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text to HTML for the reports: everything is escaped (rule texts contain {@code <id>} and
 * {@code <DevSecret>}, which a browser would otherwise take as tags and drop), {@code `code`} and
 * {@code **bold**} are kept, and lines wrapped in the source are joined into paragraphs.
 */
public final class Html {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*([^*]+)\\*\\*");

    private Html() {
    }

    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** One line of Markdown-like text: escaped, with its code spans and bold parts. */
    public static String inline(String text) {
        StringBuilder out = new StringBuilder();
        Matcher m = CODE.matcher(text);
        int at = 0;
        while (m.find()) {
            out.append(bold(escape(text.substring(at, m.start())))).append("<code>").append(escape(m.group(1))).append("</code>");
            at = m.end();
        }
        return out.append(bold(escape(text.substring(at)))).toString();
    }

    private static String bold(String escaped) {
        return BOLD.matcher(escaped).replaceAll("<strong>$1</strong>");
    }

    /** The paragraphs of a text (separated by blank lines), each one's wrapped lines joined with a space. */
    public static List<String> paragraphs(String text) {
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : (text == null ? "" : text).split("\\R", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                flush(paragraphs, current);
            } else {
                current.append(current.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        flush(paragraphs, current);
        return paragraphs;
    }

    private static void flush(List<String> paragraphs, StringBuilder current) {
        if (current.length() > 0) {
            paragraphs.add(current.toString());
            current.setLength(0);
        }
    }

    /** {@code <p>}s for a text, see {@link #paragraphs} and {@link #inline}. */
    public static String paragraphsHtml(String text) {
        StringBuilder out = new StringBuilder();
        for (String p : paragraphs(text)) {
            out.append("<p>").append(inline(p)).append("</p>\n");
        }
        return out.toString();
    }
}
