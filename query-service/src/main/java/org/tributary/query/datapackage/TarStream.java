package org.tributary.query.datapackage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A tar stream (POSIX ustar, with a pax header for names longer than ustar holds) written entry by entry, as
 * Python's {@code tarfile} reads it: regular files only, mode 0644, owner 0, modification time 0, so the same
 * packages make the same bytes.
 */
final class TarStream {

    static final int BLOCK = 512;
    private static final int NAME_LENGTH = 100;
    /** The largest size eleven octal digits hold (8 GiB - 1); beyond it a pax record carries the size. */
    static final long MAX_USTAR_SIZE = 077777777777L;

    private final OutputStream out;

    TarStream(OutputStream out) {
        this.out = out;
    }

    void entry(String name, byte[] content) throws IOException {
        entry(name, content.length, new java.io.ByteArrayInputStream(content));
    }

    /** Writes one file of {@code size} bytes read from {@code content}; fails if it holds fewer or more. */
    void entry(String name, long size, InputStream content) throws IOException {
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        String headerName = name;
        java.io.ByteArrayOutputStream pax = new java.io.ByteArrayOutputStream();
        if (utf8.length > NAME_LENGTH || utf8.length != name.length()) {
            pax.write(paxRecord("path", name));
            headerName = asciiPrefix(name);
        }
        if (size > MAX_USTAR_SIZE) {
            // ustar's eleven octal digits end at 8 GiB; pax carries the size in decimal
            pax.write(paxRecord("size", Long.toString(size)));
        }
        if (pax.size() > 0) {
            out.write(header("././@PaxHeader", pax.size(), 'x'));
            pax.writeTo(out);
            pad(pax.size());
        }
        out.write(header(headerName, size > MAX_USTAR_SIZE ? 0 : size, '0'));
        long copied = content.transferTo(out);
        if (copied != size) {
            throw new IOException(name + " holds " + copied + " bytes, not the " + size + " its package names");
        }
        pad(size);
    }

    /** The end of the archive: two zero blocks. */
    void finish() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    static byte[] header(String name, long size, char type) {
        byte[] header = new byte[BLOCK];
        put(header, 0, NAME_LENGTH, name.getBytes(StandardCharsets.US_ASCII));
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = (byte) type;
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
        return header;
    }

    /** A pax record {@code "<length> key=value\n"}, whose length counts its own digits. */
    static byte[] paxRecord(String key, String value) {
        int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
        int length = body + String.valueOf(body).length();
        if (String.valueOf(length).length() != String.valueOf(body).length()) {
            length++;
        }
        return (length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String asciiPrefix(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c < 0x80 && c >= 0x20 ? c : '_');
        }
        return ascii.length() > NAME_LENGTH ? ascii.substring(0, NAME_LENGTH) : ascii.toString();
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }

    /** Zero-padded octal digits, ending in NUL, in {@code length} bytes. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
        put(header, offset, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
        header[offset + length - 1] = 0;
    }
}
