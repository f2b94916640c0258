package org.dynreg.tck.submission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks ({@code -----BEGIN TYPE----- base64 -----END TYPE-----}): reading and writing. */
final class Pem {

    record Block(String type, byte[] der) {
    }

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    private Pem() {
    }

    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).contains("-----BEGIN ");
    }

    static List<Block> blocks(byte[] bytes) {
        Matcher m = BLOCK.matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        List<Block> out = new ArrayList<>();
        while (m.find()) {
            out.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
        }
        return out;
    }

    static String write(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
