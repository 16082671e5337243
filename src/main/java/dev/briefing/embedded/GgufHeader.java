package dev.briefing.embedded;

import dev.briefing.error.ModelUnavailableException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The metadata at the start of a GGUF file, read in Java before the native loader sees the
 * file: a truncated download or a file that is not GGUF is then a clear message instead of
 * a failure inside llama.cpp. Arrays (the vocabulary) are skipped, not kept.
 *
 * @param version  GGUF version (2 or 3)
 * @param metadata scalar and string values by key; array values are recorded as their length
 */
public record GgufHeader(int version, long tensorCount, Map<String, Object> metadata) {
    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian uint32
    private static final int MAX_STRING = 64 << 20;

    public GgufHeader {
        metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
        if (tensorCount < 0) {
            throw new IllegalArgumentException("tensorCount must not be negative");
        }
    }

    /** The architecture's name, such as {@code llama} or {@code qwen2}. */
    public String architecture() {
        Object arch = metadata.get("general.architecture");
        return arch instanceof String s ? s : "unknown";
    }

    /** The window the model was trained for ({@code <arch>.context_length}), or -1 when absent. */
    public int contextLength() {
        Object value = metadata.get(architecture() + ".context_length");
        return value instanceof Number n ? (int) Math.min(Integer.MAX_VALUE, n.longValue()) : -1;
    }

    public boolean hasChatTemplate() {
        return metadata.get("tokenizer.chat_template") instanceof String;
    }

    /**
     * @throws ModelUnavailableException naming the file when it is missing, not GGUF or cut short
     */
    public static GgufHeader read(Path file) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(new LittleEndian(in), file);
        } catch (EOFException e) {
            throw bad(file, "it ends inside its header (an interrupted download?)", e);
        } catch (IOException e) {
            throw new ModelUnavailableException("cannot read the model file " + file + ": " + e.getMessage(),
                    "check the path in BRIEFING_MODEL_FILE", e);
        }
    }

    private static GgufHeader read(LittleEndian in, Path file) throws IOException {
        if (in.u32() != MAGIC) {
            throw bad(file, "it is not a GGUF file", null);
        }
        int version = in.u32();
        if (version < 2 || version > 3) {
            throw bad(file, "GGUF version " + version + " is not supported (2 or 3)", null);
        }
        long tensors = in.u64();
        long kvs = in.u64();
        if (tensors < 0 || kvs < 0 || kvs > 1_000_000) {
            throw bad(file, "its header counts are implausible", null);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvs; i++) {
            String key = in.string();
            int type = in.u32();
            metadata.put(key, value(in, type, file));
        }
        return new GgufHeader(version, tensors, metadata);
    }

    private static Object value(LittleEndian in, int type, Path file) throws IOException {
        return switch (type) {
            case 0 -> (long) in.u8();
            case 1 -> (long) (byte) in.u8();
            case 2 -> (long) in.u16();
            case 3 -> (long) (short) in.u16();
            case 4 -> Integer.toUnsignedLong(in.u32());
            case 5 -> (long) in.u32();
            case 6 -> (double) Float.intBitsToFloat(in.u32());
            case 7 -> in.u8() != 0;
            case 8 -> in.string();
            case 9 -> {
                int itemType = in.u32();
                long count = in.u64();
                if (count < 0) {
                    throw bad(file, "an array in its header has a negative length", null);
                }
                for (long j = 0; j < count; j++) {
                    value(in, itemType, file);
                }
                yield count;
            }
            case 10, 11 -> in.u64();
            case 12 -> Double.longBitsToDouble(in.u64());
            default -> throw bad(file, "its header has an unknown value type " + type, null);
        };
    }

    private static ModelUnavailableException bad(Path file, String why, Throwable cause) {
        return new ModelUnavailableException("the model file " + file + " cannot be used: " + why,
                "point BRIEFING_MODEL_FILE at a complete .gguf file, or delete it to download the default again",
                cause);
    }

    /** GGUF is little-endian throughout. */
    private static final class LittleEndian {
        private final DataInputStream in;

        LittleEndian(InputStream in) {
            this.in = new DataInputStream(in);
        }

        int u8() throws IOException {
            return in.readUnsignedByte();
        }

        int u16() throws IOException {
            return Short.reverseBytes(in.readShort()) & 0xffff;
        }

        int u32() throws IOException {
            return Integer.reverseBytes(in.readInt());
        }

        long u64() throws IOException {
            return Long.reverseBytes(in.readLong());
        }

        String string() throws IOException {
            long length = u64();
            if (length < 0 || length > MAX_STRING) {
                throw new EOFException("string of implausible length " + length);
            }
            byte[] bytes = in.readNBytes((int) length);
            if (bytes.length != length) {
                throw new EOFException();
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}
