package jp.ofuku.registry;

import java.io.IOException;

/** Bytes that are not text in the file's encoding, with where they are. */
public class UndecodableInputException extends IOException {

    private final String charset;
    private final long line;
    private final long column;
    private final long byteOffset;
    private final String bytes;

    public UndecodableInputException(String charset, long line, long column, long byteOffset, String bytes) {
        super("line " + line + ", column " + column + ": bytes " + bytes + " (at byte offset " + byteOffset
                + ") are not valid " + charset);
        this.charset = charset;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.bytes = bytes;
    }

    public String charset() {
        return charset;
    }

    public long line() {
        return line;
    }

    /** 1-based character position within the line. */
    public long column() {
        return column;
    }

    public long byteOffset() {
        return byteOffset;
    }

    public String bytes() {
        return bytes;
    }
}
