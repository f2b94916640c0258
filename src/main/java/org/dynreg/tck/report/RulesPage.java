package org.dynreg.tck.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code rules.html}: the kit's copy of RULES.md (and DEVICE-RULES.md after it) as a page of its own, written next to the HTML
 * report so that each test's "in RULES.md" link works from wherever the report is served
 * ({@code rules.html#SECRET-2}: every rule's row has its ID as anchor). No script, no outside resource.
 */
public final class RulesPage {

    private static final Pattern RULE_ID = Pattern.compile("[A-Z]+-[0-9]+");
    private static final Pattern CELL_SEPARATOR = Pattern.compile("(?<!\\\\)\\|");

    private RulesPage() {
    }

    /** The broker's rules (RULES.md), then the device bench's (DEVICE-RULES.md): one page, an anchor per rule ID. */
    public static String html() {
        return html(rulesMarkdown() + "\n\n" + markdown("DEVICE-RULES.md"));
    }

    static String rulesMarkdown() {
        return markdown("RULES.md");
    }

    private static String markdown(String name) {
        try (InputStream in = RulesPage.class.getResourceAsStream("/spec/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the kit's copy of " + name + " (/spec/" + name + ") is missing from its classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kit's copy of " + name, e);
        }
    }

    static String html(String markdown) {
        StringBuilder body = new StringBuilder();
        List<String> block = new ArrayList<>();
        for (String line : markdown.split("\\R", -1)) {
            boolean continues = !block.isEmpty() && !line.isBlank() && kind(line) == kind(block.get(0))
                    || !block.isEmpty() && kind(block.get(0)) == Kind.LIST && line.startsWith("  ") && !line.isBlank();
            if (!continues) {
                render(block, body);
                block.clear();
            }
            if (!line.isBlank()) {
                block.add(line);
            }
            if (kind(line) == Kind.HEADING) {
                render(block, body);
                block.clear();
            }
        }
        render(block, body);
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>dynreg-tck: the rules the kit certifies</title>
                <style>
                body { font-family: sans-serif; max-width: 72em; margin: 2em auto; padding: 0 1em; line-height: 1.45; color: #222; }
                table { border-collapse: collapse; margin: 1em 0; } td, th { border: 1px solid #ccc; padding: .3em .6em; vertical-align: top; text-align: left; }
                tr:target { background: #fff3b0; outline: 2px solid #e0b000; } code { background: #f3f3f3; padding: 0 .2em; }
                </style></head>
                <body>
                <p><small>dynreg-tck %s: the kit's copy of RULES.md</small></p>
                %s</body></html>
                """.formatted(Html.escape(Kit.version()), body);
    }

    private enum Kind { HEADING, TABLE, LIST, TEXT }

    private static Kind kind(String line) {
        if (line.startsWith("#")) {
            return Kind.HEADING;
        }
        if (line.startsWith("|")) {
            return Kind.TABLE;
        }
        if (line.startsWith("- ")) {
            return Kind.LIST;
        }
        return Kind.TEXT;
    }

    private static void render(List<String> block, StringBuilder out) {
        if (block.isEmpty()) {
            return;
        }
        switch (kind(block.get(0))) {
            case HEADING -> {
                String line = block.get(0);
                int level = Math.min(3, (int) line.chars().takeWhile(c -> c == '#').count());
                out.append("<h").append(level).append('>').append(Html.inline(line.substring(level).strip()))
                        .append("</h").append(level).append(">\n");
            }
            case TABLE -> table(block, out);
            case LIST -> {
                out.append("<ul>\n");
                StringBuilder item = new StringBuilder();
                for (String line : block) {
                    if (line.startsWith("- ") && item.length() > 0) {
                        out.append("<li>").append(Html.inline(item.toString())).append("</li>\n");
                        item.setLength(0);
                    }
                    item.append(item.length() == 0 ? "" : " ").append(line.startsWith("- ") ? line.substring(2).strip() : line.strip());
                }
                out.append("<li>").append(Html.inline(item.toString())).append("</li>\n</ul>\n");
            }
            case TEXT -> out.append(Html.paragraphsHtml(String.join("\n", block)));
        }
    }

    private static void table(List<String> rows, StringBuilder out) {
        out.append("<table>\n");
        boolean header = true;
        for (String row : rows) {
            String inner = row.strip();
            inner = inner.substring(1, inner.endsWith("|") && !inner.endsWith("\\|") ? inner.length() - 1 : inner.length());
            List<String> cells = new ArrayList<>();
            for (String cell : CELL_SEPARATOR.split(inner, -1)) {
                cells.add(cell.strip().replace("\\|", "|"));
            }
            if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                continue;
            }
            String tag = header ? "th" : "td";
            String first = cells.get(0);
            out.append(!header && RULE_ID.matcher(first).matches() ? "<tr id=\"" + Html.escape(first) + "\">" : "<tr>");
            for (String cell : cells) {
                out.append('<').append(tag).append('>').append(Html.inline(cell)).append("</").append(tag).append('>');
            }
            out.append("</tr>\n");
            header = false;
        }
        out.append("</table>\n");
    }
}
