package org.qingfeng.connectors.hl7;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * Turns received bytes into HL7 text: honours MSH-18 when it names a character set, else the feed's; drops a UTF-8
 * BOM; normalizes LF and CRLF segment terminators to CR, which many senders get wrong.
 */
public final class Hl7Text {

    private static final Map<String, String> HL7_CHARSETS = Map.ofEntries(
            Map.entry("UNICODE UTF-8", "UTF-8"),
            Map.entry("UTF-8", "UTF-8"),
            Map.entry("UNICODE", "UTF-8"),
            Map.entry("GB 18030-2000", "GB18030"),
            Map.entry("GB18030", "GB18030"),
            Map.entry("GB2312", "GB18030"),
            Map.entry("GBK", "GB18030"),
            Map.entry("8859/1", "ISO-8859-1"),
            Map.entry("ASCII", "US-ASCII"));

    private Hl7Text() {}

    /** The character set to decode with: MSH-18 if it names one we know, else the feed default. */
    public static Charset charsetOf(byte[] raw, Charset feedDefault) {
        String msh18 = msh18(raw);
        if (msh18 == null || msh18.isBlank()) {
            return feedDefault;
        }
        String name = HL7_CHARSETS.getOrDefault(msh18.trim().toUpperCase(Locale.ROOT), msh18.trim());
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return feedDefault;
        }
    }

    /** Decoded text, and whether the bytes were valid in the character set (no malformed or unmappable bytes). */
    public record Decoded(String text, boolean valid) {}

    /** Decodes strictly once; only bytes that are not valid are decoded again with replacement characters. */
    public static Decoded decodeChecked(byte[] raw, Charset charset) {
        try {
            String strict = charset.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(raw))
                    .toString();
            return new Decoded(normalize(strict), true);
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Decoded(decode(raw, charset), false);
        }
    }

    public static String decode(byte[] raw, Charset charset) {
        return normalize(new String(raw, charset));
    }

    private static String normalize(String decoded) {
        String text = decoded;
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\r").replace('\n', '\r');
        // Trailing terminators and blank segments confuse the parser; one CR after the last segment is enough.
        int end = text.length();
        while (end > 0 && (text.charAt(end - 1) == '\r' || text.charAt(end - 1) == ' ')) {
            end--;
        }
        return text.substring(0, end).replace("\r\r", "\r");
    }

    /** MSH-18 read from the bytes as ASCII: the field separator is MSH's fourth byte. */
    static String msh18(byte[] raw) {
        int start = raw.length >= 3 && (raw[0] & 0xFF) == 0xEF ? 3 : 0;
        if (raw.length < start + 4 || raw[start] != 'M' || raw[start + 1] != 'S' || raw[start + 2] != 'H') {
            return null;
        }
        byte sep = raw[start + 3];
        int field = 1;
        int fieldStart = -1;
        for (int i = start + 3; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '\r' || b == '\n') {
                return fieldStart < 0 ? null : ascii(raw, fieldStart, i);
            }
            if (b == sep) {
                field++;
                if (field == 18) {
                    fieldStart = i + 1;
                } else if (field == 19) {
                    return ascii(raw, fieldStart, i);
                }
            }
        }
        return fieldStart < 0 ? null : ascii(raw, fieldStart, raw.length);
    }

    private static String ascii(byte[] raw, int from, int to) {
        String value = new String(raw, from, to - from, StandardCharsets.US_ASCII);
        int component = value.indexOf('^');
        return component >= 0 ? value.substring(0, component) : value;
    }
}
