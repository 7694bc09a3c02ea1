package jp.ofuku.registry;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;

/**
 * Decodes bytes as text and refuses, with line and column, any byte sequence that is not
 * valid in the charset. {@link java.io.InputStreamReader} either replaces such bytes with
 * U+FFFD (a silently wrong name) or throws without saying where.
 */
public final class StrictTextReader extends Reader {

    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
    private long bytesConsumedBefore; // bytes of the file before bytes[0]
    private long line = 1;
    private long lineStartChar; // index (in chars produced) where the current line begins
    private long charsProduced;
    private boolean endOfInput;
    private boolean finished;
    private UndecodableInputException pending;

    public StrictTextReader(InputStream in, Charset charset) {
        this.in = in;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        bytes.flip();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (len == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(cbuf, off, len);
        while (out.position() == off) {
            if (finished) {
                return -1;
            }
            if (!endOfInput && bytes.remaining() < 8) {
                fill();
            }
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            if (result.isError()) {
                pending = errorAt(cbuf, off, out.position() - off, result.length());
                if (out.position() == off) {
                    throw pending;
                }
                break;
            }
            if (endOfInput && result.isUnderflow()) {
                decoder.flush(out); // stateless for UTF-8 and windows-31j: nothing is held back
                finished = true;
            }
        }
        int n = out.position() - off;
        track(cbuf, off, n);
        return n;
    }

    private void fill() throws IOException {
        bytesConsumedBefore += bytes.position();
        bytes.compact();
        int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (read < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + read);
        }
        bytes.flip();
    }

    private void track(char[] cbuf, int off, int n) {
        for (int i = off; i < off + n; i++) {
            if (cbuf[i] == '\n') {
                line++;
                lineStartChar = charsProduced + (i - off) + 1;
            }
        }
        charsProduced += n;
    }

    /** Where the bad bytes are: after the {@code n} chars just decoded into {@code cbuf}. */
    private UndecodableInputException errorAt(char[] cbuf, int off, int n, int badLength) {
        long lineAtError = line;
        long startOfLine = lineStartChar;
        for (int i = off; i < off + n; i++) {
            if (cbuf[i] == '\n') {
                lineAtError++;
                startOfLine = charsProduced + (i - off) + 1;
            }
        }
        long column = charsProduced + n - startOfLine + 1;
        int start = bytes.position();
        int end = Math.min(bytes.limit(), start + Math.max(badLength, 1));
        byte[] bad = new byte[end - start];
        bytes.duplicate().position(start).get(bad);
        return new UndecodableInputException(decoder.charset().name(), lineAtError, column,
                bytesConsumedBefore + start, "0x" + HexFormat.ofDelimiter(" 0x").withUpperCase().formatHex(bad));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
